"""Lexicons: phrase lists as data files, matched on word boundaries.

File format (`lexicons/NAME.txt`): one entry a line; `#` starts a comment;
the header comment says what the list is for and where it comes from. An
entry is words separated by spaces, where

- `(a|b)` is one of the alternatives, and `(a|b|)` may also be absent;
- `_` is any one word.

Matching is case-insensitive, on word boundaries (never inside a word), and
the longest entry wins where several start at the same place.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter
from typing import Iterable, NamedTuple

from ..core.memo import MB, text_cache
from .text import word_set, words
from .wordlists import entries, header  # noqa: F401  (re-exported: `lexicon.entries`)
from ..core import precompiled

_WORD_EDGE_START = r"(?<![\w'’-])"
_WORD_EDGE_END = r"(?![\w'’-])"
ANY_WORD = r"[\w'’-]+"


_new = tuple.__new__
_MISSING = object()


class PhraseMatch(NamedTuple):
    """An entry found in a text (a named tuple: a long text may have many)."""

    start: int
    end: int
    text: str
    entry: str


#: A text longer than this is matched by `PhraseMatcher._in_long_text`.
LONG_TEXT = 4096

#: The tokens of an entry: a parenthesized group of alternatives, or a word.
_ENTRY_TOKEN = precompiled.compile(r"\([^)]*\)|\S+")


def _fold(word: str) -> str:
    """A lexicon word as `words()` gives the words of a text: lowercase, straight apostrophes."""
    return word.lower().replace("’", "'")


def _compile_entry(entry: str) -> str:
    """One lexicon entry as a regular expression (without the edges)."""
    parts: list[tuple[str, bool]] = []
    for token in _ENTRY_TOKEN.findall(entry):
        if token.startswith("(") and token.endswith(")"):
            options = token[1:-1].split("|")
            optional = "" in options
            alts = [_word_pattern(o) for o in options if o]
            parts.append(("(?:" + "|".join(alts) + ")", optional))
        elif token == "_":
            parts.append((ANY_WORD, False))
        else:
            parts.append((_word_pattern(token), False))
    pattern = ""
    need_separator = False
    for piece, optional in parts:
        if optional:
            pattern += f"(?:\\s+{piece})?" if need_separator else f"(?:{piece}\\s+)?"
        else:
            pattern += f"\\s+{piece}" if need_separator else piece
            need_separator = True
    return pattern


def _word_pattern(word: str) -> str:
    # an apostrophe matches both ' and ’; words inside an alternative may contain spaces
    escaped = re.escape(word).replace("'", "['’]").replace("\\ ", r"\s+")
    return escaped


#: A lexicon word the token matcher can compare with the words of `words()`.
_PLAIN_WORD = precompiled.compile(r"[a-z0-9][a-z0-9'-]*")
#: A character that continues a word (the regular expressions' word edges).
_WORD_CHAR = precompiled.compile(r"[\w'’-]")


def _token_parts(entry: str) -> list[list[tuple[str, ...]]] | None:
    """An entry as its parts, each the word sequences it may be, in the order its
    regular expression tries them (alternatives as listed, an optional part
    present before absent); None when the entry needs its expression (`_`,
    punctuation, other scripts)."""
    parts: list[list[tuple[str, ...]]] = []
    for token in _ENTRY_TOKEN.findall(entry):
        if token.startswith("(") and token.endswith(")"):
            options = token[1:-1].split("|")
            choices = [tuple(_fold(o).split()) for o in options if o]
            if "" in options:
                choices.append(())
        elif token == "_":
            return None
        else:
            choices = [(_fold(token),)]
        if any(not _PLAIN_WORD.fullmatch(w) for c in choices for w in c) or any(not c for c in choices[:-1]):
            return None
        parts.append(choices)
    if not parts or all(() in p for p in parts):
        return None  # an entry that may match nothing
    return parts


class PhraseMatcher:
    """Finds the entries of a lexicon in text.

    Regular expressions are compiled lazily, and when every entry starts with
    a known word (an "anchor"), one small expression per anchor word is
    compiled the first time that word is seen: a run that meets few of a
    lexicon's words compiles few expressions.
    """

    def __init__(self, entries: Iterable[str]):
        self.entries = sorted({e.strip() for e in entries if e.strip()}, key=lambda e: (-len(e), e))
        self._regex: re.Pattern | None = None
        self._by_anchor: dict[str, list[int]] | None = None
        self._anchor_regex: dict[str, re.Pattern] = {}
        #: per anchor word: (entry index, its parts) in matching order, or None
        #: where an entry needs its regular expression
        self._anchor_forms: dict[str, list[tuple[int, list]] | None] = {}
        #: match with the regular expressions only (the tests compare both ways)
        self.expressions_only = False
        #: expressions for the entries of some anchor words (see `_in_long_text`)
        self._subsets: dict[frozenset, re.Pattern] = {}
        self.anchors: frozenset[str] | None = None
        if not self.entries:
            return
        by_anchor: dict[str, list[int]] = {}
        for i, entry in enumerate(self.entries):
            firsts = _first_words(entry)
            if firsts is None:
                by_anchor = None  # some entry may start anywhere: one expression for all
                break
            for word in dict.fromkeys(firsts):
                by_anchor.setdefault(word, []).append(i)
        if by_anchor is not None:
            self._by_anchor = by_anchor
            self.anchors = frozenset(by_anchor)

    @property
    def regex(self) -> re.Pattern | None:
        """One expression for every entry (built on first use)."""
        if self._regex is None and self.entries:
            self._regex = self._compile(range(len(self.entries)))
        return self._regex

    def _compile(self, indices) -> re.Pattern:
        body = "|".join(f"(?P<e{i}>{_compile_entry(self.entries[i])})" for i in indices)
        return re.compile(f"{_WORD_EDGE_START}(?:{body}){_WORD_EDGE_END}", re.IGNORECASE)

    def _for_anchor(self, word: str) -> re.Pattern:
        regex = self._anchor_regex.get(word)
        if regex is None:
            regex = self._anchor_regex[word] = self._compile(self._by_anchor[word])
        return regex

    def find(self, text: str) -> list[PhraseMatch]:
        """The entries found in `text` (remembered per text, see `_found`: callers must
        not modify the list)."""
        if not self.entries or not text:
            return []
        if self.anchors is not None and _none_of(self.anchors, text):
            # No word that can start an entry: nothing to find (most texts, for
            # most lexicons). Not remembered: a cache entry per (lexicon, text)
            # that says "nothing" costs more to keep than this test.
            return []
        return _found(self, text)

    def _find(self, text: str) -> list[PhraseMatch]:
        if self.anchors is None:
            return self._matches(self.regex.finditer(text))
        if len(text) > LONG_TEXT and not self.expressions_only:
            return self._matches(self._in_long_text(text))
        entries = self.entries
        return [_new(PhraseMatch, (start, end, text[start:end], entries[index])) for start, end, index in self._at_anchors(text)]

    def _matches(self, found: Iterable[re.Match]) -> list[PhraseMatch]:
        """PhraseMatches of the matches of `_compile`'s expressions (each entry is
        the group `e<index>`)."""
        entries = self.entries
        return [_new(PhraseMatch, (m.start(), m.end(), m.group(), entries[int(m.lastgroup[1:])])) for m in found]

    def _in_long_text(self, text: str):
        """The matches in a long text, by one expression of the entries whose first
        word the text has: the regular expression engine walks the text, not a
        Python loop over its words (the same matches as `_at_anchors`: an entry
        whose first word is nowhere in the text matches nowhere)."""
        present = self.anchors & word_set(text)
        if not present:
            return ()
        key = frozenset(present)
        regex = self._subsets.get(key)
        if regex is None:
            if len(self._subsets) > 64:
                self._subsets.clear()
            regex = self._subsets[key] = self._compile(sorted({i for word in present for i in self._by_anchor[word]}))
        return regex.finditer(text)

    def _forms_for_anchor(self, word: str):
        if word in self._anchor_forms:
            return self._anchor_forms[word]
        plan = []
        for i in self._by_anchor[word]:
            parts = _token_parts(self.entries[i])
            if parts is None:
                plan = None
                break
            plan.append((i, parts))
        self._anchor_forms[word] = plan
        return plan

    def _at_anchors(self, text: str):
        """Try only where a word that can start an entry stands.

        The same matches as `finditer` over all entries (leftmost, longest entry
        first at each start, not overlapping). Entries made of plain words are
        compared word by word with `words(text)`; the others (and every entry of
        an anchor word that has such an entry) by their regular expression,
        compiled the first time the word is met.
        """
        anchors = self.anchors  # `find` has made sure the text has one of them
        found = words(text)
        taken = -1
        for k, (word, start, _) in enumerate(found):
            if start < taken or word not in anchors:
                continue
            plan = None if self.expressions_only else self._forms_for_anchor(word)
            if plan is None:
                m = self._for_anchor(word).match(text, start)
                if m is not None:
                    taken = m.end()
                    yield _hit(m)
                continue
            if start > 0 and _WORD_CHAR.match(text, start - 1):
                continue
            hit = _match_words(text, found, k, plan)
            if hit is not None:
                taken = hit[1]
                yield hit

    def needs(self) -> list[tuple[tuple[str, ...], ...]] | None:
        """For each entry, the words a text must have for the entry to be found in
        it: groups of words, one word of each group at least. A part of the entry
        that is not optional gives a group: the first words of its forms ("the
        ends justify the means": five groups of one word; "(the|its) (benefit|
        benefits) outweigh": three groups). An entry that needs its regular
        expression has one group, the words it can start with. None when an entry
        can start with any word (then any text may hold one). Worked out once
        per matcher."""
        known = self.__dict__.get("_needs", _MISSING)
        if known is not _MISSING:
            return known
        out: list[tuple[tuple[str, ...], ...]] | None = []
        for entry in self.entries:
            parts = _token_parts(entry)
            groups = tuple(tuple(dict.fromkeys(c[0] for c in p)) for p in parts or () if () not in p)
            if not groups:
                firsts = _first_words(entry)
                if firsts is None:
                    out = None
                    break
                groups = (tuple(dict.fromkeys(firsts)),)
            out.append(groups)
        self.__dict__["_needs"] = out
        return out

    def search(self, text: str) -> PhraseMatch | None:
        found = self.find(text)
        return found[0] if found else None

    def __contains__(self, text: str) -> bool:
        return bool(self.find(text))


_first = itemgetter(0)


def _none_of(anchors: frozenset[str], text: str) -> bool:
    """Whether `text` has none of the words `anchors`. A short text's words are
    looked at in its list of words (which every check reads, so it is kept): a
    set of them kept per text as well would cost as much again."""
    if len(text) <= LONG_TEXT:
        return anchors.isdisjoint(map(_first, words(text)))
    return anchors.isdisjoint(word_set(text))


def _hit(m: re.Match) -> tuple[int, int, int]:
    """(start, end, entry index) of a match of `PhraseMatcher._compile`'s expression
    (each entry is the group `e<index>`)."""
    return m.start(), m.end(), int(m.lastgroup[1:])


def _match_words(text: str, found: list, k: int, plan) -> tuple[int, int, int] | None:
    """The first entry of `plan` whose words stand at `found[k:]`, separated by
    whitespace only and followed by a word edge, as (start, end, entry index).
    Alternatives are tried in the order the entry's expression tries them, so
    both ways find the same match."""
    start = found[k][1]
    for index, parts in plan:
        end = _match_parts(text, found, k, start, parts, 0, False)
        if end is not None:
            return start, end, index
    return None


def _match_parts(text: str, found: list, j: int, end: int, parts: list, p: int, started: bool) -> int | None:
    """Depth first over `parts[p:]` with the next word at `found[j]`; `end` is
    where the words matched so far end (`started`: some word matched). Returns
    the end of the first match, or None."""
    if p == len(parts):
        return end if end >= len(text) or not _WORD_CHAR.match(text, end) else None
    count = len(found)
    for choice in parts[p]:
        i, at, on = j, end, started
        for w in choice:
            if i >= count:
                break
            word, word_start, word_end = found[i]
            if word != w or (on and (word_start == at or not text[at:word_start].isspace())):
                break
            i, at, on = i + 1, word_end, True
        else:
            got = _match_parts(text, found, i, at, parts, p + 1, on)
            if got is not None:
                return got
    return None


def _first_words(entry: str) -> list[str] | None:
    """The words an entry can start with, lowercased (None when it can start with
    any word). Where the entry opens with optional parts, the words that can
    follow them count too."""
    out: list[str] = []
    for token in _ENTRY_TOKEN.findall(entry):
        if token == "_":
            return None
        if not token.startswith("("):
            out.append(token)
            break
        options = token[1:-1].split("|")
        out += [o.split()[0] for o in options if o.strip()]
        if "" not in options:
            break
    else:
        return None  # every part may be absent
    return [_fold(w).rstrip(".,;:!?") for w in out]


#: What a list of matches holds besides the text: each match a named tuple of two
#: offsets and two strings, its text a slice of the text (in all, no more
#: characters than the text has, at up to 4 bytes each).
@text_cache(8 * MB, per_char=4, per_item=192, base=256, long_lived_only=True)
def _found(matcher: PhraseMatcher, text: str) -> list[PhraseMatch]:
    """`matcher.find(text)`, remembered across matchers up to a bound in bytes: the
    language server lints a new version of a text on every keystroke (a count of
    texts is no bound on memory when a text may be a whole long rule). A
    command-line run keeps none (`long_lived_only`): its checks seldom look for
    the same lexicon in the same text twice, and a 10,000-rule spec's matches
    were a tenth of its peak memory."""
    return matcher._find(text)


@lru_cache(maxsize=None)
def matcher(name: str, extra: tuple[str, ...] = ()) -> PhraseMatcher:
    """A matcher for a lexicon file, plus `extra` entries (from the configuration)."""
    return PhraseMatcher(entries(name) + tuple(extra))
