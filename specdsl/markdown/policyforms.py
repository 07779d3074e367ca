"""How policies and codes of conduct oblige, forbid and permit beyond modal verbs and
imperatives: the forms `normative.modality` falls back to when the language analysis finds no
marker in a statement's main clause (`policy_form`).

Conduct judged unacceptable ("Harassment will not be tolerated") or named a breach ("… is a
violation of this policy"); importance as need ("It is important to …", "it is good practice to …",
"It is nonetheless preferable to …"); the authors asking
something of a party ("We expect all participants to …"); permissions a policy grants ("is
permissible", "The committee is empowered to …", "… is not required to …") or restricts ("may be
used only for …"); conduct asked for in a policy's own words ("… is preferable to …", "is
contingent upon following …"); and what a governing body, a party or a procedure will do ("The
committee will contact the reporter", "Reports will be promptly investigated"), past one or two
leading settings ("Once a resolution is agreed upon, but before it is enacted, …").
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..language import Modality
from ..language.markers import participle
from ..core import precompiled


#: A leading condition or setting before the main clause: "If you find yourself …, it is …",
#: "In the context of in-person events, organizers will …".
_LEADING_CLAUSE = precompiled.compile(
    r"^\W*(?:(?:but|and)\s+)?(?:if|when|whenever|unless|once|after|before|while|where|upon|in\s+(?:the\s+context\s+of|addition|particular|general)|"
    r"at|during|for)\b[^,;:.]{0,200},\s*|^\W*(?:as\s+such|therefore|thus|additionally|furthermore|moreover|however|finally|also|above\s+all)\s*,\s*",
    re.I,
)
#: Conduct the document judges unacceptable: "Violence is not acceptable", "It is not okay to
#: insult others", "Harassment will not be tolerated", "… are unacceptable".
_UNACCEPTABLE = precompiled.compile(
    r"\b(?:is|are|be)\s+(?:(?:also|never|simply|absolutely|generally)\s+)?(?:not\s+(?:(?:ever|at\s+all)\s+)?"
    r"(?:acceptable|okay|ok|tolerated|accepted|appropriate|welcome|permissible)|unacceptable|intolerable|impermissible)\b(?!\s+with\b)"
    r"|\b(?:will|shall|must)\s+not\s+be\s+(?:(?:accepted|permitted|allowed)\s+or\s+)?(?:tolerated|accepted|permitted|allowed|condoned)\b"
    r"|\b(?:will|shall)\s+never\s+be\s+(?:tolerated|accepted|permitted|allowed)\b",
    re.I,
)
#: What is needed, said as importance: "It is important to step back", "It is essential that …"
#: (but "It is important to note that …" comments on what follows).
_IMPORTANT = precompiled.compile(
    r"^\W*it(?:\s+is|['’]s)\s+(?:(?:especially|very|extremely|particularly|critically|equally|also|always|therefore|thus|"
    r"nonetheless|nevertheless|still|generally|usually|often)\s+){0,2}"
    r"(?:important|essential|crucial|critical|vital|necessary|imperative|mandatory|required|preferable|advisable|best|"
    r"(?:a\s+)?(?:good|best|recommended)\s+practice|a\s+good\s+idea)\s+"
    r"(?:that\b|for\s+(?:\w+\s+){1,4}?to\s+|to\s+(?!(?:note|mention|say|remember|understand|recognize|realize|know|see|consider)\b))",
    re.I,
)
#: The document's authors asking something of a party: "We expect all participants to abide by
#: …", "We invite everyone to help", "We ask that you be kind", "… and require all those who
#: participate to agree …"; and the passive: "Event leaders are requested to speak".
_WE_EXPECT = precompiled.compile(
    r"^\W*(?:we|i)\b(?:[^.;:]{0,80}?\band)?\s+(?:(?:also|strongly|kindly|therefore)\s+)?"
    r"(?P<verb>expect|require|ask|request|invite|urge|encourage)\s+(?P<object>that\b|[^.:]{1,160}?\bto\s+(?!the\b|a\b|an\b|our\b|this\b)\w+)",
    re.I,
)
_ASKED = precompiled.compile(
    r"\b(?:is|are)\s+(?:(?:also|kindly|strongly)\s+)?(?:requested|asked|urged|invited|obliged|obligated)\s+to\s+\w+", re.I
)
#: What a governed party other than the reader will do: "Organizers will provide escorts",
#: "Moderators will review each report" (a commitment the document makes for them).
_PARTY_WILL = precompiled.compile(
    r"^\W*(?:(?:the|our|all|any|each|event|community|project|site|conduct|moderation|review|steering|response|code|of)\s+){0,3}(?P<party>[a-z]+)\s+will\s+"
    r"(?:(?:also|always|promptly|then|first|usually|normally|(?!likely\b|probably\b)\w+ly)\s+)?(?!not\b|be\s+(?:able|given|shown|provided|asked)\b|need\b|have\s+to\b|see\b|find\b|notice\b|receive\b|get\b|want\b|likely\b|probably\b)[a-z]+",
    re.I,
)
#: What a prompt tells the assistant the user will do: "The user will ask a question", "A user will
#: paste a log": a forecast of the conversation, not a duty (a policy binds "users", plural).
_USER_FORECAST = precompiled.compile(
    r"^\W*(?:the|a|your)\s+user\s+will\s+(?:(?:\w+ly|then|first|also|often|sometimes|usually)\s+)?"
    r"(?:ask|say|tell|send|type|paste|upload|share|request|describe|mention|provide|give|show|start|begin|reply|"
    r"respond|message|chat|interact|come|try|want|need|write|enter|submit|supply|attach|follow\s+up)\b",
    re.I,
)
#: What will be done with reports and complaints: "Reports will be promptly investigated",
#: "Appropriate measures will be taken", "Your grievance will be handled …": the procedure the
#: document binds its governing body to.
_PROCEDURE_WILL = precompiled.compile(
    r"^\W*(?:[\w'’-]+\s+){0,3}?(?:reports?|complaints?|grievances?|violations?|incidents?|appeals?|measures|"
    r"actions?|concerns?|disputes?|information|deliberations|decisions?|resolutions?|records|evidence|identit(?:y|ies)|"
    r"reporters?|sanctions?|investigations?)\b[^.;:]{0,100}?\bwill\s+(?:(?:also|always)\s+)?be\s+(?:(?:\w+ly|and)\s+){0,3}"
    r"(?!able\b|used\b|available\b)\w+(?:ed|en|t)\b",
    re.I,
)


#: What the document names as forbidden, listing its kinds: "Unacceptable behaviors include:
#: …", "Prohibited content includes spam", "Examples of inappropriate conduct are …".
_FORBIDDEN_KINDS = precompiled.compile(
    r"^\W*(?:(?:some\s+)?examples\s+of\s+)?(?:unacceptable|prohibited|forbidden|disallowed|banned|inappropriate|impermissible)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:include|includes|including|consists?\s+of|(?:are|is)\s*:)",
    re.I,
)
#: A passive after "may"/"can": "Personal data may not be shared", "AI tools may be used only
#: for drafting", "Generated code may be merged, provided …".
_PASSIVE = precompiled.compile(
    r"^(?P<subject>[^,;:]{1,120}?)\b(?P<modal>may|can|cannot|can['’]t)(?P<neg>\s+not)?\s+(?P<only>only\s+)?be\s+"
    r"(?:(?:\w+ly)\s+)?(?P<verb>[a-z]+)\b",
    re.I,
)
_NOT_YET = precompiled.compile(r"\s+(?:yet|still|already|correctly|properly|automatically)\b", re.I)
#: What restricts a permission to its case, making it a rule ("… only for drafting", "…,
#: provided the tests pass", "solely in an assistive capacity").
_RESTRICTS = precompiled.compile(r"\b(?:only|solely|exclusively|provided|as\s+long\s+as|so\s+long\s+as|on\s+condition)\b", re.I)
#: Subjects of a hedge rather than a rule: "It may not be needed", "This can be slow", "There may be …".
_HEDGE_SUBJECT = precompiled.compile(r"^\W*(?:it|this|that|these|those|they|there|which|results?|answers?|outputs?|responses?)\s*$", re.I)
#: Participles of states and results rather than of acts someone is allowed to do.
_STATE_PARTICIPLES = frozenset(
    "affected needed required interested related based limited known supported installed enabled configured detected "
    "noticed seen found given delayed lost broken damaged outdated mistaken biased expected involved concerned "
    "considered discussed mentioned covered included".split()
)


def _passive_permission(main: str) -> Modality | None:
    """The permission or prohibition a passive with "may"/"can" gives (see `_PASSIVE`): a
    negated one forbids the act to anyone ("Personal data may not be shared"); an affirmative
    one allows it when something restricts it to its case ("may be used only for …",
    "may be accepted, provided …"). Not a hedge about a state ("Results may not be complete",
    "It can be delayed")."""
    m = _PASSIVE.match(main)
    if m is not None and not participle(m.group("verb").lower()):
        return None  # "Results may be incomplete": an adjective, a state
    if m is not None and _NOT_YET.match(main, m.end()):
        return None  # "The file may not be saved yet": what has not happened
    if m is None or _HEDGE_SUBJECT.match(m.group("subject")) or m.group("verb").lower() in _STATE_PARTICIPLES:
        return None
    if m.group("neg") or m.group("modal").lower() in ("cannot", "can't", "can’t"):
        return Modality.PROHIBITION
    if m.group("only") or re.match(r"\W*only\b", m.group("subject"), re.I):
        return Modality.PERMISSION  # "… may only be used for …", "Only approved tools may be used …"
    rest = main[m.end() :]
    if re.match(r"\s+to\s+\w", rest):
        # "`.when()` can be used to run the closure only when …": the purpose's own words, not a
        # restriction of the permission (but "…, provided the author reviews it" still is one)
        comma = rest.find(",")
        rest = rest[comma:] if comma >= 0 else ""
    if _RESTRICTS.search(rest):
        return Modality.PERMISSION
    return None


#: "is permissible": a permission ("AI assistance is permissible only when …"); a party given a
#: power or freed of a duty ("The committee is empowered to act …", "… is not required to act on
#: this feedback").
_PERMISSIBLE = precompiled.compile(
    r"\b(?:is|are)\s+(?:(?:only|also)\s+)?permissible\b(?!\s+to\s+ask\b)"
    r"|^\W*(?:(?:the|our|any|each|every|all)\s+)?(?:[a-z]+\s+){0,2}?(?P<party>[a-z]+)\s+(?:is|are)\s+(?:(?:also|hereby)\s+)?"
    r"(?:empowered|authori[sz]ed|entitled|not\s+(?:required|obliged|obligated))\s+to\s+\w+",
    re.I,
)


#: What the body that governs a document commits itself to: "PyPI will take context into
#: account", "Department Heads will periodically issue instructions", "we will investigate",
#: "they will review and determine next steps". The subject is "we", "they" or a name (words in
#: capitals); the verb one by which a governing body acts on cases (`_GOVERNING`), which a
#: program or a thing rarely does ("Git will update the index" is a forecast).
_BODY_WILL = precompiled.compile(
    r"^\W*(?:(?:the|our|each|every|all)\s+)?(?P<who>we|they|(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}))\s+will\s+"
    r"(?:(?:also|always|then|first|only|(?!likely\b|probably\b)\w+ly)\s+)?(?P<verb>[a-z]+)\b",
    re.I,
)
_GOVERNING = frozenset(
    "investigate review consider designate conduct notify determine decide suspend ban enforce involve assess evaluate "
    "escalate adjudicate sanction moderate warn issue take".split()
)
#: "take" as a governing act: "take context into account", "take action", "take appropriate measures".
_TAKES_ACTION = precompiled.compile(r"\s+(?:[\w-]+\s+){0,3}?(?:into\s+account|action|actions|measures|steps)\b", re.I)
#: A sentence that points elsewhere in the document ("We will consider this in the next section").
_POINTS_IN_DOCUMENT = precompiled.compile(r"\b(?:below|above|(?:next|following|previous|later)\s+(?:section|chapter|part)|in\s+this\s+(?:section|document|guide|chapter))\b", re.I)
#: Verbs of tending to a case, a commitment only with "we" or "they" ("we will respond to every report").
_TENDING = frozenset("respond reply contact issue handle address acknowledge inform follow protect treat keep forward report record retain".split())


@lru_cache(maxsize=1)
def _parties() -> frozenset[str]:
    from ..language import entries

    return frozenset(e.lower() for e in entries("parties"))


def policy_form(words: str) -> Modality | None:
    """The forms in which policies and codes of conduct oblige and forbid beyond the modal
    verbs and imperatives the analysis knows (see the patterns above): in the main clause, past
    a leading condition."""
    lead = _LEADING_CLAUSE.match(words)
    main = words[lead.end() :] if lead else words
    while lead is not None and re.match(r"(?:but|and)\s", main, re.I):
        # "Once a resolution is agreed upon, but before it is enacted, the committee will …"
        lead = _LEADING_CLAUSE.match(main)
        main = main[lead.end() :] if lead else main
    if main.rstrip(" )\"'”’").endswith("?"):
        return None
    if _UNACCEPTABLE.search(main):
        return Modality.PROHIBITION
    if _IMPORTANT.match(main) or _ASKED.search(main):
        return Modality.OBLIGATION
    m = _WE_EXPECT.match(main)
    if m is not None and (
        _names_party(m.group("object")) if not m.group("object").lower().startswith("that") else m.group("verb").lower() != "expect"
    ):  # "We expect that most cases …" forecasts; "We ask that you …" asks
        return Modality.OBLIGATION
    m = _PERMISSIBLE.search(main)
    if m is not None and not main.lower().startswith(("it is", "it's")) and (
        m.group("party") is None or m.group("party").lower() in _parties()
    ):
        return Modality.PERMISSION
    if _FORBIDDEN_KINDS.match(main) or _VIOLATION.search(main):
        return Modality.PROHIBITION
    if _PREFERRED.search(main):
        return Modality.OBLIGATION
    restricted = _passive_permission(main)
    if restricted is not None:
        return restricted
    m = _PARTY_WILL.match(main)
    if m is not None and m.group("party").lower() in _parties() and not _USER_FORECAST.match(main):
        return Modality.OBLIGATION
    if _PROCEDURE_WILL.match(main):
        return Modality.OBLIGATION
    m = _BODY_WILL.match(main)
    if m is not None and not _POINTS_IN_DOCUMENT.search(main):
        verb = m.group("verb").lower()
        if verb == "take":
            verb = "take" if _TAKES_ACTION.match(main, m.end()) else ""  # "take context into account", "take action"
        if verb in _GOVERNING or (m.group("who").lower() in ("we", "they") and verb in _TENDING):
            return Modality.OBLIGATION
    return None


def _names_party(phrase: str) -> bool:
    """Whether the object of "we expect … to" is a party ("all participants", "you", "everyone"),
    not a thing ("We expect traffic to grow": a forecast)."""
    low = re.findall(r"[a-z]+", phrase.lower())
    return any(w in ("you", "everyone", "everybody", "anyone", "all", "those", "people") or w in _parties() for w in low[:8])


#: Conduct a policy asks for in its own words: "Removing a bad actor is preferable to letting it
#: sit", "Participation is contingent upon following these guidelines", "Staff are held
#: accountable to the handbook".
_PREFERRED = precompiled.compile(
    r"\b(?:is|are)\s+(?:(?:generally|usually|always|strongly|often)\s+)?(?:preferable|preferred)\s+(?:to|over)\b"
    r"|\b(?:is|are)\s+(?:contingent|conditional)\s+(?:up)?on\s+(?:\w+\s+)?(?:following|complying|adhering|abiding|agreeing|"
    r"accepting|meeting|compliance|adherence|acceptance)\b"
    r"|\b(?:is|are)\s+(?:also\s+)?held\s+(?:accountable|responsible)\b",
    re.I,
)
#: Conduct named a breach: "Anyone who abuses the process will be considered in violation of
#: these guidelines", "Posting spam is a violation of this policy" (not "is not a violation").
_VIOLATION = precompiled.compile(
    r"\bwill\s+be\s+(?:considered|deemed|treated\s+as)\s+(?:to\s+be\s+)?(?:in\s+)?(?:a\s+)?violation\b"
    r"|\b(?:is|are|constitutes?)\s+(?:also\s+)?(?:considered\s+)?(?:an?\s+)?(?:serious\s+|clear\s+)?violations?\s+of\b",
    re.I,
)
