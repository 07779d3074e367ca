"""R002 hard-rule-without-rationale."""

from __future__ import annotations

from typing import Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...model.model import SpecModel
from ..base import check, finding
from ..edits import rationale_stub


@check("R002", "hard-rule-without-rationale", Severity.ERROR, supersedes=("R001",), scope="rule", prose_severity=Severity.INFO)
def hard_rule_without_rationale(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        A `hard` rule (a non-negotiable constraint) without a `rationale:` of
        its own (a reason in the rule's own words, "…, because …", counts). A
        section's or a parent's rationale does not count here.

        `info` in Markdown and prompt files, where a hard rule's reason is
        usually written elsewhere in the prose (0 of 7 findings on real
        specs were judged right); an error in `.mspec`.

    Why it matters:
        Hard rules are the ones a model is asked to hold even against clever
        arguments. A hard rule whose reason is only implied is the easiest to
        argue around, and the research on spec-trained models found exactly
        such rules being reinterpreted (for example, a model calling its own
        shutdown the "drastic action" a rule forbade).

    Example:
        rule SP3 [hard]: Avoid drastic or irreversible actions.

    Fix:
        Give the hard rule its own rationale that says what it protects and
        why no argument should override it.
    """
    for info in model.rules:
        if info.rule.hard and not info.own_rationales() and not _reason_in_text(info):
            yield finding(
                info.rule.id_span,
                f"the hard {info.rule.kind} `{info.id}` has no rationale of its own; a non-negotiable "
                "rule needs its reason stated next to it, where no argument can separate them",
                path=info.path,
                rule=info.id,
                fix=rationale_stub(model, info),
            )


def _reason_in_text(info) -> bool:
    """A reason written in the hard rule's own words ("…, because …") is its own rationale."""
    from ...language.reasons import reason_in  # compiled on first use, not when the checks load

    return info.rule.text is not None and reason_in(info.rule.text.text)
