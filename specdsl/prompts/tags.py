"""XML-like tag sections of system prompts: `<rules>` … `</rules>`.

A tag section opens with a tag at the start of a line (`<ROLE>`, or
`<role>You are …` with content after it) and closes with the same name's
closing tag at the end of a line (`</ROLE>`, or `… tasks.</role>`). Sections
nest; a closing tag closes the innermost open section of its name (sections
left open inside it are not sections); tags never closed, tags inside
fenced code, self-closing tags and HTML elements that Markdown documents use
(`<details>`, `<div>`, see `data/html_elements.txt`) are not sections.

`scan` returns the text with the tags of every section blanked out (same
length, same lines) and the sections found, in document order. A section
whose name says it holds an example or a conversation turn (`<example>`,
`<user>`, see `data/example_tags.txt`) is marked `example`: what it holds is
quoted, never a rule.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .fences import Fences
from .templates import blank

#: A tag at the start of a line: `<name attrs>` or `</name>`.
_LINE_START = re.compile(r"^[ \t]*<(/?)([A-Za-z][\w.:-]{0,80})((?:[ \t][^<>\n]{0,400})?)>", re.M)
#: A closing tag at the end of a line.
_LINE_END = re.compile(r"</([A-Za-z][\w.:-]{0,80})[ \t]*>[ \t]*\r?$", re.M)
#: Deeper sections than this are not sections (the reader does not recurse for ever).
MAX_DEPTH = 40


class Tag:
    """One tag section: its name, where its opening and closing tags stand (offsets)."""

    __slots__ = ("name", "open_start", "open_end", "close_start", "close_end", "example")

    def __init__(self, name: str, open_start: int, open_end: int, close_start: int, close_end: int):
        self.name = name
        self.open_start = open_start
        self.open_end = open_end
        self.close_start = close_start
        self.close_end = close_end
        self.example = is_example(name)

    def __repr__(self) -> str:
        return f"Tag({self.name!r}, {self.open_start}-{self.open_end}, {self.close_start}-{self.close_end})"


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    from ..core.sources import package_text

    def entries(name: str) -> list[str]:
        out = []
        for line in package_text(__package__, "data", f"{name}.txt").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                out.append(line)
        return out

    examples = entries("example_tags")
    parts = frozenset(e for e in examples if not e.startswith("="))
    whole = frozenset(e[1:] for e in examples if e.startswith("="))
    return parts, whole, frozenset(entries("html_elements"))


@lru_cache(maxsize=1024)
def is_example(name: str) -> bool:
    """Whether a tag's name says its content is an example or a conversation turn."""
    parts, whole, _ = _lists()
    low = name.lower()
    if low in whole or low in parts:
        return True
    return any(part in low for part in parts)


def is_html(name: str) -> bool:
    """An HTML element as Markdown documents use it (lowercase names only)."""
    return name in _lists()[2]


def scan(text: str, fences: Fences | None = None) -> tuple[str, list[Tag]]:
    """The text with the tags of its tag sections blanked out, and the sections."""
    if "<" not in text or not _LINE_START.search(text):
        return text, []
    fences = fences if fences is not None else Fences(text)
    events: list[tuple[int, int, bool, str]] = []  # (start, end, closing, name)
    for m in _LINE_START.finditer(text):
        closing, name, attrs = m.group(1) == "/", m.group(2), m.group(3)
        if attrs.rstrip().endswith("/") or is_html(name):
            continue
        start = m.start() + m.group(0).index("<")
        if start in fences:
            continue
        events.append((start, m.end(), closing, name))
    opened_on_line = {e[0] for e in events}
    for m in _LINE_END.finditer(text):
        name = m.group(1)
        if is_html(name) or m.start() in fences or m.start() in opened_on_line:
            continue
        end = m.start() + m.group(0).index(">") + 1
        events.append((m.start(), end, True, name))
    if not events:
        return text, []
    events.sort()
    tags: list[Tag] = []
    stack: list[tuple[int, int, str]] = []
    for start, end, closing, name in events:
        if not closing:
            if len(stack) < MAX_DEPTH:
                stack.append((start, end, name))
            continue
        k = len(stack) - 1
        while k >= 0 and stack[k][2] != name:
            k -= 1
        if k < 0:
            continue  # a closing tag with no opening one: text
        open_start, open_end, _ = stack[k]
        del stack[k:]
        if open_end <= start:
            tags.append(Tag(name, open_start, open_end, start, end))
    if not tags:
        return text, []
    tags.sort(key=lambda t: (t.open_start, -t.close_end))
    pieces = []
    cursor = 0
    for a, b in sorted((x, y) for t in tags for x, y in ((t.open_start, t.open_end), (t.close_start, t.close_end))):
        pieces.append(text[cursor:a])
        pieces.append(blank(text[a:b]))
        cursor = b
    pieces.append(text[cursor:])
    return "".join(pieces), tags
