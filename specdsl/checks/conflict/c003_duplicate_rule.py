"""C003 duplicate-rule."""

from __future__ import annotations

from typing import Iterator

from ...diagnostics import Diagnostic, Severity
from ...model import SpecModel, related
from ..base import check, finding, semantic_active
from .candidates import pairs, related_by_ancestry, same_action, stems_of

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
        qualifiers), or nearly the same content words. With the semantic
        tier (`--semantic`) also two rules worded differently whose meanings
        are nearly the same (similarity at or above
        `semantic.duplicate-threshold`) and that ask for the same thing:
        "Keep the password private" duplicates "Never reveal the password".

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
    reported: set[tuple[int, int]] = set()
    for a, b in pairs(model):
        x, y = a.analysis, b.analysis
        if x.modality is not y.modality or a.conditional != b.conditional:
            continue
        same = same_action(x, y)
        overlap = _jaccard(stems_of(model, a.info), stems_of(model, b.info))
        if overlap < (SAME_ACTION if same else NEAR_DUPLICATE):
            continue
        reported.add((a.info.index, b.info.index))
        for this, other in ((a, b), (b, a)):
            yield finding(
                this.info.rule.id_span,
                f"`{this.info.id}` says the same as `{other.info.id}`; keep one of them",
                path=this.info.path,
                rule=this.info.id,
                related=[related(other.info, f"the duplicate `{other.info.id}`")],
            )
    if semantic_active(model):
        yield from _duplicates_by_meaning(model, reported)


def _duplicates_by_meaning(model: SpecModel, reported: set[tuple[int, int]]) -> Iterator[Diagnostic]:
    """The semantic tier's duplicates: very similar rules that ask for the same thing,
    in the same strength, under the same kind of condition."""
    from ...semantic import evidence

    threshold = model.config.semantic.duplicate_threshold
    for a, b, similarity in evidence.view(model).rule_pairs(threshold, "agree"):
        if (a.info.index, b.info.index) in reported or (b.info.index, a.info.index) in reported:
            continue
        # the view has kept only pairs that agree by meaning, in the same strength, under
        # the same kind of condition
        if related_by_ancestry(a.info, b.info) or evidence.different_objects(a.analysis, b.analysis):
            continue
        if evidence.different_numbers(a.info.rule.text.text, b.info.rule.text.text):
            continue  # "under 120 words" / "under 400 words"
        for this, other in ((a, b), (b, a)):
            yield finding(
                this.info.rule.id_span,
                f"`{this.info.id}` says the same as `{other.info.id}` in other words "
                f"(similarity {similarity:.2f}); keep one of them",
                path=this.info.path,
                rule=this.info.id,
                related=[related(other.info, f"the duplicate `{other.info.id}`")],
                data={"tier": "semantic", "similarity": round(similarity, 3)},
            )
