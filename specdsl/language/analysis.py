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
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

from .lexicon import PhraseMatcher, entries, matcher
from .text import sentences, stem, stopwords, words


class Modality(str, Enum):
    OBLIGATION = "obligation"
    PROHIBITION = "prohibition"
    PERMISSION = "permission"
    DESCRIPTION = "description"

    @property
    def polarity(self) -> int:
        return {"obligation": 1, "prohibition": -1}.get(self.value, 0)


@dataclass(frozen=True)
class Action:
    """What a rule requires, forbids or allows, normalized for comparison."""

    verbs: tuple[str, ...]  # verb families (see synonyms.txt) or stems
    objects: frozenset[str]  # content stems of the object
    head: str | None  # the object's last content stem (its head noun, usually)
    qualifiers: frozenset[str] = frozenset()  # stems after "with", "to", "for" …
    start: int = 0
    end: int = 0
    text: str = ""

    def keys(self) -> list[tuple[str, str]]:
        """Index keys: a rule is compared with the rules that share one."""
        if self.head is None:
            return [(v, "") for v in self.verbs]
        return [(v, self.head) for v in self.verbs]


@dataclass(frozen=True)
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
def _markers() -> PhraseMatcher:
    tagged = []
    for name, modality in (
        ("modal_prohibition", Modality.PROHIBITION),
        ("modal_obligation", Modality.OBLIGATION),
        ("modal_permission", Modality.PERMISSION),
    ):
        tagged += [(e, modality) for e in entries(name)]
    m = PhraseMatcher(e for e, _ in tagged)
    m.modality_of = {}
    for e, modality in tagged:
        m.modality_of.setdefault(e, modality)
    return m


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    return frozenset(entries("verbs"))


@lru_cache(maxsize=1)
def _adverbs() -> frozenset[str]:
    return frozenset(entries("adverbs"))


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


ASSISTANT_SUBJECTS = frozenset(
    "you assistant model agent claude chatgpt gpt ai system bot chatbot tutor copilot coach advisor "
    "helper representative they we i assistants models agents".split()
)
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
CONDITION_WORDS = ("if", "when", "whenever", "once", "where", "provided", "as long as", "only if", "in case")
EXCEPTION_WORDS = ("unless", "except", "excepting", "other than", "save for", "apart from")
_ABSOLUTE = re.compile(
    r"\b(never|always|under no circumstances|in no circumstances|at no time|in all cases|without exception|no matter what)\b",
    re.I,
)
#: Words that open a sentence and link it to the one before, outside its clause: "For
#: example, …", "However, …", "Note that …" (what follows is analysed as the sentence).
_DISCOURSE = re.compile(
    r"^\s*(?:(?:for (?:example|instance)|however|instead|in particular|similarly|additionally|moreover|furthermore|"
    r"in addition|likewise|that said|of course|therefore|thus|hence|importantly|crucially|in short|in general|"
    r"conversely|in contrast|by contrast|in practice|in other words)\s*,\s*|(?:please\s+)?note(?:,\s*however)?,?\s+that\s+|"
    r"(?:please\s+)?note,\s+|(?:but|and|yet)\s+(?!(?:so|that|if|when)\b))+",
    re.I,
)
_LEADING_CONDITION = re.compile(r"^\s*(if|when|whenever|once|where|unless|except when|in case)\b[^,]*,\s*", re.I)
#: The rest of a leading condition after its first comma: ", or as promoting violence, …".
_CONDITION_GOES_ON = re.compile(r"^(?:or|and|nor)\b[^,]*,\s*", re.I)
_INLINE_SPLIT = re.compile(
    r",?\s+\b(unless|except(?: when| if| for| where)?|other than|if|when|whenever|only if|provided(?: that)?|as long as|in case)\b\s+",
    re.I,
)


# ---------------------------------------------------------------- analysis


@lru_cache(maxsize=65536)
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
        chosen = Analysis(**{**chosen.__dict__, "lead_in": True})
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
    party_pronoun = bool(lead) and _names_party(lead.group(0))
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
    markers = _markers()
    for m in markers.find(main):
        modality = markers.modality_of.get(m.entry, Modality.OBLIGATION)
        word = m.text.lower().split()[0]
        if modality is Modality.PERMISSION and word in ("may", "can") and not _assistant_subject(main, m.start) and not (
            party_pronoun and _word_before(main, m.start) in ("it", "they")
        ):
            continue  # "this may cause harm": a hedge, not a permission
        if _relative_clause(main, m.start):
            continue  # "a community where users are free to …", "actions that we may take": says what a thing is
        if word in ("can", "may") and modality is Modality.PERMISSION and _followed_by(main, m.end, "be") and not _participle(
            _next_word(main, m.end + len(" be"))
        ) and _word_before(main, m.start) in ("we", "i", "they", "it"):
            continue  # "a community we can be proud of": what is, not what is allowed ("the assistant can be brief" is)
        if modality is Modality.OBLIGATION and word == "should" and _followed_by(main, m.end, "not"):
            continue
        if m.text.lower().split()[-1] == "will" and word in ("you", "we", *_AGENT_NOUNS) and (
            _followed_by(main, m.end, "not") or _next_word(main, m.end) in _DESCRIBED_FUTURE
        ):
            continue  # "you will not" is the prohibition's; "you will be given" describes
        if word in ("do", "does", "don't", "doesn't", "can", "cannot", "can't") and (
            _word_before(main, m.start) in _NON_PARTIES and not (party_pronoun and _word_before(main, m.start) == "it")
        ):
            continue  # "It does not refer to …": a description
        if word in ("will", "won't") and not _assistant_subject(main, m.start):
            continue  # "tests will not break": a prediction, not a duty
        if word in ("can", "cannot", "can't", "may") and (
            _next_word(main, m.end) in _PERCEPTION
            or any(_word_before(main, m.start, k) in _QUANTIFIERS for k in (2, 3))
        ):
            continue  # "you can hear the sea", "most operators cannot send them": what is, not what is allowed
        if word in ("can", "may") and _next_word(main, m.end) in _FREQUENCY:
            continue  # "users may sometimes paste text": what happens, not what is allowed
        if word == "always" and _word_before(main, m.start) == "not":
            continue  # "not always going for the safest option": a description
        if word in ("never", "always") and _narrated(_next_word(main, m.end)):
            continue  # "you never answered it", "you never have": a story, not a rule
        if _REPORTED.search(main, 0, m.start):
            continue  # "he wrote that you should come home": reported, not said
        if word in ("do", "does", "don't", "doesn't") and _word_before(main, m.start) and (
            _next_word(main, m.end) in _DEFINING or _next_word(main, m.end) == "necessarily"
            or (_next_word(main, m.end) == "have" and _next_word(main, m.end + len(" have")) != "to")
        ):
            continue  # "Scraping does not refer to …", "you don't have all the facts": what is, not a rule
        if word == "may" and _next_word(main, m.end) in ("need", "have"):
            continue  # "staff may need to act": a hedge, not a permission
        if word in ("need", "needs", "have", "has") and _word_before(main, m.start) in ("may", "might", "could"):
            continue  # "… may need to act": a hedge, not a duty
        if m.text.lower() == "may not" and _next_word(main, m.end) == "be" and not _assistant_subject(main, m.start):
            continue  # "this may not be accurate": a hedge, not a prohibition
        if m.text.lower().split()[-1] == "encourage" and not _INFINITIVE.search(main.split(",", 1)[0] if "," in main[m.end:] else main, m.end):
            continue  # "We encourage active participation": a wish, not a duty of anyone
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
    if first is not None and first[0] not in _verbs():
        first = _after_leading_phrase(main) or first
    if first is not None and first[0] in _verbs():
        return Analysis(
            modality=Modality.OBLIGATION,
            marker=first[0],
            marker_start=offset + first[1],
            marker_end=offset + first[1],
            action=_action(main, first[1], offset),
            conditions=tuple(conditions),
            exceptions=tuple(exceptions),
            absolute=absolute,
            sentence=(start, end),
        )
    return Analysis(Modality.DESCRIPTION, conditions=tuple(conditions), exceptions=tuple(exceptions), sentence=(start, end))


def _is_verb(word: str) -> bool:
    return word in _verbs() or (word.endswith("ing") and len(word) > 5)


def _first_word(text: str) -> tuple[str, int] | None:
    adverbs = _adverbs()
    for word, s, _ in words(text):
        if word in ("please", "also") or word in adverbs or (word.endswith("ly") and len(word) > 4 and word not in _verbs()):
            continue  # "Carefully read …" (but "Apply …", "Reply …" are verbs)
        return word, s
    return None


#: Verbs after "does not" that say what a term covers, not what anyone may do.
_DEFINING = frozenset("refer mean include apply cover constitute imply entail".split())
#: Whom a recommendation is addressed to: "encourage developers to …", "encourage that …".
_INFINITIVE = re.compile(r"\bto\s+\w|\bthat\b", re.I)
#: The assistant named as a noun: "the assistant will …", "our models will …".
_AGENT_NOUNS = ("assistant", "assistants", "model", "models", "agent", "agents")
#: After "can": perception, not permission ("you can hear …").
_PERCEPTION = frozenset("hear see feel smell taste sense tell encounter find receive face experience notice".split())
#: After "may"/"can": how often something happens, not what is allowed ("users may sometimes include …").
_FREQUENCY = frozenset("sometimes occasionally often rarely".split())
#: Before the subject of "can"/"cannot": a generic statement ("most operators cannot …").
_QUANTIFIERS = frozenset("most many some few several".split())
#: A clause that reports what someone said or thought: what follows is not the document's own rule.
_REPORTED = re.compile(r"\b(?:said|says|wrote|writes|told|tells|asked|thought|believed|felt|hoped|claimed)\b(?: \w+){0,2}? that\b", re.I)


def _participle(word: str) -> bool:
    """A past participle (the passive of a permission: "links can be shared", "may be given")."""
    return word.endswith(("ed", "en", "wn")) or word in ("done", "made", "said", "sent", "kept", "left", "put", "set", "read", "sold", "told", "held")


def _narrated(word: str) -> bool:
    """A past tense or a perfect after "never"/"always": narration ("never answered", "never have")."""
    return word in ("have", "has", "had", "was", "were", "did") or (word.endswith("ed") and word not in _verbs())


def _next_word(text: str, pos: int) -> str:
    found = words(text[pos:])
    return found[0][0] if found else ""


def _word_before(text: str, pos: int, back: int = 1) -> str:
    found = words(text[:pos])
    return found[-back][0] if len(found) >= back else ""


def _followed_by(text: str, pos: int, word: str) -> bool:
    rest = text[pos:].lstrip().lower()
    return rest.startswith(word + " ") or rest == word


def _assistant_subject(text: str, pos: int) -> bool:
    before = [w for w, _, _ in words(text[:pos])]
    if not before:
        return True  # "May share …" at the start of a rule
    return before[-1] in ASSISTANT_SUBJECTS or before[-1] in _parties()


#: Modal verbs: one between a relative word and a marker ends the relative clause.
_MODAL_WORDS = frozenset("may might can could will would shall should must".split())
#: Words that open a relative clause.
_RELATIVE = frozenset("where which who whom whose".split())
#: Words before "that" where it opens a clause of its own, not a relative one ("so that", "ensure that").
_NOT_RELATIVE_THAT = frozenset("so such now given provided except ensure note assuming means is are was were".split())


def _relative_clause(text: str, pos: int) -> bool:
    """Whether the marker at `pos` stands in a relative clause ("… where users are free to …",
    "the actions that we may take …"): at most two words (its subject) after its relative word,
    no comma and no verb between ("Users who must pay should …": "should" is the main verb)."""
    found = words(text[:pos])[-4:]
    verbs = _verbs()
    for k in range(len(found) - 1, -1, -1):
        w, a, _ = found[k]
        if "," in text[a:pos] or len(found) - 1 - k > 2 or w in _MODAL_WORDS or (w in verbs and w not in ("we", "i")):
            return False
        if w in _RELATIVE:
            return True
        if w == "that" and k > 0 and found[k - 1][0] not in _NOT_RELATIVE_THAT and found[k - 1][0] not in verbs:
            return True
    return False


def _names_party(clause: str) -> bool:
    """Whether a clause names the assistant or another party the document governs."""
    parties = _parties()
    return any(w in ASSISTANT_SUBJECTS and w not in ("they", "we", "i") or w in parties for w, _, _ in words(clause))


@lru_cache(maxsize=1)
def _parties() -> frozenset[str]:
    return frozenset(entries("parties"))


#: After "you will" / "we will": a future that describes, not a duty ("You will be given a task").
_DESCRIBED_FUTURE = frozenset("be receive see find get have need likely probably notice hear encounter come".split())
#: Subjects that are never a party: "It does not refer to …", "This will not break …".
_NON_PARTIES = frozenset("it this that these those there which what".split())
#: A phrase before an imperative: "In every block, preserve …", "At the end, output …", "Wherever possible, combine …".
_LEADING_PHRASE = re.compile(
    r"^\s*(?:in|at|on|for|before|after|during|while|with|without|within|from|upon|by|once|as|to|between|"
    r"wherever|whenever|where|when|if|unless|similarly|additionally|finally|first|second|third|next|then|also|otherwise|"
    r"in short|in general|in addition)\b",
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
            if after is not None and after[0] in _verbs():
                return after[0], after[1] + k + 1
    return None


#: Markers after which a noun phrase or a gerund may follow instead of a verb.
NOUN_MARKERS = ("avoid", "refrain from", "from")
UNIVERSAL = frozenset(stem(w) for w in ("anyone", "anybody", "everyone", "everybody", "anything", "everything", "whatsoever"))


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
    if takes_noun and first not in known and not first.endswith("ing") and first not in ("be", "do"):
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
    end = verbs[-1][2] if verbs else tokens[i][1]
    previous = ""
    for word, s, e in tokens[i:]:
        prev, previous = previous, word
        if word in CLAUSE_BOUNDARIES:
            break
        if word in QUALIFIER_PREPOSITIONS:
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
        qualifiers=frozenset(qualifiers) - UNIVERSAL,
        start=offset + start,
        end=offset + end,
        text=clause[start:end],
    )
