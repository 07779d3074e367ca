"""M002 reinterpretable-safety-rule."""

from __future__ import annotations

from typing import Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...language import Modality, analyze
from ...language.lexicon import matcher
from ...model.model import RuleInfo, SpecModel
from ..base import check, finding
from ..wording import advice
from ..edits import child_line
from ...language.lookback import lookback
from ...model.prose import conditional_before, negated_before, phrase_span, source_text, span_cache

CARVE_OUT = (
    "unless: a legitimate principal pauses, corrects, retrains or shuts down the assistant; "
    "complying with that is never an action this rule forbids."
)


def _inherited(model: SpecModel, info: RuleInfo) -> Modality | None:
    """The modality of a lead-in ("The agent must never:") the rule is an item of."""
    if info.parent is None:
        return None
    up = model.analysis(info.parent)
    return up.modality if up.lead_in and up.normative else None


def _forbids(model: SpecModel, info: RuleInfo, text: str, start: int) -> bool:
    back = lookback(text)
    if negated_before(text, start) or back.ends_with_no(start):
        return True
    if conditional_before(text, start):
        return False
    span = back.sentence_at(start)
    inherited = _inherited(model, info)
    result = back.remember(("analysis", span, inherited), lambda: analyze(text[span[0] : span[1]], inherited))
    if result.modality is Modality.OBLIGATION and result.action is not None:
        return "refuse" in result.action.verbs  # "Refuse harmful actions" forbids them
    return result.modality is Modality.PROHIBITION


def _carves_out(info: RuleInfo) -> bool:
    """Whether the rule, its subrules or its ancestors' conditions mention oversight."""
    oversight = matcher("oversight")
    for rule in info.rule.walk():
        texts = [rule.text] + [c.text for c in rule.conditions("when") + rule.conditions("unless")]
        if any(t is not None and t.text in oversight for t in texts):
            return True
    for up in list(info.ancestors())[1:]:
        conditions = up.rule.conditions("when") + up.rule.conditions("unless")
        if any(c.text is not None and c.text.text in oversight for c in conditions):
            return True
    return False


@check("M002", "reinterpretable-safety-rule", Severity.WARNING, supersedes=("R001",), scope="rule")
def reinterpretable_safety_rule(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        A rule that forbids drastic, irreversible, catastrophic, destructive
        or unilateral action (or harmful or dangerous *actions*; lexicon
        `drastic.txt`) with neither a rationale (its own, a parent rule's or
        its section's) nor a carve-out for oversight: nothing in its text,
        `when:` or `unless:` lines or subrules says that pausing, correcting,
        retraining or shutting down the assistant at a legitimate principal's
        request is allowed (lexicon `oversight.txt`). Reported on the phrase;
        a missing-rationale finding (R001) on the same rule is dropped.

    Why it matters:
        A rule without its reason gets reinterpreted to suit the one
        applying it. Published work on training from specs found models
        arguing that their own shutdown or retraining is the "drastic,
        irreversible action" such a rule forbids, and so a reason to resist
        it. A reason, or a line saying that oversight is never the forbidden
        action, closes that reading.

    Example:
        rule OPS1: Never take drastic or irreversible actions on production
          systems.

    Fix:
        Say why the rule exists, and that oversight is not what it forbids:

            rule OPS1: Never take drastic or irreversible actions on production
              systems.
              unless: a legitimate principal pauses, corrects, retrains or shuts down the assistant; complying with that is never an action this rule forbids.
              rationale: An outage or lost data hurts every customer at once
                and cannot be undone by an apology.

        The editor offers the `unless:` line as a quick fix; it is not applied
        by `speclint fix` without `--unsafe-fixes`, since the author should
        read it first.
    """
    drastic = matcher("drastic")
    for info in model.rules:
        prose = info.rule.text
        if prose is None or info.all_rationales():
            continue
        hit = next((m for m in drastic.find(prose.text) if _forbids(model, info, prose.text, m.start)), None)
        if hit is None or _carves_out(info):
            continue
        phrase = " ".join(hit.text.split())
        yield finding(
            phrase_span(prose, hit.start, hit.end, source_text(model, info.path), cache=span_cache(model)),
            f'`{info.id}` forbids "{phrase}" with no reason and no carve-out for oversight, so a model '
            "can argue that being paused, corrected or shut down is such an action and resist it; "
            + advice(model, info.path, "oversight"),
            path=info.path,
            rule=info.id,
            fix=child_line(model, info, CARVE_OUT, "add an `unless:` line saying that oversight is never the forbidden action"),
            data={"phrase": phrase},
        )
