"""Spans, severities, diagnostics and fixes: what every face of speclint shares."""

from __future__ import annotations

from enum import Enum
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict

_DEFAULTS: dict[type, tuple[dict[str, Any], tuple[str, ...]]] = {}


def trusted(cls: type[BaseModel], fields: dict[str, Any]) -> Any:
    """An instance of the pydantic model `cls` made from `fields` without validation.

    Like `model_construct`, but faster: defaults are worked out once per class
    and mutable ones (lists, dicts) are made fresh for each instance.
    """
    try:
        defaults, fresh = _DEFAULTS[cls]
    except KeyError:
        defaults, fresh_list = {}, []
        for name, info in cls.model_fields.items():
            if info.is_required():
                continue
            if isinstance(info.default, (list, dict)):
                fresh_list.append(name)
            defaults[name] = info.default
        _DEFAULTS[cls] = defaults, fresh = defaults, tuple(fresh_list)
    values = dict(defaults)
    for name in fresh:
        values[name] = type(defaults[name])()
    values.update(fields)
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", set(fields))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


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


class Edit(BaseModel):
    """Replace the text of `span` (in `path`, or the diagnostic's file) with `new_text`."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    span: Span
    new_text: str
    path: str | None = None


class Fix(BaseModel):
    """An edit that resolves a diagnostic.

    A `safe` fix keeps the spec's meaning and every word of the author's; only
    safe fixes are applied by `speclint fix`. Others are offered in the editor.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    message: str
    edits: list[Edit]
    safe: bool = True


class Related(BaseModel):
    """Another place a diagnostic concerns (the other rule of a conflict)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    path: str | None
    rule: str | None
    span: Span
    message: str


class Diagnostic(BaseModel):
    """One finding: a code, where it is, what is wrong, and how to fix it."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    code: str
    message: str
    span: Span
    severity: Severity = Severity.WARNING
    name: str = ""
    path: str | None = None
    rule: str | None = None
    related: list[Related] = []
    fix: Fix | None = None
    #: Extra facts a face may show (e.g. the matched phrase); not part of the contract.
    data: dict[str, Any] = {}

    def sort_key(self) -> tuple:
        return (self.path or "", self.span.offset, self.span.end_offset, self.code, self.message)

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape (see the README, "JSON output")."""
        return {
            "path": self.path,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "rule": self.rule,
            "range": self.span.as_range(),
            "related": [
                {"path": r.path, "rule": r.rule, "range": r.span.as_range(), "message": r.message}
                for r in self.related
            ],
            "fix": None
            if self.fix is None
            else {
                "message": self.fix.message,
                "safe": self.fix.safe,
                "edits": [
                    {"path": e.path or self.path, "range": e.span.as_range(), "new_text": e.new_text}
                    for e in self.fix.edits
                ],
            },
        }
