"""speclint findings as LSP diagnostics."""

from __future__ import annotations

from typing import Callable

from lsprotocol import types

from specdsl.core.diagnostics import HELP_URI_TEMPLATE

from ..positions import LineIndex

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
#: Findings about text that does nothing: editors fade it out.
UNNECESSARY = {"S007"}


def to_lsp(d, index: LineIndex, index_for: Callable[[str | None], LineIndex | None], uri_for: Callable[[str | None], str]):
    related = []
    for r in d.related:
        other = index_for(r.path)
        if other is None:
            continue
        related.append(
            types.DiagnosticRelatedInformation(
                location=types.Location(uri=uri_for(r.path), range=other.range(r.span)),
                message=r.message,
            )
        )
    data = {"fingerprint": (d.data or {}).get("fingerprint")}
    return types.Diagnostic(
        range=index.range(d.span),
        message=d.message,
        severity=SEVERITY.get(d.severity.value, types.DiagnosticSeverity.Warning),
        code=d.code,
        code_description=types.CodeDescription(href=HELP_URI_TEMPLATE.format(code=d.code)),
        source="speclint",
        related_information=related or None,
        tags=[types.DiagnosticTag.Unnecessary] if d.code in UNNECESSARY else None,
        data=data,
    )
