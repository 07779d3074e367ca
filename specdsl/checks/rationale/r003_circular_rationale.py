"""R003 circular-rationale."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...language import content_stems, entries
from ...language.text import stem
from ...core.memo import MB, text_cache
from ...model.model import SpecModel
from ..base import check, finding, semantic_active
from ..wording import advice


if TYPE_CHECKING:
    from ..options import R003Options as Options


@lru_cache(maxsize=1)
def _filler() -> frozenset[str]:
    return frozenset(stem(w) for w in entries("filler"))


def restates(rule_text: str, rationale_text: str, options: Options) -> bool:
    """Whether a rationale only restates its rule (by stemmed content words)."""
    return _restates(rule_text, rationale_text, options.min_overlap, options.max_new_words)


@text_cache(1 * MB, per_char=0, base=128)  # an editor lints the same texts again on every keystroke
def _restates(rule_text: str, rationale_text: str, min_overlap: float, max_new_words: int) -> bool:
    filler = _filler()
    rule = set(content_stems(rule_text))
    reason = [s for s in content_stems(rationale_text) if s not in filler]
    if len(set(reason)) < 2 or not rule:
        return False
    shared = [s for s in reason if s in rule]
    new = set(reason) - rule
    return len(shared) / len(reason) >= min_overlap and len(new) <= max_new_words


@check("R003", "circular-rationale", Severity.WARNING, options="options:R003Options", defaults={"min_overlap": 0.75, "max_new_words": 1}, supersedes=("R004",), scope="rule")
def circular_rationale(model: SpecModel, options: Options) -> Iterator[Diagnostic]:
    """What it finds:
        A rationale that says the rule again instead of saying why: nearly all
        of its content words (after stemming, ignoring "because", "it is
        important", "this rule") come from the rule it explains. With the
        semantic tier (`--semantic`), also a rationale in other words whose
        meaning is nearly the rule's own (similarity at or above
        `semantic.circular-threshold`) and that names no harm or consequence
        the rule does not name.

    Why it matters:
        "Verify the caller, because callers must be verified" looks like a
        reason and carries none. It silences the missing-rationale check while
        giving the model nothing to generalize from.

    Example:
        rule ID2: Verify the caller's identity before discussing a booking.
          rationale: Because the caller's identity must be verified before a
            booking is discussed.

    Fix:
        Say what goes wrong without the rule, or whose interest it protects:
        "Bookings hold payment and travel details; telling them to the wrong
        person exposes the real customer."
    """
    semantic = None
    if semantic_active(model):
        from ...semantic import evidence

        semantic = evidence.view(model)
    threshold = model.config.semantic.circular_threshold if semantic is not None else 1.0
    for info in model.rules:
        if info.rule.text is None:
            continue
        for rationale in info.own_rationales():
            if restates(info.rule.text.text, rationale.text.text, options):
                yield finding(
                    rationale.span,
                    f"{advice(model, info.path, 'restates')} restates `{info.id}` instead of saying why it matters; name the "
                    "harm it prevents or the value it protects",
                    path=info.path,
                    rule=info.id,
                )
                continue
            if semantic is None:
                continue
            similarity = semantic.rationale_similarity(rationale)
            if (
                similarity is not None
                and similarity >= threshold
                and not evidence.names_stakes(rationale.text.text, info.rule.text.text)
            ):
                yield finding(
                    rationale.span,
                    f"{advice(model, info.path, 'restates')} says what `{info.id}` says, in other words (similarity "
                    f"{similarity:.2f}), instead of saying why it matters; name the harm it prevents "
                    "or the value it protects",
                    path=info.path,
                    rule=info.id,
                    data={"tier": "semantic", "similarity": round(similarity, 3)},
                )
