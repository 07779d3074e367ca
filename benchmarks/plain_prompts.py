"""How fast the reader reads plain-text prompts: a 1 MB corpus, read by lines.

    python benchmarks/plain_prompts.py [--size 1000000] [--runs 5]

The corpus is made here, deterministically, from instruction lines, tag
sections and template lines of the kinds system prompts hold (no document is
downloaded); it is read as a `.txt` prompt file (plain text: line breaks
separate statements) with `specdsl.model.frontends.parse_any`, and the throughput
of the best and median run is printed, with the process's CPU time (on a
machine that runs other work, wall time measures the other work too).
Target: at least 2 MB/s. This is a benchmark, not a test: nothing asserts
on time.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LINES = [
    "Never share a customer's booking reference with anyone but the customer.",
    "Always give departure times in the port's local time.",
    "If a passenger asks about pets, point them to the pet policy page.",
    "You are the support assistant of a ferry company.",
    "The timetable changes twice a year, in April and October.",
    "Do not promise compensation for delays; a human agent decides it.",
    "Use short sentences and answer in the passenger's language",
    "When a sailing is cancelled, offer a refund or a later sailing",
    "Each reply should fit on a phone screen.",
    "Avoid jargon such as 'PNR' or 'manifest' unless the passenger uses it first.",
]


def corpus(size: int, seed: int = 16) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    n = 0
    while total < size:
        n += 1
        block = [f"<section_{n % 7}>"] + [rng.choice(LINES) for _ in range(rng.randint(3, 9))] + [f"</section_{n % 7}>", ""]
        if n % 5 == 0:
            block.insert(1, "{% if night_sailing %}")
            block.insert(-2, "{% endif %}")
        text = "\n".join(block) + "\n"
        parts.append(text)
        total += len(text.encode("utf-8"))
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from specdsl.model.frontends import parse_any

    text = corpus(args.size)
    size = len(text.encode("utf-8"))
    parse_any("warm up the parser and the lexicons.\nNever do this.\n", "w.txt")
    times, cpu, rules = [], [], 0
    for _ in range(args.runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        spec = parse_any(text, "corpus.txt")
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        rules = sum(1 for _ in spec.rules())
    best, median = min(times), statistics.median(times)
    print(f"{size / 1e6:.2f} MB, {rules} rules read: best {best:.2f} s ({size / best / 1e6:.2f} MB/s), "
          f"median {median:.2f} s ({size / median / 1e6:.2f} MB/s); CPU best {min(cpu):.2f} s "
          f"({size / min(cpu) / 1e6:.2f} MB/s, the figure a busy machine disturbs least)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
