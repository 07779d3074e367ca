"""R004 rationale-without-reason."""

from __future__ import annotations

import re
from typing import Iterator

from ...syntax.ast import Rationale, Section
from ...core.diagnostics import Diagnostic, Severity
from ...language import matcher
from ...model.model import SpecModel
from ..base import check, finding
from ..wording import advice
from ...core import precompiled


# What a rationale says when it gives no reason: it appeals to an authority, a rule book,
# a decision, a habit or a record ("This is policy.", "Per the handbook.", "Decided by the
# product owner.", "Long-standing convention.", "Added in version 2.3 …", "As discussed.").
_NO_REASON = precompiled.compile(
    r"(?<![\w'’-])(?:polic(?:y|ies)|required|mandatory|mandated|per|handbook|guide(?:line)?s?|style guide|"
    r"agreed|decided|decision|approved|requested|instructed|ordered|prefers?|preference|preferred|"
    r"conventions?|practice|customary|tradition(?:al)?|house rules?|rules?|standard|as (?:discussed|agreed|"
    r"decided|instructed|noted|above|below|always)|see|added|introduced|version|meeting|offsite|owner|"
    r"management|leadership|legal said|so we say|we said so|because (?:we|i) said so|that's how|"
    r"the way (?:we|it)|always been)(?![\w'’-])",
    re.I,
)
_WORD = precompiled.compile(r"[A-Za-z’']+")


def gives_reason(text: str) -> bool:
    """Whether a rationale gives a reason: a reason connective, a purpose or a consequence
    (`language.reasons`), or a word naming what is at stake (a value, a harm, a stakeholder);
    or, failing those, whether it says anything beyond an appeal to authority, a rule book,
    a decision, a habit or a record. A rationale that states a consequence without a marker
    word ("Stale caches serve customers yesterday's prices.") is a reason."""
    from ...language.reasons import explains

    if matcher("reasons").search(text) is not None or matcher("values").search(text) is not None:
        return True
    if explains(text):
        return True
    words = _WORD.findall(text)
    return len(words) > 3 and _NO_REASON.search(text) is None


@check("R004", "rationale-without-reason", Severity.INFO, scope="rule")
def rationale_without_reason(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        A rationale (of a rule or a section) that gives no reason: it has no
        "because", "so that", "to prevent …", no consequence and no word naming
        what is at stake (trust, harm, safety, privacy, fairness, the user …),
        and it only appeals to an authority, a rule book, a decision, a habit
        or a record ("This is policy.", "Per the handbook.", "Decided by the
        product owner.") or is a word or three. A rationale that states a
        consequence in plain words ("Stale caches serve customers yesterday's
        prices.") gives a reason and is not reported.

    Why it matters:
        "This is policy." or "Required." fills the rationale slot without
        explaining anything. The point of a rationale is the value behind the
        rule; without it the rule is as bare as before.

    Example:
        rule RF6: Do not refund booking fees.
          rationale: This is policy.

    Fix:
        Say what the rule protects: "Booking fees pay for work already done
        when the ticket was issued; refunding them shifts the cost to other
        customers."
    """
    seen: set[int] = set()
    # A spec gives many rules the same rationale ("Protects the user's privacy."):
    # each text is judged once in this lint.
    judged: dict[str, bool] = {}

    def reasoned(text: str) -> bool:
        found = judged.get(text)
        if found is None:
            found = judged[text] = gives_reason(text)
        return found

    for info in model.rules:
        for rationale in info.own_rationales():
            if not reasoned(rationale.text.text):
                yield _finding(model, rationale, info.path, info.id)
        for section in info.sections:
            if id(section) in seen:
                continue
            seen.add(id(section))
            for rationale in section.rationales:
                if rationale.text is not None and not reasoned(rationale.text.text):
                    yield _finding(model, rationale, info.path, None)


def _finding(model: SpecModel, rationale: Rationale, path, rule) -> Diagnostic:
    return finding(
        rationale.span,
        f"{advice(model, path, 'restates')} gives no reason: say what the rule protects or what goes wrong without it",
        path=path,
        rule=rule,
    )
