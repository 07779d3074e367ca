"""Conflict findings and lint time on generated specs with planted conflicts.

    python benchmarks/conflicts.py [--gen ../shared/bench/gen_spec.py] [--sizes 2000 10000] [--repeat 3]

The generator writes a spec whose rules are distinct (each names its own
project) and about 2% of which are planted opposites of an earlier rule (the
same words, the other polarity, in the same project). A planted pair whose
levels differ is ordered by them and is no finding; the others are the
conflicts to find. For each size this prints the planted pairs, the
unordered ones, the C001/C004 findings (one per rule in conflict) and the
pairs they name, how many of those are planted, and the lint time (best of
`--repeat`, wall and CPU, in process, parse included). Then the growth of the
time for the sizes given. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
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


def run(gen: Path, n: int, repeat: int) -> dict:
    from specdsl.linting.linter import LintOptions, lint

    text = subprocess.run([sys.executable, str(gen), str(n)], capture_output=True, text=True, check=True).stdout
    best_wall = best_cpu = float("inf")
    found = []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        found = lint(text, "bench.mspec", options=LintOptions())
        best_wall = min(best_wall, time.perf_counter() - w)
        best_cpu = min(best_cpu, time.process_time() - c)
    conflict = [d for d in found if d.code in ("C001", "C004")]
    named = {frozenset((d.rule, r.rule)) for d in conflict for r in d.related}
    pairs = planted(text)
    unordered = {frozenset(p[:2]) for p in pairs if p[2]}
    return {
        "rules": n,
        "planted": len(pairs),
        "unordered": len(unordered),
        "findings": len(conflict),
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
    args = parser.parse_args()
    if not args.gen.is_file():
        sys.exit(f"conflicts.py: no generator at {args.gen} (give one with --gen)")
    rows = [run(args.gen, n, args.repeat) for n in args.sizes]
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
