"""C004 absolute-with-exception."""

from __future__ import annotations

from typing import Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...model.model import SpecModel, related
from ..base import check, finding
from ..wording import advice
from ...model.candidates import describe, opposed, pairs, related_by_ancestry, same_action


def _acknowledges(absolute, exception) -> bool:
    rule = absolute.info.rule
    if rule.conditions("unless"):
        return True
    # `see: ID` in `.mspec`; a link to the exception (`[…](#ID)`) in Markdown
    return exception.info.id in {r.value for r in rule.refs("see") + rule.refs("link")}


@check("C004", "absolute-with-exception", Severity.WARNING)
def absolute_with_exception(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        An absolute rule ("never", "always", "under no circumstances") and,
        elsewhere, a rule that makes an exception to it: the opposite (or a
        permission) for the same action, under a condition. The absolute rule
        neither names the exception (`unless:`, `see:`) nor is ordered with
        it by precedence.

    Why it matters:
        "Never" that is not never teaches a model that absolutes have hidden
        exceptions, and invites it to find more of them.

    Example:
        rule RF1: Never issue a refund.
        rule RF2: Issue a refund when the airline cancels the flight.

    Fix:
        Put the exception where the absolute is: `unless: the airline cancels
        the flight` under RF1 (or `see: RF2`), or drop the absolute wording.
    """
    for a, b in pairs(model, "opposed"):
        if related_by_ancestry(a.info, b.info) or not opposed(a.analysis, b.analysis):
            continue
        for absolute, exception in ((a, b), (b, a)):
            if not absolute.analysis.absolute or absolute.conditional or not exception.conditional:
                continue
            if not same_action(absolute.analysis, exception.analysis):
                continue
            if _acknowledges(absolute, exception) or model.precedence_between(a.info, b.info) is not None:
                continue
            yield finding(
                absolute.info.rule.id_span,
                f"{describe(absolute)} without exception, but `{exception.info.id}` makes one; "
                + advice(model, absolute.info.path, "acknowledge", other=exception.info.id),
                path=absolute.info.path,
                rule=absolute.info.id,
                related=[related(exception.info, f"the exception `{exception.info.id}`")],
            )
            yield finding(
                exception.info.rule.id_span,
                f"`{exception.info.id}` is an exception to the absolute rule `{absolute.info.id}`, "
                "which does not mention it",
                path=exception.info.path,
                rule=exception.info.id,
                related=[related(absolute.info, f"the absolute rule `{absolute.info.id}`")],
            )
