"""Time `speclint report` on the OpenAI Model Spec (about 270 KB of Markdown):
lint and render, as a new process each time, without the results cache.

    python benchmarks/report.py [--runs 7] [--exe VENV/bin/speclint] [--spec FILE] [--screenshot PNG]

Prints each run's wall time, the median and best, and the page's size
(targets: under 2 s, under 2 MB). `--screenshot PNG` then has headless
Chromium (Debian's `chromium`) take a picture of the page at 1280x1400: the
README's.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL_SPEC = ROOT / "tests" / "data" / "corpus" / "openai-model-spec" / "model_spec.md"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--exe", default=shutil.which("speclint") or str(Path(sys.executable).parent / "speclint"))
    parser.add_argument("--spec", default=str(MODEL_SPEC))
    parser.add_argument("--screenshot", metavar="PNG")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            proc = subprocess.run([args.exe, "report", args.spec, "-o", str(page)], capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return 1
        size = page.stat().st_size
        print(f"speclint report {Path(args.spec).name} ({Path(args.spec).stat().st_size / 1000:.0f} KB), {args.runs} new processes:")
        print("  runs:   " + " ".join(f"{t:.2f}" for t in times) + " s")
        print(f"  median: {statistics.median(times):.2f} s, best {min(times):.2f} s (target: under 2 s)")
        print(f"  page:   {size / 1000:.0f} KB (target: under 2 MB)")
        if args.screenshot:
            chromium = shutil.which("chromium") or shutil.which("chromium-browser")
            if chromium is None:
                print("Chromium is not installed (apt-get install chromium)", file=sys.stderr)
                return 1
            shot = Path(args.screenshot).resolve()
            subprocess.run(
                [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={tmp}/profile",
                 "--window-size=1280,1400", f"--screenshot={shot}", page.as_uri()],
                capture_output=True,
                check=True,
                timeout=120,
            )
            print(f"  screenshot: {shot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
