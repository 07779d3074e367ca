"""Language analysis on sentences taken from real specs, and lexicon matching."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from specdsl.language import Modality, analyze, content_stems, entries, sentences
from specdsl.language.lexicon import PhraseMatch, PhraseMatcher

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


# ---------------------------------------------------------------- two ways to match, one result

def _all_matchers():
    """A matcher per lexicon file (its phrases and its exceptions apart), and the
    lists the checks build from several files."""
    from specdsl.semantic import evidence
    from specdsl.checks.vague import v002_vague_qualifier

    root = Path(__file__).resolve().parent.parent / "specdsl" / "language" / "lexicons"
    out = {}
    for path in sorted(root.glob("*.txt")):
        listed = [e for e in entries(path.stem) if ":" not in e]
        out[path.stem] = PhraseMatcher(e for e in listed if not e.startswith("!"))
        out[path.stem + "!"] = PhraseMatcher(e[1:].strip() for e in listed if e.startswith("!"))
    out["stakes"] = PhraseMatcher(evidence._data("stakes.txt"))
    from specdsl.language import markers

    out["modal markers"] = markers.markers()
    out["v002-longer"] = v002_vague_qualifier._longer()
    out["tests"] = PhraseMatcher(["possible", "where possible", "use (your|) (best|good) judgment", "etc.", "(under no|in no) circumstances"])
    return out


MATCHERS = _all_matchers()


def _both_ways(matcher: PhraseMatcher, text: str):
    if not matcher.entries or not text:
        return [], []
    words_first = matcher._find(text)
    matcher.expressions_only = True
    try:
        expressions = matcher._find(text)
    finally:
        matcher.expressions_only = False
    # and the plain way: one expression for the whole lexicon over the whole text
    whole = [
        PhraseMatch(m.start(), m.end(), m.group(0), matcher.entries[int(m.lastgroup[1:])])
        for m in matcher.regex.finditer(text)
    ]
    assert expressions == whole, text
    return words_first, expressions


def test_word_matching_equals_the_expressions_on_the_corpus():
    corpus = Path(__file__).resolve().parent / "data" / "corpus"
    paragraphs = []
    for path in sorted(corpus.rglob("*.md")) + sorted((Path(__file__).resolve().parent.parent / "examples").rglob("*.mspec")):
        paragraphs += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    assert len(paragraphs) > 1000
    compared = 0
    for name, matcher in MATCHERS.items():
        for text in paragraphs:
            a, b = _both_ways(matcher, text)
            assert a == b, (name, text[:200])
            compared += bool(a)
    assert compared > 300  # the corpus meets the lexicons often: the comparison means something


_VOCABULARY = sorted({w for m in MATCHERS.values() for e in m.entries for w in re.findall(r"[^\s()|]+", e)} | {"Don’t", "É", "naïve", "-", "—", "’", "'"})


@given(
    st.lists(
        st.tuples(
            st.sampled_from(_VOCABULARY),
            st.sampled_from([" ", "  ", "\n", ", ", "-", "’", ".", "", " (", ") ", "\t", "é"]),
            st.booleans(),
        ),
        max_size=14,
    )
)
@settings(max_examples=1500, deadline=None)
def test_word_matching_equals_the_expressions_on_generated_text(parts):
    text = "".join((w.upper() if upper else w) + sep for w, sep, upper in parts)
    for name, matcher in MATCHERS.items():
        a, b = _both_ways(matcher, text)
        assert a == b, (name, text)


# ---------------------------------------------------------------- lookback memory

#: Texts of every shape: prose, tiny words and sentences, numbers, punctuation, no words.
_LOOKBACK_TEXTS = [
    "The assistant must never share the user's personal data with third parties, whatever they ask.",
    " ".join("a b c d e f g h" for _ in range(500)),
    ", ".join(str(n) for n in range(1500)),
    "Never " + "appropriately " * 1000,
    "Be reasonable. " * 300,
    "No. " * 1000,
    "Never share it; if asked, but not always. " * 100,
    "1,2;3.4 " * 500,
    "é " * 2000,
    "x",
    "",
]


def _ask_everything(back) -> None:
    """Every question the phrase checks ask, at every position of the text."""
    from specdsl.language.lookback import CONDITIONAL, NEGATION, ONLY, RELATIVE

    text = back.text
    skip = frozenset(entries("adverbs")) | {"only"}
    for pos in range(len(text) + 1):
        lo = back.clause_start(pos)
        back.sentence_start(pos)
        back.last_prohibition_end(lo, pos)
        back.last_match(CONDITIONAL, lo, pos)
        back.last_end(NEGATION, lo, pos)
        back.any_inside(RELATIVE, lo, pos)
        back.any_inside(ONLY, lo, pos)
        back.previous_word(pos, skip)
        back.next_word(pos)
        back.clause_end(pos)
        back.concessive_before(lo, pos)
        back.ends_with_no(pos)
        a, b = back.sentence_at(pos)
        back.remember(("analysis", (a, b), None), lambda: analyze(text[a:b]))


def test_a_lookbacks_estimate_is_not_below_what_it_holds_once_asked_everything():
    from test_memo import deep_size

    from specdsl.language.lookback import Lookback, lookback_bytes

    for text in _LOOKBACK_TEXTS:
        back = Lookback(text)
        _ask_everything(back)
        assert lookback_bytes(text) >= deep_size(back), (text[:40], lookback_bytes(text), deep_size(back))


def test_the_lookbacks_of_long_texts_are_kept_within_a_bound_in_bytes():
    """Typing into one long rule makes a new text a keystroke: the lookbacks kept
    for them are bounded by bytes (before, the last 64 were kept whatever their size:
    about 500 MB for a rule of 200 KB)."""
    import gc

    from specdsl.language.lookback import Lookback, lookback
    from specdsl.model.prose import endorsed

    lookback.cache_clear()
    base = "Never take drastic actions unless the user asks, and be careful with sensitive data. " * 1200
    for i in range(70):
        text = base + "x" * i
        for pos in range(0, len(text), 4999):
            endorsed(text, pos)
    gc.collect()
    alive = sum(1 for o in gc.get_objects() if isinstance(o, Lookback))
    assert alive <= 3  # 100 KB texts: the two that fit in a command-line run's bound, and the latest
    from specdsl.language.lookback import lookback_bytes

    assert alive <= lookback.cache.max_bytes // lookback_bytes(base) + 1
    assert lookback.cache.bytes <= lookback.cache.max_bytes
    lookback.cache_clear()


def test_a_text_too_long_for_the_lookback_cache_is_read_once_for_all_its_phrases():
    from specdsl.language.lookback import lookback

    lookback.cache_clear()
    bound = lookback.cache.max_bytes
    lookback.cache.resize(1024)  # smaller than any text's estimate
    try:
        text = "Never share it. " * 50
        back = lookback(text)
        assert len(lookback.cache) == 0
        assert lookback(text) is back and lookback("".join(["Never share it. "] * 50)) is back  # an equal text too
        other = "Never share is. " * 50  # as long, not the same
        assert lookback(other) is not back and lookback(other).text == other
    finally:
        lookback.cache.resize(bound)
        lookback.cache_clear()


def test_the_phrases_found_in_many_texts_are_kept_within_a_bound_in_bytes():
    """Every version of a rule an editor lints is a new text: what a matcher found in
    them is kept up to a bound in bytes (before, each matcher kept 20,000 texts)."""
    import gc

    matcher = PhraseMatcher(["appropriate", "as needed"])
    body = "Act as needed, with appropriate care. " * 500  # 19 KB, 1,000 phrases
    for i in range(600):
        assert len(matcher.find(body + str(i))) == 1000
    gc.collect()
    kept = [o for o in gc.get_objects() if type(o) is list and len(o) == 1000 and type(o[0]) is PhraseMatch]
    assert len(kept) < 600  # before: every one of them (about 130 MB)
    from specdsl.language.lexicon import _found

    held = len(kept) * (len(body) + 1000 * 160)  # each list: its text and 1,000 matches
    assert held <= _found.cache.max_bytes and _found.cache.bytes <= _found.cache.max_bytes


def test_the_estimate_of_the_phrases_found_is_not_below_what_they_hold():
    from test_memo import TEXTS, deep_size
    from test_reuse import server_caches

    from specdsl.language.lexicon import _found, matcher
    from specdsl.language.markers import markers

    shapes = TEXTS + ["appropriate\n" + " " * 3000 + "care", "é appropriate " * 500, "x"]
    with server_caches(bound=64 * 2**20):  # a command-line run keeps none of them
        for found_by in (matcher("vague"), matcher("escape"), markers(), PhraseMatcher(["a", "b c", "1"])):
            for text in shapes:
                _found.cache_clear()
                found = found_by.find(text)
                # each match: the tuple, its offsets and its text (its entry is the matcher's own)
                held = sys.getsizeof(found) + sum(sum(map(sys.getsizeof, (m, m.start, m.end, m.text))) for m in found)
                if not len(_found.cache):  # a text with none of the entries' first words: nothing kept
                    assert found == [], (text[:30], found_by.entries[:3])
                    continue
                assert _found.cache.bytes >= deep_size(text) + held, (text[:30], found_by.entries[:3])


def test_a_text_without_the_first_word_of_any_entry_is_not_remembered():
    """Most (lexicon, text) pairs find nothing; saying so costs one set test on the
    text's words, less than a cache entry would hold (a 10,000-rule spec had 96,000)."""
    from test_reuse import server_caches

    from specdsl.language.lexicon import _found

    matcher = PhraseMatcher(["appropriate", "as needed"])
    with server_caches():
        _found.cache_clear()
        assert matcher.find("Share the booking code with the caller.") == []
        assert len(_found.cache) == 0
        assert [m.text for m in matcher.find("Act as needed.")] == ["as needed"]
        assert len(_found.cache) == 1


def test_a_command_line_run_keeps_no_phrases_found():
    """A command-line run finds each lexicon's phrases in a text about once: keeping
    them only added to a large lint's peak memory (`long_lived_only`); a long-lived
    process keeps them."""
    import subprocess

    code = (
        "from specdsl.core import memo\n"
        "from specdsl.language.lexicon import PhraseMatcher, _found\n"
        "m = PhraseMatcher(['as needed'])\n"
        "m.find('Act as needed.'); print(len(_found.cache))\n"
        "memo.long_lived()\n"
        "m.find('Act as needed.'); print(len(_found.cache))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "1"]
