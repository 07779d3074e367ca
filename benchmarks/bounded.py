"""Bounded work on hostile input (issue 14): time and peak memory of the
installed `speclint` on the inputs that once took quadratic time or memory
without bound.

    python benchmarks/bounded.py              # every input
    python benchmarks/bounded.py --quick      # smaller inputs, one run each
    python benchmarks/bounded.py --only line  # the inputs whose name has "line"
    python benchmarks/bounded.py --exe VENV/bin/speclint

The inputs are generated, the same on every run:

- `line-1mb`: `rule A1: ` and "word appropriate " repeated to 1 MB, one line
  (a V002 finding on every other word);
- `line-9.5mb`: the same line at 9.5 MB (under the 10 MB limit);
- `near-duplicates`: 3,000 subrules of one rule that say nearly the same
  thing ("Never share booking codes in case 17.");
- `tiny-rules`: 632,000 one-line rules, about 10 MB;
- `rules-10k`, `rules-50k`: specs of 10,000 and 50,000 rules from `generate.py`
  (2.7 and 13.4 MB: the 50,000 raises `max-file-size` in a configuration
  beside it), the scale figures of the README;
- `realistic-10mb`: a spec from `generate.py` just under 10 MB (37,000
  rules: over `max-rules`, so refused after parsing, with the default
  configuration);
- `fmt-8mb`: `speclint fmt` of an 8 MB spec from `generate.py`.

Each runs as a new process (`speclint check --no-cache --format concise`,
or `speclint fmt` on a copy); the figures are the best wall time of the
runs and the peak resident memory of the process (`ru_maxrss`). They are
benchmarks, not tests: the test suite never asserts on time.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import ENV, speclint_exe  # noqa: E402  (subprocesses run as installed tools do)

MB = 1_000_000


def long_line(size: int) -> str:
    unit = "word appropriate "
    return "rule A1: " + unit * (size // len(unit)) + "\n"


def near_duplicates(count: int) -> str:
    lines = ["rule D1: Keep callers safe.", "  rationale: Callers trust us with their bookings."]
    lines += [f"  subrule: Never share booking codes in case {i}." for i in range(count)]
    return "\n".join(lines) + "\n"


def tiny_rules(count: int) -> str:
    return "".join(f"rule R{i}: x\n" for i in range(count))


def generated(size: int) -> str:
    """A spec from `generate.py` of at most `size` bytes."""
    rules = max(1, size // 268)
    text = generate(rules)
    while len(text.encode()) > size and rules > 1:
        rules = int(rules * 0.98)
        text = generate(rules)
    return text


def inputs(quick: bool) -> list[tuple[str, str, Callable[[], str]]]:
    """(name, command, a function that makes the text) for each input: each text
    is made just before its runs, so that this process stays small (a child
    process's peak memory counts its parent's until it starts the command)."""
    scale = 10 if quick else 1
    return [
        ("line-1mb", "check", lambda: long_line(MB // scale)),
        ("line-9.5mb", "check", lambda: long_line(int(9.5 * MB) // scale)),
        ("near-duplicates", "check", lambda: near_duplicates(3000 // scale)),
        ("tiny-rules", "check", lambda: tiny_rules(632_000 // scale)),
        ("rules-10k", "check", lambda: generate(10_000 // scale)),
        ("rules-50k", "check", lambda: generate(50_000 // scale)),
        ("realistic-10mb", "check", lambda: generated(10 * MB // scale)),
        ("fmt-8mb", "fmt", lambda: generated(8 * MB // scale)),
    ]


#: `time -f %M` prints the peak memory of the command alone; without it, the
#: peak of the child process counts this one's memory from before the command.
TIME = shutil.which("time", path="/usr/bin:/bin")


def run_once(command: list[str], cwd: str) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS in MB, exit status, last line of output) of one run."""
    report = os.path.join(cwd, "peak.txt")
    if TIME:
        command = [TIME, "-f", "%M", "-o", report, *command]
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read()  # the pipe is read to its end before the process is reaped
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    peak = usage.ru_maxrss / 1024
    if TIME:
        with open(report, encoding="utf-8") as handle:
            peak = int(handle.read().split()[-1]) / 1024
    lines = out.decode(errors="replace").strip().splitlines()
    return wall, peak, os.waitstatus_to_exitcode(status), lines[-1] if lines else ""


def measure(exe: str, name: str, command: str, make: Callable[[], str], repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / f"{name}.mspec"
        text = make()
        size = len(text.encode())
        spec.write_text(text, encoding="utf-8")
        if size > 10 * 1024 * 1024:  # over the default limits: the figure is for the size itself
            (Path(tmp) / ".speclint.yaml").write_text(f"max-file-size: {size + 1}\nmax-rules: 1000000\n", encoding="utf-8")
        runs = []
        for _ in range(repeat):
            if command == "fmt":
                spec.write_text(text, encoding="utf-8")  # fmt rewrites it
                args = [exe, "fmt", str(spec)]
            else:
                args = [exe, "check", "--no-cache", "--format", "concise", "--exit-zero", str(spec)]
            runs.append(run_once(args, tmp))
        del text
    best = min(runs, key=lambda r: r[0])
    return {
        "name": name,
        "command": command,
        "size": size / MB,
        "wall": best[0],
        "rss": max(r[1] for r in runs),
        "status": best[2],
        "last": best[3],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="speclint on hostile inputs: time and peak memory")
    parser.add_argument("--quick", action="store_true", help="inputs a tenth the size, one run each")
    parser.add_argument("--only", help="only the inputs whose name contains this")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each input (the best wall time counts)")
    parser.add_argument("--exe", help="the `speclint` to run (default: the one on PATH)")
    args = parser.parse_args(argv)
    exe = speclint_exe(args.exe)
    repeat = 1 if args.quick else args.repeat
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print("\n| input | size | command | wall | peak RSS | RSS / size | exit | output |")  # RSS / size: peak / input
    print("|---|---:|---|---:|---:|---:|---:|---|")
    for name, command, make in inputs(args.quick):
        if args.only and args.only not in name:
            continue
        r = measure(exe, name, command, make, repeat)
        last = r["last"] if len(r["last"]) <= 90 else r["last"][:87] + "..."
        print(
            f"| {r['name']} | {r['size']:.2f} MB | {r['command']} | {r['wall']:.2f} s | {r['rss']:.0f} MB | "
            f"{r['rss'] / max(r['size'], 1e-9):.0f}x | {r['status']} | {last} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
