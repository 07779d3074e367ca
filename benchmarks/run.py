"""Speed figures for the README: parse and lint throughput, scaling, start-up.

    python benchmarks/run.py            # all figures
    python benchmarks/run.py --quick    # smaller sizes, fewer repeats

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
    from specdsl.linter import lint
    from specdsl.parser import parse

    parse("rule A: warm up the grammar cache\n")
    rows = []
    for n in sizes:
        text = generate(n)
        mb = len(text.encode()) / 1e6
        t_parse = best_of(repeat, lambda: parse(text))
        t_lint = best_of(repeat, lambda: lint(text))
        rows.append({"rules": n, "mb": mb, "parse": t_parse, "lint": t_lint})
    return rows


def cold_cli(repeat: int) -> dict:
    exe = shutil.which("speclint")
    if exe is None:
        raise SystemExit("install speclint first: pip install -e .")
    text = generate(8)  # about 50 lines
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "small.mspec"
        spec.write_text(text)
        lines = text.count("\n")
        subprocess.run([exe, "check", "--exit-zero", str(spec)], capture_output=True)  # builds the grammar cache
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([exe, "check", "--exit-zero", str(spec)], capture_output=True, check=True)
            times.append(time.perf_counter() - start)
        startup = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], capture_output=True, check=True)
            startup.append(time.perf_counter() - start)
    return {
        "lines": lines,
        "best": min(times),
        "median": statistics.median(times),
        "python": min(startup),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="speclint benchmarks")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    sizes = [1000, 10000] if not args.quick else [200, 2000]
    repeat = 5 if not args.quick else 2
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    rows = parse_and_lint(sizes, repeat)
    print("\n| rules | size | parse + AST | parse MB/s | full lexical lint |")
    print("|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['rules']:,} | {r['mb']:.2f} MB | {r['parse']:.3f} s | {r['mb'] / r['parse']:.2f} | {r['lint']:.3f} s |")
    small, big = rows[0], rows[-1]
    factor = big["rules"] / small["rules"]
    print(
        f"\nscaling: {factor:.0f}x the rules costs {big['parse'] / small['parse']:.2f}x the parse time "
        f"and {big['lint'] / small['lint']:.2f}x the lint time"
    )
    cli = cold_cli(10 if not args.quick else 3)
    print(
        f"\n`speclint check` of a {cli['lines']}-line spec, new process each time: "
        f"best {cli['best'] * 1000:.0f} ms, median {cli['median'] * 1000:.0f} ms "
        f"(a bare `python -c pass` takes {cli['python'] * 1000:.0f} ms here)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
