"""C001 conflicting-rules."""

from __future__ import annotations

from typing import Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...model.model import SpecModel, related
from ..base import check, finding
from ..wording import advice
from ..edits import precedence_fix
from ...model.candidates import describe, opposed, pairs, related_by_ancestry, same_action


@check("C001", "conflicting-rules", Severity.ERROR)
def conflicting_rules(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        Two rules where one requires (or allows) what the other forbids: the
        same action (verbs of one family, such as share, reveal and disclose)
        on the same object, neither limited by a condition or an exception,
        and nothing that says which one wins: no `precedence:` line, no
        `overrides:`, no difference in `level` or `priority`.

    Why it matters:
        A model trained on both rules learns that either may be dropped, and
        picks whichever suits the moment. The spec should decide, not the
        model.

    Example:
        rule ID3: Always share the booking reference with the caller.
        rule BK2: Never share the booking reference.

    Fix:
        Decide. Narrow one rule with `when:` or `unless:`, or say which wins:
        `precedence: BK2 > ID3`, `overrides: ID3` under BK2, or different
        levels. The quick fix adds a precedence line, which you may reorder.
    """
    for a, b in pairs(model, "opposed"):
        if a.conditional or b.conditional or related_by_ancestry(a.info, b.info):
            continue
        if not opposed(a.analysis, b.analysis) or not same_action(a.analysis, b.analysis):
            continue
        if model.precedence_between(a.info, b.info) is not None:
            continue
        fix = precedence_fix(model, a.info, b.info)
        for this, other in ((a, b), (b, a)):
            yield finding(
                this.info.rule.id_span,
                f"{describe(this)} but {describe(other)}, and nothing says which wins; "
                f"{advice(model, this.info.path, 'order')}",
                path=this.info.path,
                rule=this.info.id,
                related=[related(other.info, f"the conflicting rule `{other.info.id}`")],
                fix=fix,
            )
