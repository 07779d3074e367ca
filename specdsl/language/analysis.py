"""Modality, polarity and the normalized action of a rule's text.

    analyze("The assistant must never share the user's password with third parties.")
    -> Analysis(modality=PROHIBITION, absolute=True,
                action=Action(verbs=("disclose",), objects={"password"}, head="password",
                              qualifiers={"third", "parti"}))

The analysis looks at the main clause of the first normative sentence: the
marker that sets its modality ("must not", "always", "may", an imperative
verb), the verbs right after it, their object, and the qualifiers that
restrict the object ("with third parties"). Clauses introduced by "if",
"when" (conditions) and "unless", "except" (exceptions) are set apart.
"""

from __future__ import annotations

import re
import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache

from ..core.memo import MB, text_cache
from .lexicon import entries
from .markers import counts, names_party
from .markers import adverbs as _adverbs
from .markers import markers as _markers
from .markers import verbs as _verbs
from .modality import Modality
from .text import WORD_RE, sentences, stem, stopwords, words
from ..core import precompiled


@dataclass(frozen=True, slots=True)
class Action:
    """What a rule requires, forbids or allows, normalized for comparison."""

    verbs: tuple[str, ...]  # verb families (see synonyms.txt) or stems
    objects: frozenset[str]  # content stems of the object
    head: str | None  # the object's last content stem (its head noun, usually)
    qualifiers: frozenset[str] = frozenset()  # stems after "with", "to", "for" …
    #: whether a relative clause right after the object names its kind ("content that provides
    #: information"): the object narrowed as adjectives narrow it, not the act placed somewhere
    kind_clause: bool = False
    start: int = 0
    end: int = 0
    text: str = ""

    def keys(self) -> list[tuple[str, str]]:
        """Index keys: a rule is compared with the rules that share one."""
        if self.head is None:
            return [(v, "") for v in self.verbs]
        return [(v, self.head) for v in self.verbs]


@dataclass(frozen=True, slots=True)
class Analysis:
    modality: Modality
    marker: str | None = None
    marker_start: int = 0
    marker_end: int = 0
    action: Action | None = None
    conditions: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()
    absolute: bool = False
    lead_in: bool = False  # "Never:" / "should by default:" introduces the subrules
    sentence: tuple[int, int] = (0, 0)
    notes: dict = field(default_factory=dict)

    @property
    def polarity(self) -> int:
        return self.modality.polarity

    @property
    def normative(self) -> bool:
        return self.modality is not Modality.DESCRIPTION


# ---------------------------------------------------------------- lexicons


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    """stem -> canonical family name."""
    out: dict[str, str] = {}
    for line in entries("synonyms"):
        if ":" not in line:
            continue
        canonical, members = line.split(":", 1)
        for word in members.split():
            out.setdefault(stem(word), canonical.strip())
    return out


def verb_family(word: str) -> str:
    s = stem(word)
    return _families().get(s, s)


# words that end the object of an action and start a qualifier
QUALIFIER_PREPOSITIONS = frozenset(
    "with without to for from about in into on onto via through outside inside beyond within against at by "
    "that which who whose whom where".split()
)
# words that end the main clause
CLAUSE_BOUNDARIES = frozenset(
    "unless except if when whenever while because since so although though before after until "
    "once provided as than but whether even".split()
)
_ABSOLUTE = precompiled.compile(
    r"\b(never|always|under no circumstances|in no circumstances|at no time|in all cases|without exception|no matter what)\b",
    re.I,
)
#: Words that open a sentence and link it to the one before, outside its clause: "For
#: example, …", "However, …", "Note that …" (what follows is analysed as the sentence).
_DISCOURSE = precompiled.compile(
    r"^\s*(?:(?:for (?:example|instance)|however|instead|in particular|similarly|additionally|moreover|furthermore|"
    r"in addition|likewise|that said|of course|therefore|thus|hence|importantly|crucially|in short|in general|"
    r"conversely|in contrast|by contrast|in practice|in other words|otherwise|then|also|next|finally|first(?:ly)?|"
    r"second(?:ly)?|third(?:ly)?|lastly|afterwards|meanwhile|again)\s*,\s*|(?:please\s+)?note(?:,\s*however)?,?\s+that\s+|"
    r"(?:please\s+)?note,\s+|(?:but|and|yet)\s+(?!(?:so|that|if|when)\b))+",
    re.I,
)
_LEADING_CONDITION = precompiled.compile(r"^\s*(if|when|whenever|once|where|unless|except when|in case)\b[^,]*,\s*", re.I)
#: The rest of a leading condition after its first comma: ", or as promoting violence, …".
_CONDITION_GOES_ON = precompiled.compile(r"^(?:or|and|nor)\b[^,]*,\s*", re.I)
_INLINE_SPLIT = precompiled.compile(
    r",?\s+\b(unless|except(?: when| if| for| where)?|other than|if|when|whenever|only if|provided(?: that)?|as long as|in case)\b\s+",
    re.I,
)


# ---------------------------------------------------------------- analysis


@text_cache(8 * MB, per_char=16, base=2048)
def analyze(text: str, inherited: Modality | None = None) -> Analysis:
    """The modality and action of a rule's text.

    `inherited` is the modality of a lead-in ("Never:") that this text
    continues, as for the items of a list under "The assistant should never:".
    The result depends on the text alone, so it is remembered: an editor
    re-linting after a keystroke analyses only the rules that changed.
    """
    if not text or not text.strip():
        return Analysis(Modality.DESCRIPTION)
    spans = sentences(text) or [(0, len(text))]
    chosen = None
    for start, end in spans:
        result = _analyze_sentence(text, start, end, inherited)
        if not result.normative and ";" in text[start:end]:
            result = _later_clause(text, start, end) or result
        if result.normative:
            chosen = result
            break
        if chosen is None:
            chosen = result
    assert chosen is not None
    lead_in = text.rstrip().endswith(":")
    if lead_in and chosen.lead_in is False:
        chosen = dataclasses.replace(chosen, lead_in=True)
    return chosen


def _later_clause(text: str, start: int, end: int) -> Analysis | None:
    """The first normative clause after a semicolon ("It is hard to tell; in these cases,
    the assistant should ask"), when the sentence's first clause is not normative."""
    at = text.find(";", start, end)
    while at >= 0:
        result = _analyze_sentence(text, at + 1, end, None)
        if result.normative:
            return result
        at = text.find(";", at + 1, end)
    return None


def _analyze_sentence(text: str, start: int, end: int, inherited: Modality | None) -> Analysis:
    sentence = text[start:end]
    conditions: list[str] = []
    exceptions: list[str] = []
    offset = start
    opener = _DISCOURSE.match(sentence)
    if opener:
        offset += opener.end()
        sentence = sentence[opener.end() :]
    whole, whole_offset = sentence, offset  # before a leading condition is set apart
    lead = _LEADING_CONDITION.match(sentence)
    if lead:
        clause = lead.group(0).strip().rstrip(",")
        (exceptions if clause.lower().startswith(("unless", "except")) else conditions).append(clause)
        offset += lead.end()
        sentence = sentence[lead.end() :]
        more = _CONDITION_GOES_ON.match(sentence)
        if more:  # "If you think X is a threat, or promotes violence, stop.": the condition goes on
            conditions[-1] += ", " + more.group(0).strip().rstrip(",")
            offset += more.end()
            sentence = sentence[more.end() :]
    # "When the assistant is unsure, it can add a qualifier": "it" is the condition's party
    party_pronoun = bool(lead) and names_party(lead.group(0))
    split = _INLINE_SPLIT.search(sentence)
    main = sentence
    if split:
        main = sentence[: split.start()]
        rest = sentence[split.start() :].strip(" ,")
        if split.group(1).lower().startswith(("unless", "except", "other")):
            exceptions.append(rest)
        else:
            conditions.append(rest)
    absolute = bool(_ABSOLUTE.search(main))
    no_phrase = re.match(r"\s*no\s+(?!one\b|longer\b|matter\b|more\b)", main, re.I)
    if no_phrase:
        # "No drastic actions.": a prohibition of what follows
        return Analysis(
            modality=Modality.PROHIBITION,
            marker=no_phrase.group(0).strip(),
            marker_start=offset + no_phrase.start(),
            marker_end=offset + no_phrase.end(),
            action=_action(main, no_phrase.end(), offset),
            conditions=tuple(conditions),
            exceptions=tuple(exceptions),
            absolute=absolute,
            sentence=(start, end),
        )
    found = _markers()
    asides = _asides(main)
    for m in found.find(main):
        if asides and _remark(m.text) and any(a <= m.start < b for a, b in asides):
            continue  # "Under 4 lines of text (tool use doesn't count)": a remark in an aside, not the rule's negation
        modality = found.modality_of.get(m.entry, Modality.OBLIGATION)
        if not counts(main, m, modality, party_pronoun):
            continue
        action = _action(main, m.end, offset, m.text)
        return Analysis(
            modality=modality,
            marker=m.text,
            marker_start=offset + m.start,
            marker_end=offset + m.end,
            action=action,
            conditions=tuple(conditions),
            exceptions=tuple(exceptions),
            absolute=absolute,
            lead_in=main.rstrip().endswith(":"),
            sentence=(start, end),
        )
    if inherited is not None and inherited is not Modality.DESCRIPTION:
        # an item of a lead-in list ("Never:" … "share passwords")
        return Analysis(
            modality=inherited,
            marker=None,
            action=_action(main, 0, offset),
            conditions=tuple(conditions),
            exceptions=tuple(exceptions),
            absolute=absolute,
            sentence=(start, end),
        )
    # an imperative: the clause starts with a verb (after a phrase such as "In every block,")
    first = _first_word(main)
    clause, base = main, offset
    if first is not None and not _imperative(first[0]):
        first = _after_leading_phrase(main) or first
    if (lead or split) and (first is None or not _imperative(first[0])):
        # the condition's first comma was not its end ("When running X (e.g. `a`, `b`), use …"),
        # or an inline "if" split a leading phrase ("In odd cases, or if unsure, ask …")
        again = _after_leading_phrase(whole)
        if again is not None:
            first, clause, base = again, whole, whole_offset
            if split and not lead:  # the condition is what stands before the verb, not the split's rest
                conditions = [whole[: again[1]].strip(" ,")]
    if first is not None and _imperative(first[0]) and not _noun_subject(clause, first):
        return Analysis(
            modality=Modality.OBLIGATION,
            marker=first[0],
            marker_start=base + first[1],
            marker_end=base + first[1],
            action=_action(clause, first[1], base),
            conditions=tuple(conditions),
            exceptions=tuple(exceptions),
            absolute=absolute,
            sentence=(start, end),
        )
    return Analysis(Modality.DESCRIPTION, conditions=tuple(conditions), exceptions=tuple(exceptions), sentence=(start, end))


#: A lead-in that forbids one course and lists what to do instead: "don't ask when you can:",
#: "Avoid guessing; instead:".
_ALTERNATIVES = precompiled.compile(r"(?:\b(?:when|if|where)\s+(?:you|they|it|we)\s+can|\binstead)\s*:\W*$", re.I)


@lru_cache(maxsize=1024)
def offers_alternatives(text: str) -> bool:
    """Whether a lead-in's last sentence forbids one course and lists what to do instead
    ("Make decisions yourself - don't ask when you can:"): its items are obligations, not the
    prohibition its words carry (the reader's `lead_in_modality` and the model's analysis of a
    subrule both ask it; remembered, as every subrule of one lead-in asks it again)."""
    spans = sentences(text)
    last = text[spans[-1][0] : spans[-1][1]] if spans else text
    return _ALTERNATIVES.search(last) is not None


#: What the lead of a group of rules says of them when they come before all others: "These
#: rules override everything else", "The following instructions take precedence over any other".
_OVERRIDES_ALL = precompiled.compile(
    r"(?:^|[.!:]\s+|\n)\W*(?:these|the\s+following|the\s+(?:rules|instructions|guidelines)\s+(?:below|in\s+this\s+section))"
    r"(?:\s+(?:critical\s+|core\s+|key\s+)?(?:rules|instructions|guidelines|constraints|requirements|principles))?"
    r"\s+(?:always\s+)?(?:override|overrides|supersede|supersedes|take\s+precedence\s+over|takes\s+precedence\s+over|"
    r"take\s+priority\s+over|trump)\s+(?:everything|all|any)\b",
    re.I,
)


def overrides_all(lead: str) -> bool:
    """Whether the words that lead a group of rules say they override all others ("These rules
    override everything else. Follow them strictly:"): the document's own order
    (`SpecModel.precedence_between`), not a rival claim to come first (`model.supremacy`)."""
    return _OVERRIDES_ALL.search(lead) is not None


#: Verbs that take a clause as their object: "Ensure data is encrypted", "Assume input is hostile".
_CLAUSE_VERBS = frozenset(
    "ensure check verify confirm assume make note remember consider state say mention prove "
    "validate expect pretend imagine suppose guarantee insist declare tell warn explain".split()
)
_COPULAS = frozenset("is are was were has have".split())


def _noun_subject(clause: str, first: tuple[str, int]) -> bool:
    """Whether the verb-looking first word is the first noun of the subject of a statement:
    "Build output is suppressed", "Test files are generated" (a verb, then a noun, then "is"
    or "are"; but "Ensure data is encrypted" instructs: its verb takes a clause)."""
    if first[0] in _CLAUSE_VERBS:
        return False
    after = []
    for word, _, _ in _iter_words(clause[first[1]:]):
        after.append(word)
        if len(after) == 3:
            break
    return len(after) == 3 and after[2] in _COPULAS and after[1] not in _NOT_A_NOUN


#: Words after the verb that start its object or a clause, not a subject's noun: "Indicate who is …".
_NOT_A_NOUN = frozenset(
    "a an the this that these those it them your our their his her its my no every each all any some "
    "who whom whose what which whether how when where why if there".split()
)


#: A parenthesis inside a sentence: an aside ("Under 4 lines of text (tool use doesn't count)").
_ASIDE = precompiled.compile(r"\([^()]{1,200}\)")
#: Negations by "do" that, in an aside, remark on the rule rather than forbid ("tool use doesn't count").
_REMARKS = frozenset(("don't", "doesn't", "do not", "does not", "didn't", "did not", "don’t", "doesn’t"))


def _asides(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _ASIDE.finditer(text)] if "(" in text else []


def _remark(marker: str) -> bool:
    return " ".join(marker.lower().split()) in _REMARKS


def _iter_words(text: str):
    """The words of `text` as `words` gives them, one at a time: for a look at the
    first few words of what may be a very long sentence."""
    if len(text) < 256:
        yield from words(text)
        return
    low = text.lower().replace("’", "'")  # as `words` reads it
    for m in WORD_RE.finditer(low):
        yield m.group(), m.start(), m.end()


def _imperative(word: str) -> bool:
    """A verb that starts an imperative ("Read …", and "Re-read …", "Force-push …")."""
    return word in _verbs() or _compound_verb(word)


#: Prefixes that make a compound an adjective ("non-binding", "multi-step", "self-hosted", "well-known").
_ADJECTIVE_PREFIXES = frozenset("non multi self well".split())


def _compound_verb(word: str) -> bool:
    """A hyphenated compound whose last part is a verb reads as a verb: an
    English compound's head is its last part ("force-push", "double-check",
    "re-read"), unless its first part makes adjectives ("non-", "multi-") or
    is a number ("2-step")."""
    first, _, head = word.rpartition("-")
    if not first or head not in _verbs():
        return False
    lead = first.split("-", 1)[0]
    return lead.isalpha() and lead not in _ADJECTIVE_PREFIXES


def _is_verb(word: str) -> bool:
    return word in _verbs() or _compound_verb(word) or (word.endswith("ing") and len(word) > 5)


def _first_word(text: str) -> tuple[str, int] | None:
    adverbs = _adverbs()
    for word, s, _ in _iter_words(text):
        if word in ("please", "also", "now") or word in adverbs or (word.endswith("ly") and len(word) > 4 and word not in _verbs()):
            continue  # "Carefully read …" (but "Apply …", "Reply …" are verbs)
        return word, s
    return None


#: A phrase before an imperative: "In every block, preserve …", "At the end, output …", "Wherever possible, combine …".
_LEADING_PHRASE = precompiled.compile(
    r"^\s*(?:in|at|on|for|before|after|during|while|with|without|within|from|upon|by|once|as|to|between|"
    r"wherever|whenever|where|when|if|unless|similarly|additionally|finally|first|second|third|next|then|also|otherwise|"
    r"in short|in general|in addition|based on|given|now|using|following)\b",
    re.I,
)


def _after_leading_phrase(main: str) -> tuple[str, int] | None:
    """The verb after a leading phrase and its comma ("When running git commands (e.g. `git
    diff`, `git log`), use …"), trying each comma of the first 240 characters."""
    if not _LEADING_PHRASE.match(main):
        return None
    depth = 0
    for k, ch in enumerate(main[:240]):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in ".;:" and depth == 0 and k + 1 < len(main) and main[k + 1] == " ":
            return None
        elif ch == "," and depth == 0:
            after = _first_word(main[k + 1 :])
            if after is not None and _imperative(after[0]):
                return after[0], after[1] + k + 1
    return None


#: Markers after which a noun phrase or a gerund may follow instead of a verb.
NOUN_MARKERS = ("avoid", "refrain from", "from")
UNIVERSAL = frozenset(stem(w) for w in ("anyone", "anybody", "everyone", "everybody", "anything", "everything", "whatsoever"))
_NO_STEMS: frozenset = frozenset()


def _action(clause: str, pos: int, offset: int, marker: str = "") -> Action | None:
    tokens = [t for t in words(clause) if t[1] >= pos]
    adverbs = _adverbs()
    i = 0
    while i < len(tokens) and (tokens[i][0] in adverbs or tokens[i][0] == "to" or tokens[i][0] == "not"):
        i += 1
    if i >= len(tokens):
        return None
    known = _verbs()
    first = tokens[i][0]
    takes_noun = marker == "" or marker.lower().endswith(NOUN_MARKERS)
    if takes_noun and first not in known and not _compound_verb(first) and not first.endswith("ing") and first not in ("be", "do"):
        # "avoid drastic actions": no verb, the object is the action
        verbs = []
    else:
        verbs = [tokens[i]]
        i += 1
        # "share or sell", "collect, store or share"
        while i + 1 < len(tokens) and (
            (tokens[i][0] in ("or", "and", "nor") and _is_verb(tokens[i + 1][0]))
            or (clause[tokens[i - 1][2] : tokens[i][1]].strip() == "," and _is_verb(tokens[i][0]))
        ):
            if tokens[i][0] in ("or", "and", "nor"):
                verbs.append(tokens[i + 1])
                i += 2
            else:
                verbs.append(tokens[i])
                i += 1
    stop = stopwords()
    objects: list[str] = []
    qualifiers: list[str] = []
    head = None
    in_qualifier = False
    kind_clause = False
    end = verbs[-1][2] if verbs else tokens[i][1]
    previous = ""
    rest = tokens[i:]
    for k, (word, s, e) in enumerate(rest):
        prev, previous = previous, word
        if word == "as" and k + 1 < len(rest) and rest[k + 1][0] in ("a", "an", "part"):
            in_qualifier = True  # "using the index as a platform for spam": a role, not a clause
            continue
        if word in CLAUSE_BOUNDARIES:
            break
        if word in QUALIFIER_PREPOSITIONS:
            if not in_qualifier and objects and word in ("that", "which", "who"):
                kind_clause = True  # "content that provides information on violence"
            in_qualifier = True
            continue
        if word == "of" and objects and head is None:
            head = objects[-1]  # "the contents of this message": the head is "contents"
            continue
        if (
            not in_qualifier
            and objects
            and word.endswith(("ing", "ed"))
            and len(word) > 5
            and prev not in stop
            and prev not in QUALIFIER_PREPOSITIONS
        ):
            in_qualifier = True  # "content targeting groups": a participle after a noun ends the object
        if word in stop:
            continue
        (qualifiers if in_qualifier else objects).append(stem(word))
        end = e
    families = tuple(dict.fromkeys(verb_family(v[0]) for v in verbs)) or ("do",)
    start = verbs[0][1] if verbs else tokens[i][1]
    return Action(
        verbs=families,
        objects=frozenset(objects),
        head=head or (objects[-1] if objects else None),
        qualifiers=(frozenset(qualifiers) - UNIVERSAL) or _NO_STEMS,  # the one empty set, not one per rule
        kind_clause=kind_clause,
        start=offset + start,
        end=offset + end,
        text=clause[start:end],
    )
