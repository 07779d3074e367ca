"""Words, stems, sentences and clauses."""

from __future__ import annotations

from functools import lru_cache
from sys import intern

from ..core.memo import MB, text_cache
from ..core import precompiled

WORD_RE = precompiled.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
# sentence ends: . ! ? ; followed by space and a capital/quote/digit, or the end; a footnote
# number glued to a full stop ("… to these lists.5 Department Heads …") ends one too
_SENTENCE_END = precompiled.compile(r"(?<=[.!?;])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|(?<=[a-z][.!?])\d{1,2}\s+(?=[A-Z])|\n\n+")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "cf.", "u.s.", "mr.", "ms.", "dr.", "no.", "approx.")
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@text_cache(2 * MB, per_char=2, base=128)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of a lowercase word, without a possessive."""
    word = word.lower().replace("’", "'")
    if word.isdigit():
        return word  # numbers are their own stems (and there are many of them)
    if word.endswith("'s"):
        word = word[:-2]
    elif word.endswith("'"):
        word = word[:-1]
    return _stemmer().stemWord(word)


@text_cache(8 * MB, per_char=1, per_item=192)
def words(text: str) -> list[tuple[str, int, int]]:
    """(lowercase word, start, end) for each word of `text` (do not modify the list).

    Every check asks for the words of every rule, so they are remembered.
    """
    low = text.lower().replace("’", "'")  # same length: offsets stay valid
    # Interned: a spec says "the" and "user" thousands of times, and every rule's
    # words are kept (one string each, not one per occurrence).
    return [(intern(m.group()), m.start(), m.end()) for m in WORD_RE.finditer(low)]


@text_cache(6 * MB, per_char=1, per_item=144)
def word_set(text: str) -> frozenset[str]:
    """The distinct lowercase words of `text` (the words of `words`; a long text's
    are found without listing their places: it is asked this before anything
    else, and may never need the list)."""
    if len(text) <= 4096:
        return frozenset(w for w, _, _ in words(text))  # the same string objects as `words`
    return frozenset(WORD_RE.findall(text.lower().replace("’", "'")))


#: Whatever could end a sentence before the end of a text (a cheap test before the full one).
_MAY_END = precompiled.compile(r"[.!?;][\"')\]]*\s|\n\n|[a-z][.!?]\d")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`."""
    if _MAY_END.search(text) is None:  # one sentence (most lines of a prompt)
        return [(0, len(text.rstrip()))] if text.strip() else []
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        # only the end of the sentence so far can be an abbreviation: looking at
        # no more than that keeps a text of many abbreviations linear
        before = text[max(start, m.start() - _LONGEST_ABBREVIATION) : m.start()].lower()
        if before.endswith(_ABBREVIATIONS):
            continue
        if text[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    from .wordlists import entries

    return frozenset(entries("stopwords"))


def content_stems(text: str) -> list[str]:
    """Stems of the content words of `text` (no stop words), in order."""
    stop = stopwords()
    return [stem(w) for w, _, _ in words(text) if w not in stop]
