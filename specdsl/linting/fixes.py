"""Applying fixes: edits to text, safely.

A fix is a list of edits (a span and its new text). Fixes are applied from
the end of the file backwards so that earlier offsets stay valid; a fix whose
edits overlap an edit already applied is skipped for this round (`fix` runs
again until nothing changes, so it is applied next time if still valid).

A fix is applied only when it does what it says, and nothing else: the text
with it applied is linted again (in memory, before anything is written), and
the fix is kept only if its finding is gone, no syntax error is added and
every rule of the spec is still there word for word (a safe fix may not add
one either), but for the words a configured substitution replaces on purpose
(its fix's `swaps`). `fix_text` runs the rounds of `speclint fix` that way, and
`proves` checks one fix for the editor's quick fixes.
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from ..core.diagnostics import Diagnostic, Edit, Fix

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
    taken: list[tuple[int, int]] = []  # the ranges of the chosen edits, by start (they do not overlap)
    applied, skipped = [], []
    for d in sorted(diagnostics, key=lambda d: d.span.offset):
        if d.fix is None or (not d.fix.safe and not unsafe):
            continue
        edits = [e for e in d.fix.edits if e.path in (None, path)]
        if len(edits) != len(d.fix.edits):
            skipped.append(d)  # edits in another file: the editor applies those
            continue
        ranges = [(e.span.offset, e.span.end_offset) for e in edits]
        if any(_clashes(r, taken) for r in ranges) or any(
            _overlap(r, t) for i, r in enumerate(ranges) for t in ranges[:i]
        ):
            skipped.append(d)
            continue
        chosen.extend(edits)
        for r in ranges:
            insort(taken, r)
        applied.append(d)
    return FixResult(apply_edits(text, chosen), applied, skipped)


def _clashes(r: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    """Whether range `r` overlaps one of `taken` (sorted, not overlapping each other).

    Only the ranges that start at or before `r`'s end can; of those, going
    back, the first that ends before `r` starts is followed by none that could.
    """
    i = bisect_right(taken, (r[1], float("inf"))) - 1
    while i >= 0 and taken[i][1] >= r[0]:
        if _overlap(r, taken[i]):
            return True
        i -= 1
    return False


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # insertions conflict only at the same point
        return a[0] == b[0] or (b[0] < a[0] < b[1]) or (a[0] < b[0] < a[1])
    return a[0] < b[1] and b[0] < a[1]


# ---------------------------------------------------------------- proving fixes


@dataclass
class Linted:
    """What a fix is judged by: a text's findings, its rules and its syntax errors."""

    diagnostics: list[Diagnostic]
    #: The id and words of every rule of the file (not of the files it includes).
    rules: list[tuple[str, str]]
    syntax_errors: int
    #: The file's parsed tree.
    spec: object = None


#: Lints a text as the content of the file being fixed.
Lint = Callable[[str], Linted]


def linted(diagnostics: list[Diagnostic], spec) -> Linted:
    """A `Linted` from a lint's findings and the file's parsed tree."""
    rules = [(rule.id, " ".join(rule.text.text.split()) if rule.text else "") for rule in spec.rules()]
    return Linted(diagnostics, rules, sum(1 for d in spec.diagnostics if d.code == "S001"), spec)


def _key(d: Diagnostic) -> tuple:
    """A finding, wherever it moved: what must be gone once its fix is applied."""
    return (d.code, d.rule, d.message)


def _identity(d: Diagnostic, text: str) -> tuple:
    """One fix of one finding at one place, to refuse it once for a whole run."""
    edits = tuple((e.span.offset - d.span.offset, text[e.span.offset : e.span.end_offset], e.new_text) for e in d.fix.edits)
    return (_key(d), d.span.line, d.fix.message, edits)


def _rules_kept(before: list[tuple[str, str]], after: list[tuple[str, str]], *, exact: bool, swaps=()) -> bool:
    """Every rule of `before` is in `after` word for word (and, `exact`, nothing
    else), but for the words that `swaps` replace on purpose."""
    if swaps:
        before, after = _folded(before, swaps), _folded(after, swaps)
    if exact:
        return before == after
    return not (Counter(before) - Counter(after))


def _folded(rules: list[tuple[str, str]], swaps) -> list[tuple[str, str]]:
    """`rules` with each word of a swap, old or new, in any case, written as one mark."""
    pairs = sorted({(old, new) for old, new in swaps})
    words = sorted({w for pair in pairs for w in pair if w.strip()}, key=len, reverse=True)
    if not words:
        return rules
    marks = {w.casefold(): f"\x00{i}\x00" for i, (old, new) in enumerate(pairs) for w in (old, new)}
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)
    return [(rid, pattern.sub(lambda m: marks.get(m.group(0).casefold(), m.group(0)), text)) for rid, text in rules]


def _swaps(applied: list[Diagnostic]) -> list[tuple[str, str]]:
    return [tuple(pair) for d in applied if d.fix is not None for pair in getattr(d.fix, "swaps", ())]


class _Moves:
    """Where offsets go once some edits (not overlapping each other) are applied."""

    def __init__(self, edits: list[Edit]):
        self.edits = sorted(edits, key=lambda e: (e.span.end_offset, e.span.offset))
        self.ends = [e.span.end_offset for e in self.edits]
        self.shifts = [0]  # the shift made by the edits before each
        for e in self.edits:
            self.shifts.append(self.shifts[-1] + len(e.new_text) - (e.span.end_offset - e.span.offset))

    def __call__(self, offset: int) -> int:
        """Where `offset` goes (an offset inside a replaced range: to the start of its replacement)."""
        i = bisect_right(self.ends, offset)  # the edits that end at or before it move it
        if i < len(self.edits) and self.edits[i].span.offset <= offset:
            return self.edits[i].span.offset + self.shifts[i]
        return offset + self.shifts[i]


def _still_there(before: Linted, after: Linted, applied: list[Diagnostic]) -> list[Diagnostic]:
    """The findings of `applied` that their fixes left in place.

    A finding about a rule is still there if the rule still has as many of it
    (rules keep their ids, and nothing else adds that finding to that rule);
    another (an unused suppression) if the same finding is where its own
    has moved to (another directive may have become unused meanwhile).
    """
    moved = _Moves([e for d in applied for e in d.fix.edits])
    left = Counter(_key(d) for d in after.diagnostics)
    had = Counter(_key(d) for d in before.diagnostics)
    fixed = Counter(_key(d) for d in applied if d.rule is not None)
    places: dict[tuple, set[int]] = {}
    for d in after.diagnostics:
        if d.rule is None:
            places.setdefault(_key(d), set()).add(d.span.offset)
    out = []
    for d in applied:
        key = _key(d)
        if d.rule is not None:
            if left[key] > had[key] - fixed[key]:
                out.append(d)
        elif moved(d.span.offset) in places.get(key, ()):
            out.append(d)
    return out


def _problem(before: Linted, after: Linted, applied: list[Diagnostic], rules: list[tuple[str, str]], *, unsafe: bool) -> tuple[str | None, list[Diagnostic]]:
    """Why applying the fixes of `applied` to the text linted as `before` (giving
    `after`) is refused, or None; and the findings of `applied` still there."""
    persisting = _still_there(before, after, applied)
    if after.syntax_errors > before.syntax_errors:
        return "add a syntax error", persisting
    if not _rules_kept(rules, after.rules, exact=not unsafe, swaps=_swaps(applied)):
        return "change the spec's rules", persisting
    if persisting:
        return "leave its finding in place", persisting
    return None, persisting


def proves(text: str, d: Diagnostic, lint: Lint, *, before: Linted | None = None) -> str | None:
    """Why the fix of `d` is not to be offered on `text` (`before` is its lint, if
    made already), or None when applying it removes its finding and keeps the
    rest: no new syntax error, every rule word for word (and, for a safe fix,
    no rule more)."""
    if d.fix is None:
        return "have no edits"
    if any(e.path is not None and e.path != d.path for e in d.fix.edits):
        return None  # edits in other files: the editor applies them; nothing to prove here
    before = before if before is not None else lint(text)
    after = lint(apply_fix(text, d.fix))
    reason, _ = _problem(before, after, [d], before.rules, unsafe=not d.fix.safe)
    return reason


@dataclass
class FixRun:
    """What `fix_text` did: the new text, the findings it fixed, the fixes it refused and why."""

    text: str
    applied: list[Diagnostic] = field(default_factory=list)
    refused: list[tuple[Diagnostic, str]] = field(default_factory=list)
    #: The lint of `text` (the last one made).
    linted: Linted | None = None


def fix_text(
    text: str, lint: Lint, *, unsafe: bool = False, path: str | None = None, rounds: int = MAX_ROUNDS, before: Linted | None = None
) -> FixRun:
    """Apply the fixes of `text`'s findings, round after round, proving each
    (`before` is the lint of `text`, if made already).

    Each round applies the fixes that fit together and lints the result: the
    lint that finds the next round's fixes also judges this round's. A round
    whose result adds a syntax error, loses a rule (or, for safe fixes only,
    changes any rule), or leaves a fixed finding in place is not kept: the
    fixes at fault are found (each alone, halving the round's fixes) and
    refused for the rest of the run, and the others are applied.
    """
    state = before if before is not None else lint(text)
    rules = state.rules
    run = FixRun(text=text, linted=state)
    refused: set = set()
    done = 0
    retried: int | None = None  # the number of candidates of a round being tried again
    while done < rounds:
        candidates = [
            d for d in state.diagnostics
            if d.fix is not None and (d.fix.safe or unsafe) and _identity(d, text) not in refused
        ]
        if retried is not None and len(candidates) >= retried:
            break  # nothing more was refused: trying again would do the same
        result = apply_fixes(text, candidates, unsafe=unsafe, path=path)
        if not result.applied or result.text == text:
            break
        after = lint(result.text)
        reason, persisting = _problem(state, after, result.applied, rules, unsafe=unsafe)
        if reason is not None:
            good, bad = _sift(text, state, result.applied, lint, rules, unsafe=unsafe, path=path, why=reason, persisting=persisting)
            for d, why in bad:
                refused.add(_identity(d, text))
                run.refused.append((d, why))
            if good is None:
                retried = len(candidates)
                continue  # the same round again, without the fixes refused
            result, after = good
        retried = None
        if _swaps(result.applied):
            rules = after.rules  # the guard passed: the rules as they are now, swaps and all
        text, state = result.text, after
        run.applied.extend(result.applied)
        done += 1
    run.text, run.linted = text, state
    return run


#: The lints one refused round may spend on finding the fixes at fault: enough
#: to single out a few among thousands; past it, a failing group is refused whole.
SIFT_LINTS = 64


def _sift(text, state, applied, lint, rules, *, unsafe, path, why, persisting):
    """The fixes of a refused round (refused for `why`) that can be kept (their
    result and its lint, or None) and those at fault (with the reason).

    A text whose verdict is known is not linted again: the whole round's
    (`why`), and, when every part passes alone, all the parts together (the
    round again, or, without the fixes of `persisting`, the first group tried).
    """
    bad: list[tuple[Diagnostic, str]] = []
    if persisting:
        # the fixes that did not clear their findings are at fault; the rest may be fine
        bad = [(d, "leave its finding in place") for d in persisting]
        gone = {id(d) for d in persisting}
        rest = [d for d in applied if id(d) not in gone]
        groups = [rest] if rest else []
    elif len(applied) == 1:
        return None, [(applied[0], why)]
    else:
        # the round failed as a whole: its halves next
        half = len(applied) // 2
        groups = [applied[half:], applied[:half]]
    kept: list[tuple[FixResult, Linted]] = []
    budget = SIFT_LINTS
    while groups:  # halving, first half first
        group = groups.pop()
        result = apply_fixes(text, group, unsafe=unsafe, path=path)
        after = lint(result.text)
        budget -= 1
        reason, _ = _problem(state, after, result.applied, rules, unsafe=unsafe)
        if reason is None:
            kept.append((result, after))
        elif len(group) == 1 or budget <= 0:
            bad.extend((d, reason) for d in group)
        else:
            half = len(group) // 2
            groups += [group[half:], group[:half]]
    if not kept:
        return None, bad
    if len(kept) > 1 and len(bad) > len(persisting):
        # the parts that passed alone, together (they may still not get on), unless
        # they are all of the fixes tried: that text failed already
        together = apply_fixes(text, [d for r, _ in kept for d in r.applied], unsafe=unsafe, path=path)
        after = lint(together.text)
        if _problem(state, after, together.applied, rules, unsafe=unsafe)[0] is None:
            return (together, after), bad
    return kept[0], bad
