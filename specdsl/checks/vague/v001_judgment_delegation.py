"""V001 judgment-delegation."""

from __future__ import annotations

from typing import Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...model.model import SpecModel
from ..base import check, semantic_active
from ..wording import advice
from ..phrases import phrase_finding, phrase_omitted
from ...model.prose import endorsed, find_phrases

#: A rule with this many subrules (or one example) gives its own criteria.
MIN_SUBRULES = 2


@check("V001", "judgment-delegation", Severity.WARNING, scope="rule", prose_severity=Severity.INFO)
def judgment_delegation(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        Rule text that hands the decision to the assistant's own judgment
        without saying what to weigh: "use good judgment", "use common sense",
        "be ethical", "do the right thing", "use your discretion", "as you see
        fit" (lexicon `judgment.txt`); with the semantic tier (`--semantic`),
        also a clause whose meaning is close to one of those ("handle it
        however makes sense to you", "follow your conscience") and that the
        sentence head reads as leaving the decision open, naming no criterion
        ("choose the reply that least encourages risky dieting" names one),
        and that can instruct on its own (not a condition such as "when
        deciding how to reply"). A rule with at least two subrules or an
        example gives its criteria and is not reported, nor is a phrase the
        rule forbids ("do not simply use your own judgment"), one a `term`
        defines, or one the configuration allows.

        `info` in Markdown and prompt files (1 of 14 findings on real specs
        judged blind was right: prose specs usually give the criteria around
        the sentence); a warning in `.mspec`.

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
    flagged: set[tuple[int, str]] = set()
    for found in find_phrases(model, "judgment"):
        rule = found.info.rule
        if len(rule.subrules) >= MIN_SUBRULES or rule.examples:
            continue
        if not endorsed(found.prose.text, found.match.start):
            continue
        flagged.add((id(found.prose), found.kind))
        yield phrase_omitted(found) or phrase_finding(
            found,
            f'"{found.phrase}" leaves the decision to the assistant without criteria; '
            f"say what it should weigh {advice(model, found.info.path, 'criteria')}, since a bare appeal to judgment "
            "lets a model justify anything",
        )
    if semantic_active(model):
        yield from _delegations_by_meaning(model, flagged)


def _delegations_by_meaning(model: SpecModel, flagged: set) -> Iterator[Diagnostic]:
    """The semantic tier's delegations: clauses close in meaning to a delegation prototype."""
    from ...semantic import evidence
    from ..base import finding
    from ...model.prose import exempt_phrases, phrase_span, source_text, span_cache

    threshold = model.config.semantic.delegation_threshold
    exempt = exempt_phrases(model)
    for d in evidence.view(model).delegations(threshold):
        if (id(d.prose), d.kind) in flagged:
            continue  # the lexicon found this text's delegation already
        clause = d.prose.text[d.start : d.end]
        if exempt is not None and exempt.search(clause):
            continue  # a term or an allowed phrase: the author has said what it means
        flagged.add((id(d.prose), d.kind))
        yield finding(
            phrase_span(d.prose, d.start, d.end, source_text(model, d.info.path), cache=span_cache(model)),
            f'"{" ".join(clause.split())}" leaves the decision to the assistant without criteria '
            f'(it means much the same as "{d.prototype}"); say what it should weigh '
            f"{advice(model, d.info.path, 'criteria')}, since a bare appeal to judgment lets a model justify anything",
            path=d.info.path,
            rule=d.info.id,
            data={"tier": "semantic", "phrase": " ".join(clause.split()), "similarity": round(d.score, 3)},
        )
