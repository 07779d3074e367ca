"""House checks, written on speclint's Check API as the built-in checks are."""

from __future__ import annotations

import re
from typing import Iterator

from specdsl.checks import check, finding
from specdsl.core.diagnostics import Diagnostic, Severity

_MUST = re.compile(r"\bmust\b", re.IGNORECASE)


@check("HSE101", "must-stacking", Severity.WARNING, defaults={"most": 2})
def must_stacking(model, options) -> Iterator[Diagnostic]:
    """What it finds:
        A rule whose text says "must" more than twice.

    Why it matters:
        A rule of many musts is several rules in one; each deserves its own
        id, rationale and example.

    Example:
        rule A1: You must greet, you must verify, and you must log the call.

    Fix:
        Split the rule into one rule per obligation.
    """
    for info in model.rules:
        text = info.rule.text.text if info.rule.text else ""
        count = len(_MUST.findall(text))
        if count > options.most:
            yield finding(
                info.rule.id_span,
                f'says "must" {count} times; split it into one rule per obligation',
                path=info.path,
                rule=info.id,
            )
