"""Findings as plain records: what the cache stores and the reporters read.

A `Record` has the attributes of a `specdsl.core.diagnostics.Diagnostic` (code,
name, severity, message, span, path, rule, related, fix, data) but is a
plain object built from JSON, so a cached run needs neither pydantic nor the
parser. `dump` turns either kind into the cache's JSON; `load` reads it back.
"""

from __future__ import annotations

from typing import Any

from .spans import Severity, Span


class _Obj:
    __slots__ = ()

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={getattr(self, k)!r}" for k in self.__slots__)
        return f"{type(self).__name__}({fields})"


class EditRecord(_Obj):
    __slots__ = ("span", "new_text", "path")

    def __init__(self, span: Span, new_text: str, path: str | None):
        self.span, self.new_text, self.path = span, new_text, path


class FixRecord(_Obj):
    __slots__ = ("message", "edits", "safe", "swaps")

    def __init__(self, message: str, edits: list[EditRecord], safe: bool, swaps: list | None = None):
        self.message, self.edits, self.safe, self.swaps = message, edits, safe, swaps or []


class RelatedRecord(_Obj):
    __slots__ = ("path", "rule", "span", "message")

    def __init__(self, path, rule, span: Span, message: str):
        self.path, self.rule, self.span, self.message = path, rule, span, message


class Record(_Obj):
    """A finding read back from the cache (or a baseline)."""

    __slots__ = ("code", "name", "severity", "message", "span", "path", "rule", "related", "fix", "data")

    def __init__(self, **kw: Any):
        for key in self.__slots__:
            setattr(self, key, kw.get(key))

    def sort_key(self) -> tuple:
        return (self.path or "", self.span.offset, self.span.end_offset, self.code, self.message)

    def to_json(self) -> dict[str, Any]:
        return to_json(self)


def _span(values) -> Span:
    return tuple.__new__(Span, tuple(values))


def dump(d) -> dict[str, Any]:
    """A Diagnostic (or Record) as cache JSON (full spans, offsets included)."""
    fix = d.fix
    return {
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "message": d.message,
        "span": list(d.span),
        "path": d.path,
        "rule": d.rule,
        "related": [
            {"path": r.path, "rule": r.rule, "span": list(r.span), "message": r.message} for r in d.related
        ],
        "fix": None
        if fix is None
        else {
            "message": fix.message,
            "safe": fix.safe,
            "edits": [{"span": list(e.span), "new_text": e.new_text, "path": e.path} for e in fix.edits],
            **({"swaps": [list(pair) for pair in fix.swaps]} if getattr(fix, "swaps", None) else {}),
        },
        "data": dict(d.data or {}),
    }


def load(raw: dict[str, Any]) -> Record:
    """A Record from cache JSON."""
    fix = raw.get("fix")
    return Record(
        code=raw["code"],
        name=raw["name"],
        severity=Severity(raw["severity"]),
        message=raw["message"],
        span=_span(raw["span"]),
        path=raw.get("path"),
        rule=raw.get("rule"),
        related=[RelatedRecord(r["path"], r["rule"], _span(r["span"]), r["message"]) for r in raw.get("related", [])],
        fix=None
        if fix is None
        else FixRecord(
            fix["message"],
            [EditRecord(_span(e["span"]), e["new_text"], e.get("path")) for e in fix["edits"]],
            fix["safe"],
            [tuple(pair) for pair in fix.get("swaps", ())],
        ),
        data=raw.get("data") or {},
    )


def to_json(d) -> dict[str, Any]:
    """The stable JSON contract of a finding (see the README, "JSON output")."""
    return {
        "path": d.path,
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "message": d.message,
        "rule": d.rule,
        "range": d.span.as_range(),
        "related": [
            {"path": r.path, "rule": r.rule, "range": r.span.as_range(), "message": r.message} for r in d.related
        ],
        "fix": None
        if d.fix is None
        else {
            "message": d.fix.message,
            "safe": d.fix.safe,
            "edits": [
                {"path": e.path or d.path, "range": e.span.as_range(), "new_text": e.new_text}
                for e in d.fix.edits
            ],
        },
    }


_SEVERITIES = frozenset(s.value for s in Severity)


def _is_span(value) -> bool:
    return isinstance(value, list) and len(value) == 6 and all(type(v) is int and v >= 0 for v in value)


def _is_text(value, optional: bool = False) -> bool:
    return isinstance(value, str) or (optional and value is None)


def is_record(raw) -> bool:
    """Whether `raw` has the shape `dump` gives (so `load` reads it and a reporter
    prints it): the cache checks an entry with it before trusting any of it."""
    if not isinstance(raw, dict):
        return False
    if not (
        _is_text(raw.get("code"))
        and _is_text(raw.get("name"))
        and raw.get("severity") in _SEVERITIES
        and _is_text(raw.get("message"))
        and _is_span(raw.get("span"))
        and _is_text(raw.get("path"), True)
        and _is_text(raw.get("rule"), True)
        and (raw.get("data") is None or isinstance(raw.get("data"), dict))
    ):
        return False
    related = raw.get("related", [])
    if not isinstance(related, list) or not all(
        isinstance(r, dict)
        and _is_text(r.get("path"), True)
        and _is_text(r.get("rule"), True)
        and _is_span(r.get("span"))
        and _is_text(r.get("message"))
        for r in related
    ):
        return False
    fix = raw.get("fix")
    if fix is None:
        return True
    if not (isinstance(fix, dict) and _is_text(fix.get("message")) and type(fix.get("safe")) is bool):
        return False
    swaps = fix.get("swaps", [])
    if not (isinstance(swaps, list) and all(isinstance(p, list) and len(p) == 2 and all(_is_text(w) for w in p) for p in swaps)):
        return False
    edits = fix.get("edits")
    return isinstance(edits, list) and all(
        isinstance(e, dict) and _is_span(e.get("span")) and _is_text(e.get("new_text")) and _is_text(e.get("path"), True)
        for e in edits
    )
