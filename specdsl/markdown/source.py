"""Source text and positions: every span points at the author's characters.

`_Source` is the document's text with its line starts (offsets to line and
column, and where a block's content stands on a line); `_Text` is text made
of verbatim source pieces, the string a `Prose` holds with exact spans;
`_VirtualMap` maps offsets in a fence's content back to the source.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterator

from ..syntax.ast import Prose, Rationale
from ..core.diagnostics import Span
from ..core.spans import _new_span, line_starts

class _Source:
    """The document's text with its line starts: offsets to positions and back.

    `masked` is the text the block parser read: the same length and lines,
    with what is not content (template tags, the tags of tag sections)
    blanked out. Content is found in it; spans and prose take `text`, the
    author's characters at the same offsets."""

    def __init__(self, text: str, masked: str | None = None):
        self.text = text
        self.masked = text if masked is None else masked
        self.starts = line_starts(text)

    def bounds(self, line: int) -> tuple[int, int]:
        """Start and end offsets of 0-based `line` (the end before "\\r\\n" or "\\n")."""
        starts = self.starts
        if line >= len(starts):
            n = len(self.text)
            return n, n
        start = starts[line]
        end = starts[line + 1] - 1 if line + 1 < len(starts) else len(self.text)
        if end > start and self.text[end - 1] == "\r":
            end -= 1
        return start, end

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        starts = self.starts
        i = bisect_right(starts, start) - 1
        column = start - starts[i] + 1
        if end == start:
            return _new_span((i + 1, column, start, i + 1, column, end))
        j = i if i + 1 >= len(starts) or end < starts[i + 1] else bisect_right(starts, end) - 1
        return _new_span((i + 1, column, start, j + 1, end - starts[j] + 1, end))

    def locate(self, line: int, content: str, after: int | None = None) -> tuple[int, int] | None:
        """Where `content` (stripped) stands on 0-based `line`: (start, end) offsets."""
        content = content.strip()
        start, end = self.bounds(line)
        if after is not None and after > start:
            start = min(after, end)
        if not content:
            return None
        raw_end = end
        text = self.masked
        while raw_end > start and text[raw_end - 1] in " \t":
            raw_end -= 1
        if text.endswith(content, start, raw_end) and after is None:
            return raw_end - len(content), raw_end
        at = text.find(content, start, end)
        if at >= 0:
            return at, at + len(content)
        # markdown-it changed the characters (tabs, NUL): take the line's words
        first = start
        while first < raw_end and text[first] in " \t":
            first += 1
        return (first, raw_end) if first < raw_end else None


class _Text:
    """Text made of source pieces: one piece per line, joined by " " (a line
    break) or "\\n\\n" (a blank line). The joined string is what a `Prose`
    holds, and each piece is verbatim in the source, so spans are exact."""

    __slots__ = ("segs", "seps", "_text")

    def __init__(self, segs: list[tuple[int, int]], seps: list[str], source: str):
        self.segs = segs
        self.seps = seps
        if len(segs) == 1:  # most units of a prompt: one line
            self._text = source[segs[0][0] : segs[0][1]]
            return
        parts = []
        for i, (a, b) in enumerate(segs):
            if i:
                parts.append(seps[i - 1])
            parts.append(source[a:b])
        self._text = "".join(parts)

    @property
    def text(self) -> str:
        return self._text

    def __bool__(self) -> bool:
        return bool(self.segs)

    @property
    def start(self) -> int:
        return self.segs[0][0]

    @property
    def end(self) -> int:
        return self.segs[-1][1]

    def offsets(self) -> list[int]:
        """The offset in `text` where each piece starts."""
        out, pos = [], 0
        for i, (a, b) in enumerate(self.segs):
            if i:
                pos += len(self.seps[i - 1])
            out.append(pos)
            pos += b - a
        return out

    def source_offset(self, pos: int, end: bool = False) -> int:
        """The source offset of text offset `pos`."""
        starts = self.offsets()
        for (a, b), s in zip(reversed(self.segs), reversed(starts)):
            if pos > s or (pos == s and not end):
                return a + min(pos - s, b - a)
        return self.segs[0][0]

    def cut(self, start: int, end: int, source: str) -> _Text:
        """The part of this text between text offsets `start` and `end`, trimmed."""
        segs: list[tuple[int, int]] = []
        seps: list[str] = []
        gap: str | None = None  # the separators since the last piece kept
        for i, ((a, b), s) in enumerate(zip(self.segs, self.offsets())):
            if i:
                sep = self.seps[i - 1]
                gap = sep if gap is None else ("\n\n" if "\n\n" in (gap, sep) else " ")
            lo = max(start, s)
            hi = min(end, s + (b - a))
            if lo >= hi:
                continue
            pa, pb = a + (lo - s), a + (hi - s)
            while pa < pb and source[pa] in " \t":
                pa += 1
            while pb > pa and source[pb - 1] in " \t":
                pb -= 1
            if pa >= pb:
                continue
            if segs:
                seps.append(gap or " ")
            gap = None
            segs.append((pa, pb))
        return _Text(segs, seps, source)

    def rationale(self, src: _Source) -> Rationale:
        """These words as a rationale (a reason read in the prose), spanning them."""
        prose = self.prose(src)
        return Rationale.make(span=prose.span, text=prose)

    def prose(self, src: _Source) -> Prose | None:
        if not self.segs:
            return None
        if len(self.segs) == 1:
            return Prose.make(span=src.span(self.start, self.end), text=self._text, breaks=[])
        breaks = []
        pos = 0
        for i, (a, b) in enumerate(self.segs):
            if i:
                if self.seps[i - 1] == " ":
                    breaks.append(pos)
                pos += len(self.seps[i - 1])
            pos += b - a
        return Prose.make(span=src.span(self.start, self.end), text=self._text, breaks=breaks)


def _join(texts: list[_Text], source: str) -> _Text:
    """Several texts as one, a blank line between each two."""
    segs: list[tuple[int, int]] = []
    seps: list[str] = []
    for t in texts:
        if not t:
            continue
        if segs:
            seps.append("\n\n")
        segs.extend(t.segs)
        seps.extend(t.seps)
    return _Text(segs, seps, source)


def _lines_text(src: _Source, first_line: int, lines: list[str]) -> _Text:
    """The text of content `lines` that stand on source lines from `first_line` on."""
    segs: list[tuple[int, int]] = []
    seps: list[str] = []
    blank = False
    for k, content in enumerate(lines):
        if not content.strip():
            blank = True
            continue
        where = src.locate(first_line + k, content)
        if where is None:
            blank = True
            continue
        if segs:
            seps.append("\n\n" if blank else " ")
        segs.append(where)
        blank = False
    return _Text(segs, seps, src.text)


def range_text(src: _Source, a: int, b: int) -> _Text:
    """The text between source offsets `a` and `b`: one piece per line, trimmed."""
    segs: list[tuple[int, int]] = []
    seps: list[str] = []
    text = src.text
    blank = False
    line = bisect_right(src.starts, a) - 1
    while a < b:
        end = src.starts[line + 1] - 1 if line + 1 < len(src.starts) else len(text)
        pa, pb = a, min(end, b)
        while pa < pb and text[pa] in " \t\r":
            pa += 1
        while pb > pa and text[pb - 1] in " \t\r":
            pb -= 1
        if pa < pb:
            if segs:
                seps.append("\n\n" if blank else " ")
            segs.append((pa, pb))
            blank = False
        elif segs:
            blank = True
        line += 1
        if line >= len(src.starts):
            break
        a = src.starts[line]
    return _Text(segs, seps, text)


def _piece_ranges(text: _Text) -> Iterator[tuple[int, int]]:
    pos = 0
    for i, (a, b) in enumerate(text.segs):
        if i:
            pos += len(text.seps[i - 1])
        yield pos, pos + (b - a)
        pos += b - a


class _VirtualMap:
    """Offsets in a fence's content (its lines joined) to offsets in the source."""

    def __init__(self, virtual: str, starts: list[int], bases: list[int]):
        self.virtual = virtual
        self.starts = starts
        self.bases = bases

    def source(self, pos: int, end: bool = False) -> int:
        if not self.starts:
            return 0
        k = bisect_right(self.starts, pos) - 1
        if end and k > 0 and pos == self.starts[k]:
            k -= 1  # the end of the line before
            line_end = self.starts[k + 1] - 1
            return self.bases[k] + (line_end - self.starts[k])
        k = max(k, 0)
        return self.bases[k] + (pos - self.starts[k])

    def text(self, start: int, end: int, source: str) -> _Text:
        segs: list[tuple[int, int]] = []
        seps: list[str] = []
        blank = False
        virtual = self.virtual
        k = max(bisect_right(self.starts, start) - 1, 0)
        while k < len(self.starts) and self.starts[k] < end:
            ls = self.starts[k]
            le = self.starts[k + 1] - 1 if k + 1 < len(self.starts) else len(virtual)
            lo, hi = max(ls, start), min(le, end)
            piece = virtual[lo:hi]
            stripped = piece.strip()
            if not stripped:
                if lo < hi or ls >= start:
                    blank = blank or bool(segs)
                k += 1
                continue
            lead = len(piece) - len(piece.lstrip())
            sa = self.bases[k] + (lo - ls) + lead
            sb = sa + len(stripped)
            if source[sa:sb] != stripped:
                k += 1
                continue
            if segs:
                seps.append("\n\n" if blank else " ")
            segs.append((sa, sb))
            blank = False
            k += 1
        return _Text(segs, seps, source)
