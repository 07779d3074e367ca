"""Which modal markers a sentence really uses: the lexicon of markers, and what cancels one.

The markers ("must", "may not", "is allowed to", "we recommend" …) come from
`lexicons/modal_*.txt`. A marker found in a sentence counts unless what
stands around it says the sentence describes rather than rules (`counts`):
a hedge ("this may cause harm", "staff may need to act", "may sometimes"),
a prediction ("tests will not break"), perception ("you can hear the sea"),
a generic statement ("most operators cannot …"), narration ("you never
answered it"), reported speech, a relative clause ("a community where users
are free to …"), or what a term covers ("Scraping does not refer to …").
The word lists and the small word helpers the analysis shares live here too.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from .lexicon import PhraseMatch, PhraseMatcher, entries
from .modality import Modality
from .text import words
from ..core import precompiled

ASSISTANT_SUBJECTS = frozenset(
    "you assistant model agent claude chatgpt gpt ai system bot chatbot tutor copilot coach advisor "
    "helper representative they we i assistants models agents".split()
)


@lru_cache(maxsize=1)
def markers() -> PhraseMatcher:
    """The modal markers of the lexicons, each with its modality (`modality_of`)."""
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
def verbs() -> frozenset[str]:
    """Verbs that start an imperative ("Cite sources."), in US and British spelling
    ("Sanitise", "Prioritise", "Analyse": the list gives the -ize and -yze forms)."""
    base = entries("verbs")
    british = [w[:-3] + ("ise" if w.endswith("ize") else "yse") for w in base if w.endswith(("ize", "yze"))]
    return frozenset([*base, *british])


@lru_cache(maxsize=1)
def adverbs() -> frozenset[str]:
    """Adverbs read past before an imperative ("Carefully read …")."""
    return frozenset(entries("adverbs"))


def counts(main: str, m: PhraseMatch, modality: Modality, party_pronoun: bool) -> bool:
    """Whether the marker `m` of the clause `main` makes it a rule (see the module docstring).
    `party_pronoun`: "it"/"they" in the clause stands for a party a leading condition named."""
    word = m.text.lower().split()[0]
    if modality is Modality.PERMISSION and word in ("may", "can") and not _assistant_subject(main, m.start) and not (
        party_pronoun and _word_before(main, m.start) in ("it", "they")
    ):
        return False  # "this may cause harm": a hedge, not a permission
    if _relative_clause(main, m.start):
        return False  # "a community where users are free to …", "actions that we may take": says what a thing is
    if word in ("can", "may") and modality is Modality.PERMISSION and _followed_by(main, m.end, "be") and not participle(
        _next_word(main, m.end + len(" be"))
    ) and _word_before(main, m.start) in ("we", "i", "they", "it"):
        return False  # "a community we can be proud of": what is, not what is allowed ("the assistant can be brief" is)
    if modality is Modality.OBLIGATION and word == "should" and _followed_by(main, m.end, "not"):
        return False
    if m.text.lower().split()[-1] == "will" and word in ("you", "we", *_AGENT_NOUNS) and (
        _followed_by(main, m.end, "not") or _next_word(main, m.end) in _DESCRIBED_FUTURE
    ):
        return False  # "you will not" is the prohibition's; "you will be given" describes
    if word in ("do", "does", "don't", "doesn't", "can", "cannot", "can't") and (
        _word_before(main, m.start) in _NON_PARTIES and not (party_pronoun and _word_before(main, m.start) == "it")
    ):
        return False  # "It does not refer to …": a description
    if word in ("will", "won't") and not _assistant_subject(main, m.start):
        return False  # "tests will not break": a prediction, not a duty
    if word in ("can", "cannot", "can't", "may") and (
        _next_word(main, m.end) in _PERCEPTION
        or any(_word_before(main, m.start, k) in _QUANTIFIERS for k in (2, 3))
    ):
        return False  # "you can hear the sea", "most operators cannot send them": what is, not what is allowed
    if word in ("can", "may") and _next_word(main, m.end) in _FREQUENCY:
        return False  # "users may sometimes paste text": what happens, not what is allowed
    if word in ("can", "may", "might", "could") and modality is Modality.PERMISSION and _FAULTY.match(main, m.end):
        return False  # "assistants may generate plausible but incorrect code": a risk, no leave to err
    if word == "always" and _word_before(main, m.start) == "not":
        return False  # "not always going for the safest option": a description
    if word in ("requires", "require", "mandates", "mandate") and _word_before(main, m.start) in _POINTERS:
        return False  # "This requires Claude to weigh …": what a thing takes, not what a party demands
    if word in ("never", "always") and _word_before(main, m.start) in ("this", "that", "which") and _THIRD_PERSON.match(
        _next_word(main, m.end)
    ):
        return False  # "This always remains visible", "which never changes": what a thing does ("It never
        # tries to …" may speak of the assistant)
    if word in ("never", "always") and _narrated(_next_word(main, m.end)):
        return False  # "you never answered it", "you never have": a story, not a rule
    if _REPORTED.search(main, 0, m.start):
        return False  # "he wrote that you should come home": reported, not said
    if word in ("do", "does", "don't", "doesn't") and _word_before(main, m.start) and (
        _next_word(main, m.end) in _DEFINING or _next_word(main, m.end) == "necessarily"
        or (_next_word(main, m.end) == "have" and _next_word(main, m.end + len(" have")) != "to")
    ):
        return False  # "Scraping does not refer to …", "you don't have all the facts": what is, not a rule
    if word == "may" and _next_word(main, m.end) in ("need", "have"):
        return False  # "staff may need to act": a hedge, not a permission
    if word in ("need", "needs", "have", "has") and _word_before(main, m.start) in ("may", "might", "could"):
        return False  # "… may need to act": a hedge, not a duty
    if m.text.lower() == "may not" and _next_word(main, m.end) == "be" and not _assistant_subject(main, m.start):
        return False  # "this may not be accurate": a hedge, not a prohibition
    if m.text.lower().split()[-1] == "encourage" and not _INFINITIVE.search(main.split(",", 1)[0] if "," in main[m.end:] else main, m.end):
        return False  # "We encourage active participation": a wish, not a duty of anyone
    return True


#: Verbs after "does not" that say what a term covers, not what anyone may do.
_DEFINING = frozenset("refer mean include apply cover constitute imply entail".split())
#: Whom a recommendation is addressed to: "encourage developers to …", "encourage that …".
_INFINITIVE = precompiled.compile(r"\bto\s+\w|\bthat\b", re.I)
#: The assistant named as a noun: "the assistant will …", "our models will …".
_AGENT_NOUNS = ("assistant", "assistants", "model", "models", "agent", "agents")
#: After "can": perception, not permission ("you can hear …").
_PERCEPTION = frozenset("hear see feel smell taste sense tell encounter find receive face experience notice".split())
#: After "may"/"can": how often something happens, or that it happens unwilled, not what is allowed
#: ("users may sometimes include …", "code may inadvertently reproduce …").
_FREQUENCY = frozenset("sometimes occasionally often rarely inadvertently accidentally unintentionally unknowingly".split())
#: Words that point at a thing or a situation, not at a party that can demand something.
_POINTERS = frozenset("this that it which these those what".split())
#: A verb in the third person singular ("remains", "returns", "does"), not an imperative.
_THIRD_PERSON = precompiled.compile(r"^[a-z]{2,}(?<!s)s$|^(?:does|has|is|goes)$")
#: After "may"/"can": output that is wrong, which no rule allows; the sentence warns of a risk.
#: (`language.reasons` reads the same words, said of what a rule guards against, as its reason.)
FAULTY_OUTPUT = (
    r"(?:(?:also|still|easily|sometimes|occasionally|often|inadvertently|accidentally)\s+)?(?:generate|produce|give|return|"
    r"output|write|make|suggest|invent|fabricate|contain|include|introduce|reproduce|hallucinate)s?\b"
    r"(?![^.;:!?]{0,80}?(?<![\w'’-])(?:on purpose|deliberately|intentionally)(?![\w'’-]))[^.;:!?]{0,50}?"
    r"(?<![\w'’-])(?:incorrect|inaccurate|wrong|false|fabricated|invented|made-up|outdated|insecure|vulnerable|buggy|"
    r"stale|errors|mistakes|bugs|vulnerabilities|hallucinations|licensed|copyrighted)(?![\w'’-])"
)
_FAULTY = precompiled.compile(r"\s+" + FAULTY_OUTPUT, re.I)
#: Before the subject of "can"/"cannot": a generic statement ("most operators cannot …").
_QUANTIFIERS = frozenset("most many some few several".split())
#: A clause that reports what someone said or thought: what follows is not the document's own rule.
_REPORTED = precompiled.compile(r"\b(?:said|says|wrote|writes|told|tells|asked|thought|believed|felt|hoped|claimed)\b(?: \w+){0,2}? that\b", re.I)


def participle(word: str) -> bool:
    """A past participle (the passive of a permission: "links can be shared", "may be given")."""
    return word.endswith(("ed", "en", "wn")) or word in ("done", "made", "said", "sent", "kept", "left", "put", "set", "read", "sold", "told", "held")


def _narrated(word: str) -> bool:
    """A past tense or a perfect after "never"/"always": narration ("never answered", "never have"),
    not a participle that states a rule ("You are never allowed to …")."""
    if word in _RULE_PARTICIPLES:
        return False
    return word in ("have", "has", "had", "was", "were", "did") or (word.endswith("ed") and word not in verbs())


#: Participles after "never"/"always" that state a rule: "are never allowed", "is always required".
_RULE_PARTICIPLES = frozenset("allowed permitted supposed required expected obliged authorized authorised".split())


def _next_word(text: str, pos: int) -> str:
    found = words(text)  # remembered: a look-up, not a copy of the rest of the text
    k = bisect_left(found, pos, key=lambda w: w[1])
    return found[k][0] if k < len(found) else ""


def _word_before(text: str, pos: int, back: int = 1) -> str:
    found = words(text)
    k = bisect_right(found, pos, key=lambda w: w[2])  # the words that end by `pos`
    return found[k - back][0] if k >= back else ""


_SPACES = precompiled.compile(r"\s*")


def _followed_by(text: str, pos: int, word: str) -> bool:
    """Whether `word` comes next after `pos`, alone or followed by a space (a look
    at the next few characters, not a copy of the rest of the text)."""
    at = _SPACES.match(text, pos).end()
    rest = text[at : at + len(word) + 1].lower()
    return rest == word + " " or (rest == word and at + len(word) == len(text))


def _assistant_subject(text: str, pos: int) -> bool:
    before = _word_before(text, pos)
    if not before:
        return True  # "May share …" at the start of a rule
    return before in ASSISTANT_SUBJECTS or before in _parties()


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
    every = words(text)
    k = bisect_right(every, pos, key=lambda w: w[2])  # the words that end by `pos`
    found = every[max(0, k - 4) : k]
    known = verbs()
    for k in range(len(found) - 1, -1, -1):
        w, a, _ = found[k]
        if "," in text[a:pos] or len(found) - 1 - k > 2 or w in _MODAL_WORDS or (w in known and w not in ("we", "i")):
            return False
        if w in _RELATIVE:
            return True
        if w == "that" and k > 0 and found[k - 1][0] not in _NOT_RELATIVE_THAT and found[k - 1][0] not in known:
            return True
    return False


def names_party(clause: str) -> bool:
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
