"""Applying fixes: edits to text, safely.

A fix is a list of edits (a span and its new text). Fixes are applied from
the end of the file backwards so that earlier offsets stay valid; a fix whose
edits overlap an edit already applied is skipped for this round (`fix` runs
again until nothing changes, so it is applied next time if still valid).
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Diagnostic, Edit, Fix

#: `speclint fix` stops after this many rounds (each round re-lints the file).
MAX_ROUNDS = 10


@dataclass
class FixResult:
    text: str
    applied: list[Diagnostic]
    skipped: list[Diagnostic]


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits (offsets into `text`)."""
    out = text
    for edit in sorted(edits, key=lambda e: (e.span.offset, e.span.end_offset), reverse=True):
        out = out[: edit.span.offset] + edit.new_text + out[edit.span.end_offset :]
    return out


def apply_fix(text: str, fix: Fix) -> str:
    return apply_edits(text, list(fix.edits))


def apply_fixes(text: str, diagnostics: list[Diagnostic], *, unsafe: bool = False, path: str | None = None) -> FixResult:
    """Apply the fixes of `diagnostics` that fit together; one round."""
    chosen: list[Edit] = []
    taken: list[tuple[int, int]] = []
    applied, skipped = [], []
    for d in sorted(diagnostics, key=lambda d: d.span.offset):
        if d.fix is None or (not d.fix.safe and not unsafe):
            continue
        edits = [e for e in d.fix.edits if e.path in (None, path)]
        if len(edits) != len(d.fix.edits):
            skipped.append(d)  # edits in another file: the editor applies those
            continue
        ranges = [(e.span.offset, e.span.end_offset) for e in edits]
        if any(_overlap(r, t) for r in ranges for t in taken):
            skipped.append(d)
            continue
        chosen.extend(edits)
        taken.extend(ranges)
        applied.append(d)
    return FixResult(apply_edits(text, chosen), applied, skipped)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # insertions conflict only at the same point
        return a[0] == b[0] or (b[0] < a[0] < b[1]) or (a[0] < b[0] < a[1])
    return a[0] < b[1] and b[0] < a[1]
