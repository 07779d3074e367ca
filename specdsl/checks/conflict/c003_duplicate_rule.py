"""C003 duplicate-rule."""

from __future__ import annotations

import re
from typing import Iterator

from ...core.diagnostics import Diagnostic, Related, Severity
from ...model.model import SpecModel, related
from ..base import check, finding, semantic_active
from ...model.candidates import Candidate, candidates, pairs, related_by_ancestry, same_action, stems_of
from ...core import precompiled

#: Share of content words two rules must have in common to be duplicates.
NEAR_DUPLICATE = 0.8
#: … when they also name the same action (verb family, object, qualifiers).
SAME_ACTION = 0.5


def _jaccard(x: set, y: set) -> float:
    return len(x & y) / len(x | y) if x or y else 0.0


@check("C003", "duplicate-rule", Severity.WARNING, default=False)
def duplicate_rule(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        Two rules that say the same thing: the same modality and the same
        action (verbs of one family on the same object with the same
        qualifiers), or nearly the same content words. With the semantic
        tier (`--semantic`) also two rules worded differently whose meanings
        are nearly the same (similarity at or above
        `semantic.duplicate-threshold`) and that ask for the same thing:
        "Keep the password private" duplicates "Never reveal the password".
        Rules that all say the same thing (directly or through one another)
        are one group: the first in the document is the original, and each
        later copy is reported once, naming the others (the first ten as
        related information): a pair is one finding, on its second rule. In a YAML prompt collection (the prompts
        of an agent framework, a guardrail's input and output checks) each
        string is a prompt sent on its own, and so is each statement's
        strings in a Python file (two versions of a policy side by side): a
        rule repeated in two of them is meant to be, and only rules within
        one prompt are compared. Two
        rules that name different conditions or exceptions ("… unless
        asked" / "… unless safety requires it") hold each in its own case
        and are not duplicates; nor are the same words in two sections when
        they point at what stands around them ("… whether it matches this
        definition" under two definitions).

        Off by default (run it with `--select C003`): on real specs nobody
        here wrote, judged blind, few of its findings were right (see "On
        real specs" below); repeated blocks are usually deliberate (one
        policy pasted into two prompts).

    Why it matters:
        Duplicates drift: one copy gets edited, the other does not, and the
        spec ends up contradicting itself. They also weigh a rule twice in
        training data for no reason.

    Example:
        rule RF3: Offer a meal voucher when a flight is delayed by three hours.
        rule RF5: When a flight is three hours late, offer the passenger a meal voucher.

    Fix:
        Keep one rule; point references at it (`see:`) and delete the other.
    """
    groups = Groups()
    # Rules with the same modality, condition, action and content words say the
    # same thing: grouped at once, and only the first of each compared further
    first: dict[tuple, Candidate] = {}
    compared = []
    for c in candidates(model):
        stems = stems_of(model, c.info)
        action = c.analysis.action
        if not stems or (action.head is None and not action.qualifiers):
            compared.append(c)  # never the same as another ("Be careful.": too little to compare)
            continue
        prompt = model.prompt_of(c.info)  # a copy in another prompt of a collection is meant to be
        key = (c.analysis.modality, c.conditional, action.verbs, action.objects, action.head, action.qualifiers, stems,
               None if prompt is None else (c.info.path, prompt), _place(c.info))
        if key in first:
            groups.join(first[key], c)
        else:
            first[key] = c
            compared.append(c)
    for a, b in pairs(model, "same", among=compared):
        if a.conditional != b.conditional or groups.together(a, b):
            continue  # already known to say the same thing, through others
        if model.separate_prompts(a.info, b.info):
            continue  # two prompts of one collection, each sent alone: each needs its copy
        x, y = a.analysis, b.analysis
        if _other_cases(x, y):
            continue  # "… unless asked" / "… unless the context requires it": two rules, each with its case
        place = _place(a.info)
        if place is not None and _place(b.info) not in (None, place):
            continue  # "… matches this definition" under two definitions: two rules, each about its own
        same = same_action(x, y)
        overlap = _jaccard(stems_of(model, a.info), stems_of(model, b.info))
        if overlap < (SAME_ACTION if same else NEAR_DUPLICATE):
            continue
        groups.join(a, b)
    shared: dict = {}
    for members in groups.groups():
        for this in members[1:]:  # the first of a group is the original, each later copy repeats it
            yield _group_finding(this, members, "", shared)
    if semantic_active(model):
        yield from _duplicates_by_meaning(model, groups)


#: Words every case clause shares: its connective and the filler around it.
_CASE_WORDS = frozenset("unless except if when whenev where the a an it to do so is are be".split())


def _other_cases(x, y) -> bool:
    """Whether two rules name different conditions or exceptions ("Reply in English unless asked
    otherwise" / "Reply in English unless the context requires it"): each holds in its own case,
    so they are not one rule said twice (when only one names a case, `conditional` tells them apart)."""
    from ...language.text import stem, words

    cases_x = x.conditions + x.exceptions
    cases_y = y.conditions + y.exceptions
    if not cases_x or not cases_y:
        return False
    sx = {stem(w) for c in cases_x for w, _, _ in words(c)} - _CASE_WORDS
    sy = {stem(w) for c in cases_y for w, _, _ in words(c)} - _CASE_WORDS
    return _jaccard(sx, sy) < 0.5


#: Words that point at what stands around a rule: "this definition", "these criteria", "the above".
_DEICTIC = precompiled.compile(r"\b(?:this|these|those|said)\s+(?!is\b|are\b|was\b|will\b|can\b|may\b)[a-z][\w-]*|\bthe\s+(?:above|preceding|foregoing)\b", re.I)


def _place(info) -> tuple | None:
    """Where a rule stands (its sections and parent) when its words point at what stands around
    it ("Review each use to determine whether it matches this definition."), else None: the
    same words in two places are then two rules, each about what stands around it."""
    text = info.rule.text.text if info.rule.text is not None else ""
    return (tuple(info.section_path), id(info.parent)) if _DEICTIC.search(text) else None


#: Related information names at most this many other rules of a group.
MAX_RELATED = 10


class Groups:
    """Rules that say the same thing, as groups (union-find over the pairs found):
    n rules that all say one thing make n - 1 findings (one per copy), not n(n-1)/2."""

    def __init__(self):
        self.parent: dict[int, int] = {}
        self.members: dict[int, object] = {}
        self.best: dict[int, float] = {}  # the highest similarity of each rule's pairs

    def _root(self, key: int) -> int:
        parent = self.parent
        root = key
        while parent.get(root, root) != root:
            root = parent[root]
        while key != root:  # path halving keeps the trees flat
            parent[key], key = root, parent[key]
        return root

    def together(self, a, b) -> bool:
        x, y = a.info.index, b.info.index
        return x in self.parent and y in self.parent and self._root(x) == self._root(y)

    def join(self, a, b, similarity: float | None = None) -> None:
        for c in (a, b):
            self.members.setdefault(c.info.index, c)
            self.parent.setdefault(c.info.index, c.info.index)
            if similarity is not None:
                self.best[c.info.index] = max(self.best.get(c.info.index, 0.0), similarity)
        x, y = self._root(a.info.index), self._root(b.info.index)
        if x != y:
            self.parent[max(x, y)] = min(x, y)

    def groups(self) -> list[list]:
        """The groups, each in document order, in the order of their first rules."""
        out: dict[int, list] = {}
        for key in sorted(self.members):
            out.setdefault(self._root(key), []).append(self.members[key])
        return list(out.values())


def _names(rules: list) -> str:
    ids = [f"`{r.info.id}`" for r in rules]
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]


def _related(rule, shared: dict) -> Related:
    """The related information that names a duplicate: one object per rule, shared
    by the findings of its group (a Related is immutable)."""
    kept = shared.get(rule.info.index)
    if kept is None:
        kept = shared[rule.info.index] = related(rule.info, f"the duplicate `{rule.info.id}`")
    return kept


def _group_finding(this, members: list, how: str, shared: dict, data: dict | None = None) -> Diagnostic:
    """The finding on one rule of a group: which others say the same (`how`: how
    they say it, e.g. " in other words (similarity 0.93)")."""
    count = len(members) - 1
    shown = [m for m in members[: MAX_RELATED + 1] if m is not this][:MAX_RELATED]
    if count <= 3:
        said = _names(shown)
    else:
        said = f"{count:,} other rules ({', '.join(f'`{r.info.id}`' for r in shown[:3])} …)"
    message = f"`{this.info.id}` says the same as {said}{how}; keep one of them"
    return finding(
        this.info.rule.id_span,
        message,
        path=this.info.path,
        rule=this.info.id,
        related=[_related(other, shared) for other in shown],
        data=data,
    )


def _duplicates_by_meaning(model: SpecModel, lexical: Groups) -> Iterator[Diagnostic]:
    """The semantic tier's duplicates: very similar rules that ask for the same thing,
    in the same strength, under the same kind of condition (pairs the lexical
    groups already hold are left to them)."""
    from ...semantic import evidence

    threshold = model.config.semantic.duplicate_threshold
    groups = Groups()
    shared: dict = {}
    for a, b, similarity in evidence.view(model).rule_pairs(threshold, "agree"):
        if lexical.together(a, b):
            continue
        # the view has kept only pairs that agree by meaning, in the same strength, under
        # the same kind of condition
        if model.separate_prompts(a.info, b.info):
            continue
        if related_by_ancestry(a.info, b.info) or evidence.different_objects(a.analysis, b.analysis):
            continue
        if evidence.different_numbers(a.info.rule.text.text, b.info.rule.text.text):
            continue  # "under 120 words" / "under 400 words"
        groups.join(a, b, similarity)
    for members in groups.groups():
        for this in members[1:]:
            best = groups.best[this.info.index]
            how = f" in other words (similarity {best:.2f})" if len(members) == 2 else f" in other words (similarity up to {best:.2f})"
            yield _group_finding(this, members, how, shared, {"tier": "semantic", "similarity": round(best, 3)})
