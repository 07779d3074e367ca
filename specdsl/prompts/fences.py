"""Where fenced code stands in raw Markdown, found without parsing it.

Template syntax and tags inside a fence are quoted code (a conversation in
an example, a prompt shown as a sample), never the document's own: the
other stages of this package leave them alone. A fence opens with three or
more backticks or tildes (after indentation, quote marks `>` or a list
marker) and closes with at least as many of the same character, as in
CommonMark; an unclosed fence runs to the end of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_FENCE = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(`{3,}|~{3,})(.*)$", re.M)


class Fences:
    """The source ranges (offsets) of fenced code in a text."""

    def __init__(self, text: str):
        self.starts: list[int] = []
        self.ends: list[int] = []
        if "```" not in text and "~~~" not in text:
            return
        opened: tuple[str, int, int] | None = None  # (char, length, start)
        for m in _FENCE.finditer(text):
            marks, rest = m.group(1), m.group(2)
            if opened is None:
                if marks[0] == "`" and "`" in rest:
                    continue  # not a fence: an info string may not hold a backtick
                opened = (marks[0], len(marks), m.start())
            elif marks[0] == opened[0] and len(marks) >= opened[1] and not rest.strip():
                self.starts.append(opened[2])
                self.ends.append(m.end())
                opened = None
        if opened is not None:
            self.starts.append(opened[2])
            self.ends.append(len(text))

    def __contains__(self, offset: int) -> bool:
        k = bisect_right(self.starts, offset) - 1
        return k >= 0 and offset < self.ends[k]
