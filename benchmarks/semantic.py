"""The semantic tier: threshold sweep on the labelled set, and timings.

    python benchmarks/semantic.py --sweep        # precision/recall per threshold; the chosen defaults
    python benchmarks/semantic.py                # timings of a 2,000-rule spec (cold, warm, lexical)
    python benchmarks/semantic.py --rules 500    # a smaller spec

Needs the semantic extra (`pip install 'speclint[semantic]'`). These are
measurements, not tests: nothing here asserts on time.

**Sweep.** For each code (C002, C003, R003, V001) the threshold runs over a
grid; for each value the labelled set (tests/data/semantic/labelled.yaml) is
scored, and the clean example specs are linted (every semantic finding on
them is a false positive). A value is acceptable when, at it and at
`MARGIN` (0.03) below it, the clean examples have no finding and the
labelled set's precision is at least 0.95; the chosen default is the middle
of the longest run of acceptable values with the best F1.

**Timings.** A spec from benchmarks/generate.py, each figure in a new process:
the lexical lint; the semantic lint with an empty embedding cache ("cold",
which imports torch and loads the model); the semantic lint again with every
text cached ("warm", which must not import torch); and the warm run through
`speclint check --semantic` with the results cache emptied.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "data" / "semantic" / "labelled.yaml"
CLEAN = [ROOT / "examples" / "reference.mspec", ROOT / "examples" / "coding-agent.mspec"]
GRID = [round(0.30 + 0.01 * i, 2) for i in range(61)]  # 0.30 … 0.90


def clean_specs() -> list[Path]:
    return list(CLEAN)


def clean_findings(code: str, semantic: dict) -> int:
    """Semantic findings of `code` on the clean examples (all false positives)."""
    from specdsl.linting.linter import LintOptions, lint
    from specdsl.workspace.settings import Config

    config = Config.model_validate({"semantic": semantic})
    count = 0
    for path in clean_specs():
        text = path.read_text(encoding="utf-8")
        found = lint(text, str(path), options=LintOptions(select=[code], config=config))
        count += sum(1 for d in found if d.code == code and d.data.get("tier") == "semantic")
    return count


#: The margin of similarity kept below a chosen threshold: the clean examples and the
#: labelled set must already be fine this much lower, so that a slightly different
#: wording of the same text does not tip a finding over.
MARGIN = 0.03


def choose(rows: list[tuple[float, object, int]]) -> float | None:
    """The middle of the best-F1 run among the acceptable values (see the module docstring)."""
    fine = {round(v, 2) for v, s, clean in rows if clean == 0 and s.precision >= 0.95}
    ok = [(v, s) for v, s, _ in rows if s.tp and round(v - MARGIN, 2) in fine and round(v, 2) in fine]
    if not ok:
        return None
    best = max(round(s.f1, 6) for _, s in ok)
    run, runs = [], []
    for v, s in ok:
        if round(s.f1, 6) == best and (not run or abs(v - run[-1] - 0.01) < 1e-9):
            run.append(v)
        elif round(s.f1, 6) == best:
            runs.append(run)
            run = [v]
    runs.append(run)
    longest = max(runs, key=len)
    return longest[(len(longest) - 1) // 2]


def sweep(grid: list[float]) -> dict[str, float | None]:
    from specdsl import semantic
    from specdsl.tools import evaluate

    semantic.configure(cache_dir=str(ROOT / ".speclint_cache"))
    cases = evaluate.load(LABELLED)
    lexical = evaluate.score(cases, None)
    chosen: dict[str, float | None] = {}
    for code, key in evaluate.THRESHOLD_KEYS.items():
        rows = []
        print(f"\n{code} ({key})")
        print("threshold  precision  recall    F1   tp  fp  fn  clean-example findings")
        for value, s in evaluate.sweep(cases, code, grid):
            clean = clean_findings(code, {"enabled": True, key: value})
            rows.append((value, s, clean))
            print(f"   {value:.2f}      {s.precision:5.2f}   {s.recall:5.2f}  {s.f1:5.2f}  {s.tp:3d} {s.fp:3d} {s.fn:3d}  {clean}")
        chosen[code] = choose(rows)
        lex = lexical.get(code)
        print(f"chosen: {chosen[code]}   (lexical tier alone: precision {lex.precision:.2f}, recall {lex.recall:.2f})")
    print("\nchosen defaults:", json.dumps({evaluate.THRESHOLD_KEYS[c]: v for c, v in chosen.items()}))
    return chosen


def table(thresholds: dict[str, float] | None = None) -> str:
    """The README's table: precision and recall per code at the defaults, lexical alone beside."""
    from specdsl.tools import evaluate
    from specdsl.workspace.settings import SemanticConfig

    cases = evaluate.load(LABELLED)
    defaults = SemanticConfig()
    semantic = {"enabled": True}
    if thresholds:
        semantic.update(thresholds)
    on = evaluate.score(cases, semantic)
    off = evaluate.score(cases, None)
    lines = [
        "| code | threshold | cases | hard negatives | precision | recall | lexical tier alone: precision / recall |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for code, key in evaluate.THRESHOLD_KEYS.items():
        s, lex = on[code], off[code]
        value = semantic.get(key, getattr(defaults, key.replace("-", "_")))
        lines.append(
            f"| {code} | {value:.2f} | {s.cases} | {s.negatives} | {s.precision:.2f} | {s.recall:.2f} | "
            f"{lex.precision:.2f} / {lex.recall:.2f} |"
        )
    problems = [p for code in on for p in on[code].problems]
    return "\n".join(lines + [""] + problems)


# ---------------------------------------------------------------- timings

_CHILD = r"""
import json, os, sys, time
t0 = time.perf_counter()
from specdsl import semantic
from specdsl.linting.linter import LintOptions, lint
from specdsl.workspace.settings import Config
mode, path, cache = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path, encoding="utf-8").read()
semantic.configure(cache_dir=cache)
config = Config.model_validate({"semantic": {"enabled": mode != "lexical"}})
load = 0.0
if mode == "cold-split":  # the import and load of the model apart from the lint
    t = time.perf_counter()
    semantic.warm_up()
    load = time.perf_counter() - t
t1 = time.perf_counter()
c1 = time.process_time()
found = lint(text, path, options=LintOptions(config=config))
t2 = time.perf_counter()
from specdsl.semantic import session
computed = session.embedder_for(config).computed if mode != "lexical" else 0
print(json.dumps({"lint": t2 - t1, "cpu": time.process_time() - c1, "total": t2 - t0, "load": load,
                  "torch": "torch" in sys.modules, "embedded": computed,
                  "findings": len(found), "semantic": sum(1 for d in found if d.data.get("tier") == "semantic")}))
"""


def _child(mode: str, spec: Path, cache: Path, models: Path | None = None) -> dict:
    env = dict(os.environ)
    if models is not None:
        env["SPECLINT_MODEL_CACHE"] = str(models)
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(spec), str(cache)],
        capture_output=True, text=True, check=True, cwd=ROOT, env=env,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _cli(spec: Path, *flags: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "specdsl.cli", "check", "--exit-zero", "--format", "concise", *flags, str(spec)],
        capture_output=True, text=True, cwd=spec.parent,
    )
    return time.perf_counter() - start


def timings(rules: int, repeat: int) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    work = Path(tempfile.mkdtemp(prefix="speclint-semantic-bench-"))
    try:
        spec = work / "big.mspec"
        spec.write_text(generate(rules), encoding="utf-8")
        (work / ".git").mkdir()  # the cache root
        cache = work / ".speclint_cache"
        print(f"spec: {rules} rules, {spec.stat().st_size / 1e6:.2f} MB; {os.cpu_count()} cores")

        lexical = [_child("lexical", spec, cache) for _ in range(repeat)]
        cold, split = [], []
        for _ in range(repeat):
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(_child("semantic", spec, cache))
        shutil.rmtree(cache, ignore_errors=True)
        split.append(_child("cold-split", spec, cache))
        # the first run on a machine: the model is exported for ONNX Runtime (with torch)
        shutil.rmtree(cache, ignore_errors=True)
        first = _child("cold-split", spec, cache, work / "models")
        warm = [_child("semantic", spec, cache) for _ in range(repeat)]

        def best(rows, key):
            return min(r[key] for r in rows)

        print(f"lexical lint (in process):          {best(lexical, 'lint'):7.3f} s   (cpu {best(lexical, 'cpu'):.3f} s, "
              f"process {best(lexical, 'total'):.3f} s)")
        print(f"semantic, cold embedding cache:     {best(cold, 'lint'):7.3f} s   (process {best(cold, 'total'):.3f} s, "
              f"torch imported: {cold[0]['torch']}, texts embedded: {cold[0]['embedded']})")
        s = split[0]
        print(f"   of which import + model load:    {s['load']:7.3f} s; the lint with the model loaded: {s['lint']:.3f} s "
              f"({s['embedded'] / max(s['lint'], 1e-9):.0f} texts/s at most)")
        print(f"first run on a machine (export):    {first['load']:7.3f} s to export and load the model "
              f"(torch imported: {first['torch']}), then {first['lint']:.3f} s")
        print(f"semantic, warm embedding cache:     {best(warm, 'lint'):7.3f} s   (cpu {best(warm, 'cpu'):.3f} s, "
              f"process {best(warm, 'total'):.3f} s, torch imported: {warm[0]['torch']})")
        print(f"warm / lexical (lint):              {best(warm, 'lint') / best(lexical, 'lint'):7.2f} x")
        print(f"warm / lexical (lint, cpu time):    {best(warm, 'cpu') / best(lexical, 'cpu'):7.2f} x")
        print(f"warm / lexical (whole process):     {best(warm, 'total') / best(lexical, 'total'):7.2f} x")
        print(f"semantic findings: {warm[0]['semantic']} of {warm[0]['findings']}")

        # the CLI, results cache emptied each time so that the spec is linted again
        results = cache / "v1"
        cli_lexical, cli_warm = [], []
        for _ in range(repeat):
            shutil.rmtree(results, ignore_errors=True)
            cli_lexical.append(_cli(spec))
            shutil.rmtree(results, ignore_errors=True)
            cli_warm.append(_cli(spec, "--semantic"))
        print(f"`speclint check` lexical:            {min(cli_lexical):7.3f} s")
        print(f"`speclint check --semantic` warm:    {min(cli_warm):7.3f} s   ({min(cli_warm) / min(cli_lexical):.2f} x)")
        # and with the results cache kept: the usual second run of a spec that did not change
        _cli(spec)
        _cli(spec, "--semantic")
        hit_lexical = min(_cli(spec) for _ in range(repeat))
        hit_semantic = min(_cli(spec, "--semantic") for _ in range(repeat))
        print(f"results cached, lexical / semantic:  {hit_lexical:7.3f} s / {hit_semantic:.3f} s "
              f"({hit_semantic / hit_lexical:.2f} x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="sweep the thresholds on the labelled set")
    parser.add_argument("--table", action="store_true", help="print the README table at the default thresholds")
    parser.add_argument("--rules", type=int, default=2000, help="rules in the timed spec (default 2000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the best is shown")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.sweep:
        sweep(GRID)
        return 0
    if args.table:
        print(table())
        return 0
    timings(args.rules, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
