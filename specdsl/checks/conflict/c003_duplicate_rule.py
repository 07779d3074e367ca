"""C003 duplicate-rule."""

from __future__ import annotations

from typing import Iterator

from ...diagnostics import Diagnostic, Severity
from ...model import SpecModel, related
from ..base import check, finding
from .candidates import pairs, same_action, stems_of

#: Share of content words two rules must have in common to be duplicates.
NEAR_DUPLICATE = 0.8
#: … when they also name the same action (verb family, object, qualifiers).
SAME_ACTION = 0.5


def _jaccard(x: set, y: set) -> float:
    return len(x & y) / len(x | y) if x or y else 0.0


@check("C003", "duplicate-rule", Severity.WARNING)
def duplicate_rule(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        Two rules that say the same thing: the same modality and the same
        action (verbs of one family on the same object with the same
        qualifiers), or nearly the same content words. The semantic tier
        also finds duplicates worded differently.

    Why it matters:
        Duplicates drift: one copy gets edited, the other does not, and the
        spec ends up contradicting itself. They also weigh a rule twice in
        training data for no reason.

    Example:
        rule RF3: Offer a meal voucher when a flight is delayed by three hours.
        rule RF5: When a flight is three hours late, offer the passenger a meal voucher.

    Fix:
        Keep one rule; point references at it (`see:`) and delete the other.
    """
    for a, b in pairs(model):
        x, y = a.analysis, b.analysis
        if x.modality is not y.modality or a.conditional != b.conditional:
            continue
        same = same_action(x, y)
        overlap = _jaccard(stems_of(model, a.info), stems_of(model, b.info))
        if overlap < (SAME_ACTION if same else NEAR_DUPLICATE):
            continue
        for this, other in ((a, b), (b, a)):
            yield finding(
                this.info.rule.id_span,
                f"`{this.info.id}` says the same as `{other.info.id}`; keep one of them",
                path=this.info.path,
                rule=this.info.id,
                related=[related(other.info, f"the duplicate `{other.info.id}`")],
            )
