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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

_WORD_EDGE_START = r"(?<![\w'’-])"
_WORD_EDGE_END = r"(?![\w'’-])"
ANY_WORD = r"[\w'’-]+"


@dataclass(frozen=True)
class PhraseMatch:
    start: int
    end: int
    text: str
    entry: str


def _compile_entry(entry: str) -> str:
    """One lexicon entry as a regular expression (without the edges)."""
    tokens = re.findall(r"\([^)]*\)|\S+", entry)
    parts: list[tuple[str, bool]] = []
    for token in tokens:
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


class PhraseMatcher:
    """Finds the entries of a lexicon in text."""

    def __init__(self, entries: Iterable[str]):
        self.entries = sorted({e.strip() for e in entries if e.strip()}, key=lambda e: (-len(e), e))
        self.anchors = _anchors(self.entries)
        if self.entries:
            body = "|".join(f"(?P<e{i}>{_compile_entry(e)})" for i, e in enumerate(self.entries))
            self.regex = re.compile(f"{_WORD_EDGE_START}(?:{body}){_WORD_EDGE_END}", re.IGNORECASE)
        else:
            self.regex = None

    def find(self, text: str) -> list[PhraseMatch]:
        if self.regex is None or not text:
            return []
        if self.anchors is not None:
            low = text.lower().replace("’", "'")
            if not any(a in low for a in self.anchors):
                return []  # no entry can start here: skip the big expression
        out = []
        for m in self.regex.finditer(text):
            group = m.lastgroup
            entry = self.entries[int(group[1:])] if group else m.group(0)
            out.append(PhraseMatch(m.start(), m.end(), m.group(0), entry))
        return out

    def search(self, text: str) -> PhraseMatch | None:
        found = self.find(text)
        return found[0] if found else None

    def __contains__(self, text: str) -> bool:
        return self.regex is not None and self.regex.search(text) is not None


def _anchors(entries: list[str]) -> tuple[str, ...] | None:
    """Words one of which must occur in a text for any entry to match (None: no such set)."""
    anchors: set[str] = set()
    for entry in entries:
        first = re.findall(r"\([^)]*\)|\S+", entry)[0]
        if first == "_":
            return None
        if first.startswith("("):
            options = first[1:-1].split("|")
            if "" in options:
                return None
            anchors.update(o.lower() for o in options)
        else:
            anchors.add(first.lower())
    return tuple(sorted(anchors))


def _read(name: str) -> str:
    return resources.files(__package__).joinpath("lexicons", f"{name}.txt").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def entries(name: str) -> tuple[str, ...]:
    """The entries of a lexicon file, in file order."""
    out = []
    for line in _read(name).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


@lru_cache(maxsize=None)
def matcher(name: str, extra: tuple[str, ...] = ()) -> PhraseMatcher:
    """A matcher for a lexicon file, plus `extra` entries (from the configuration)."""
    return PhraseMatcher(entries(name) + tuple(extra))


def header(name: str) -> str:
    """The header comment of a lexicon file (where the list comes from)."""
    lines = []
    for line in _read(name).splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].strip())
    return "\n".join(lines)
