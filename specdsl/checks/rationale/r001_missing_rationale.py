"""R001 missing-rationale."""

from __future__ import annotations

import re
from typing import Iterator

from ...core import precompiled
from ...core.diagnostics import Diagnostic, Severity
from ...language.modality import Modality
from ...model.model import SpecModel
from ..base import check, finding, semantic_active
from ..wording import advice
from ..edits import rationale_stub


@check("R001", "missing-rationale", Severity.WARNING, scope="rule", prose_severity=Severity.INFO)
def missing_rationale(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        A rule with no value explanation: no `rationale:` of its own, of a
        parent rule, or of the section it stands in, and no reason written in
        its own words or its parent's ("…, because …", "… so that …", "… to
        prevent …", "…, as this can …"). In a Markdown or prompt document, a
        section heading that says what its rules protect ("Preventing harm",
        "Human agency"; not a mere topic such as "Privacy") is a reason too, and so
        is a heading worded as an instruction that asks for a value or a
        protection ("Protect people's privacy"; not "Avoid long replies"),
        for the rules under it. A sentence that tells the assistant what
        it can do ("You can use the result of one step as input for the
        next") states an ability, not a rule that needs a reason; a
        permission granted ("You may stage and commit when asked", a list
        under "Can:") is still reported. Nor is an entry of a cheat sheet of
        commands, a bold label naming a task and only the command that does
        it ("**Run a single test:** `pytest path::test -x`"): it says how,
        and its why is the task it names ("**Never push to main:** `git
        push`" is still reported). When a rule and its
        subrules all lack one, only the rule is reported: one rationale on it
        explains them all. In a Markdown or prompt document, when some items
        of a list give their reasons, the heading or lead-in over them is not
        reported, and the items that give none are, each. A lead-in that only
        labels its items ("Notes:", "Efficiency tips:", "For example:") asks
        nothing, and its items illustrate or define what stands around them:
        neither is reported. An aside in parentheses that says what goes
        wrong is a reason ("Don't read the file again (the edit will fail if
        it did not apply)").

        With the semantic tier (`--semantic`), a prose rule is not reported
        when a sentence near it gives its reason in plain words, with no
        marker word ("Tickets are read by contractors abroad." after "Never
        paste a card number into a ticket."): the sentence right before or
        after it in its paragraph (or the first one of the next paragraph),
        the lead-in of its list, or its section's opening paragraph when it
        stands in the section's first list; the sentence must not be a rule
        itself, nor an example or a pointer, and the sentence head must read
        it as a reason with high confidence. The lexical tier is unchanged.

        `info` in Markdown and prompt files (prose gives reasons in more ways
        than a reader of words can see: see "On real specs" below for the
        measured precision); a warning in `.mspec`, where a rationale has its
        own line.

    Why it matters:
        Models trained on rules that carry their reasons generalize them
        better to cases the spec never mentions, and are less inclined to
        reinterpret a bare rule to suit themselves. A rule without a reason
        also cannot be weighed when it collides with another rule.

    Example:
        rule P4: Do not give legal advice.

    Fix:
        Say what the rule protects and why:

            rule P4: Do not give legal advice.
              rationale: Advice that sounds authoritative but ignores the
                user's jurisdiction can cost them a case; a lawyer can be held
                to account for advice, the assistant cannot.

        The editor's quick fix inserts a `rationale:` stub to fill in; the
        stub is not applied by `speclint fix` unless `--unsafe-fixes` is given,
        because only the author knows the reason.
    """
    view = None
    if semantic_active(model):
        from ...semantic import evidence

        view = evidence.view(model)
    for info in model.rules:
        if info.explained():
            continue
        if _list_explained(info):
            continue  # its subrules' reasons speak for the list; the bare ones are reported
        if label_only(info):
            continue  # "Notes:", "For example:" over items: a label, and its items illustrate or define
        if info.parent is not None and not info.parent.explained() and not _list_explained(info.parent):
            continue  # the parent is reported; its rationale will cover this one
        if info.prose and _says_how(model.analysis(info), info.rule.text.text if info.rule.text else ""):
            continue  # an ability ("You can …") or a cheat sheet's entry: not a rule to justify
        if view is not None and info.prose and view.reason_nearby(info) is not None:
            continue  # a sentence beside it, its list's lead-in or its section's opening says why
        kind = info.rule.kind
        yield finding(
            info.rule.id_span,
            f"the {kind} `{info.id}` says what to do but not why; {advice(model, info.path, 'reason')}",
            path=info.path,
            rule=info.id,
            fix=rationale_stub(model, info),
        )


def label_only(info) -> bool:
    """A prose lead-in whose words only label its items as notes, tips or examples ("Notes:",
    "For example:"): it asks nothing of its own, and its items illustrate or define what stands
    around them (judged blind, such items were no rules wanting a reason of their own)."""
    if not info.prose or getattr(info.rule, "origin", None) != "lead-in" or info.rule.text is None:
        return False
    from ...markdown.lists import is_label_lead

    return is_label_lead(info.rule.text.text)


def _list_explained(info) -> bool:
    """In a Markdown or prompt document, a heading or lead-in over items some of which give their
    reasons: the reasons speak for the list. (In `.mspec` a rule over subrules is a rule in its
    own right, and a subrule's rationale explains only the subrule.)"""
    return info.prose and info.reason_below()


# "**Run a test file:** `pytest path -x` (e.g. `tests/unit`)": a bold label, then only code
_COMMAND_ENTRY = precompiled.compile(
    r"^\s*(?:\*\*|__)[^*_\n]{1,80}(?:\*\*|__)\s*:?\s*(?:`[^`\n]+`[\s,;]*(?:or\s+|and\s+)?)+(?:\([^()\n]*\)\s*)?$"
)
# "you can", "you can also", "you can then": the assistant addressed with the modal of ability
_YOU_CAN = precompiled.compile(r"(?<![\w'’-])you\s+(?:\w+ly\s+|also\s+|then\s+|now\s+|still\s+)?$", re.IGNORECASE)


def _says_how(analysis, text: str) -> bool:
    """Whether a prose rule only says how, not what must be done: what the assistant is able to
    do ("You can leverage these tools:", "Then you can use it as input": "can" with "you" right
    before it; "May" grants leave and "Can" alone over a list names what is allowed, both rules
    that want a reason), or an entry of a cheat sheet of commands ("**Run a single test:**
    `pytest -x`"; a prohibition over a command is a rule)."""
    if analysis.modality is Modality.PERMISSION and (analysis.marker or "").lower() == "can":
        return _YOU_CAN.search(text[: analysis.marker_start]) is not None
    return analysis.modality is Modality.OBLIGATION and _COMMAND_ENTRY.match(text) is not None
