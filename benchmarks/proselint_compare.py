"""speclint against proselint on the OpenAI Model Spec, side by side in one run.

    pip install proselint            # its `proselint check FILE` command
    python benchmarks/proselint_compare.py [--runs 7] [FILE]

Both tools run as new processes on the same file (default: the Model Spec
2025-12-18 in the test corpus, 270 KB), alternating, several times; the
figures are the wall times of whole runs (start-up included), best and
median. speclint runs with `--no-cache` (a second run of `speclint check`
on an unchanged file is answered from `.speclint_cache/` and costs only the
start-up; that figure is printed too) and with the Model Spec's authority
levels from `tests/data/markdown/model-spec.speclint.yaml`. The target is
speclint taking at most half of proselint's time. This is a benchmark, not a
test: nothing asserts on time.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL_SPEC = ROOT / "tests" / "data" / "corpus" / "openai-model-spec" / "model_spec.md"
CONFIG = ROOT / "tests" / "data" / "markdown" / "model-spec.speclint.yaml"


def executable(name: str) -> str:
    found = shutil.which(name, path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    if found is None:
        sys.exit(f"{name} is not installed in this environment (pip install {name})")
    return found


#: Both tools run as installed: with their byte code written (a development
#: shell may set PYTHONDONTWRITEBYTECODE, which would make every run of an
#: editable install compile its modules again; pip compiles proselint's).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


CPU: dict[str, list[float]] = {}


def wall(cmd: list[str], cwd: str, label: str | None = None) -> tuple[float, subprocess.CompletedProcess]:
    """The wall time of one run (and, under `label`, its CPU time: user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=ENV)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if label is not None:
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        CPU.setdefault(label, []).append(cpu)
    return elapsed, done


def version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(MODEL_SPEC))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    speclint, proselint = executable("speclint"), executable("proselint")
    target = Path(args.file).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        # a private copy, so that no cache or configuration near the file interferes
        copy = Path(tmp) / target.name
        copy.write_bytes(target.read_bytes())
        spec_cmd = [speclint, "check", "--no-cache", "--format", "concise", "--config", str(CONFIG), str(copy)]
        cached_cmd = [speclint, "check", "--format", "concise", "--config", str(CONFIG), str(copy)]
        prose_cmd = [proselint, "check", str(copy)]
        # warm the disk cache and the interpreters' byte code once
        _, spec_out = wall(spec_cmd, tmp)
        _, prose_out = wall(prose_cmd, tmp)
        wall(cached_cmd, tmp)
        spec_times, prose_times, cached_times = [], [], []
        for _ in range(args.runs):
            spec_times.append(wall(spec_cmd, tmp, "speclint")[0])
            prose_times.append(wall(prose_cmd, tmp, "proselint")[0])
            cached_times.append(wall(cached_cmd, tmp, "cached")[0])
    size = target.stat().st_size
    findings = sum(1 for line in spec_out.stdout.splitlines() if ": " in line and line.startswith(str(copy)))
    prose_findings = sum(1 for line in prose_out.stdout.splitlines() if line.strip())
    best_s, best_p = min(spec_times), min(prose_times)
    med_s, med_p = statistics.median(spec_times), statistics.median(prose_times)
    print(f"file: {target.name} ({size / 1000:.0f} KB), {args.runs} alternating runs each")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{version([speclint, '--version'])}; {version([proselint, 'version'])}")
    print()
    cpu = {k: min(v) for k, v in CPU.items()}
    print("| tool | command | wall, best | wall, median | CPU, best | findings |")
    print("|---|---|---:|---:|---:|---:|")
    print(f"| speclint | `speclint check --no-cache` | {best_s:.3f} s | {med_s:.3f} s | {cpu['speclint']:.3f} s | {findings} |")
    print(f"| speclint | `speclint check` (cached) | {min(cached_times):.3f} s | {statistics.median(cached_times):.3f} s | {cpu['cached']:.3f} s | {findings} |")
    print(f"| proselint | `proselint check` | {best_p:.3f} s | {med_p:.3f} s | {cpu['proselint']:.3f} s | {prose_findings} (lines) |")
    print()
    ratio_best, ratio_median = best_s / best_p, med_s / med_p
    verdict = "met" if ratio_best <= 0.5 else "NOT met"
    print(f"speclint / proselint, wall: {ratio_best:.2f} (best), {ratio_median:.2f} (median); "
          f"CPU: {cpu['speclint'] / cpu['proselint']:.2f}; target at most 0.50 (best of runs): {verdict}")
    print("(on a busy machine the best of several runs is the least disturbed figure; CPU time is less disturbed still)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
