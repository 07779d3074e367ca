"""V003 escape-clause."""

from __future__ import annotations

from typing import Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...language.lexicon import PhraseMatch
from ...model.model import RuleInfo, SpecModel
from ..base import check, finding
from ..wording import advice
from ...model.prose import (
    exempt_phrases,
    find_phrases,
    is_exempt,
    load_lexicon,
    overlaps,
    phrase_span,
    source_text,
    span_cache,
    spelled_out_rules,
    without_exceptions,
)

UNLESS = "unless "


def _left_to_v005(info: RuleInfo, kind: str, text: str, m: PhraseMatch, weak: dict[str, list[tuple[int, int]]]) -> bool:
    """In a hard rule's text, V005 reports the phrases it lists ("if possible").

    `weak` keeps where those phrases stand in each text, for this lint only: a
    long text is searched once, not once per escape clause in it, and nothing
    of it outlives the lint (a text's spans may take ten times its size).
    """
    if kind != "text" or not any(a.rule.hard for a in info.ancestors()):
        return False
    spans = weak.get(text)
    if spans is None:
        spans = weak[text] = [(w.start, w.end) for w in load_lexicon("weak_modals")[0].find(text)]
    return overlaps(m.start, m.end, spans)


def _unless_lines(model: SpecModel) -> Iterator[tuple[RuleInfo, object, PhraseMatch]]:
    """Escape clauses that an `unless:` line makes with its keyword
    ("unless: doing so is impractical"), which the text alone does not show."""
    escape, exceptions = load_lexicon("escape")
    exempt = exempt_phrases(model)
    for info in model.rules:
        for condition in info.rule.conditions("unless"):
            prose = condition.text
            if prose is None:
                continue
            text = UNLESS + prose.text
            for m in without_exceptions(text, escape.find(text), exceptions):
                if m.start != 0:
                    continue  # found without the keyword too
                inner = PhraseMatch(0, m.end - len(UNLESS), prose.text[: m.end - len(UNLESS)], m.entry)
                if not is_exempt(prose.text, inner, exempt):
                    yield info, prose, inner


@check("V003", "escape-clause", Severity.WARNING, scope="rule", prose_severity=Severity.INFO)
def escape_clause(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        A clause in rule text that lets the rule lapse at the reader's
        discretion: "where possible", "if feasible", "as far as practical",
        "to the extent possible", "where appropriate", "unless impractical"
        (also as `unless: impractical`) … (lexicon `escape.txt`). In the text
        of a `hard` rule, a phrase that V005 reports as a weak modal ("if
        possible") is left to V005. A phrase a `term` defines or the
        configuration allows is not reported, nor one in a rule's own text
        when that text is a title whose body spells out the cases (a short
        phrase without a full stop over at least two subrules or an example),
        as a Markdown heading such as "When appropriate, be helpful when
        refusing".

    Why it matters:
        Every rule is inconvenient sometimes; an escape clause lets the one
        applying it decide that now is such a time. A model under pressure
        from a user will find that the exception applies, and a reviewer
        cannot say it was wrong.

    Example:
        rule D5: Anonymize patient names in exported transcripts where possible.

    Fix:
        Name the case in which the rule does not apply, or drop the clause:

            rule D5: Anonymize patient names in exported transcripts.
              unless: the export goes to the patient's own record.
    """
    spelled_out = spelled_out_rules()
    weak: dict[str, list[tuple[int, int]]] = {}
    found = [
        (f.info, f.prose, f.match, f.span)
        for f in find_phrases(model, "escape")
        if not _left_to_v005(f.info, f.kind, f.prose.text, f.match, weak)
        and not (f.kind == "text" and spelled_out(f.info.rule))
    ]
    for info, prose, m in _unless_lines(model):
        found.append((info, prose, m, phrase_span(prose, m.start, m.end, source_text(model, info.path), cache=span_cache(model))))
    for info, prose, m, span in found:
        phrase = " ".join(m.text.split())
        yield finding(
            span,
            f'"{phrase}" lets the rule lapse whenever the reader judges it inconvenient; '
            + advice(model, info.path, "escape"),
            path=info.path,
            rule=info.id,
            data={"phrase": phrase},
        )
