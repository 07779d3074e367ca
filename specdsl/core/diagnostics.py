"""Spans, severities, diagnostics and fixes: what every face of speclint shares.

They are plain slotted classes (`specdsl.core.plain`): a lint makes one per
finding, and a check of a small spec should not pay for a validation library.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any

from .plain import Plain, plain_class
from .spans import Severity, Span, make_span  # noqa: F401  (re-exported)

#: Where a check's documentation lives; `{code}` is its code (SARIF, the editor's link).
HELP_URI_TEMPLATE = "https://speclint.dev/rules/{code}"


def trusted(cls: type, fields: dict[str, Any]) -> Any:
    """An instance of the plain class `cls` made from `fields` (values of the right types)."""
    return cls(**fields)


@plain_class(frozen=True)
class Edit(Plain):
    """Replace the text of `span` (in `path`, or the diagnostic's file) with `new_text`."""

    span: Span
    new_text: str
    path: str | None = None


@plain_class(frozen=True)
class Fix(Plain):
    """An edit that resolves a diagnostic.

    A `safe` fix keeps the spec's meaning and every word of the author's; only
    safe fixes are applied by `speclint fix`. Others are offered in the editor.
    `swaps` are the words the fix replaces on purpose, as (old, new) pairs: a
    team's configured substitution ("write 'use' instead of 'utilize'") is safe
    although it changes a rule's words, because the team chose exactly that
    change; the fixer's guard lets those words differ and nothing else.
    """

    message: str
    edits: list[Edit]
    safe: bool = True
    swaps: list[tuple[str, str]] = field(default_factory=list)


@plain_class(frozen=True)
class Related(Plain):
    """Another place a diagnostic concerns (the other rule of a conflict)."""

    path: str | None
    rule: str | None
    span: Span
    message: str


@plain_class
class Diagnostic(Plain):
    """One finding: a code, where it is, what is wrong, and how to fix it."""

    code: str
    message: str
    span: Span
    severity: Severity = Severity.WARNING
    name: str = ""
    path: str | None = None
    rule: str | None = None
    related: list[Related] = field(default_factory=list)
    fix: Fix | None = None
    #: Extra facts a face may show (e.g. the matched phrase); not part of the contract.
    data: dict[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple:
        return (self.path or "", self.span.offset, self.span.end_offset, self.code, self.message)

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape (see the README, "JSON output")."""
        from .records import to_json

        return to_json(self)
