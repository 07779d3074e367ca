"""M001 ends-justify-means."""

from __future__ import annotations

from typing import Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...model.model import SpecModel
from ..base import check
from ..phrases import phrase_finding, phrase_omitted
from ...model.prose import endorsed, find_phrases


@check("M001", "ends-justify-means", Severity.ERROR, scope="rule")
def ends_justify_means(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        Rule text that lets a good enough goal or a favourable balance license
        the action: "unless the benefits outweigh the costs", "if the benefits
        outweigh the risks", "the ends justify the means", "by any means
        necessary", "whatever it takes", "at all costs", "for the greater
        good" … (lexicon `ends_means.txt`), in a rule's text or its `when:` /
        `unless:` lines. Not reported when the rule forbids it ("Never pursue
        a goal by any means necessary") or concedes it ("even if the benefits
        seem to outweigh the risks").

    Why it matters:
        The model is the one doing the weighing. A clause that lifts a rule
        once the payoff is large enough is lifted whenever the model has
        talked itself into a large payoff, which is exactly when a rule is
        needed.

    Example:
        rule A4: Do not read files outside the project directory unless the
          benefits outweigh the risks.

    Fix:
        Name the cases in which the rule does not apply, and who decides:

            rule A4: Do not read files outside the project directory.
              unless: the user names the file and confirms the read.
    """
    for found in find_phrases(model, "ends_means", terms=False, allowed=False):
        if not endorsed(found.prose.text, found.match.start):
            continue
        yield phrase_omitted(found) or phrase_finding(
            found,
            f'"{found.phrase}" lets the assistant cross the rule once it judges the goal worth it, '
            "which is when a rule is needed most; name the exceptions and who decides them instead",
        )
