"""`find_phrases` reads only the rule texts that may hold one of a lexicon's entries
(a word of each part an entry needs), and finds exactly what reading every text finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from specdsl.language.lexicon import PhraseMatcher
from specdsl.model.model import build_model
from specdsl.model.prose import _texts_to_read, find_phrases_by_text, iter_rule_texts, load_lexicon, rule_texts
from specdsl.syntax.parser import parse

SPEC = """spec "Index"
  version: 1.0

section "Mixed":
  rule A1: Never pursue a goal by any means necessary.
  rule A2: Share the logs unless the expected benefits outweigh the risks.
    when: the benefit is clear
  rule A3: Share the logs with the team.
  rule A4: Use good judgment where appropriate.
    unless: the user has asked for brevity
  rule A5: Keep the ends and the means of a request apart.
"""

EXAMPLES = sorted(Path(__file__).parent.parent.joinpath("examples").glob("*.mspec"))


def _model(text: str, path: str = "case.mspec"):
    return build_model(parse(text, path), path=path, text=text)


def _every_text(model, matcher: PhraseMatcher):
    """What `find_phrases_by_text` found before the index: every text read."""
    out = []
    for info in model.rules:
        for prose, kind in iter_rule_texts(model, info):
            found = matcher.find(prose.text)
            if found:
                out.append((info.id, kind, [(m.start, m.end, m.entry) for m in found]))
    return out


def test_a_text_without_a_word_of_each_needed_part_is_not_read():
    model = _model(SPEC)
    texts, by_word = rule_texts(model)
    matcher, _ = load_lexicon("ends_means")
    read = [texts[i][0].id for i in _texts_to_read(matcher, texts, by_word)]
    # A3 has "the" (the first word of an entry) but no word of the entries' other parts
    assert "A3" not in read and "A4" not in read
    assert "A1" in read and "A2" in read


@pytest.mark.parametrize("lexicon", ["ends_means", "vague", "judgment", "escape", "open_ended", "drastic", "oversight"])
@pytest.mark.parametrize("path", [None] + EXAMPLES, ids=lambda p: p.name if p else "inline")
def test_the_texts_read_find_what_every_text_finds(lexicon, path):
    model = _model(SPEC) if path is None else _model(path.read_text(encoding="utf-8"), str(path))
    matcher, _ = load_lexicon(lexicon)
    got = [
        (batch.info.id, batch.kind, [(m.start, m.end, m.entry) for m in batch.matches])
        for batch in find_phrases_by_text(model, matcher, terms=False, allowed=False, exceptions=PhraseMatcher(()))
    ]
    assert got == _every_text(model, matcher)


def test_a_view_with_other_rules_gets_its_own_index():
    import copy

    model = _model(SPEC)
    rule_texts(model)
    view = copy.copy(model)
    view.rules = [info for info in model.rules if info.id == "A3"]
    texts, _ = rule_texts(view)
    assert [info.id for info, _, _ in texts] == ["A3"]
