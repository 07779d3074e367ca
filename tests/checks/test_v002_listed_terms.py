"""V002's phrases a document defines by a list ("Unacceptable behaviors include: …") are found
only where an anchor word stands; what is found must be what a scan at every character finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from specdsl.checks.vague.v002_vague_qualifier import _DEFINES, _listed_terms, _terms

PIECES = [
    " ", "\n", "\u00a0", "-", "’", "x", "In", "un", "the ", "The", "THE ", "following ", "FOLLOWING",
    "unacceptable ", "Inappropriate ", "proper", "ly", "behaviors ", "conduct ", "include", "includes: ",
    "means ", "refers to ", "are ", "is defined as ", "considered ", "to be ", "deemed ", "sufficient ",
    "\u0130", "\u0131", "\u017f", "\u212a",
]


def scanned(text: str):
    return _terms(_DEFINES.finditer(text))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24))
def test_the_anchored_search_finds_what_a_full_scan_finds(pieces):
    text = "".join(pieces)
    assert _listed_terms(text) == scanned(text)


def test_the_definitions_of_a_code_of_conduct_are_found():
    text = (
        "Examples of unacceptable behavior include: insults.\n\n"
        "The following behaviours are considered to be inappropriate:\n\n"
        "- spam\n\nInsufficient evidence means a report we cannot act on.\n"
    )
    assert _listed_terms(text) == {("unacceptable", "behavior"), ("inappropriate", "behaviour"), ("insufficient", "evidence")}
    assert _listed_terms(text) == scanned(text)
    assert _listed_terms("Be appropriate. Use proper tools.") == frozenset()
