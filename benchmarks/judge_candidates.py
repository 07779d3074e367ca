"""What a model judge would be shown: the reader-listed conflicts its candidate pairs cover.

    python benchmarks/judge_candidates.py --half dev|test [--neighbours 5] [--threshold 0.3] [--verbose]

A judge (`judge:` in the configuration, `speclint check --judge`) decides
C002's candidate pairs; it can only confirm a conflict it is shown. For each
document of `tests/data/review/split.yaml` in the half asked for, this builds
the pairs `speclint check --judge` would send (`judge_pairs`, with the real
embedding model, the judge settings given, no endpoint called) and counts the
conflicts the blind readers listed (`readings/*.yaml`, `conflicts:`) that a
pair covers: one rule of the pair spans a listed line and the other another
listed line (or the same one, when the reader listed a single line twice).
That share is the ceiling of the judge's recall: what the model makes of the
pairs is the model's. Also printed: the pairs per document (their cost), and
how many a listed conflict's rules are not both read as candidate rules (no
pair can cover those). A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reading import readings  # noqa: E402
from judge_replay import judged_model, offline_judge  # noqa: E402
from review import doc_path, split  # noqa: E402


def covers(spans: tuple[tuple[int, int], tuple[int, int]], lines: list[int]) -> bool:
    (a0, a1), (b0, b1) = spans
    in_a = {n for n in lines if a0 <= n <= a1}
    in_b = {n for n in lines if b0 <= n <= b1}
    if not in_a or not in_b:
        return False
    return len(in_a | in_b) >= 2 or len(set(lines)) == 1


def span(info) -> tuple[int, int]:
    s = info.rule.text.span if info.rule.text is not None else info.rule.span
    return s.line, s.end_line


def measure(slug: str, entry: dict, neighbours: int, threshold: float):
    from specdsl.checks.conflict.c002_possible_conflict import judge_pairs
    from specdsl.model.candidates import candidates

    listed = [c for r in readings(slug) for c in (r.get("conflicts") or [])]
    model = judged_model(str(doc_path(entry)))
    config = offline_judge(neighbours=neighbours, candidate_threshold=threshold)
    pairs = judge_pairs(model, config, model.config.semantic.conflict_threshold)
    spans = [(span(a.info), span(b.info)) for a, b, _, _ in pairs]
    readable = [span(c.info) for c in candidates(model)]
    found, unreachable, missed = 0, 0, []
    for conflict in listed:
        lines = [int(n) for n in conflict.get("lines") or []]
        if any(covers(s, lines) for s in spans):
            found += 1
            continue
        hit = [n for n in lines if any(a <= n <= b for a, b in readable)]
        if len(set(hit)) < min(2, len(set(lines))):
            unreachable += 1
        missed.append(conflict)
    return len(listed), found, unreachable, len(pairs), len(readable), missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("dev", "test", "all"), required=True)
    parser.add_argument("--neighbours", type=int, default=None, help="default: the configuration's default")
    parser.add_argument("--threshold", type=float, default=None, help="candidate-threshold; default: the configuration's")
    parser.add_argument("--verbose", action="store_true", help="list the conflicts no pair covers")
    args = parser.parse_args(argv)
    from specdsl.workspace.settings import JudgeConfig

    fields = JudgeConfig.model_fields
    neighbours = fields["neighbours"].default if args.neighbours is None else args.neighbours
    threshold = fields["candidate_threshold"].default if args.threshold is None else args.threshold
    print(f"judge candidates, {args.half} half: neighbours {neighbours}, candidate-threshold {threshold}")
    print(f"{'document':<46}{'rules':>6}{'pairs':>7}{'listed':>8}{'covered':>9}{'unread':>8}")
    total = [0, 0, 0, 0, 0]
    biggest = 0
    for slug, entry in split().items():
        if args.half != "all" and entry["half"] != args.half:
            continue
        listed, found, unreachable, pairs, rules, missed = measure(slug, entry, neighbours, threshold)
        print(f"{slug:<46}{rules:>6}{pairs:>7}{listed:>8}{found:>9}{unreachable:>8}")
        for i, n in enumerate((listed, found, unreachable, pairs, rules)):
            total[i] += n
        biggest = max(biggest, pairs)
        if args.verbose:
            for conflict in missed:
                print(f"    missed {conflict.get('lines')}: {str(conflict.get('why'))[:110]}")
    listed, found, unreachable, pairs, rules = total
    share = f"{found / listed:.2f}" if listed else "-"
    print(f"{'all':<46}{rules:>6}{pairs:>7}{listed:>8}{found:>9}{unreachable:>8}")
    print(f"covered {found} of {listed} listed conflicts ({share}); {unreachable} have a side no candidate rule spans;")
    print(f"{pairs} pairs in all, at most {biggest} in one document")
    return 0


if __name__ == "__main__":
    sys.exit(main())
