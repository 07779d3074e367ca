"""benchmarks/reading.py: how the rules read are matched to a blind reader's statements.

The brief lets a reader list a list item of two instructions as one entry or as two. A
further sentence of an item the reader listed whole is counted apart (`within`), neither
a hit nor an unmatched rule; where the reader listed the item's sentences one by one, an
unmatched sentence of it counts as unmatched.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import reading  # noqa: E402

DOC = (
    "# Boarding\n\n"
    "- Check every ticket at the gangway. Never board a passenger without one.\n"
    "- Lock the car deck. Count the cars twice.\n"
    "- The ferry sails at noon.\n"
)


def _measure(monkeypatch, tmp_path: Path, statements: list[dict]) -> dict:
    (tmp_path / "ferry.md").write_text(DOC, encoding="utf-8")
    monkeypatch.setattr(reading, "DATA", tmp_path)
    monkeypatch.setattr(reading, "readings", lambda slug: [{"statements": statements}])
    return reading.measure("ferry", {"path": "ferry.md", "kind": "instructions"}, False)


def test_a_sentence_inside_an_item_the_reader_listed_whole_is_counted_apart(monkeypatch, tmp_path):
    row = _measure(monkeypatch, tmp_path, [
        {"line": 3, "quote": "Check every ticket at the gangway."},
        {"line": 4, "quote": "Lock the car deck."},
    ])
    assert row["rules"] == 4 and row["within"] == 2
    assert row["recall"] == 1.0 and row["unmatched"] == 0.0


def test_where_the_reader_listed_sentences_one_by_one_an_unlisted_one_is_unmatched(monkeypatch, tmp_path):
    row = _measure(monkeypatch, tmp_path, [
        {"line": 3, "quote": "Check every ticket at the gangway."},
        {"line": 3, "quote": "Never board a passenger without one."},
        {"line": 4, "quote": "Lock the car deck."},
        {"line": 4, "quote": "Some other words"},  # the reader split this item too
    ])
    assert row["within"] == 0
    assert row["recall"] == 0.75
    assert row["unmatched"] == 0.25  # "Count the cars twice." matches no listed statement


def test_a_sentence_of_an_item_the_reader_did_not_list_at_all_is_unmatched(monkeypatch, tmp_path):
    row = _measure(monkeypatch, tmp_path, [{"line": 3, "quote": "Check every ticket at the gangway."}])
    assert row["within"] == 1  # the first item's second sentence
    assert row["unmatched"] == 2 / 3  # the second item and its sentence: no entry on their line
