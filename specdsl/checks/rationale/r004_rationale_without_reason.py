"""R004 rationale-without-reason."""

from __future__ import annotations

from typing import Iterator

from ...syntax.ast import Rationale, Section
from ...core.diagnostics import Diagnostic, Severity
from ...language import matcher
from ...model.model import SpecModel
from ..base import check, finding
from ..wording import advice


def gives_reason(text: str) -> bool:
    """Whether text has a reason connective or names a value, a harm or a stakeholder."""
    return matcher("reasons").search(text) is not None or matcher("values").search(text) is not None


@check("R004", "rationale-without-reason", Severity.INFO, scope="rule")
def rationale_without_reason(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        A rationale (of a rule or a section) with no reason or value in it: no
        "because", "so that", "to prevent …", and no word naming what is at
        stake (trust, harm, safety, privacy, fairness, the user …).

    Why it matters:
        "This is policy." or "Required." fills the rationale slot without
        explaining anything. The point of a rationale is the value behind the
        rule; without it the rule is as bare as before.

    Example:
        rule RF6: Do not refund booking fees.
          rationale: This is policy.

    Fix:
        Say what the rule protects: "Booking fees pay for work already done
        when the ticket was issued; refunding them shifts the cost to other
        customers."
    """
    seen: set[int] = set()
    for info in model.rules:
        for rationale in info.own_rationales():
            if not gives_reason(rationale.text.text):
                yield _finding(model, rationale, info.path, info.id)
        for section in info.sections:
            if id(section) in seen:
                continue
            seen.add(id(section))
            for rationale in section.rationales:
                if rationale.text is not None and not gives_reason(rationale.text.text):
                    yield _finding(model, rationale, info.path, None)


def _finding(model: SpecModel, rationale: Rationale, path, rule) -> Diagnostic:
    return finding(
        rationale.span,
        f"{advice(model, path, 'restates')} gives no reason: say what the rule protects or what goes wrong without it",
        path=path,
        rule=rule,
    )
