"""Candidate pairs for the conflict checks, from an index keyed by action.

A rule is compared only with the rules that share one of its action keys
(verb family, object head, qualifiers), never with all rules: the work grows
with the size of the spec, not with its square. A key shared by very many
rules is compared within a bounded window (`MAX_PER_KEY` neighbours each).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ...language import Analysis, Modality
from ...model import RuleInfo, SpecModel

MAX_PER_KEY = 64


@dataclass(frozen=True)
class Candidate:
    info: RuleInfo
    analysis: Analysis
    conditional: bool


def is_conditional(model: SpecModel, info: RuleInfo) -> bool:
    """Whether a rule (or an ancestor) applies only under a condition or has exceptions."""
    for a in info.ancestors():
        rule = a.rule
        if rule.conditions("when") or rule.conditions("unless"):
            return True
        analysis = model.analysis(a)
        if analysis.conditions or analysis.exceptions:
            return True
    return False


def candidates(model: SpecModel) -> list[Candidate]:
    cached = getattr(model, "_conflict_candidates", None)
    if cached is not None:
        return cached
    out = []
    for info in model.paced(model.rules):  # the semantic pass builds them too
        analysis = model.analysis(info)
        if not analysis.normative or analysis.action is None or analysis.lead_in:
            continue
        out.append(Candidate(info, analysis, is_conditional(model, info)))
    model._conflict_candidates = out
    return out


def _keys(c: Candidate) -> list[tuple]:
    action = c.analysis.action
    if action.head is None and not action.qualifiers:
        return []  # "Be careful.": too little to compare
    quals = action.qualifiers
    return [(verb, action.head or "", quals) for verb in action.verbs]


def pairs(model: SpecModel) -> list[tuple[Candidate, Candidate]]:
    """Pairs of rules that may be about the same action (each pair once).

    Rules are bucketed by (verb family, object head, qualifiers); a rule is
    compared with its own bucket and, if it has qualifiers, with the bucket
    of the same action without any (the general rule covers the specific).
    Worked out once per model and shared by the conflict checks.
    """
    cached = getattr(model, "_pairs", None)
    if cached is None:
        cached = model._pairs = list(_pairs(model))
    return cached


def _pairs(model: SpecModel) -> Iterator[tuple[Candidate, Candidate]]:
    index: dict[tuple, list[Candidate]] = {}
    for c in candidates(model):
        for key in _keys(c):
            index.setdefault(key, []).append(c)
    seen: set[tuple[int, int]] = set()
    compared = 0
    for key, bucket in index.items():
        general = index.get((key[0], key[1], frozenset())) if key[2] else None
        for i, a in enumerate(bucket):
            others = bucket[i + 1 : i + 1 + MAX_PER_KEY]
            if general:
                others = others + general[:MAX_PER_KEY]
            for b in others:
                ident = (min(a.info.index, b.info.index), max(a.info.index, b.info.index))
                if a is b or ident in seen:
                    continue
                seen.add(ident)
                compared += 1
                yield (a, b) if a.info.index < b.info.index else (b, a)
    model._pairs_compared = compared


def related_by_ancestry(a: RuleInfo, b: RuleInfo) -> bool:
    """Whether one rule is an ancestor of the other (an exception nested in its rule)."""
    return any(x is b for x in a.ancestors()) or any(x is a for x in b.ancestors())


def subset_or_equal(x: frozenset, y: frozenset) -> bool:
    return x <= y or y <= x


def same_action(a: Analysis, b: Analysis) -> bool:
    """The same verb family on the same object, with compatible qualifiers.

    Objects and qualifiers are compatible when one side's are a subset of the
    other's: "share data" covers "share payment data", but "log request data"
    and "log payment data" are different actions.
    """
    x, y = a.action, b.action
    if not set(x.verbs) & set(y.verbs) or x.head != y.head:
        return False
    return subset_or_equal(x.objects, y.objects) and (
        not x.qualifiers or not y.qualifiers or x.qualifiers == y.qualifiers
    )


def stems_of(model: SpecModel, info: RuleInfo) -> frozenset[str]:
    """The content stems of a rule's text, verbs folded into their family, once per rule."""
    cache = model.__dict__.setdefault("_stems", {})
    key = info.index
    if key not in cache:
        from ...language import content_stems

        from ...language.analysis import _families

        families = _families()
        stems = content_stems(info.rule.text.text if info.rule.text else "")
        cache[key] = frozenset(families.get(s, s) for s in stems)  # reveal ~ disclose
    return cache[key]


def opposed(a: Analysis, b: Analysis) -> bool:
    """One requires or allows what the other forbids."""
    kinds = {a.modality, b.modality}
    return Modality.PROHIBITION in kinds and bool(kinds & {Modality.OBLIGATION, Modality.PERMISSION})


def describe(c: Candidate) -> str:
    verb = {
        Modality.OBLIGATION: "requires",
        Modality.PROHIBITION: "forbids",
        Modality.PERMISSION: "allows",
    }[c.analysis.modality]
    return f"`{c.info.id}` {verb} “{c.analysis.action.text}”"
