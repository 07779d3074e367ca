"""The scope of a rule, and how the scopes of two rules relate.

    "Do not archive draft replies at the end of the day in project P540."
    -> Scope(at "end day", in "project P540")

A rule's scope is what limits where it applies: its conditions ("when …",
"if …", `when:`), its exceptions ("unless …", `unless:`), the phrases that
place the act ("in project P2", "for enterprise accounts", "as root", "before
committing"), its actor ("The billing assistant must …") and what its
ancestors (a rule above it, a lead-in) add. Each of these is a restrictor:
the words that introduce it, and the content stems of what follows.

Two opposite rules about the same act are then:

- **disjoint** when two restrictors exclude each other: the same kind of
  place with other values ("in project P2" / "in project P540", "for
  enterprise accounts" / "for free accounts"), two members of one group of
  alternatives (production / staging, adults / minors; `lexicons/scopes.txt`),
  or an exception of one that is the other's condition;
- **equal** or **overlapping** when nothing excludes them and their
  conditions are the same (a conflict);
- **nested** when one's conditions are a part of the other's (an
  unconditional prohibition, a conditional requirement of the same act): the
  narrower rule is an exception to the wider one;
- **unknown** when both have conditions and neither contains the other:
  whether they can hold at once is beyond words (the model judge's question).

Numbers are read here too: "at most 3 retries", "no more than 200 words",
"at least 5 times" are limits on a measure (`limits`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.memo import MB, text_cache
from .lexicon import entries
from .text import stem, stopwords, words
from ..core import precompiled

#: Words that open a restrictor of the kind named.
CONDITION_WORDS = frozenset("if when whenever where wherever while once until provided during".split())
EXCEPTION_WORDS = frozenset("unless except".split())
PLACE_WORDS = frozenset(
    "in for to with without from about into on onto via through outside inside beyond within against at by "
    "as before after".split()
)
_OPENERS = CONDITION_WORDS | EXCEPTION_WORDS | PLACE_WORDS
#: Words that end a rule's sentence-level scope (a reason follows).
_REASON_WORDS = frozenset("because since so".split())
#: Actors that are the assistant itself: no restriction.
_SELF = frozenset(stem(w) for w in "you assistant model ai it we i bot chatbot agent system".split())
#: Words that name the assistant as a machine ("AI agents", "the model"), not the reader ("you", "we").
_MACHINE = frozenset(stem(w) for w in "assistant model ai bot chatbot agent".split())
#: A named value: a word with a digit in it ("P540", "v2"), or a capitalized word inside a sentence.
_ID = precompiled.compile(r"^(?=.*\d)[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True, slots=True)
class Restrictor:
    kind: str  # "condition", "exception", "place" or "actor"
    word: str  # the word that opens it ("in", "when"; "actor")
    stems: frozenset[str]
    head: str  # the last stem that is not a named value ("project" in "in project P2")
    ids: frozenset[str]  # named values ("p2")
    text: str
    alts: frozenset = frozenset()  # (group, stem) of its words in a group of alternatives

    @property
    def conditional(self) -> bool:
        return self.kind in ("condition", "exception")

    def key(self) -> tuple:
        return (self.kind, self.stems)


@dataclass(frozen=True, slots=True)
class Scope:
    restrictors: tuple[Restrictor, ...] = ()

    def describe(self) -> str:
        """The scope in the author's words, for a message."""
        if not self.restrictors:
            return "always"
        return "; ".join(dict.fromkeys(r.text for r in self.restrictors))

    @property
    def conditions(self) -> frozenset:
        return frozenset(r.key() for r in self.restrictors if r.conditional)

    @property
    def places(self) -> frozenset:
        return frozenset(r.key() for r in self.restrictors if not r.conditional)

    def __add__(self, other: "Scope") -> "Scope":
        if not other.restrictors:
            return self
        if not self.restrictors:
            return other
        return Scope(self.restrictors + tuple(r for r in other.restrictors if r not in self.restrictors))


EMPTY = Scope()
#: The actor of a rule that names the assistant as its subject ("AI agents must not …"):
#: the one party no person is, so a rule for a person ("The human submitter must …") is
#: not about the same act.
ASSISTANT = Restrictor("actor", "actor", frozenset({"<assistant>"}), "<assistant>", frozenset(), "the assistant")


#: The one empty frozenset (`frozenset(<empty generator>)` makes a new one, 216 bytes, each time).
_NONE: frozenset = frozenset()


@lru_cache(maxsize=1)
def _groups() -> dict[str, int]:
    """stem -> the number of its group of alternatives (`lexicons/scopes.txt`)."""
    out: dict[str, int] = {}
    for n, line in enumerate(entries("scopes")):
        for word in line.replace(":", " ").split()[1:] if ":" in line else line.split():
            out.setdefault(stem(word), n)
    return out


def restrictor(kind: str, word: str, phrase: str) -> Restrictor | None:
    """A restrictor from the words of `phrase` (None when it has no content word)."""
    stop = stopwords()
    content = [w for w, _, _ in words(phrase) if w not in stop and w not in _OPENERS]
    if not content:
        return None
    stems = [stem(w) for w in content]
    ids = frozenset(s for s in stems if _ID.match(s)) or _NONE
    names = [s for s in stems if s not in ids]
    head = names[-1] if names else ""
    groups = _groups()
    alts = frozenset((groups[s], s) for s in stems if s in groups) or _NONE
    return Restrictor(kind, word, frozenset(stems), head, ids, _shown(phrase), alts)


#: What ends a phrase cut at the next opening word but is not its own: the conjunction before
#: that word ("about your identity or [to …]"), and punctuation.
_TRAILING = precompiled.compile(r"(?:[\s,.;:]|\b(?:or|and|and/or|nor)\b)+$", re.I)


def _shown(phrase: str) -> str:
    """A restrictor's words as a message shows them: one space between words, without the
    conjunction and punctuation the cut left at its end, nor a code or quote mark left open
    there (the rest of its pair stood before the phrase)."""
    text = _TRAILING.sub("", " ".join(phrase.split()).strip(" ,.;:"))
    for mark in ("`", '"'):
        if text.endswith(mark) and text.count(mark) % 2:
            text = _TRAILING.sub("", text[:-1])
    return text


def phrases(text: str, kind: str = "place") -> list[Restrictor]:
    """The restrictors of a stretch of a sentence: a new one at each opening word
    ("in", "for", "when", "unless" …), of the kind that word gives (places after
    a condition word stay in the condition: "when the user asks in the chat")."""
    out: list[Restrictor] = []
    toks = words(text)
    cut: list[tuple[int, str, str]] = []  # (start, word, kind)
    current = kind
    for w, s, _ in toks:
        if w in _REASON_WORDS:
            cut.append((s, w, "stop"))
            break
        if w in EXCEPTION_WORDS:
            current = "exception"
            cut.append((s, w, current))
        elif w in CONDITION_WORDS:
            current = "condition"
            cut.append((s, w, current))
        elif w in PLACE_WORDS:
            cut.append((s, w, current if current != "place" else "place"))
    for n, (s, w, k) in enumerate(cut):
        if k == "stop":
            break
        e = cut[n + 1][0] if n + 1 < len(cut) else len(text)
        r = restrictor(k, w, text[s:e])
        if r is not None:
            out.append(r)
    return out


def scope_of(sentence: str, action_start: int, action_end_object: int, actor: str = "", leading: tuple[str, ...] = ()) -> Scope:
    """The scope of a rule from its sentence: the phrases after its object
    (from `action_end_object`), its actor (the words before its modal marker)
    and its leading conditions ("If …, …")."""
    found: list[Restrictor] = []
    if actor:
        r = restrictor("actor", "actor", actor)
        if r is not None and not r.stems <= _SELF:
            found.append(r)
        elif r is not None and r.stems & _MACHINE:
            found.append(ASSISTANT)  # "AI agents must not …": the assistant, named as such
    for clause in leading:
        kind = "exception" if clause.lower().startswith(("unless", "except")) else "condition"
        found.extend(phrases(clause, kind))
    found.extend(phrases(sentence[action_end_object:]))
    return Scope(tuple(found))


def field_scope(kind: str, text: str) -> Scope:
    """The scope a `when:` or `unless:` line adds."""
    k = "exception" if kind == "unless" else "condition"
    r = restrictor(k, kind, text)
    return Scope((r,)) if r is not None else EMPTY


# ------------------------------------------------------------ relations


def _exclusive(a: Restrictor, b: Restrictor) -> bool:
    """Whether two restrictors cannot both hold."""
    if a.kind == "actor" and b.kind == "actor" and (a is ASSISTANT) != (b is ASSISTANT):
        return True  # the assistant and a person it is not: "AI agents must not sign" / "The submitter signs"
    x, y = a.stems, b.stems
    if x <= y or y <= x:
        # the same words, or one inside the other: exclusive only as an exception and a condition
        return x == y and a.kind != b.kind and "exception" in (a.kind, b.kind)
    if a.kind == "exception" or b.kind == "exception":
        return False
    if a.word == b.word:
        if a.head and a.head == b.head:
            return True  # "for enterprise accounts" / "for free accounts"
        if a.ids and b.ids and not a.ids & b.ids and (x - a.ids) & (y - b.ids):
            return True  # "in project P2" / "in project P540 where possible"
    if a.alts and b.alts:
        for g, s in a.alts:
            for h, t in b.alts:
                if g == h and s != t and t not in x and s not in y:
                    return True  # "in production" / "in staging"
    return False


#: A slot's words are an index key only up to this many stems (their parts are enumerated).
_SLOT_WORDS = 6


def slot_words(scope: Scope, slot: tuple[str, str]) -> frozenset | None:
    """The words of a scope's one restrictor at `slot` (its opening word and
    head: ("in", "project")), or None when it has none, several, or too many
    words to index.

    Two scopes whose words at one slot differ, neither inside the other
    ("in project P2" / "in project P540"), are disjoint (`_exclusive`): an
    index keyed by these words finds the pairs worth comparing without
    comparing all of them."""
    found = None
    for r in scope.restrictors:
        if r.kind != "exception" and r.head and (r.word, r.head) == slot:
            if found is not None:
                return None
            found = r.stems
    return found if found is not None and len(found) <= _SLOT_WORDS else None


def slots(scope: Scope) -> dict[tuple[str, str], frozenset]:
    """The slots (opening word, head) of a scope's restrictors that can exclude another's, with their words."""
    return {(r.word, r.head): r.stems for r in scope.restrictors if r.kind != "exception" and r.head}


def disjoint(a: Scope, b: Scope) -> bool:
    return any(_exclusive(x, y) for x in a.restrictors for y in b.restrictors)


def relation(a: Scope, b: Scope) -> str:
    """How the scope of `a` relates to that of `b`: "disjoint", "equal",
    "overlap", "a-inside" (a is the narrower, an exception to b), "b-inside",
    or "unknown" (both conditional, neither inside the other)."""
    if disjoint(a, b):
        return "disjoint"
    ca, cb = a.conditions, b.conditions
    if ca == cb:
        # the same conditions: where the act is placed ("to the user", "in the chat") narrows
        # what each rule covers, but both still cover the common cases
        return "equal" if a.places == b.places else "overlap"
    if cb < ca:
        return "a-inside"
    if ca < cb:
        return "b-inside"
    return "unknown"


# ------------------------------------------------------------ numbers


def ends_the_count(r: Restrictor) -> bool:
    """Whether a restrictor says where a repeated act stops rather than where it
    applies: "before" or "until" and a gerund ("retry at least 5 times before
    giving up", "until reaching the operator"). A count of the act ("5
    times", "3 retries") is the count of the whole run up to that point, so the
    phrase does not narrow the count's scope; a duration is another matter
    ("wait 5 seconds before retrying" says which wait), and is not asked here."""
    if r.word not in ("before", "until", "till") or r.kind == "exception":
        return False
    following = [w for w, _, _ in words(r.text)][1:2]
    return bool(following) and following[0].endswith("ing") and len(following[0]) > 4


@dataclass(frozen=True, slots=True)
class Limit:
    measure: str  # the unit's family: "word", "retry", "second", "percent" …
    low: float | None
    high: float | None
    text: str

    @property
    def counts_the_act(self) -> bool:
        """A count of how often the act is done ("3 retries", "5 times"), not a length or a duration."""
        last = self.text.lower().split()[-1] if self.text else ""
        return self.measure == "retry" or last in ("time", "times")

    def holds_with(self, other: "Limit") -> bool:
        low = max(x for x in (self.low, other.low, float("-inf")) if x is not None)
        high = min(x for x in (self.high, other.high, float("inf")) if x is not None)
        return low <= high


_NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUM = r"(\$?\d[\d,]*(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
_LIMIT = precompiled.compile(
    r"\b(?P<op>at most|at least|no more than|not more than|no fewer than|no less than|not less than|"
    r"more than|fewer than|less than|over|under|up to|a maximum of|a minimum of|maximum of|minimum of|"
    r"exactly|within|longer than|shorter than|beyond)\s+" + _NUM + r"\s*(?P<unit>%|per cent|bullet points|clarifying questions|[a-z]+)?"
    r"|\b" + _NUM.replace("(", "(?P<n2>", 1) + r"\s+(?P<unit2>[a-z]+)\s+or\s+(?P<op2>fewer|less|more|longer|shorter)\b",
    re.I,
)
#: A digit or a number word: a text without one sets no limit (a cheap look before `_LIMIT`).
_MAYBE_NUMBER = precompiled.compile(r"\d|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", re.I)
#: unit word -> measure
_UNITS = {
    **{w: "word" for w in ("word", "words")},
    **{w: "sentence" for w in ("sentence", "sentences")},
    **{w: "character" for w in ("character", "characters", "char", "chars")},
    **{w: "paragraph" for w in ("paragraph", "paragraphs")},
    **{w: "line" for w in ("line", "lines")},
    **{w: "bullet" for w in ("bullet", "bullets", "bullet points", "items")},
    **{w: "retry" for w in ("retry", "retries", "attempt", "attempts", "tries")},
    **{w: "question" for w in ("question", "questions", "clarifying questions")},
    **{w: "second" for w in ("second", "seconds", "s")},
    **{w: "minute" for w in ("minute", "minutes")},
    **{w: "hour" for w in ("hour", "hours")},
    **{w: "day" for w in ("day", "days")},
    **{w: "percent" for w in ("%", "percent", "per cent")},
    **{w: "token" for w in ("token", "tokens")},
    **{w: "dollar" for w in ("dollar", "dollars", "usd")},
    **{w: "euro" for w in ("euro", "euros", "eur")},
    **{w: "link" for w in ("link", "links")},
    **{w: "emoji" for w in ("emoji", "emojis")},
}
_TO_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def _number(raw: str) -> float:
    raw = raw.lower().lstrip("$").replace(",", "")
    return float(_NUMBER_WORDS[raw]) if raw in _NUMBER_WORDS else float(raw)


@text_cache(1 * MB, per_char=2, per_item=160, base=256, long_lived_only=True)
def limits(text: str, negated: bool = False, verb: str = "") -> tuple[Limit, ...]:
    """The numeric limits a rule sets ("at most 3 retries" -> retry <= 3).

    `negated`: the rule forbids what it says ("Do not write more than 200
    words" is at most 200). `verb`: the rule's verb family, for a count of
    "times" ("retry at least 5 times" counts retries). Remembered by its
    words in the language server (`long_lived_only`): a re-lint after a
    keystroke reads the limits of the rules that changed, not of all.
    """
    if _MAYBE_NUMBER.search(text) is None:
        return ()
    out = []
    for m in _LIMIT.finditer(text):
        if m.group("op"):
            op, raw, unit = m.group("op").lower(), m.group(2), (m.group("unit") or "").lower()
        else:
            op, raw, unit = "or " + m.group("op2").lower(), m.group("n2"), (m.group("unit2") or "").lower()
        measure = _UNITS.get(unit) or _UNITS.get(unit.split(" ")[0] if unit else "")
        if measure is None and unit.split(" ")[0] in ("time", "times") and verb:
            measure = "retry" if verb in ("retri", "tri", "attempt") else verb  # "retry at least 5 times": retries
        if raw.startswith("$") and measure is None:
            measure = "dollar"
        if measure is None:
            continue
        n = _number(raw)
        if measure in _TO_SECONDS:
            n, measure = n * _TO_SECONDS[measure], "second"
        upper = op in ("at most", "no more than", "not more than", "up to", "a maximum of", "maximum of", "within",
                       "or fewer", "or less", "or shorter", "under", "less than", "fewer than", "shorter than")
        lower = op in ("at least", "no fewer than", "no less than", "not less than", "a minimum of", "minimum of",
                       "or more", "or longer", "over", "more than", "longer than", "beyond")
        strict = op in ("under", "less than", "fewer than", "shorter than", "over", "more than", "longer than", "beyond")
        if negated:  # "do not write more than 200 words": at most 200
            upper, lower, strict = lower, upper, not strict
        if op == "exactly":
            out.append(Limit(measure, n, n, m.group(0).strip()))
        elif upper:
            out.append(Limit(measure, None, n - (1 if strict and measure != "second" else 0), m.group(0).strip()))
        elif lower:
            out.append(Limit(measure, n + (1 if strict and measure != "second" else 0), None, m.group(0).strip()))
    return tuple(out)
