"""Bounded work on hostile input: the phrase checks' look-back answers exactly
what reading the clause before each phrase answered, in logarithmic time; the
linter lists at most `MAX_PER_RULE` findings of one code on one rule; the work
of a lint grows linearly with a rule's length (measured by a deterministic
count, never by time); duplicates are reported as clusters.

The `_old_*` functions are the straightforward versions the look-back
replaced (each re-read the text before the phrase): the property tests hold
the new answers equal to theirs on generated texts.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from specdsl.checks import prose
from specdsl.checks.lookback import Lookback
from specdsl.language.lexicon import entries, matcher
from specdsl.language.text import sentences, words
from specdsl.linter import MAX_PER_RULE, LintOptions, lint

# ---------------------------------------------------------------- the old way

_CONDITIONAL = re.compile(
    r"(?<![\w'’-])(unless|except|if|when|whenever|where|provided|as long as|so long as|in case)(?![\w'’-])",
    re.IGNORECASE,
)
_CONCESSIVE = re.compile(r"(?:\beven|\bregardless\s+of(?:\s+whether)?)\s*$", re.IGNORECASE)
_LEADING_CONDITION = re.compile(
    r"^\s*(?:if|when|whenever|once|where|unless|except when|in case|as long as|even if|even when)\b[^,]*,", re.IGNORECASE
)
_NEGATION = re.compile(r"(?<![\w'’-])(not|never|no|nor)(?![\w'’-])|n['’]t(?![\w'’-])", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(that|which|who|whom|whose)\b", re.I)
_ONLY = re.compile(r"\bonly\b", re.I)
_NO_BEFORE = re.compile(r"(?<![\w'’-])no\s+$", re.IGNORECASE)


def _old_sentence_before(text, start):
    begin = 0
    for s, _ in sentences(text):
        if s <= start:
            begin = s
    head = text[begin:start]
    cut = max(head.rfind(";"), head.rfind(" but "), head.rfind("\n\n"))
    return head[cut + 1 :] if cut >= 0 else head


def _old_clause_before(text, start):
    head = _old_sentence_before(text, start)
    lead = _LEADING_CONDITION.match(head)
    return head[lead.end() :] if lead else head


def _old_last(pattern, text):
    if hasattr(pattern, "find") and not isinstance(pattern, re.Pattern):
        found = pattern.find(text)
        return found[-1].end if found else -1
    ends = [m.end() for m in pattern.finditer(text)]
    return ends[-1] if ends else -1


def _old_negated_before(text, start):
    before = _old_clause_before(text, start)
    negated = max(_old_last(matcher("modal_prohibition"), before), _old_last(_NEGATION, before))
    if negated < 0:
        return False
    return _old_last(_CONDITIONAL, before) < negated


def _old_conceded(text, start):
    before = _old_clause_before(text, start)
    conditional = None
    for m in _CONDITIONAL.finditer(before):
        conditional = m
    return conditional is not None and _CONCESSIVE.search(before[: conditional.start()]) is not None


def _old_conditional_before(text, start):
    return _old_last(_CONDITIONAL, _old_clause_before(text, start)) >= 0


def _old_previous_word(text, pos):
    head = text[:pos]
    cut = max(head.rfind(c) for c in ".;:!?")
    skip = set(entries("adverbs")) | {"only"}
    for word, _, _ in reversed(words(head[cut + 1 :])):
        if word not in skip:
            return word
    return None


def _old_in_relative_clause(text, pos):
    head = _old_sentence_before(text, pos)
    return _RELATIVE.search(head[head.rfind(",") + 1 :]) is not None


def _old_own_modal_facts(text, m):
    after = words(text[m.end() :])
    only = _ONLY.search(re.split(r"[.;:!?]", text[m.end() :], maxsplit=1)[0]) is not None
    return (after[0][0] if after else None), only


# ---------------------------------------------------------------- generated texts

_WORDS = [
    "never", "not", "no", "nor", "don't", "can't", "must", "should", "may", "might", "could", "only", "avoid",
    "if", "when", "whenever", "unless", "except", "where", "provided", "as", "long", "so", "in", "case",
    "even", "regardless", "of", "whether", "but", "that", "which", "who", "always", "also", "please",
    "the", "assistant", "user", "share", "data", "appropriate", "possible", "harm", "e.g.", "etc.",
    "Never", "If", "Even", "Regardless", "NOT", "x", "refuse", "to",
]
_SEPARATORS = [" ", " ", " ", "  ", ", ", "; ", ". ", "! ", "? ", ": ", "\n\n", " \n\n ", ",", ".", "\t", " - "]


@st.composite
def texts(draw):
    parts = draw(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPARATORS)), min_size=1, max_size=40))
    return "".join(w + sep for w, sep in parts).rstrip()


def _word_edges(text: str) -> list[int]:
    """Where a phrase may start: at a word with no word character before it."""
    return [m.start() for m in re.finditer(r"(?<![\w'’-])[A-Za-z0-9]", text)]


@given(texts())
@settings(max_examples=600, deadline=None)
def test_the_look_back_answers_as_reading_the_clause_did(text):
    for start in _word_edges(text):
        assert prose.sentence_before(text, start) == _old_sentence_before(text, start), (text, start)
        assert prose.clause_before(text, start) == _old_clause_before(text, start), (text, start)
        assert prose.negated_before(text, start) == _old_negated_before(text, start), (text, start)
        assert prose.conceded(text, start) == _old_conceded(text, start), (text, start)
        assert prose.conditional_before(text, start) == _old_conditional_before(text, start), (text, start)


@given(texts())
@settings(max_examples=400, deadline=None)
def test_the_weak_modal_questions_answer_as_before(text):
    from specdsl.checks.vague import v005_weak_modal_in_hard_rule as v005

    back = Lookback(text)
    for start in _word_edges(text):
        assert v005._previous_word(text, start) == _old_previous_word(text, start), (text, start)
        assert v005._in_relative_clause(text, start) == _old_in_relative_clause(text, start), (text, start)
        assert back.ends_with_no(start) == (_NO_BEFORE.search(text[:start]) is not None), (text, start)
    for m in v005.MODAL.finditer(text):
        after, only = _old_own_modal_facts(text, m)
        assert back.next_word(m.end()) == after
        assert back.any_inside(v005.ONLY, m.end(), back.clause_end(m.end())) == only


def test_a_clause_across_a_paragraph_break_keeps_its_prohibition_apart():
    # "must\n\nnot" is one marker for the lexicon, but the clause of the second
    # paragraph starts after the break: only "not" is before the phrase there
    text = "You must\n\nnot share appropriate data"
    start = text.index("appropriate")
    assert prose.negated_before(text, start) == _old_negated_before(text, start) is True
    text = "Always share\n\nappropriate data"
    start = text.index("appropriate")
    assert prose.negated_before(text, start) == _old_negated_before(text, start) is False
