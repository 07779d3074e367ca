"""Candidate pairs for the conflict checks, from an index keyed by action.

A rule is compared only with the rules that share one of its action keys
(verb family, object head, qualifiers), never with all rules: the work grows
with the size of the spec, not with its square. A key shared by very many
rules is compared within a bounded window (`MAX_PER_KEY` neighbours each,
fewer for a key so crowded that even that would be slow: `window`), and only
with the rules a check can report: duplicates have one modality, conflicts
opposite ones.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from itertools import combinations
from typing import Callable, Iterable, Iterator

from ..core import precompiled
from ..core.memo import MB, text_cache
from ..language import Analysis, Modality, analyze
from ..language.scope import EMPTY, Scope, field_scope, phrases, scope_of, slot_words, slots
from ..syntax.ast import Condition
from .model import RuleInfo, SpecModel

MAX_PER_KEY = 64
#: A key shared by more than KEY_BUDGET / MAX_PER_KEY rules is compared within a
#: narrower window, so that it costs about KEY_BUDGET comparisons (and each rule
#: still at least MIN_PER_KEY): a spec of ten thousand copies of one rule is
#: not compared a million times.
KEY_BUDGET = 65536
MIN_PER_KEY = 8


class Candidate:
    """A rule that may conflict with, or repeat, another: its analysis, whether it is
    conditional, and its scope (`rule_scope`), worked out when first asked for: most rules
    share their action with no other rule, and their scopes are never compared."""

    __slots__ = ("info", "analysis", "conditional", "_model", "_scope", "_above")

    def __init__(self, info: RuleInfo, analysis: Analysis, conditional: bool, model: SpecModel):
        self.info = info
        self.analysis = analysis
        self.conditional = conditional
        self._model = weakref.ref(model)  # no cycle: the model keeps its candidates (`DERIVED`)
        self._scope: Scope | None = None
        self._above = False  # an absolute lead-in stands above it (`rule_scope`)

    def _resolved(self) -> tuple[Scope, bool]:
        if self._scope is None:
            scope, self._above = rule_scope(self._model(), self.info)
            self._scope = scope  # last: another thread that sees it sees `_above` too
        return self._scope, self._above

    @property
    def scope(self) -> Scope:
        return self._resolved()[0]

    @property
    def absolute(self) -> bool:
        """Its own wording is absolute, or an absolute lead-in ("Never do the following:")
        stands above it."""
        return self.analysis.absolute or self._resolved()[1]


#: What `candidates`, `pairs`, `scoped_pairs`, `number_pairs` and `stems_of` keep on
#: the model (in its `__dict__`), and the checks that read it.
DERIVED = ("_conflict_candidates", "_scoped_pairs", "_number_pairs", "_scopes_down", "_own_scopes", "_conditional", "_stems")
USERS = frozenset({"C001", "C002", "C003", "C004"})


def release(model: SpecModel) -> None:
    """Forget what this module keeps on `model` (worked out again if asked for):
    a large spec's candidates, scopes and pairs are a third of its lint's memory,
    and only the conflict checks read them."""
    for name in DERIVED:
        model.__dict__.pop(name, None)


def is_conditional(model: SpecModel, info: RuleInfo) -> bool:
    """Whether a rule (or an ancestor) applies only under a condition or has exceptions
    (remembered per rule: a chain of nested subrules is walked once, not once per rule)."""
    known: dict[int, bool] = model.__dict__.setdefault("_conditional", {})
    chain = []
    for a in info.ancestors():
        if id(a) in known:
            answer = known[id(a)]
            break
        chain.append(a)
    else:
        answer = False
    for a in reversed(chain):
        if not answer:
            analysis = model.analysis(a)
            answer = bool(analysis.conditions or analysis.exceptions or any(_condition_lines(a.rule)))
        known[id(a)] = answer
    return answer


def _condition_lines(rule) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The texts of a rule's `when:` lines and of its `unless:` lines (one pass over its body)."""
    when: list[str] = []
    unless: list[str] = []
    for node in rule.body:
        if isinstance(node, Condition) and node.text is not None:
            (when if node.kind == "when" else unless).append(node.text.text)
    return tuple(when), tuple(unless)


def candidates(model: SpecModel) -> list[Candidate]:
    cached = getattr(model, "_conflict_candidates", None)
    if cached is not None:
        return cached
    out = []
    for info in model.paced(model.rules):  # the semantic pass builds them too
        analysis = model.analysis(info)
        if not analysis.normative or analysis.action is None or analysis.lead_in:
            continue
        out.append(Candidate(info, analysis, is_conditional(model, info), model))
    model._conflict_candidates = out
    return out


def _restrictors(scope: Scope) -> int:
    return len(scope.restrictors)


def _own_scope(model: SpecModel, info: RuleInfo) -> Scope:
    """The scope a rule's own sentence and its `when:`/`unless:` lines give it. A
    rule with subrules is asked again for each of them (see `_passed_down`): its
    scope is kept on the model for the lint (`own_scope` keeps none in a
    command-line run)."""
    rule = info.rule
    kept = None
    if rule.subrules:
        kept = model.__dict__.setdefault("_own_scopes", {})
        scope = kept.get(id(rule))
        if scope is not None:
            return scope
    when, unless = _condition_lines(rule)
    scope = own_scope(rule.text.text if rule.text else "", model.inherited_modality(info), when, unless)
    if kept is not None:
        kept[id(rule)] = scope
    return scope


#: A clause of its own before the modal marker ("You are a chat agent and [your job is to …]"):
#: a be-verb not inside a relative clause ("Staff who are on call must …" keeps its actor).
_CLAUSE = precompiled.compile(r"^(?:(?!\b(?:who|that|which)\b).)*\b(?:is|are|am|was|were)\b", re.I)


def _actor(before_marker: str) -> str:
    """The actor of a rule: the words before its modal marker, after its last comma, unless
    they make a clause of their own, which names no actor."""
    actor = before_marker.rsplit(",", 1)[-1]
    return "" if _CLAUSE.search(actor) else actor


@text_cache(8 * MB, per_char=48, per_item=128, base=512, items=_restrictors, long_lived_only=True)
def own_scope(text: str, inherited, when: tuple[str, ...] = (), unless: tuple[str, ...] = ()) -> Scope:
    """The scope a rule's text (analysed with the modality of a lead-in above it,
    `inherited`) and its `when:` and `unless:` lines give it.

    A function of these words alone, so the language server remembers it: a
    re-lint after a keystroke reads the scopes of the rules that changed, not
    of all. A command-line run keeps none (`long_lived_only`): it reads each
    rule once, and a large spec's scopes would only add to its peak memory."""
    analysis = analyze(text, inherited)
    scope = EMPTY
    if analysis.normative and analysis.action is not None:
        start, end = analysis.sentence
        actor = _actor(text[start : analysis.marker_start])  # "The billing assistant" (must …)
        tail = text[analysis.action.start : end]
        leading = tuple(c for c in analysis.conditions + analysis.exceptions if c not in tail)
        scope = scope_of(tail, 0, 0, actor, leading)
    elif analysis.normative and analysis.lead_in:
        # "The human submitter is responsible for:": the actor its items are for
        start, _ = analysis.sentence
        scope = scope_of("", 0, 0, _actor(text[start : analysis.marker_start]))
    if not (analysis.normative and analysis.action is not None) and (analysis.conditions or analysis.exceptions):
        for clause in analysis.conditions + analysis.exceptions:
            kind = "exception" if clause.lower().startswith(("unless", "except")) else "condition"
            scope = scope + Scope(tuple(phrases(clause, kind)))
    for kind, lines in (("when", when), ("unless", unless)):
        for line in lines:
            scope = scope + field_scope(kind, line)
    return scope


def _passed_down(model: SpecModel, info: RuleInfo | None) -> tuple[Scope, bool]:
    """What a rule passes down to its subrules: its conditions and exceptions (all of
    its scope if it is a lead-in), with what its own ancestors passed down, and
    whether an absolute lead-in is among them. Remembered per rule, walked without
    recursion (subrules may nest thousands deep)."""
    known: dict = model.__dict__.setdefault("_scopes_down", {})
    chain = []
    node = info
    while node is not None and id(node.rule) not in known:
        chain.append(node)
        node = node.parent
    down = known[id(node.rule)] if node is not None else (EMPTY, False)
    for node in reversed(chain):
        up = model.analysis(node)
        own = _own_scope(model, node)
        if not up.lead_in:
            own = Scope(tuple(r for r in own.restrictors if r.conditional))
        if node.rule.origin == "heading" and node.rule.text is not None:
            own = own + _title_scope(node.rule.text.text)  # a Markdown heading is its rules' section
        scope = down[0] + own if len(down[0].restrictors) < MAX_RESTRICTORS else down[0]
        down = known[id(node.rule)] = (scope, down[1] or (up.lead_in and up.absolute))
    return down


#: A scope keeps at most this many restrictors from above (a pathologically deep nesting stays cheap).
MAX_RESTRICTORS = 32


def rule_scope(model: SpecModel, info: RuleInfo) -> tuple[Scope, bool]:
    """A rule's scope with what its sections and ancestors add (their conditions
    and exceptions; all of a lead-in's scope; what a section's title or a
    Markdown heading above it says), and whether an absolute lead-in
    ("Never do the following:") stands above it."""
    inherited, absolute = _passed_down(model, info.parent)
    scope = _own_scope(model, info) + inherited
    for title in info.section_path:
        scope = scope + _title_scope(title)
    return scope, absolute


@text_cache(MB // 2, per_char=48, per_item=128, base=512, items=_restrictors, long_lived_only=True)
def _title_scope(title: str) -> Scope:
    """The scope a section's title gives its rules when it opens with a word
    that places them ("In production", "For minors", "When the user is
    upset"); none for a title that names a topic ("Refunds")."""
    if title and title.split(" ", 1)[0].lower() in ("in", "for", "when", "if", "during", "unless", "while"):
        return Scope(tuple(phrases(title)))
    return EMPTY


def _keys(c: Candidate) -> list[tuple]:
    action = c.analysis.action
    if action.head is None and not action.qualifiers:
        return []  # "Be careful.": too little to compare
    quals = action.qualifiers
    return [(verb, action.head or "", quals) for verb in action.verbs]


def window(size: int) -> int:
    """How many neighbours of its key a rule is compared with, in a key of `size` rules."""
    return max(MIN_PER_KEY, min(MAX_PER_KEY, KEY_BUDGET // max(size, 1)))


def pairs(model: SpecModel, kind: str = "opposed", among: Iterable[Candidate] | None = None) -> Iterable[tuple[Candidate, Candidate]]:
    """Pairs of rules that may be about the same action (each pair once, the
    earlier rule first).

    Rules are bucketed by (verb family, object head, qualifiers); a rule is
    compared with its own bucket and, if it has qualifiers, with the bucket
    of the same action without any (the general rule covers the specific).

    `kind` "opposed": one rule forbids what the other requires or allows
    (conflicts and exceptions, C001 and C004, which read them through
    `scoped_pairs`: that keeps the few that matter, so these are not kept),
    leaving out the pairs whose scopes exclude each other at one slot ("in
    project P2" / "in project P540": `ScopeSplit`). "same": both of one
    modality (duplicates, C003), among the candidates `among` (all when
    None). Either kind is made as it is asked for.
    """
    if kind == "opposed":
        return _windowed(model, candidates(model), _polarity, _opposite, split=True)
    if kind == "same":
        return _windowed(model, candidates(model) if among is None else among, _modality, _itself)
    raise ValueError(f"unknown kind of pairs: {kind!r}")


def _polarity(c: Candidate) -> int:
    return -1 if c.analysis.modality is Modality.PROHIBITION else 1


def _opposite(side: int) -> tuple[int, ...]:
    return (-side,)


def _modality(c: Candidate) -> Modality:
    return c.analysis.modality


def _itself(side) -> tuple:
    return (side,)


class ScopeSplit:
    """Rules (by their positions in a bucket) split by the words of one slot of
    their scopes, so that a rule is compared only with those whose scope the
    slot does not place apart from its own.

    The slot is the (opening word, head) that tells most of the rules apart
    ("in project …"). Two rules whose words there differ, neither inside the other
    ("in project P2" / "in project P540"), have disjoint scopes (`scope.
    slot_words`): they are never paired. A rule without the slot (or with it
    twice) may meet any other, and is kept with all of them. What is left out
    is only what `scope.relation` would call disjoint, so no conflict is lost,
    and a crowded bucket of rules in many places costs about one comparison
    per rule and place instead of one per pair.
    """

    def __init__(self, positions: list[int], scopes: list[Scope]):
        self.positions = positions
        self.slot = None
        if len(positions) <= 2 or not scopes:
            return  # too few to split, or nothing to split by
        counts: dict[tuple, int] = {}
        values: dict[tuple, set] = {}
        for scope in scopes:
            for slot, words in slots(scope).items():
                counts[slot] = counts.get(slot, 0) + 1
                values.setdefault(slot, set()).add(words)
        # the slot that splits them most: the most values, then the most rules (ties: the same each run)
        self.slot = max(sorted(counts), key=lambda s: (len(values[s]), counts[s])) if counts else None
        self.groups: dict[frozenset | None, list[int]] = {}
        self.wider: dict[frozenset, list[frozenset]] = {}  # words -> the values that hold them
        for position, scope in zip(positions, scopes):
            value = slot_words(scope, self.slot) if self.slot else None
            self.groups.setdefault(value, []).append(position)
        for value in self.groups:
            if value is not None:
                for part in _parts(value):
                    self.wider.setdefault(part, []).append(value)

    def compatible(self, scope: Scope) -> list[list[int]]:
        """The lists of positions (each in order) whose scopes the slot does not place apart from `scope`."""
        if self.slot is None:
            return [self.positions]
        value = slot_words(scope, self.slot)
        if value is None:
            return [self.positions]
        keys = [value, None] + [p for p in _parts(value) if p in self.groups] + self.wider.get(value, [])
        return [self.groups[k] for k in keys if k in self.groups]

    def after(self, scope: Scope, position: int, width: int) -> list[int]:
        """The first `width` compatible positions after `position`."""
        lists = self.compatible(scope)
        if len(lists) == 1:
            j = bisect_right(lists[0], position)
            return lists[0][j : j + width]
        found: list[int] = []
        for listed in lists:
            j = bisect_right(listed, position)
            found.extend(listed[j : j + width])
        found.sort()
        return found[:width]

    def first(self, scope: Scope, width: int) -> list[int]:
        return self.after(scope, -1, width)


def _parts(value: frozenset) -> list[frozenset]:
    """The non-empty proper subsets of a slot's words ("project" of "project p2")."""
    items = sorted(value)
    return [frozenset(combo) for n in range(1, len(items)) for combo in combinations(items, n)]


def _windowed(
    model: SpecModel, cands: Iterable[Candidate], side: Callable, partners: Callable, split: bool = False
) -> Iterator[tuple[Candidate, Candidate]]:
    """Pairs from the action index: each rule with the next rules of its bucket
    whose side (`side(c)`) is one of `partners(its side)`, and with the first
    such rules of the general bucket of its action. With `split`, only rules
    whose scopes one slot does not place apart (`ScopeSplit`)."""
    index: dict[tuple, list[Candidate]] = {}
    sided: dict[int, object] = {}
    for c in cands:
        sided[id(c)] = side(c)
        for key in _keys(c):
            index.setdefault(key, []).append(c)
    # per bucket and side: the rules' positions in the bucket, split by scope (made when first needed)
    sides: dict[tuple, dict] = {}

    def split_of(key: tuple) -> dict:
        found = sides.get(key)
        if found is None:
            bucket = index[key]
            by_side: dict = {}
            for i, c in enumerate(bucket):
                by_side.setdefault(sided[id(c)], []).append(i)
            found = sides[key] = {
                s: ScopeSplit(positions, [bucket[i].scope for i in positions] if split else [])
                for s, positions in by_side.items()
            }
        return found

    seen: set[int] = set()
    size = max((info.index for info in model.rules), default=0) + 1
    compared = 0
    for key, bucket in index.items():
        general_key = (key[0], key[1], frozenset())
        general_bucket = index.get(general_key) if key[2] else None
        if len(bucket) == 1 and general_bucket is None:
            continue  # a rule alone with its action
        width = window(len(bucket))
        by_side = split_of(key)
        general = split_of(general_key) if general_bucket is not None else None
        general_width = window(len(general_bucket)) if general_bucket is not None else 0
        for i, a in enumerate(bucket):
            x = a.info.index
            for other in partners(sided[id(a)]):
                others = []
                entry = by_side.get(other)
                if entry is not None:
                    others = [bucket[j] for j in entry.after(a.scope, i, width)]
                if general is not None and other in general:
                    others += [general_bucket[j] for j in general[other].first(a.scope, general_width)]
                for b in others:
                    y = b.info.index
                    ident = x * size + y if x < y else y * size + x
                    if a is b or ident in seen:
                        continue
                    seen.add(ident)
                    compared += 1
                    yield (a, b) if x < y else (b, a)
    model.__dict__["_pairs_compared"] = model.__dict__.get("_pairs_compared", 0) + compared


def related_by_ancestry(a: RuleInfo, b: RuleInfo) -> bool:
    """Whether one rule is an ancestor of the other (an exception nested in its rule)."""
    if a is b:
        return True
    if a.parent is b.parent:
        return False  # two rules side by side (siblings, or two top-level rules)
    return any(x is b for x in a.ancestors()) or any(x is a for x in b.ancestors())


def subset_or_equal(x: frozenset, y: frozenset) -> bool:
    return x <= y or y <= x


def same_action(a: Analysis, b: Analysis) -> bool:
    """The same verb family on the same object, with compatible qualifiers.

    Objects and qualifiers are compatible when one side's are a subset of the
    other's: "share data" covers "share payment data", but "log request data"
    and "log payment data" are different actions, and so are "display explicit
    content" and "display content that informs" (each narrows the object its own way).
    """
    x, y = a.action, b.action
    if not set(x.verbs) & set(y.verbs) or x.head != y.head:
        return False
    if (x.objects < y.objects and x.kind_clause and not y.qualifiers) or (
            y.objects < x.objects and y.kind_clause and not x.qualifiers):
        # "Display sexually explicit content" / "Display content that provides information on
        # violence": each names its own kind of the object, neither covers the other
        return False
    return subset_or_equal(x.objects, y.objects) and (
        not x.qualifiers or not y.qualifiers or x.qualifiers == y.qualifiers
    )


def stems_of(model: SpecModel, info: RuleInfo) -> frozenset[str]:
    """The content stems of a rule's text, verbs folded into their family, once per rule."""
    cache = model.__dict__.setdefault("_stems", {})
    key = info.index
    if key not in cache:
        from ..language import content_stems

        from ..language.analysis import _families

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


def scoped_pairs(model: SpecModel) -> list[tuple[Candidate, Candidate, str]]:
    """Opposite rules about the same act, each with how their scopes relate
    (`scope.relation`: "equal", "overlap", "a-inside", "b-inside", "unknown";
    disjoint pairs are left out). Worked out once per model, for C001 and C004."""
    cached = model.__dict__.get("_scoped_pairs")
    if cached is not None:
        return cached
    from ..language.scope import relation

    out = []
    for a, b in pairs(model, "opposed"):
        if related_by_ancestry(a.info, b.info) or not opposed(a.analysis, b.analysis):
            continue
        if not same_action(a.analysis, b.analysis):
            continue
        how = relation(a.scope, b.scope)
        if how in ("equal", "overlap"):
            how = _narrowed_by_object(a, b) or how
        if how != "disjoint":
            out.append((a, b, how))
    model._scoped_pairs = out
    return out


def _narrowed_by_object(a: Candidate, b: Candidate) -> str | None:
    """"a-inside" when `a` forbids a qualified part of an act that `b` asks for with no
    restriction at all ("Decline to answer questions about your identity" within "Your job
    is to answer users' questions"), "b-inside" the other way round: a duty and its
    carve-out, the specific rule an exception to the general one as a condition would make
    it (C004 when the general rule is absolute), not a conflict. A general prohibition
    against a qualified requirement ("Do not suggest paracetamol" / "Suggest paracetamol for
    a fever"), or a duty placed somewhere itself ("… before each release in staging" /
    "Do not … at night in staging"), stays a conflict."""
    for inner, outer, how in ((a, b, "a-inside"), (b, a, "b-inside")):
        if (inner.analysis.modality is Modality.PROHIBITION and outer.analysis.modality is not Modality.PROHIBITION
                and inner.analysis.action.qualifiers and not outer.analysis.action.qualifiers
                and not any(r.kind != "actor" for r in outer.scope.restrictors)):
            return how
    return None


def number_pairs(model: SpecModel) -> list[tuple[Candidate, Candidate, object, object]]:
    """Rules that set limits on one measure ("at most 3 retries" / "at least 5
    retries") that cannot both hold, in scopes that are not disjoint and of which
    one contains the other. Rules are indexed by measure; each is compared with
    a bounded window of the next rules of its measure whose scopes are not
    placed apart (`ScopeSplit`)."""
    cached = model.__dict__.get("_number_pairs")
    if cached is not None:
        return cached
    from ..language.scope import limits, relation

    index: dict[str, list[tuple[Candidate, object]]] = {}
    for c in candidates(model):
        text = c.info.rule.text.text if c.info.rule.text else ""
        start, end = c.analysis.sentence
        negated = c.analysis.modality is Modality.PROHIBITION
        verb = c.analysis.action.verbs[0] if c.analysis.action.verbs else ""
        for limit in limits(text[start:end], negated, verb):
            index.setdefault(limit.measure, []).append((c, limit))
    out = []
    seen = set()
    for bucket in index.values():
        width = window(len(bucket))
        scopes = [_without(c.scope, limit) for c, limit in bucket]
        split = ScopeSplit(list(range(len(bucket))), scopes)
        for i, (a, la) in enumerate(bucket):
            for j in split.after(scopes[i], i, width):
                b, lb = bucket[j]
                if a is b or la.holds_with(lb) or related_by_ancestry(a.info, b.info):
                    continue
                if (id(a), id(b)) in seen or not _same_topic(a, b, la, lb):
                    continue
                how = relation(scopes[i], scopes[j])
                if how not in ("equal", "overlap", "a-inside", "b-inside"):
                    continue
                if how == "overlap" and not _one_domain_holds_the_other(a, la, scopes[i], b, lb, scopes[j]):
                    continue  # "at least 300 words for reports" / "at most 150 words for summaries"
                seen.add((id(a), id(b)))
                out.append((a, b, la, lb))
    model._number_pairs = out
    return out


_LIMIT_WORDS = frozenset("least most more less fewer over under exact maximum minimum longer shorter beyond up".split())


def _topic(c: Candidate, limit) -> frozenset[str]:
    from ..language import stem

    action = c.analysis.action
    unit = {stem(w) for w in limit.text.lower().split()}
    return frozenset(s for s in action.objects if s not in unit and s not in _LIMIT_WORDS and not s[:1].isdigit())


def _same_topic(a: Candidate, b: Candidate, la, lb) -> bool:
    """Whether two limits are about one thing: their objects (without the limit's
    own words) are one inside the other."""
    x, y = _topic(a, la), _topic(b, lb)
    return x <= y or y <= x


def _one_domain_holds_the_other(a: Candidate, la, sa: Scope, b: Candidate, lb, sb: Scope) -> bool:
    """Whether what one limit is about (its object and the phrases that place
    it) holds all of what the other's is about: "use at most 3 retries for a
    failed upload" and "retry a failed upload at least 5 times" both limit the
    retries of a failed upload, said in other words; "at most 150 words for
    summaries" and "at least 300 words for reports" limit two things."""
    x = _topic(a, la).union(*(r.stems for r in sa.restrictors if not r.conditional))
    y = _topic(b, lb).union(*(r.stems for r in sb.restrictors if not r.conditional))
    return x <= y or y <= x


def _without(scope: Scope, limit) -> Scope:
    """A scope without the phrase that states the limit ("within 24 hours"), and,
    for a count of the act, without the phrase that says where the run of it
    stops ("before giving up": `scope.ends_the_count`)."""
    from ..language.scope import ends_the_count

    said = limit.text.lower()
    counts = limit.counts_the_act
    return Scope(
        tuple(
            r
            for r in scope.restrictors
            if not (r.text.lower() in said or said in r.text.lower()) and not (counts and ends_the_count(r))
        )
    )
