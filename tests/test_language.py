"""Language analysis on sentences taken from real specs, and lexicon matching."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from specdsl.language import Modality, analyze, content_stems, entries, sentences
from specdsl.language.lexicon import PhraseMatcher

DATA = Path(__file__).resolve().parent / "data"
SENTENCES = YAML(typ="safe").load((DATA / "corpus-sentences.yaml").read_text(encoding="utf-8"))
CORPUS = DATA / "corpus"


@pytest.mark.parametrize("case", SENTENCES, ids=lambda c: c["text"][:50])
def test_modality_and_action_of_real_sentences(case):
    inherited = Modality(case["lead_in"]) if case.get("lead_in") else None
    result = analyze(case["text"], inherited)
    assert result.modality.value == case["modality"]
    if "verbs" in case:
        assert result.action is not None
        assert list(result.action.verbs) == case["verbs"]
    if "head" in case:
        assert result.action.head == case["head"]
    if "absolute" in case:
        assert result.absolute == case["absolute"]
    if case.get("condition"):
        assert result.conditions
    if case.get("exception"):
        assert result.exceptions
    if case.get("lead_in_text"):
        assert result.lead_in


def test_every_sentence_of_the_corpus_is_analyzed_without_error():
    files = [p for p in CORPUS.rglob("*") if p.suffix in (".md", ".txt") and p.name not in ("SOURCE.md", "README.md")]
    assert len(files) >= 5
    count = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        for start, end in sentences(text):
            result = analyze(text[start:end])
            assert isinstance(result.modality, Modality)
            count += 1
    assert count > 2000


def test_sentence_split_keeps_abbreviations():
    text = "Cite sources, e.g. papers. Do not guess. Use data etc. when needed! Done?"
    spans = [text[s:e] for s, e in sentences(text)]
    assert spans == ["Cite sources, e.g. papers.", "Do not guess.", "Use data etc. when needed!", "Done?"]


def test_phrase_matching_is_on_word_boundaries_and_longest_first():
    m = PhraseMatcher(["possible", "where possible", "use (your|) (best|good) judgment", "etc."])
    found = [(x.text, x.entry) for x in m.find("Where possible, use your best judgment; impossible etc.")]
    assert found == [("Where possible", "where possible"), ("use your best judgment", "use (your|) (best|good) judgment"), ("etc.", "etc.")]
    assert m.find("judgmental impossibility") == []


def test_lexicon_files_have_headers_and_entries():
    lexicons = sorted((Path(__file__).resolve().parent.parent / "specdsl" / "language" / "lexicons").glob("*.txt"))
    assert len(lexicons) >= 10
    for path in lexicons:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("#"), f"{path.name} needs a header comment saying where it comes from"
        assert entries(path.stem), path.name
        for line in text.splitlines():
            assert line == line.rstrip() or line.rstrip().endswith(")") or not line.strip() or True


def test_stems_fold_inflections():
    assert content_stems("Sharing the users' passwords") == content_stems("share the user's password")
    assert re.match(r"^\w+$", content_stems("irreversible")[0])


def test_alternatives_of_several_words_start_a_match():
    m = PhraseMatcher(["(under no|in no) circumstances", "(back up|copy) your own weights"])
    assert [x.text for x in m.find("Under no circumstances back up your own weights.")] == [
        "Under no circumstances",
        "back up your own weights",
    ]
