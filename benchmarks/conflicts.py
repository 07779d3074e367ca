"""Conflict findings and lint time on generated specs with planted conflicts.

    python benchmarks/conflicts.py [--gen ../shared/bench/gen_spec.py] [--sizes 2000 10000] [--repeat 3]

The generator writes a spec whose rules are distinct (each names its own
project) and about 2% of which are planted opposites of an earlier rule (the
same words, the other polarity, in the same project). A planted pair whose
levels differ is ordered by them and is no finding; the others are the
conflicts to find. For each size this prints the planted pairs, the
unordered ones, the C001/C004 findings (one per rule in conflict) and the
pairs they name, how many of those are planted, and the lint time (best of
`--repeat`, wall and CPU, parse included, each lint in a new process as
`speclint check` runs it; `--warm`: all in this process, so that the later
lints find the rules' words and analyses cached). Then the growth of the
time for the sizes given. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_RULE = re.compile(r"^  rule (\S+) \[level: (\w+)\]: (.*)$", re.M)


def planted(text: str) -> list[tuple[str, str, bool]]:
    """(earlier rule, its planted opposite, whether their levels are equal)."""
    seen: dict[str, tuple[str, str, str]] = {}
    out = []
    for rid, level, said in _RULE.findall(text):
        plain = said[len("Do not "):] if said.startswith("Do not ") else said
        key = plain.lower()
        if key in seen and seen[key][2] != said:
            first, first_level, _ = seen[key]
            out.append((first, rid, first_level == level))
        else:
            seen[key] = (rid, level, said)
    return out


#: One lint in a new process, as `speclint check` lints a file: nothing of an
#: earlier lint cached (the words, analyses and scopes of every rule are
#: remembered by text, so a second lint in the same process costs less and
#: would understate the work). Prints the times and the conflict pairs named.
_ONE_LINT = """
import json, sys, time
from specdsl.linting.linter import LintOptions, lint
text = open(sys.argv[1], encoding="utf-8").read()
w, c = time.perf_counter(), time.process_time()
found = lint(text, "bench.mspec", options=LintOptions())
wall, cpu = time.perf_counter() - w, time.process_time() - c
pairs = [[d.rule, r.rule] for d in found if d.code in ("C001", "C004") for r in d.related]
findings = sum(1 for d in found if d.code in ("C001", "C004"))
print(json.dumps({"wall": wall, "cpu": cpu, "pairs": pairs, "findings": findings}))
"""


def run(gen: Path, n: int, repeat: int, warm: bool = False) -> dict:
    text = subprocess.run([sys.executable, str(gen), str(n)], capture_output=True, text=True, check=True).stdout
    best_wall = best_cpu = float("inf")
    if warm:  # the older figure: `repeat` lints in this process, the later ones with warm caches
        from specdsl.linting.linter import LintOptions, lint

        for _ in range(repeat):
            w, c = time.perf_counter(), time.process_time()
            found = lint(text, "bench.mspec", options=LintOptions())
            best_wall = min(best_wall, time.perf_counter() - w)
            best_cpu = min(best_cpu, time.process_time() - c)
        conflict = [d for d in found if d.code in ("C001", "C004")]
        findings = len(conflict)
        named = {frozenset((d.rule, r.rule)) for d in conflict for r in d.related}
    else:
        with tempfile.TemporaryDirectory() as tmp:
            spec = Path(tmp) / "bench.mspec"
            spec.write_text(text, encoding="utf-8")
            for _ in range(repeat):
                out = subprocess.run(
                    [sys.executable, "-c", _ONE_LINT, str(spec)], capture_output=True, text=True, check=True, cwd=ROOT
                ).stdout
                one = json.loads(out)
                best_wall = min(best_wall, one["wall"])
                best_cpu = min(best_cpu, one["cpu"])
        findings = one["findings"]
        named = {frozenset(pair) for pair in one["pairs"]}
    pairs = planted(text)
    unordered = {frozenset(p[:2]) for p in pairs if p[2]}
    return {
        "rules": n,
        "planted": len(pairs),
        "unordered": len(unordered),
        "findings": findings,
        "pairs": len(named),
        "planted_found": len(named & unordered),
        "wall": best_wall,
        "cpu": best_cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gen", type=Path, default=Path("../shared/bench/gen_spec.py"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--warm", action="store_true",
        help="lint --repeat times in this process (the later lints find the rules' words and analyses cached)",
    )
    args = parser.parse_args()
    if not args.gen.is_file():
        sys.exit(f"conflicts.py: no generator at {args.gen} (give one with --gen)")
    rows = [run(args.gen, n, args.repeat, args.warm) for n in args.sizes]
    print(f"{'rules':>7} {'planted':>8} {'to find':>8} {'findings':>9} {'pairs':>6} {'of them planted':>16} {'wall s':>7} {'cpu s':>6}")
    for r in rows:
        print(
            f"{r['rules']:>7} {r['planted']:>8} {r['unordered']:>8} {r['findings']:>9} {r['pairs']:>6} "
            f"{r['planted_found']:>16} {r['wall']:>7.2f} {r['cpu']:>6.2f}"
        )
    for r in rows:
        off = (r["pairs"] - r["unordered"]) / r["unordered"] if r["unordered"] else 0.0
        print(f"{r['rules']} rules: conflict pairs {r['pairs']} against {r['unordered']} to find ({off:+.0%})")
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        print(
            f"growth for {b['rules'] / a['rules']:.0f}x the rules: {b['cpu'] / a['cpu']:.2f}x cpu, "
            f"{b['wall'] / a['wall']:.2f}x wall"
        )


if __name__ == "__main__":
    main()
