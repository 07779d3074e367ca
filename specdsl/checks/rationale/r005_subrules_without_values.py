"""R005 subrules-without-values."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...model.model import SpecModel
from ..base import check, finding
from ..wording import advice
from ..edits import rationale_stub
from .r001_missing_rationale import label_only


if TYPE_CHECKING:
    from ..options import R005Options as Options


@check("R005", "subrules-without-values", Severity.WARNING, options="options:R005Options", defaults={"min_subrules": 3}, supersedes=("R001",), scope="rule", prose_severity=Severity.INFO)
def subrules_without_values(model: SpecModel, options: Options) -> Iterator[Diagnostic]:
    """What it finds:
        A rule with many subrules (three or more, option `min-subrules`) and
        no rationale anywhere on the way: not its own, not a parent's, not
        its section's, and not on any of its subrules. Of a list nested in a
        list, only the outer one is reported: the rationale it needs explains
        the inner one too (as R001 reports only the top-most rule of a chain).
        A list whose subrules give reasons of their own is not reported.

        `info` in Markdown and prompt files (see "On real specs" below for
        the measured precision); a warning in `.mspec`.

    Why it matters:
        A list of detailed instructions with no stated purpose is the spec
        form of "because I said so": the model can follow each item but
        cannot extend them to the case the list forgot, and cannot tell which
        item matters when two of them pull apart.

    Example:
        rule BK5: When handling a complaint:
          subrule: Apologize once.
          subrule: Offer a voucher.
          subrule: Log the complaint.
          subrule: Close the ticket.

    Fix:
        Add one rationale to the rule that says what the list is for.
    """
    for info in model.rules:
        subrules = info.rule.subrules
        if len(subrules) < options.min_subrules or info.explained():
            continue
        if info.reason_below() or label_only(info):
            continue  # a label over notes or examples asks nothing (see R001)
        if info.parent is not None and not info.parent.explained():
            continue  # the parent is reported (R001 or R005); its rationale will cover this list
        yield finding(
            info.rule.id_span,
            f"`{info.id}` lists {len(subrules)} subrules and no reason for any of them; "
            f"{advice(model, info.path, 'list-reason')}",
            path=info.path,
            rule=info.id,
            fix=rationale_stub(model, info),
        )
