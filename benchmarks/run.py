"""Speed figures for the README: parse and lint throughput, scaling, start-up.

    python benchmarks/run.py            # all figures
    python benchmarks/run.py --quick    # smaller sizes, fewer repeats
    python benchmarks/run.py --peers    # cold check against yamllint and proselint

Every figure is the best of several runs (the least disturbed by whatever
else the machine is doing). Parsing and linting run in-process with the
cyclic garbage collector off, as the `speclint` command runs them; the
start-up figure runs the installed `speclint` as a new process each time.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        gc.enable()
    return min(times)


def parse_and_lint(sizes: list[int], repeat: int) -> list[dict]:
    from specdsl.linting.linter import lint_model
    from specdsl.model.model import build_model
    from specdsl.syntax.parser import parse

    parse("rule A: warm up the grammar cache\n")
    rows = []
    for n in sizes:
        text = generate(n)
        mb = len(text.encode()) / 1e6
        t_parse = best_of(repeat, lambda: parse(text))
        models = []

        def lint_all():
            model = build_model(parse(text), text=text)
            lint_model(model)
            models.append(model)

        t_lint = best_of(repeat, lint_all)
        compared = getattr(models[-1], "_pairs_compared", 0)
        rows.append({"rules": n, "mb": mb, "parse": t_parse, "lint": t_lint, "pairs": compared / max(1, len(models[-1].rules))})
    return rows


def speclint_exe(exe: str | None) -> str:
    """The `speclint` to run: the one given, else the one on PATH; an absolute
    path, since the runs start in a temporary folder."""
    found = exe or shutil.which("speclint")
    if found is None:
        raise SystemExit("no `speclint` on PATH: install it (pip install .) or give --exe VENV/bin/speclint")
    return str(Path(found).absolute())


def many_files(count: int, rules: int, exe: str | None = None) -> dict:
    """`speclint check` over `count` files of `rules` rules: first run, then unchanged."""
    exe = speclint_exe(exe)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(count):
            (Path(tmp) / f"spec{i:03d}.mspec").write_text(generate(rules, seed=i))
        timings = {}
        for label in ("first", "second"):
            start = time.perf_counter()
            cpu_start = os.times()
            subprocess.run([exe, "check", "--exit-zero", "--format", "concise", tmp], capture_output=True, check=True, env=ENV)
            wall = time.perf_counter() - start
            cpu_end = os.times()
            cpu = (cpu_end.children_user - cpu_start.children_user) + (cpu_end.children_system - cpu_start.children_system)
            timings[label] = (wall, cpu / wall if wall else 0)
    return timings


#: Subprocesses run as installed tools do: with Python's bytecode cache (some
#: sandboxes set PYTHONDONTWRITEBYTECODE, which makes every start compile
#: every module from source).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

#: The modules that define the AST, the diagnostics and the configuration's
#: schema (with pydantic, which only a run with a configuration file loads).
#: No parsing, no checks, no output.
FLOOR = "import specdsl.syntax.ast, specdsl.core.diagnostics, specdsl.workspace.settings"


def cold_cli(repeat: int, exe: str | None = None) -> dict:
    exe = speclint_exe(exe)
    beside = Path(exe).with_name("python")
    python = str(beside) if beside.exists() else sys.executable
    text = generate(8)  # about 50 lines
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "small.mspec"
        spec.write_text(text)
        lines = text.count("\n")
        subprocess.run([exe, "check", "--exit-zero", str(spec)], capture_output=True, env=ENV)  # builds the grammar and bytecode caches
        # The four kinds of run take turns, so that a busy spell of the
        # machine falls on all of them alike.
        runs = {
            "check": [exe, "check", "--no-cache", "--exit-zero", str(spec)],
            "cached": [exe, "check", "--exit-zero", str(spec)],
            "floor": [python, "-c", FLOOR],
            "python": [python, "-c", "pass"],
        }
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(repeat):
            for name, command in runs.items():
                start = time.perf_counter()
                subprocess.run(command, capture_output=True, check=True, env=ENV, cwd=tmp)  # not this checkout: `-c` puts the folder first on sys.path
                times[name].append(time.perf_counter() - start)
    return {
        "lines": lines,
        "best": min(times["check"]),
        "median": statistics.median(times["check"]),
        "cached_best": min(times["cached"]),
        "cached_median": statistics.median(times["cached"]),
        "floor_best": min(times["floor"]),
        "floor_median": statistics.median(times["floor"]),
        "python": min(times["python"]),
    }


def worst_case_index(n: int) -> float:
    """Pairs compared per rule when every rule is about the same action."""
    from specdsl.linting.linter import lint_model
    from specdsl.model.model import build_model
    from specdsl.syntax.parser import parse

    lines = []
    for i in range(n):
        verb = "Never share" if i % 2 else "Always share"
        lines.append(f"rule W{i}: {verb} the booking reference.\n  rationale: Callers trust us, case {i}.")
    text = "\n".join(lines) + "\n"
    model = build_model(parse(text), text=text)
    start = time.perf_counter()
    lint_model(model)
    elapsed = time.perf_counter() - start
    return getattr(model, "_pairs_compared", 0) / n, elapsed


def _print_cold(cli: dict) -> None:
    ms = {k: v * 1000 for k, v in cli.items() if k != "lines"}
    print(
        f"\n`speclint check` of a {cli['lines']}-line spec, new process each time: "
        f"without the results cache best {ms['best']:.0f} ms, median {ms['median']:.0f} ms; "
        f"unchanged file (cached) best {ms['cached_best']:.0f} ms, median {ms['cached_median']:.0f} ms. "
        f"Importing the AST, diagnostics and configuration schema alone (`{FLOOR}`): best {ms['floor_best']:.0f} ms, "
        f"median {ms['floor_median']:.0f} ms; a bare `python -c pass`: {ms['python']:.0f} ms"
    )


#: Where `--peers` installs yamllint and proselint (ignored by git).
PEERS_VENV = HERE.parent / ".bench-venv"
PEERS = ("yamllint", "proselint")
MODEL_SPEC = HERE.parent / "tests" / "data" / "corpus" / "openai-model-spec" / "model_spec.md"
#: A small YAML file, as a pre-commit hook would check one.
SMALL_YAML = "name: speclint\nversion: 1\nhooks: [check, fmt]\n"


def peer_tools() -> dict[str, str]:
    """yamllint and proselint, installed with pip into `.bench-venv/` on first use."""
    bin_dir = PEERS_VENV / ("Scripts" if os.name == "nt" else "bin")
    found = {name: bin_dir / name for name in PEERS}
    if not all(path.exists() for path in found.values()):
        print(f"installing {', '.join(PEERS)} into {PEERS_VENV.name}/ ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
        subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", *PEERS], check=True)
    return {name: str(path) for name, path in found.items()}


def markdown_excerpt(size: int = 3000) -> str:
    """The first `size` characters or so of the OpenAI Model Spec, cut at a paragraph."""
    text = MODEL_SPEC.read_text(encoding="utf-8")
    cut = text.rfind("\n\n", 0, size)
    return text[: cut if cut > 0 else size] + "\n"


def peers(repeat: int, exe: str | None = None) -> dict:
    """Whole-process wall times of a cold `speclint check --no-cache` of a
    51-line spec, yamllint on a 3-line YAML file and proselint on a 3 KB
    Markdown excerpt, taking turns (`repeat` runs each, after one warm-up)."""
    exe = speclint_exe(exe)
    tools = peer_tools()
    with tempfile.TemporaryDirectory() as tmp:
        spec, yaml, prose = Path(tmp) / "small.mspec", Path(tmp) / "small.yaml", Path(tmp) / "excerpt.md"
        spec.write_text(generate(8))
        yaml.write_text(SMALL_YAML)
        prose.write_text(markdown_excerpt())
        runs = {
            "speclint": [exe, "check", "--no-cache", "--exit-zero", str(spec)],
            "yamllint": [tools["yamllint"], str(yaml)],
            "proselint": [tools["proselint"], "check", str(prose)],
        }
        times: dict[str, list[float]] = {name: [] for name in runs}
        for command in runs.values():  # byte code and disk caches
            subprocess.run(command, capture_output=True, env=ENV, cwd=tmp)
        for _ in range(repeat):
            for name, command in runs.items():
                start = time.perf_counter()
                subprocess.run(command, capture_output=True, env=ENV, cwd=tmp)
                times[name].append(time.perf_counter() - start)
        sizes = {
            "speclint": f"{spec.read_text().count(chr(10))}-line spec",
            "yamllint": f"{yaml.read_text().count(chr(10))}-line YAML",
            "proselint": f"{prose.stat().st_size / 1000:.1f} KB Markdown",
        }
    return {name: (sizes[name], statistics.median(t), min(t)) for name, t in times.items()}


def _print_peers(figures: dict, repeat: int) -> None:
    spec_median = figures["speclint"][1]
    print(f"\nCold start against the linters in the same hooks: whole processes, {repeat} runs each, taking turns")
    print("\n| run | input | median | best | speclint / it (median) | target |")
    print("|---|---|---:|---:|---:|---:|")
    targets = {"yamllint": 1.2, "proselint": 0.8}
    for name, (what, median, best) in figures.items():
        ratio = "" if name == "speclint" else f"{spec_median / median:.2f}"
        target = f"<= {targets[name]}" if name in targets else ""
        label = "`speclint check --no-cache`" if name == "speclint" else f"`{name}`"
        print(f"| {label} | {what} | {median * 1000:.0f} ms | {best * 1000:.0f} ms | {ratio} | {target} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="speclint benchmarks")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--exe",
        help="the `speclint` to run as a command (default: the one on PATH). An editable "
        "install runs its import hook at every start; a regular one (`pip install .` in a "
        "venv) is what users run",
    )
    parser.add_argument("--cold-only", action="store_true", help="time only the cold start of `speclint check`")
    parser.add_argument(
        "--peers", action="store_true",
        help="only the cold start beside yamllint and proselint (installs them into .bench-venv/ with pip)",
    )
    parser.add_argument("--runs", type=int, default=15, help="runs of each command for --peers (default 15)")
    args = parser.parse_args(argv)
    args.exe = speclint_exe(args.exe)  # before any work: say at once if there is none
    if args.peers:
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        _print_peers(peers(args.runs, args.exe), args.runs)
        return 0
    if args.cold_only:
        _print_cold(cold_cli(20, args.exe))
        return 0
    sizes = [1000, 10000] if not args.quick else [200, 2000]
    repeat = 5 if not args.quick else 2
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    rows = parse_and_lint(sizes, repeat)
    print("\n| rules | size | parse + AST | parse MB/s | full lexical lint | pairs compared per rule |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['rules']:,} | {r['mb']:.2f} MB | {r['parse']:.3f} s | {r['mb'] / r['parse']:.2f} | "
            f"{r['lint']:.3f} s | {r['pairs']:.2f} |"
        )
    small, big = rows[0], rows[-1]
    factor = big["rules"] / small["rules"]
    print(
        f"\nscaling: {factor:.0f}x the rules costs {big['parse'] / small['parse']:.2f}x the parse time "
        f"and {big['lint'] / small['lint']:.2f}x the lint time"
    )
    files = many_files(200 if not args.quick else 40, 50, args.exe)
    (w1, c1), (w2, c2) = files["first"], files["second"]
    print(
        f"\n`speclint check` over {200 if not args.quick else 40} files of 50 rules: first run {w1:.2f} s "
        f"({c1 * 100:.0f}% CPU, i.e. {c1:.1f} cores busy), unchanged second run {w2:.2f} s ({w1 / w2:.1f}x faster)"
    )
    _print_cold(cold_cli(20 if not args.quick else 3, args.exe))
    for n in ((1000, 4000) if not args.quick else (200, 800)):
        per_rule, elapsed = worst_case_index(n)
        print(f"worst case for the conflict index, {n:,} rules about one action: {per_rule:.1f} pairs compared per rule, lint {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
