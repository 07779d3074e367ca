"""S005 empty-rule."""

from __future__ import annotations

from typing import Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...model.model import SpecModel
from ..base import check, finding
from ..wording import advice


@check("S005", "empty-rule", Severity.ERROR, scope="rule")
def empty_rule(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        A rule or subrule with no text and no subrules to carry its content:
        `rule R1:` followed only by a rationale, an example or nothing.

    Why it matters:
        A rule that states nothing cannot be followed; its rationale and
        examples then float free, and a reader cannot tell what was lost.

    Example:
        rule R7 [hard]:
          rationale: Users must be able to trust us.

    Fix:
        Write the rule's text after the colon, or remove the rule.
    """
    for info in model.rules:
        rule = info.rule
        if rule.text is None and not rule.subrules:
            yield finding(
                rule.id_span,
                f"the {rule.kind} `{rule.id}` has no text; {advice(model, info.path, 'empty')}",
                path=info.path,
                rule=info.id,
            )
