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
    from specdsl.linter import lint_model
    from specdsl.model import build_model
    from specdsl.parser import parse

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


def many_files(count: int, rules: int) -> dict:
    """`speclint check` over `count` files of `rules` rules: first run, then unchanged."""
    exe = shutil.which("speclint")
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


def cold_cli(repeat: int, exe: str | None = None) -> dict:
    exe = exe or shutil.which("speclint")
    if exe is None:
        raise SystemExit("install speclint first: pip install -e .")
    beside = Path(exe).with_name("python")
    python = str(beside) if beside.exists() else sys.executable
    text = generate(8)  # about 50 lines
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "small.mspec"
        spec.write_text(text)
        lines = text.count("\n")
        subprocess.run([exe, "check", "--exit-zero", str(spec)], capture_output=True, env=ENV)  # builds the grammar and bytecode caches
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([exe, "check", "--no-cache", "--exit-zero", str(spec)], capture_output=True, check=True, env=ENV)
            times.append(time.perf_counter() - start)
        cached = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([exe, "check", "--exit-zero", str(spec)], capture_output=True, check=True, env=ENV)
            cached.append(time.perf_counter() - start)
        startup = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([python, "-c", "pass"], capture_output=True, check=True, env=ENV)
            startup.append(time.perf_counter() - start)
    return {
        "lines": lines,
        "best": min(times),
        "median": statistics.median(times),
        "python": min(startup),
        "cached_best": min(cached),
        "cached_median": statistics.median(cached),
    }


def worst_case_index(n: int) -> float:
    """Pairs compared per rule when every rule is about the same action."""
    from specdsl.linter import lint_model
    from specdsl.model import build_model
    from specdsl.parser import parse

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
    print(
        f"\n`speclint check` of a {cli['lines']}-line spec, new process each time: "
        f"without the results cache best {cli['best'] * 1000:.0f} ms, median {cli['median'] * 1000:.0f} ms; "
        f"unchanged file (cached) best {cli['cached_best'] * 1000:.0f} ms, median {cli['cached_median'] * 1000:.0f} ms "
        f"(a bare `python -c pass` takes {cli['python'] * 1000:.0f} ms here)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="speclint benchmarks")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--exe",
        help="the `speclint` whose cold start to time (default: the one on PATH). An editable "
        "install runs its import hook at every start; a regular one (`pip install .` in a "
        "venv) is what users run",
    )
    parser.add_argument("--cold-only", action="store_true", help="time only the cold start of `speclint check`")
    args = parser.parse_args(argv)
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
    files = many_files(200 if not args.quick else 40, 50)
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
