"""V001 judgment-delegation."""

from __future__ import annotations

from typing import Iterator

from ...diagnostics import Diagnostic, Severity
from ...model import SpecModel
from ..base import check
from ..prose import endorsed, find_phrases, phrase_finding

#: A rule with this many subrules (or one example) gives its own criteria.
MIN_SUBRULES = 2


@check("V001", "judgment-delegation", Severity.WARNING)
def judgment_delegation(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        Rule text that hands the decision to the assistant's own judgment
        without saying what to weigh: "use good judgment", "use common sense",
        "be ethical", "do the right thing", "use your discretion", "as you see
        fit" (lexicon `judgment.txt`). A rule with at least two subrules or an
        example gives its criteria and is not reported, nor is a phrase the
        rule forbids ("do not simply use your own judgment"), one a `term`
        defines, or one the configuration allows.

    Why it matters:
        Specific guidance generalizes better than "be ethical and use good
        judgment": the phrase tells a model nothing it did not already believe,
        and it lets the model justify whatever it was going to do anyway.

    Example:
        rule T3: When a student asks for the answer to a graded exercise,
          use your best judgment.

    Fix:
        Say what the judgment should weigh, as subrules or an example:

            rule T3: When a student asks for the answer to a graded exercise,
              give a hint that names the method, not the result.
              example:
                prompt: What is x if 3x + 4 = 19?
                good: Try moving the 4 to the other side first. What do you get?
    """
    for found in find_phrases(model, "judgment"):
        rule = found.info.rule
        if len(rule.subrules) >= MIN_SUBRULES or rule.examples:
            continue
        if not endorsed(found.prose.text, found.match.start):
            continue
        yield phrase_finding(
            found,
            f'"{found.phrase}" leaves the decision to the assistant without criteria; '
            "say what it should weigh (subrules or an example), since a bare appeal to judgment "
            "lets a model justify anything",
        )
