"""Positions: speclint's spans (1-based lines, columns in code points) and LSP
positions (0-based lines, columns in the negotiated encoding: UTF-16 by
default, UTF-8 or UTF-32 when the client asks)."""

from __future__ import annotations

from bisect import bisect_right

from lsprotocol import types

from specdsl.core.spans import Span, line_starts


def _units_utf16(text: str) -> int:
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def _units_utf8(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _units_utf32(text: str) -> int:
    return len(text)


UNITS = {
    types.PositionEncodingKind.Utf16: _units_utf16,
    types.PositionEncodingKind.Utf8: _units_utf8,
    types.PositionEncodingKind.Utf32: _units_utf32,
}


class LineIndex:
    """Line starts of a text, for converting offsets and positions both ways."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16):
        self.text = text
        self.units = UNITS.get(encoding, _units_utf16)
        self.starts = line_starts(text)

    def line_text(self, line: int) -> str:
        """The text of a 0-based line, without its line break."""
        if line < 0 or line >= len(self.starts):
            return ""
        start = self.starts[line]
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
        if end > start and self.text[end - 1] == "\r":
            end -= 1
        return self.text[start:end]

    def position(self, offset: int) -> types.Position:
        """The LSP position of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        prefix = self.text[self.starts[line] : offset]
        return types.Position(line=line, character=self.units(prefix))

    def offset(self, position: types.Position) -> int:
        """The code-point offset of an LSP position (clamped into the text)."""
        line = position.line
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        text = self.line_text(line)
        wanted = max(0, position.character)
        units = 0
        for i, ch in enumerate(text):
            if units >= wanted:
                return self.starts[line] + i
            units += self.units(ch)
        return self.starts[line] + len(text)

    def range(self, span: Span) -> types.Range:
        return types.Range(start=self.position(span.offset), end=self.position(span.end_offset))

    def span_offsets(self, rng: types.Range) -> tuple[int, int]:
        a, b = self.offset(rng.start), self.offset(rng.end)
        return (a, b) if a <= b else (b, a)
