"""Rules that each put a different thing first: competing claims of top priority.

"Accuracy must always take priority." and "Above all, transparency should be
valued." cannot both hold when accuracy and transparency pull apart: each says
it wins over everything, the other included, and nothing says which one does.
A claim of supremacy is a statement that something takes priority or
precedence with no rival named (or over everything: "over all other
considerations"), comes first, is the top (highest, first, overriding)
priority, is paramount or the most important consideration, or stands "above
all (else)". A priority over something named ("Safety takes priority over
speed") is an ordering, not a claim to come first, and is left to the other
checks. Two claims about the same thing (their content words overlap) repeat
each other; two about different things conflict (C001), unless the spec orders
the two rules (`precedence:`, levels).

`claim(text)` gives what a sentence puts first, in the author's words, or None;
`supremacy_pairs(model)` the pairs of rules whose claims compete. (A group's lead
that says its rules override everything else, "These rules override everything
else. Follow them strictly:", is no rival claim but an order the document gives:
`language.analysis.overrides_all` reads it for `SpecModel.precedence_between`.)
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..core import precompiled

if TYPE_CHECKING:
    from .model import RuleInfo, SpecModel

#: The most claims compared (each with each): a spec that puts hundreds of things first is
#: reported on its first ones, and its lint stays linear.
MAX_CLAIMS = 100
#: A cheap test before the patterns: a word every claim has.
_HINT = precompiled.compile(r"\b(?:priority|precedence|first|paramount|above\s+all|most\s+important)\b", re.I)
#: What comes first, as a noun phrase before the verb (no verb of its own, a few words).
_SUBJECT = r"(?P<x>(?:(?!\b(?:is|are|must|should|shall|will|does|do|not|never|if|unless|were|would)\b)[^;:.!?]){3,100}?)"
#: A rival that is everything: "over everything (else)", "over all other considerations".
_UNIVERSAL = r"(?:everything(?:\s+else)?|anything\s+else|all(?:\s+else|\s+other\s+[\w-]+(?:\s+[\w-]+)?)?|any\s+other\s+[\w-]+(?:\s+[\w-]+)?|other\s+(?:considerations|concerns|goals|values|rules|instructions|priorities))"
#: Claims whose subject is the thing put first (a subject that denies or supposes is none);
#: `_OBJECT_CLAIMS` name it after the claim's words ("Above all, …", "Prioritize X above all").
_SUBJECT_CLAIMS = [
    # "X must always take priority", "X takes precedence (over everything else)"
    precompiled.compile(
        rf"^\W*{_SUBJECT}\s+(?:must|should|shall|will|always|must\s+always|should\s+always|will\s+always)?\s*"
        rf"(?:takes?|has|have|gets?|receives?)\s+(?:the\s+)?(?:absolute\s+|highest\s+|top\s+|first\s+|overriding\s+)?"
        rf"(?:priority|precedence)(?:\s+over\s+{_UNIVERSAL})?\s*(?:[.;!,]|$)",
        re.I,
    ),
    # "X is the top priority", "X is our first priority", "X remains the overriding priority"
    precompiled.compile(
        rf"^\W*{_SUBJECT}\s+(?:is|are|remains?|must\s+be|should\s+be)\s+(?:always\s+)?(?:the|our|your|its|their|my)\s+"
        r"(?:top|highest|first|foremost|overriding|number\s+one|single\s+most\s+important|most\s+important)\s+"
        r"(?:priority|concern|consideration|goal)\b",
        re.I,
    ),
    # "X comes first", "X always comes first", "X is paramount"
    precompiled.compile(
        rf"^\W*{_SUBJECT}\s+(?:must\s+|should\s+|always\s+|must\s+always\s+|should\s+always\s+)?(?:comes?\s+first|(?:is|are|remains?)\s+paramount)\s*(?:[.;!,]|$)",
        re.I,
    ),
]
_OBJECT_CLAIMS = [
    # "The most important thing is to X", "Your first priority is X"
    precompiled.compile(
        r"^\W*(?:the|your|our|its|my)\s+(?:single\s+)?(?:most\s+important\s+(?:thing|rule|principle|consideration|priority)|"
        r"(?:top|highest|first|overriding)\s+priority)\s+(?:is|remains)\s+(?:to\s+)?(?P<x>[^;:!?]{3,120}?)\s*(?:[.;!]|$)",
        re.I,
    ),
    # "Above all (else), X", "Above all, X should be valued"
    precompiled.compile(r"^\W*above\s+all(?:\s+else)?\s*,\s*(?P<x>[^;!?]{3,160}?)\s*(?:[.;!]|$)", re.I),
    # "Prioritize X above all else", "put X before everything else"
    precompiled.compile(
        rf"^\W*(?:always\s+)?(?:prioriti[sz]e|put|place|value)\s+(?P<x>[^;:!?]{{3,80}}?)\s+(?:above|over|before|ahead\s+of)\s+{_UNIVERSAL}\s*(?:[.;!]|$)",
        re.I,
    ),
]
_CLAIMS = _SUBJECT_CLAIMS + _OBJECT_CLAIMS
#: A claim denied or only supposed: "X does not take priority", "if X were the top priority".
_DENIED = precompiled.compile(r"\b(?:not|never|no\s+longer|n['’]t|were|would|could|might|if|whether)\b", re.I)
_MARKS = precompiled.compile(r"[*_`]+")
_PARITY = precompiled.compile(r"\b(?:as\s+much\s+as|equally|no\s+less\s+than|on\s+a\s+par\s+with|alongside)\b", re.I)
_REASON_TAIL = precompiled.compile(r",?\s+\b(?:since|because|as|so\s+that|which)\b\s", re.I)
_NOTE = precompiled.compile(r"\b(?:note|remember)\s+that\b", re.I)
#: A setting before the thing put first: "In case of conflict, the system prompt takes precedence".
_SETTING = precompiled.compile(
    r"^\W*(?:(?:(?:in\s+(?:case|the\s+event)\s+of|when(?:ever)?|where|in|for|during|ultimately|however|but|and|so)\b[^,]{0,60},|note\s+that|remember\s+that)\s*)+",
    re.I,
)


def claim(sentence: str) -> "Claim | None":
    """What a sentence puts first (in its own words), or None when it makes no claim of supremacy.
    A denied or supposed claim ("X does not take priority", "if X came first") is none: the
    patterns' subject takes no verb, negation or condition of its own."""
    if not _HINT.search(sentence):
        return None
    text = _MARKS.sub("", sentence).strip()
    for pattern in _CLAIMS:
        m = pattern.match(text)
        if m is None:
            continue
        x = m.group("x")
        setting = _SETTING.match(x)
        thing = x[setting.end() :].strip(" ,") if setting else x.strip(" ,")
        if pattern in _SUBJECT_CLAIMS and _DENIED.search(thing):
            return None
        if _PARITY.search(thing):
            return None  # "Above all, transparency should be valued as much as the outcome": a parity
        thing = _REASON_TAIL.split(thing, maxsplit=1)[0].strip(" ,")  # "…, since the sea does not forgive mistakes"
        if not thing:
            return None
        where = _NOTE.sub("", setting.group(0)).strip(" ,") if setting else ""
        return Claim(thing, where)
    return None


class Claim:
    """What a sentence puts first, and the setting it puts it first in ("in case of conflict")."""

    __slots__ = ("thing", "setting")

    def __init__(self, thing: str, setting: str):
        self.thing = thing
        self.setting = setting

    def __repr__(self) -> str:
        return f"Claim({self.thing!r}, {self.setting!r})"


def claims(model: SpecModel) -> list[tuple[RuleInfo, Claim]]:
    """The rules that claim supremacy for something, and what (once per model)."""
    cached = model.__dict__.get("_supremacy")
    if cached is not None:
        return cached
    from ..language.text import sentences

    out = []
    for info in model.rules:
        rule = info.rule
        if rule.text is None:
            continue
        text = rule.text.text
        if not _HINT.search(text):
            continue
        for a, b in sentences(text):
            thing = claim(text[a:b])
            if thing:
                out.append((info, thing))
                break
    model._supremacy = out
    return out


def supremacy_pairs(model: SpecModel) -> list[tuple[RuleInfo, RuleInfo, str, str]]:
    """Pairs of rules that each put a different thing first, in the order they stand."""
    from ..language import content_stems

    found = claims(model)[:MAX_CLAIMS]
    stems = [frozenset(content_stems(c.thing)) for _, c in found]
    settings = [frozenset(content_stems(c.setting)) for _, c in found]
    out = []
    for i in range(len(found)):
        for j in range(i + 1, len(found)):
            (a, xa), (b, xb) = found[i], found[j]
            if a is b or not stems[i] or not stems[j] or stems[i] & stems[j]:
                continue  # the same thing put first twice is a repetition, not a conflict
            if settings[i] != settings[j]:
                continue  # first in different settings ("when a user asks twice" / "in case of conflict")
            if _related(a, b):
                continue
            out.append((a, b, xa.thing, xb.thing))
    return out


def _related(a: RuleInfo, b: RuleInfo) -> bool:
    """One rule inside the other (a subrule restating its rule's claim)."""
    return any(x is b for x in a.ancestors()) or any(x is a for x in b.ancestors())
