"""What comes before a phrase in its sentence, found in logarithmic time.

The phrase checks ask of each phrase they find whether a prohibition, a
condition or a concession comes before it in its clause ("Never pursue a goal
by any means necessary"). Asked by slicing the text before the phrase, that
costs the length of the clause for every phrase: one long line with many
phrases (a rule of a megabyte) took time growing with the square of its
length. A `Lookback` reads a text once (its sentences, the places where a
clause may start, and where the markers stand) and answers each question with
a binary search, so a text costs time in proportion to its length.

The answers are exactly those of reading the clause before the phrase on its
own (`tests/test_bounded.py` compares both ways on random texts), for a phrase
that starts at a word edge, as every lexicon match does.
"""

from __future__ import annotations

import re
import sys
import threading
from bisect import bisect_left, bisect_right

from ..core.memo import MB, scaled
from .lexicon import PhraseMatcher, matcher
from .text import sentences, words
from ..core import precompiled

#: Conditions and exceptions ("unless", "if" …) that lift a prohibition before them.
CONDITIONAL = precompiled.compile(
    r"(?<![\w'’-])(unless|except|if|when|whenever|where|provided|as long as|so long as|in case)(?![\w'’-])",
    re.IGNORECASE,
)
#: A leading condition ("If symptoms fit no category, …"), without its comma.
LEADING_KEYWORD = precompiled.compile(
    r"\s*(?:if|when|whenever|once|where|unless|except when|in case|as long as|even if|even when)\b", re.IGNORECASE
)
NEGATION = precompiled.compile(r"(?<![\w'’-])(not|never|no|nor)(?![\w'’-])|n['’]t(?![\w'’-])", re.IGNORECASE)
RELATIVE = precompiled.compile(r"\b(that|which|who|whom|whose)\b", re.I)
ONLY = precompiled.compile(r"\bonly\b", re.I)
#: What ends a clause for `previous_word`.
_STOP = precompiled.compile(r"[.;:!?]")
#: Where a sentence is cut into clauses: (the cut, its length).
CUTS = ((";", 1), (" but ", 5), ("\n\n", 2))


def _positions(text: str, needle: str) -> list[int]:
    """Every offset where `needle` starts, overlapping ones too (as `rfind` sees them)."""
    out = []
    find = text.find
    at = find(needle)
    while at >= 0:
        out.append(at)
        at = find(needle, at + 1)
    return out


def _is_word(ch: str) -> bool:
    """A character a regular expression's `\\b` counts as part of a word."""
    return ch.isalnum() or ch == "_"


class _Matches:
    """The matches of one pattern in a text, sorted, for 'the last one before'."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def last(self, lo: int, hi: int, again) -> tuple[int, int] | None:
        """(start, end) of the last match inside [lo, hi), as a search of
        `text[lo:hi]` would find it, or None. `again(a, b)` searches `text[a:b]`
        again for a match that runs past `hi`: in the shorter text it may be
        shorter, or another one."""
        i = bisect_right(self.ends, hi) - 1
        best = (self.starts[i], self.ends[i]) if i >= 0 and self.starts[i] >= lo else None
        j = i + 1
        if j < len(self.starts) and lo <= self.starts[j] < hi < self.ends[j]:
            cut = again(self.starts[j], hi)
            if cut is not None:
                best = cut
        return best

    def any_inside(self, lo: int, hi: int) -> bool:
        i = bisect_left(self.starts, lo)
        return i < len(self.starts) and self.ends[i] <= hi


class Lookback:
    """One text, read once for the questions the phrase checks ask (see the module
    docstring). Get one with `lookback(text)`."""

    def __init__(self, text: str):
        self.text = text
        self.sentence_spans = sentences(text)
        self.sentence_starts = [s for s, _ in self.sentence_spans]
        self._cuts = [(_positions(text, needle), width) for needle, width in CUTS]
        self._commas: list[int] | None = None
        self._stops: list[int] | None = None
        self._leads: dict[int, int | None] = {}
        self._regex: dict[re.Pattern, _Matches] = {}
        self._prohibitions: _Matches | None = None
        self._words: list | None = None
        self._word_ends: list[int] | None = None
        self._previous: dict[frozenset, list[int]] = {}
        self._analyses: dict[tuple, object] = {}

    # -- where a clause starts ------------------------------------------------
    def sentence_start(self, start: int) -> int:
        """Where `sentence_before(text, start)` begins: the start of `start`'s
        sentence, or just after the last `;`, " but " or paragraph break in it."""
        i = bisect_right(self.sentence_starts, start) - 1
        begin = self.sentence_starts[i] if i >= 0 else 0
        cut = -1
        for positions, width in self._cuts:
            k = bisect_right(positions, start - width) - 1  # the whole cut before `start`
            if k >= 0 and positions[k] >= begin:
                cut = max(cut, positions[k])
        return cut + 1 if cut >= 0 else begin

    def clause_start(self, start: int) -> int:
        """Where `clause_before(text, start)` begins: `sentence_start`, or after the
        comma that ends a leading condition ("If X, …") before `start`."""
        head = self.sentence_start(start)
        end = self._lead_end(head)
        return end if end is not None and end <= start else head

    def _lead_end(self, head: int) -> int | None:
        """Just after the comma that closes a leading condition at `head`, or None."""
        if head in self._leads:
            return self._leads[head]
        end = None
        m = LEADING_KEYWORD.match(self.text, head)
        if m is not None:
            commas = self.commas
            k = bisect_left(commas, m.end())
            if k < len(commas):
                end = commas[k] + 1
        self._leads[head] = end
        return end

    @property
    def commas(self) -> list[int]:
        if self._commas is None:
            self._commas = _positions(self.text, ",")
        return self._commas

    # -- what stands in a clause ----------------------------------------------
    def _matches(self, pattern: re.Pattern) -> _Matches:
        found = self._regex.get(pattern)
        if found is None:
            found = self._regex[pattern] = _Matches([m.span() for m in pattern.finditer(self.text)])
        return found

    def last_match(self, pattern: re.Pattern, lo: int, hi: int) -> tuple[int, int] | None:
        """(start, end) of the last match of `pattern` in `text[lo:hi]` (offsets in
        the whole text), or None."""

        def again(a: int, b: int) -> tuple[int, int] | None:
            m = None
            for m in pattern.finditer(self.text, a, b):
                pass
            return m.span() if m is not None else None

        return self._matches(pattern).last(lo, hi, again)

    def last_end(self, pattern: re.Pattern, lo: int, hi: int) -> int:
        """The end of the last match of `pattern` in `text[lo:hi]`, or -1."""
        found = self.last_match(pattern, lo, hi)
        return found[1] if found is not None else -1

    def any_inside(self, pattern: re.Pattern, lo: int, hi: int) -> bool:
        """Whether `pattern` matches inside `text[lo:hi]`, with word edges at both ends."""
        return self._matches(pattern).any_inside(lo, hi)

    def last_prohibition_end(self, lo: int, hi: int) -> int:
        """The end of the last prohibition marker ("never", "do not" …) in
        `text[lo:hi]`, `lo` being a clause start, or -1.

        The lexicon is matched once per stretch between two places where a clause
        may start (its entries may span a paragraph break, which a clause does not
        cross), so that each match is the one a search of the clause would find."""
        prohibition = matcher("modal_prohibition")
        if self._prohibitions is None:
            self._prohibitions = _Matches(list(self._stretch_matches(prohibition)))

        def again(a: int, b: int) -> tuple[int, int] | None:
            found = prohibition._find(self.text[a:b])
            return (a + found[-1].start, a + found[-1].end) if found else None

        found = self._prohibitions.last(lo, hi, again)
        return found[1] if found is not None else -1

    def _stretch_matches(self, found_by: PhraseMatcher):
        text = self.text
        bounds = {0, len(text)}
        bounds.update(self.sentence_starts)
        for positions, _ in self._cuts:
            bounds.update(p + 1 for p in positions)
        for head in list(bounds):
            end = self._lead_end(head)
            if end is not None:
                bounds.add(end)
        ordered = sorted(b for b in bounds if 0 <= b <= len(text))
        for a, b in zip(ordered, ordered[1:]):
            if a == b:
                continue
            piece = text[a:b]
            for m in found_by._find(piece):  # not `find`: its memory is for whole texts
                yield a + m.start, a + m.end

    def concessive_before(self, lo: int, end: int) -> bool:
        """Whether `text[lo:end]` ends, but for spaces, with "even" or "regardless of
        (whether)" as a word: a concession ("even if …")."""
        j = self._skip_space_back(lo, end)
        if self._word_back(lo, j, "even") is not None:
            return True
        at = self._word_back(lo, j, "whether", edge=False)
        if at is not None:
            k = self._skip_space_back(lo, at)
            if k < at:
                j = k
        at = self._word_back(lo, j, "of", edge=False)
        if at is None:
            return False
        k = self._skip_space_back(lo, at)
        return k < at and self._word_back(lo, k, "regardless") is not None

    def _skip_space_back(self, lo: int, end: int) -> int:
        text = self.text
        while end > lo and text[end - 1].isspace():
            end -= 1
        return end

    def _word_back(self, lo: int, end: int, word: str, edge: bool = True) -> int | None:
        """Where `word` starts if `text[lo:end]` ends with it (any case), with a word
        edge before it when `edge`; else None."""
        start = end - len(word)
        if start < lo or self.text[start:end].lower() != word:
            return None
        if edge and start > lo and _is_word(self.text[start - 1]):
            return None
        return start

    def ends_with_no(self, start: int) -> bool:
        """Whether the text before `start` ends with the word "no" and spaces
        ("No drastic actions")."""
        text = self.text
        j = self._skip_space_back(0, start)
        if j == start or j < 2 or text[j - 2 : j].lower() != "no":
            return False
        return j == 2 or not re.match(r"[\w'’-]", text[j - 3])

    # -- words ----------------------------------------------------------------
    @property
    def stops(self) -> list[int]:
        if self._stops is None:
            self._stops = [m.start() for m in _STOP.finditer(self.text)]
        return self._stops

    def _word_list(self) -> list:
        if self._words is None:
            self._words = words(self.text)
            self._word_ends = [e for _, _, e in self._words]
        return self._words

    def previous_word(self, pos: int, skip: frozenset[str]) -> str | None:
        """The last word before `pos` in its clause (after the last of `.;:!?`) that
        is not in `skip`, lowercase; None when there is none."""
        found = self._word_list()
        previous = self._previous.get(skip)
        if previous is None:
            previous, last = [], -1
            for k, (word, _, _) in enumerate(found):
                if word not in skip:
                    last = k
                previous.append(last)
            self._previous[skip] = previous
        k = bisect_right(self._word_ends, pos) - 1
        if k < 0 or previous[k] < 0:
            return None
        j = previous[k]
        i = bisect_left(self.stops, pos) - 1
        cut = self.stops[i] if i >= 0 else -1
        return found[j][0] if found[j][1] > cut else None

    def next_word(self, pos: int) -> str | None:
        """The first word at or after `pos`, lowercase (None at the end)."""
        found = self._word_list()
        k = bisect_left(found, pos, key=lambda w: w[1])
        return found[k][0] if k < len(found) else None

    def clause_end(self, pos: int) -> int:
        """Where the clause that goes on at `pos` ends: the next of `.;:!?`, or the end."""
        i = bisect_left(self.stops, pos)
        return self.stops[i] if i < len(self.stops) else len(self.text)

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The sentence that holds `pos` ((0, len) when none does)."""
        i = bisect_right(self.sentence_starts, pos) - 1
        if i >= 0:
            s, e = self.sentence_spans[i]
            if s <= pos < e:
                return s, e
        return 0, len(self.text)

    def remember(self, key: tuple, compute):
        """`compute()`, worked out once per `key` for this text."""
        if key not in self._analyses:
            self._analyses[key] = compute()
        return self._analyses[key]


#: What a `Lookback` holds once the checks have asked it everything, at most: a
#: base, and bytes per character of its text (its words, the places of its
#: markers, commas and stops, the analyses of its sentences; measured on prose
#: and hostile shapes, `tests/test_language.py` holds the estimate above them).
LOOKBACK_BASE = 16 * 1024
LOOKBACK_PER_CHAR = 128

#: The `Lookback`s of recent texts, bounded by the bytes they may hold (see
#: `specdsl.core.memo`): checks ask about the same texts one after the other.
_kept = scaled(4 * MB, f"{__name__}.lookback")
#: Per thread, the latest `Lookback` too big for `_kept`: while a check asks about
#: the phrases of one long text, that text is read once, not once per phrase.
_latest = threading.local()


def lookback_bytes(text: str) -> int:
    """The estimate of what the `Lookback` of `text` may hold."""
    return LOOKBACK_BASE + LOOKBACK_PER_CHAR * len(text) + sys.getsizeof(text)


def lookback(text: str) -> Lookback:
    """The `Lookback` of a text, kept for the next question about it (the
    recent texts', up to a bound in bytes, and the latest one's in any case)."""
    found = _kept.get(text)
    if found is not None:
        return found
    latest = getattr(_latest, "back", None)
    if latest is not None and (latest.text is text or latest.text == text):
        return latest
    found = Lookback(text)
    if not _kept.put(text, found, lookback_bytes(text)):
        _latest.back = found
    return found


def _clear() -> None:
    _kept.clear()
    _latest.back = None


lookback.cache = _kept  # type: ignore[attr-defined]
lookback.cache_clear = _clear  # type: ignore[attr-defined]
