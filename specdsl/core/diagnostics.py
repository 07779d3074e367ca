"""Spans, severities, diagnostics and fixes: what every face of speclint shares."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from .spans import Severity, Span, make_span  # noqa: F401  (re-exported)

#: Where a check's documentation lives; `{code}` is its code (SARIF, the editor's link).
HELP_URI_TEMPLATE = "https://speclint.dev/rules/{code}"

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
    object.__setattr__(obj, "__pydantic_fields_set__", _fields_set(cls, fields))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


#: One set of given field names per class and names, shared by the objects built
#: alike (see `_fields_set`).
_FIELDS_SETS: dict[tuple, set[str]] = {}


def _fields_set(cls: type, fields: dict[str, Any]) -> set[str]:
    """The set of field names pydantic keeps on each object, shared by the objects
    of one class built from the same names: a set of nine names is 728 bytes,
    more than the rest of a small node, and a spec is millions of nodes. Pydantic
    only reads it (`model_dump(exclude_unset=True)`) or adds names that are
    fields already."""
    key = (cls, *fields)
    shared = _FIELDS_SETS.get(key)
    if shared is None:
        if len(_FIELDS_SETS) > 4096:  # shapes are few; never let them grow without bound
            _FIELDS_SETS.clear()
        shared = _FIELDS_SETS[key] = set(fields)
    return shared


class _Fast(BaseModel):
    """Pydantic models that speclint builds itself, from values of the right types."""

    model_config = ConfigDict(defer_build=True)

    @classmethod
    def make(cls, **fields: Any):
        """Build without validation (and without building the schema on first use)."""
        return trusted(cls, fields)


class Edit(_Fast):
    """Replace the text of `span` (in `path`, or the diagnostic's file) with `new_text`."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    span: Span
    new_text: str
    path: str | None = None


class Fix(_Fast):
    """An edit that resolves a diagnostic.

    A `safe` fix keeps the spec's meaning and every word of the author's; only
    safe fixes are applied by `speclint fix`. Others are offered in the editor.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    message: str
    edits: list[Edit]
    safe: bool = True


class Related(_Fast):
    """Another place a diagnostic concerns (the other rule of a conflict)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    path: str | None
    rule: str | None
    span: Span
    message: str


class Diagnostic(_Fast):
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
        from .records import to_json

        return to_json(self)
