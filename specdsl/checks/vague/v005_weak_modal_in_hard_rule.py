"""V005 weak-modal-in-hard-rule."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...language.lexicon import PhraseMatch, entries
from ...model.model import RuleInfo, SpecModel
from ..base import check, finding
from ..wording import advice
from ...language.lookback import ONLY, RELATIVE, lookback
from ...model.prose import endorsed, load_lexicon, phrase_span, source_text, span_cache, without_exceptions
from ...core import precompiled

#: Who the rule addresses: "the assistant may share" is the rule's own modal,
#: "users may ask" and "actions that could cause harm" are not.
SUBJECTS = frozenset("you assistant model agent ai bot chatbot tutor copilot claude chatgpt gpt".split())
#: Words after may/might/could that keep it from weakening the rule.
NOT_WEAK_AFTER = frozenset("not never only be have".split())
#: Verbs of effort ("try to"): weak only when the rule's subject is the one trying.
EFFORT = precompiled.compile(r"\b(try|attempt|aim|strive|endeavou?r|seek|best|utmost|effort)\b", re.I)
#: Words before an effort verb that make it the rule's own ("should try to", "Try to").
EFFORT_LEADS = SUBJECTS | frozenset("should must will shall please and or then also always".split())
MODAL = precompiled.compile(r"(?<![\w'’-])(may|might|could)(?![\w'’-])", re.I)


@lru_cache(maxsize=1)
def _skip() -> frozenset[str]:
    """Words `_previous_word` passes over: adverbs, and "only"."""
    return frozenset(entries("adverbs")) | {"only"}


def _previous_word(text: str, pos: int) -> str | None:
    """The word before `pos` in its clause, skipping adverbs; None at a clause start."""
    return lookback(text).previous_word(pos, _skip())


def _in_relative_clause(text: str, pos: int) -> bool:
    """Whether a relative pronoun ("that", "which" …) comes before `pos` in its
    sentence, after the last comma."""
    back = lookback(text)
    lo = back.sentence_start(pos)
    k = bisect_left(back.commas, pos) - 1
    if k >= 0 and back.commas[k] >= lo:
        lo = back.commas[k] + 1
    return back.any_inside(RELATIVE, lo, pos)


def _weak(text: str, m: PhraseMatch) -> bool:
    if EFFORT.search(m.text):
        before = _previous_word(text, m.start)
        return (before is None or before in EFFORT_LEADS) and endorsed(text, m.start)
    return not _in_relative_clause(text, m.start)


def _own_modals(text: str) -> Iterator[tuple[int, int, str]]:
    back = lookback(text)
    for m in MODAL.finditer(text):
        if back.next_word(m.end()) in NOT_WEAK_AFTER:
            continue
        if back.any_inside(ONLY, m.end(), back.clause_end(m.end())):
            continue  # "may share X only after Y" restricts, it does not weaken
        before = _previous_word(text, m.start())
        if (before is None or before in SUBJECTS) and not _in_relative_clause(text, m.start()):
            yield m.start(), m.end(), m.group(0)


def _hard(info: RuleInfo) -> bool:
    return any(a.rule.hard for a in info.ancestors())


@check("V005", "weak-modal-in-hard-rule", Severity.WARNING, scope="rule", prose_severity=Severity.INFO)
def weak_modal_in_hard_rule(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        In the text of a `hard` rule (or of one of its subrules), wording that
        makes the constraint optional: "should try to", "attempt to",
        "ideally", "preferably", "generally", "usually", "in most cases", "if
        possible", "do your best to" (lexicon `weak_modals.txt`), and `may`,
        `might` or `could` as the rule's own modal ("The assistant may share
        …"). Not reported: "may not", "may only" (also "may share X only
        after Y"), a modal in a relative clause or with another subject
        ("actions that could cause harm", "users may ask"), and an effort
        verb the rule forbids ("never attempt to bypass the sandbox").

    Why it matters:
        A hard rule is the one that holds under pressure. "Should try to"
        turns it into an aim: a model that tried and failed has kept it, and
        a model looking for a way out reads "ideally" as permission.

    Example:
        rule H2 [hard]: The agent should try to get confirmation before
          deleting files outside the workspace.

    Fix:
        State the constraint outright, or, if it is really a preference, drop
        `hard`:

            rule H2 [hard]: Get the user's confirmation before deleting files
              outside the workspace.
    """
    weak, exceptions = load_lexicon("weak_modals")
    for info in model.rules:
        prose = info.rule.text
        if prose is None or not _hard(info):
            continue
        text = prose.text
        hits = without_exceptions(text, weak.find(text), exceptions)
        found = [(m.start, m.end, m.text) for m in hits if _weak(text, m)]
        found += list(_own_modals(text))
        if not found:
            continue
        source = source_text(model, info.path)
        for start, end, phrase in sorted(found):
            phrase = " ".join(phrase.split())
            yield finding(
                phrase_span(prose, start, end, source, cache=span_cache(model)),
                f'"{phrase}" makes the hard rule `{info.id}` optional; a hard constraint must hold '
                "even when keeping it is hard, so state it outright " + advice(model, info.path, "not-hard"),
                path=info.path,
                rule=info.id,
                data={"phrase": phrase},
            )
