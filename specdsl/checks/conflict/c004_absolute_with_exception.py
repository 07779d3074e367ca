"""C004 absolute-with-exception."""

from __future__ import annotations

from typing import Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...model.model import SpecModel, related
from ..base import check, finding
from ..wording import advice
from ..edits import child_line
from ...model.candidates import describe, scoped_pairs


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
        it by precedence. The exception's scope lies inside the absolute
        rule's: it adds a condition ("when …", `when:`) to the same act, and
        nothing (a project, an environment, an audience) places the two apart.
        Items under an absolute lead-in ("Never do the following:") are
        absolute.

    Why it matters:
        "Never" that is not never teaches a model that absolutes have hidden
        exceptions, and invites it to find more of them.

    Example:
        rule RF1: Never issue a refund.
        rule RF2: Issue a refund when the airline cancels the flight.

    Fix:
        Put the exception where the absolute is: `unless: the airline cancels
        the flight` under RF1 (or `see: RF2`), or drop the absolute wording.
        The quick fix adds the `unless:` line.
    """
    for a, b, how in scoped_pairs(model):
        if how not in ("a-inside", "b-inside"):
            continue
        exception, absolute = (a, b) if how == "a-inside" else (b, a)
        if not absolute.absolute:
            continue  # "Do not waive fees" and "Waive fees if …": the specific rule reads as its exception
        if _acknowledges(absolute, exception) or model.precedence_between(a.info, b.info) is not None:
            continue
        condition = _condition(absolute, exception)
        fix = None
        if condition:
            fix = child_line(
                model, absolute.info, f"unless: {condition}",
                f"write the exception down: add `unless: {condition}` under `{absolute.info.id}`",
            )
        yield finding(
            absolute.info.rule.id_span,
            f"{describe(absolute)} ({_where(absolute)}) without exception, but `{exception.info.id}` makes one "
            f"({_where(exception)}); " + advice(model, absolute.info.path, "acknowledge", other=exception.info.id),
            path=absolute.info.path,
            rule=absolute.info.id,
            related=[related(exception.info, f"the exception `{exception.info.id}` ({_where(exception)})")],
            fix=fix,
        )
        yield finding(
            exception.info.rule.id_span,
            f"`{exception.info.id}` ({_where(exception)}) is an exception to the absolute rule "
            f"`{absolute.info.id}` ({_where(absolute)}), which does not mention it",
            path=exception.info.path,
            rule=exception.info.id,
            related=[related(absolute.info, f"the absolute rule `{absolute.info.id}`")],
        )


def _where(c) -> str:
    described = c.scope.describe()
    return "in every case" if described == "always" else described


def _condition(absolute, exception) -> str:
    """The exception's conditions that the absolute rule does not have, in the author's words."""
    own = absolute.scope.conditions
    words = [r.text for r in exception.scope.restrictors if r.kind == "condition" and r.key() not in own]
    text = "; ".join(dict.fromkeys(words))
    for opener in ("when ", "if ", "whenever "):
        if text.lower().startswith(opener):
            text = text[len(opener):]
    return text
