"""Spans and severities: the small value types every part of speclint shares.

This module imports nothing heavy, so that a cached run of `speclint check`
can report findings without loading the parser or pydantic.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Span(NamedTuple):
    """A range of source text.

    `line` and `column` are 1-based, `offset` is 0-based; the end is exclusive.
    Columns and offsets count Unicode code points. A span is a named tuple:
    immutable, hashable and cheap, since every node and token has one.
    """

    line: int
    column: int
    offset: int
    end_line: int
    end_column: int
    end_offset: int

    def to(self, other: Span) -> Span:
        """The span from the start of this one to the end of `other`."""
        return _new_span(
            (self[0], self[1], self[2], other[3], other[4], other[5])
        )

    def moved(self, d_offset: int, d_line: int) -> Span:
        """The same span `d_line` lines and `d_offset` characters further down."""
        return _new_span(
            (self[0] + d_line, self[1], self[2] + d_offset, self[3] + d_line, self[4], self[5] + d_offset)
        )

    def contains(self, offset: int) -> bool:
        return self[2] <= offset <= self[5]

    def as_range(self) -> dict[str, dict[str, int]]:
        """The JSON shape: 1-based start and end line and column."""
        return {
            "start": {"line": self[0], "column": self[1]},
            "end": {"line": self[3], "column": self[4]},
        }

    @classmethod
    def point(cls, line: int, column: int, offset: int) -> Span:
        return _new_span((line, column, offset, line, column, offset))


def line_starts(text: str) -> list[int]:
    """The offsets where the lines of `text` start (the first is 0)."""
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


def make_span(
    line: int, column: int, offset: int, end_line: int, end_column: int, end_offset: int
) -> Span:
    """A span from six integers (the parser's hot path)."""
    return _new_span((line, column, offset, end_line, end_column, end_offset))


def _new_span(values: tuple) -> Span:
    return tuple.__new__(Span, values)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @classmethod
    def parse(cls, value: str) -> Severity:
        aliases = {"e": "error", "w": "warning", "warn": "warning", "i": "info", "information": "info"}
        return cls(aliases.get(value.lower(), value.lower()))
