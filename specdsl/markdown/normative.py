"""Whether a piece of prose is a normative statement: the reader's test, on top of
`specdsl.language`.

A statement is normative when speclint's language analysis gives it a
modality (obligation, prohibition, permission: "must", "never", "may", an
imperative …), with what the analysis alone cannot see in a document:

- a label before the statement (`**No Apologies**: Never use apologies.`,
  `MANDATORY: Always check …`) is read past, and an instruction in the label
  counts when the rest does not give one (`**Check test files**: Often
  reveal usage patterns`);
- questions, quotations (a statement wholly in quotes), the document
  speaking of itself ("This framework does not govern …", "These are only
  guidelines"; but "This policy prohibits …" governs) and pointers to
  elsewhere ("See Section H", "Learn more in …", `not_instructions.txt`) are
  not instructions; nor is a statement labelled as an example ("Example: …"), and words in double quotes inside a statement are a
  mention, not an instruction ('A rule like "Never reveal it" is vague');
- a lead-in (the last sentence of a paragraph that introduces a list)
  carries its modality into the list's items.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..core.memo import MB, text_cache

from ..language import Modality, analyze, matcher
from ..language.markers import participle
from ..language.text import sentences

#: A label before a statement: `**Label**:`, `**Label:**`, `__Label__:` or `LABEL:` (capitals).
_LABEL = re.compile(
    r"^\s*(?:(?:\*\*|__)(?P<bold>[^*_\n]{1,80}?)(?::[ \t]*)?(?:\*\*|__)[ \t]*:?|(?P<caps>[A-Z][A-Z0-9 _/&()-]{1,40}[A-Z0-9)])[ \t]*:"
    r"|(?P<short>[A-Z][\w'’/&()-]*(?:[ \t]+[\w'’/&()-]+){0,3})[ \t]*:)[ \t]+"
)
#: An item that names a thing and says what it is: "`build/`: Build scripts", "**Themes** - folders".
_DEFINITION = re.compile(r"^\s*(?:`[^`\n]+`\s*(?::|\s[-–—])|\*\*[^*\n]+\*\*\s+[-–—])\s+")
#: Markup that is not words: emphasis, code marks, leading list markers and quotes, inline HTML tags.
_MARKS = re.compile(r"[*_`]+|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
_QUOTED = re.compile(r"""^\s*(?:[>*_]\s*)*["“'‘](?P<inner>.+)["”'’][.,;]?\s*$""", re.S)
#: Quoted speech: a sentence that opens with a quotation ("\"Keep the light burning,\" the skipper says").
_SPEECH = re.compile(r"""^\s*["“][^"”\n]{1,300}[,!?]["”]\s+\w""")
#: An example introduced as one: "Example:", "For example,", "For instance,", "E.g.".
_EXAMPLE_OPENER = re.compile(r"^\W*(?:examples?\b\s*\d*\s*[:–—]|e\.\s?g\.\s*:)", re.I)
#: A quotation inside a sentence (double quotes, straight or curly, on one line).
_QUOTE_SPAN = re.compile(r'"[^"\n]{1,300}"|“[^”\n]{1,300}”')
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\$\{[^}]*\}|\{%.*?%\}")
_WORD = re.compile(r"[A-Za-z]{2,}")


#: A placeholder of a template to fill in: `[Score 1-5]`, `[Detailed assessment]` (not a link).
_PLACEHOLDER = re.compile(r"\[[^\]\n]*\](?![(\[:])")
#: A label line: a few capitalised words before a colon ("OUTPUT FORMAT:", "**Test Cases:**").
_LABEL_LINE = re.compile(r"^[\s*_#]*(?:[A-Z0-9][\w'’/&()-]*[ \t]+){0,5}[A-Z0-9][\w'’/&()-]*[\s*_]*:[\s*_]*$")


#: A list marker written in the text ("- If …", "2- Is …", "3. Use …" in a table cell or a code span).
_MARKER = re.compile(r"^\s*(?:[-*•+]|\d{1,2}[-.)])\s+")


def plain(text: str) -> str:
    """A statement's words without emphasis, code marks, placeholders and a leading list marker
    (what the analysis reads)."""
    words = _MARKS.sub("", _PLACEHOLDER.sub("", _TEMPLATE.sub("X", text))).strip()
    marker = _MARKER.match(words)
    return words[marker.end() :] if marker else words


def label_end(text: str) -> int:
    """Where the words after a leading label start (0 when there is no label)."""
    m = _LABEL.match(text)
    if m is None:
        return 0
    if m.group("caps") is not None and len(m.group("caps").split()) > 6:
        return 0
    return m.end()


@lru_cache(maxsize=1)
def _not_instructions():
    return matcher("not_instructions")


#: Model-format tokens before a prompt's first words: `<s>[INST]`, `<|im_start|>`.
_FORMAT_TOKENS = re.compile(r"^\s*(?:(?:<[^<>\s]{1,20}>|\[/?[A-Z_]{2,12}\])\s*)+")


@text_cache(4 * MB, per_char=0, base=800)
def modality(text: str, inherited: Modality | None = None) -> Modality | None:
    """The modality of a statement, or None when it is not normative."""
    tokens = _FORMAT_TOKENS.match(text)
    if tokens:
        text = text[tokens.end() :]
    words = plain(text)
    if _TEMPLATE.search(text) and len(_WORD.findall(_TEMPLATE.sub(" ", _MARKS.sub("", text)))) < 2:
        return None  # "{{ tool.name }}: {{ tool.description }}": a template's slots, whatever the lead-in
    if not words or (len(words.split()) < 2 and not inherited):
        return None  # one word ("Address", "Public") is a name, not a statement (but "- Violence" under "Never write:" is)
    if words.rstrip(" )\"'”’*_`").endswith("?") and not inherited:
        return None  # a question (but "Answer the following: 1- What is …?" carries the lead-in)
    if (_QUOTED.match(text) or _SPEECH.match(text)) and not inherited:
        return None
    if _LABEL_LINE.match(text) and not inherited:
        return None
    if _EXAMPLE_OPENER.match(words) and not inherited:
        return None  # "Example: Never answer in French." shows a rule, it does not give one
    words = _QUOTE_SPAN.sub("X", words)  # 'A rule like "Never reveal X" is too vague': a mention, not a use
    definition = _DEFINITION.match(text)
    if definition and not inherited:
        described = text[definition.end() :]
        words = plain(described)
        rest = analyze(words)
        if rest.normative and (rest.marker_start != rest.marker_end or _commands(described, words, rest)):
            return rest.modality
        # "**Communicate with empathy** - Disagreements are …": a label that instructs
        label = plain(text[: definition.end()]).strip(" -–—:")
        found = _modality(label, None) if len(label.split()) >= 2 else None
        return found if found is not Modality.PERMISSION else None
    if text.lstrip()[:1] in "*_" and not label_end(text) and label_end(words):
        text = words  # an italic label, "*No Authority*: …", read as the label it is
    cut = label_end(text)
    if cut:
        rest = plain(text[cut:])
        if len(rest) < 3:
            return None  # a label and a placeholder: "**Clarity:** [Score 1-5]"
        found = _modality(rest, inherited)
        if found is None:
            m = _LABEL.match(text)
            label = plain(m.group("bold") or m.group("caps") or m.group("short") or "")
            if len(label.split()) >= 2 and not label.lower().startswith("no "):  # "**Check test files**: …", not "Remember: …"
                found = _modality(label, None)  # (nor "No Authority: …", which names a thing)
            if found is Modality.PERMISSION:
                found = None
        return found
    return _modality(words, inherited)


#: Words after an imperative's verb that make it a command rather than a name ("Use *the* …",
#: "Keep *it* …"; "Build scripts", "Test helpers" are names of things).
_OBJECT_OPENERS = frozenset(
    "the a an your all any each every this these that those it them only no its their our my".split()
)
#: Verbs that open a command and never a name ("Be careful …", "Never …").
_COMMAND_ONLY = frozenset("be do don't dont never always please avoid ensure make".split())


def _commands(described: str, words: str, analysis) -> bool:
    """Whether what follows a definition's label ("**Cross-platform** - …") is a command,
    not the description of a thing (`words`: its plain words, `analysis` theirs): a
    setting before the verb the analysis found ("In Zig code, be careful …"), a verb
    that names nothing ("Be", "Never"), or a verb followed by its object's determiner
    or by code ("Run `make check` …", "Use the …")."""
    action = analysis.action
    if action is not None and action.start > 0 and "," in words[: action.start]:
        return True
    raw = _MARKS.sub(lambda m: m.group(0) if "`" in m.group(0) else "", described).strip()
    raw = _MARKER.sub("", raw, count=1)
    words = raw.split()
    if len(words) < 3:
        return False
    if words[0].lower() in _COMMAND_ONLY:
        return True
    return words[1].lower() in _OBJECT_OPENERS or words[1].startswith("`")


def _modality(words: str, inherited: Modality | None) -> Modality | None:
    if not words:
        return inherited
    found = _not_instructions().find(words)
    if found and found[0].start <= 2:
        return None
    if not inherited and _DUTY_LIFTED.match(words):
        return Modality.PERMISSION  # "You do not need to wait for approval": no duty, a leave
    if not inherited and (_DESCRIBES.match(words) or _about_document(words)):
        return None
    result = analyze(words, inherited)
    if result.normative:
        if not inherited and result.marker_start > 0 and _RELATIVE_NEED.search(words[: result.marker_end]):
            # "You have everything you need to finish": what is needed, not an order (but
            # "Use the tools you need to finish" is still one)
            masked = words[: result.marker_start] + "want" + words[result.marker_start + 4 :]
            again = analyze(masked, inherited)
            return again.modality if again.normative and again.marker_start != result.marker_start else None
        imperative = result.marker_start == result.marker_end  # no marker word: the clause opens with a verb
        if not inherited and imperative and _FIND_BELOW.match(words):
            return None  # "Find the task and history below:": a pointer at the input
        phrase = _NOUN_PHRASE_SUBJECT.match(words) if not inherited and imperative and result.marker_start == 0 else None
        if phrase is not None:
            # "Search results may be incomplete": a noun phrase is the subject, not a command; the
            # rest of the sentence decides ("Print statements are not allowed" forbids)
            rest = words[phrase.end() :].lstrip()
            if rest.lower().startswith("of ") or rest.lower() == "of":
                rest = ""
            again = analyze("It " + rest, inherited) if rest else None
            if again is not None and again.normative and again.marker_start > 0:
                return again.modality
            return _policy_form(words)
        if not inherited and result.marker_start == 0 and _NOUN_SUBJECT.match(words):
            # "Correct implies that …": the first word is the subject, not a command; what the
            # rest of the sentence says decides ("Review is required …" is still a rule)
            again = analyze("It " + words.split(None, 1)[1], inherited)
            if again.normative and again.marker_start > 0:
                return again.modality
            return None if inherited else _policy_form(words)  # "Help from a tutor is permissible only …"
        return result.modality
    return None if inherited else _policy_form(words)


#: A leading condition or setting before the main clause: "If you find yourself …, it is …",
#: "In the context of in-person events, organizers will …".
_LEADING_CLAUSE = re.compile(
    r"^\W*(?:(?:but|and)\s+)?(?:if|when|whenever|unless|once|after|before|while|where|upon|in\s+(?:the\s+context\s+of|addition|particular|general)|"
    r"at|during|for)\b[^,;:.]{0,200},\s*|^\W*(?:as\s+such|therefore|thus|additionally|furthermore|moreover|however|finally|also|above\s+all)\s*,\s*",
    re.I,
)
#: Conduct the document judges unacceptable: "Violence is not acceptable", "It is not okay to
#: insult others", "Harassment will not be tolerated", "… are unacceptable".
_UNACCEPTABLE = re.compile(
    r"\b(?:is|are|be)\s+(?:(?:also|never|simply|absolutely|generally)\s+)?(?:not\s+(?:(?:ever|at\s+all)\s+)?"
    r"(?:acceptable|okay|ok|tolerated|accepted|appropriate|welcome|permissible)|unacceptable|intolerable|impermissible)\b(?!\s+with\b)"
    r"|\b(?:will|shall|must)\s+not\s+be\s+(?:(?:accepted|permitted|allowed)\s+or\s+)?(?:tolerated|accepted|permitted|allowed|condoned)\b"
    r"|\b(?:will|shall)\s+never\s+be\s+(?:tolerated|accepted|permitted|allowed)\b",
    re.I,
)
#: What is needed, said as importance: "It is important to step back", "It is essential that …"
#: (but "It is important to note that …" comments on what follows).
_IMPORTANT = re.compile(
    r"^\W*it(?:\s+is|['’]s)\s+(?:(?:especially|very|extremely|particularly|critically|equally|also|always|therefore|thus)\s+)?"
    r"(?:important|essential|crucial|critical|vital|necessary|imperative|mandatory|required)\s+"
    r"(?:that\b|for\s+(?:\w+\s+){1,4}?to\s+|to\s+(?!(?:note|mention|say|remember|understand|recognize|realize|know|see|consider)\b))",
    re.I,
)
#: The document's authors asking something of a party: "We expect all participants to abide by
#: …", "We invite everyone to help", "We ask that you be kind", "… and require all those who
#: participate to agree …"; and the passive: "Event leaders are requested to speak".
_WE_EXPECT = re.compile(
    r"^\W*(?:we|i)\b(?:[^.;:]{0,80}?\band)?\s+(?:(?:also|strongly|kindly|therefore)\s+)?"
    r"(?P<verb>expect|require|ask|request|invite|urge|encourage)\s+(?P<object>that\b|[^.:]{1,160}?\bto\s+(?!the\b|a\b|an\b|our\b|this\b)\w+)",
    re.I,
)
_ASKED = re.compile(
    r"\b(?:is|are)\s+(?:(?:also|kindly|strongly)\s+)?(?:requested|asked|urged|invited|obliged|obligated)\s+to\s+\w+", re.I
)
#: What a governed party other than the reader will do: "Organizers will provide escorts",
#: "Moderators will review each report" (a commitment the document makes for them).
_PARTY_WILL = re.compile(
    r"^\W*(?:(?:the|our|all|any|each|event|community|project|site|conduct|moderation|review|steering|response|code|of)\s+){0,3}(?P<party>[a-z]+)\s+will\s+"
    r"(?:(?:also|always|promptly|then|first|usually|normally|(?!likely\b|probably\b)\w+ly)\s+)?(?!not\b|be\s+(?:able|given|shown|provided|asked)\b|need\b|have\s+to\b|see\b|find\b|notice\b|receive\b|get\b|want\b|likely\b|probably\b)[a-z]+",
    re.I,
)
#: What will be done with reports and complaints: "Reports will be promptly investigated",
#: "Appropriate measures will be taken", "Your grievance will be handled …": the procedure the
#: document binds its governing body to.
_PROCEDURE_WILL = re.compile(
    r"^\W*(?:[\w'’-]+\s+){0,3}?(?:reports?|complaints?|grievances?|violations?|incidents?|appeals?|measures|"
    r"actions?|concerns?|disputes?|information|deliberations|decisions?|resolutions?|records|evidence|identit(?:y|ies)|"
    r"reporters?|sanctions?|investigations?)\b[^.;:]{0,100}?\bwill\s+(?:(?:also|always)\s+)?be\s+(?:(?:\w+ly|and)\s+){0,3}"
    r"(?!able\b|used\b|available\b)\w+(?:ed|en|t)\b",
    re.I,
)


#: What the document names as forbidden, listing its kinds: "Unacceptable behaviors include:
#: …", "Prohibited content includes spam", "Examples of inappropriate conduct are …".
_FORBIDDEN_KINDS = re.compile(
    r"^\W*(?:(?:some\s+)?examples\s+of\s+)?(?:unacceptable|prohibited|forbidden|disallowed|banned|inappropriate|impermissible)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:include|includes|including|consists?\s+of|(?:are|is)\s*:)",
    re.I,
)
#: A passive after "may"/"can": "Personal data may not be shared", "AI tools may be used only
#: for drafting", "Generated code may be merged, provided …".
_PASSIVE = re.compile(
    r"^(?P<subject>[^,;:]{1,120}?)\b(?P<modal>may|can|cannot|can['’]t)(?P<neg>\s+not)?\s+(?P<only>only\s+)?be\s+"
    r"(?:(?:\w+ly)\s+)?(?P<verb>[a-z]+)\b",
    re.I,
)
_NOT_YET = re.compile(r"\s+(?:yet|still|already|correctly|properly|automatically)\b", re.I)
#: What restricts a permission to its case, making it a rule ("… only for drafting", "…,
#: provided the tests pass", "solely in an assistive capacity").
_RESTRICTS = re.compile(r"\b(?:only|solely|exclusively|provided|as\s+long\s+as|so\s+long\s+as|on\s+condition)\b", re.I)
#: Subjects of a hedge rather than a rule: "It may not be needed", "This can be slow", "There may be …".
_HEDGE_SUBJECT = re.compile(r"^\W*(?:it|this|that|these|those|they|there|which|results?|answers?|outputs?|responses?)\s*$", re.I)
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
    if m.group("only"):
        return Modality.PERMISSION
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
_PERMISSIBLE = re.compile(
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
_BODY_WILL = re.compile(
    r"^\W*(?:(?:the|our|each|every|all)\s+)?(?P<who>we|they|(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}))\s+will\s+"
    r"(?:(?:also|always|then|first|only|(?!likely\b|probably\b)\w+ly)\s+)?(?P<verb>[a-z]+)\b",
    re.I,
)
_GOVERNING = frozenset(
    "investigate review consider designate conduct notify determine decide suspend ban enforce involve assess evaluate "
    "escalate adjudicate sanction moderate warn issue take".split()
)
#: "take" as a governing act: "take context into account", "take action", "take appropriate measures".
_TAKES_ACTION = re.compile(r"\s+(?:[\w-]+\s+){0,3}?(?:into\s+account|action|actions|measures|steps)\b", re.I)
#: A sentence that points elsewhere in the document ("We will consider this in the next section").
_POINTS_IN_DOCUMENT = re.compile(r"\b(?:below|above|(?:next|following|previous|later)\s+(?:section|chapter|part)|in\s+this\s+(?:section|document|guide|chapter))\b", re.I)
#: Verbs of tending to a case, a commitment only with "we" or "they" ("we will respond to every report").
_TENDING = frozenset("respond reply contact issue handle address acknowledge inform follow protect treat keep forward report record retain".split())


@lru_cache(maxsize=1)
def _parties() -> frozenset[str]:
    from ..language import entries

    return frozenset(e.lower() for e in entries("parties"))


def _policy_form(words: str) -> Modality | None:
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
    if m is not None and m.group("party").lower() in _parties():
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


#: The author describing its own practice ("We do not monitor the site", "We never sell data"),
#: not forbidding anything to the reader ("We do not allow spam" stays a rule).
_DESCRIBES = re.compile(
    r"^\W*we\s+(?:do\s+not|don['’]t|never|will\s+not|won['’]t)\s+(?:actively\s+|generally\s+|currently\s+)?"
    r"(?!(?:actively|generally|currently)\b)(?!allow|permit|tolerate|accept|condone|want|welcome|support|endorse|prohibit|forbid|ban|restrict)\w+",
    re.I,
)
#: The document speaking of itself or its parts: its scope, its status, where it applies ("This
#: framework does not govern …", "These are only guidelines", "This category should be considered
#: for …"), not of what its reader does. A governing document's own name takes "the" too.
_ABOUT_DOCUMENT = re.compile(
    r"^\W*(?:\d{1,2}\s*)?(?:(?:this|these)\s+(?:[\w-]+\s+){0,2}?(?:documents?|pages?|sections?|categor(?:y|ies)|templates?|"
    r"policy|policies|guidelines?|framework|charter|memorandum|specification)"
    r"|the\s+(?:[\w-]+\s+){0,2}?(?:framework|charter|memorandum|policy|policies|guidelines)"
    r"|(?:this|these)\s+(?:is|are)\s+(?:only\s+|just\s+|not\s+)?(?:an?\s+)?(?:[\w-]+\s+)?(?:guidelines?|recommendations?|suggestions?|examples?))"
    r"(?![\w'’-])(?!\s+(?:of|for|on|about|that|which|who)\b)",
    re.I,
)
#: A verb by which the document governs its reader after all: "This policy prohibits spam".
_GOVERNS = re.compile(
    r"(?<![\w'’-])(?:prohibit|forbid|require|ban|bar|restrict|mandate|oblige|ask|expect|allow|permit|disallow)s?(?![\w'’-])",
    re.I,
)


def _about_document(words: str) -> bool:
    """Whether a sentence speaks of the document itself (see `_ABOUT_DOCUMENT`), and of nothing
    else: "The policy applies to information only; the assistant should not …" gives a rule."""
    if _ABOUT_DOCUMENT.match(words) is None or _GOVERNS.search(words) is not None:
        return False
    return not any(_modality(part.strip(), None) for part in words.split(";")[1:] if not _SAME_SUBJECT.match(part))


#: A clause that goes on about the same subject: "…; they do not modify the terms".
_SAME_SUBJECT = re.compile(r"^\W*(?:it|they|these|this|those)\b", re.I)


def about_document(text: str) -> bool:
    """Whether a sentence speaks of the document itself, its scope or status: no rule, and no
    reason for one either."""
    return _about_document(plain(text))


#: "need to" in a relative clause: "everything you need to …", "the tools you need to …".
_RELATIVE_NEED = re.compile(
    r"(?:everything|all|anything|what|whatever|things?|tools?|information|details|resources)\s+(?:that\s+)?you\s+need\s+to$",
    re.I,
)
#: A first word followed by a verb that makes it the subject: "Correct implies …", "Review is required …".
_NOUN_SUBJECT = re.compile(
    r"^\W*(?!(?:you|we|they|it|he|she|i|this|that|these|those|what|who|which|there|here)\b)[\w'’-]+\s+(?:means|implies|refers|requires|includes|covers|applies|depends|describes|indicates|"
    r"is|are|was|were|has|had)\b",
    re.I,
)
#: Words that end a noun phrase: determiners, pronouns, conjunctions, relatives. "Test *the* …",
#: "Run tests *before* …", "Use tools *that* …" are commands, whatever verb comes later.
_NOT_IN_NOUN_PHRASE = (
    r"the|a|an|your|their|our|my|its|his|her|this|these|those|that|which|who|whom|whose|what|whether|how|why|"
    r"where|when|whenever|if|unless|until|before|after|once|while|because|since|as|so|than|and|or|but|nor|to|"
    r"not|no|any|all|each|every|some|you|we|they|it|i|he|she|them|us|me|there|here|only|also"
)
#: Verbs whose object may be a clause with "that" left out ("Check types are correct", "Make
#: sure tests pass"): their first word is the command, never a noun.
_CLAUSE_VERBS = (
    r"check|verify|ensure|confirm|make|assume|note|remember|see|say|state|mention|explain|know|think|believe|"
    r"notice|tell|show|prove|expect|guarantee|ask|report|indicate|assert|declare|specify|recall|consider|"
    r"suppose|imagine|pretend|hope|understand|realize|realise|insist|require|demand|let|"
    r"validate|determine|decide|judge"
)
#: A noun phrase whose first word could be read as a command, as the subject of a finite verb:
#: "Search results may be incomplete", "Code generation happens automatically", "Build
#: configuration for these is in …", "Print statements are not allowed"; and a first word
#: followed by "of": "List of facts that you know:", "Use of the API is …".
_NOUN_PHRASE_SUBJECT = re.compile(
    rf"^\W*(?!(?:{_CLAUSE_VERBS})\b)[a-z][\w'’-]*(?:"
    r"\s+of\b"
    rf"|\s+(?!(?:{_NOT_IN_NOUN_PHRASE})\b)[\w'’-]+"  # one word: "Suggest fixes users can apply" is a command
    r"(?:\s+(?:based|used|listed|returned|generated|provided|given|shown))?"
    r"(?:\s+(?:for|of|in|on|from|with|by)(?:\s+[\w'’\[\]-]+){0,2})?"
    r"(?=\s+(?:is|are|was|were|has|have|had|happens|happen|occurs|occur|exists|exist|may|might|can|could|cannot|"
    r"will|would|shall|should|must|does|do|did|isn['’]t|aren['’]t|doesn['’]t|don['’]t|won['’]t|can['’]t|"
    r"remains|stays|lives|depends|works|varies|belongs)\b))",
    re.I,
)
#: A pointer at the input that follows: "Find the task and history below:", "Find below the record …".
_FIND_BELOW = re.compile(r"^\W*(?:please\s+)?(?:you(?:['’]ll|\s+will)\s+)?find\s+(?:[\w'’-]+\s+){0,8}?below\b", re.I)


def instructs(text: str) -> bool:
    """Whether a sentence of `text` obliges, forbids or permits on its own."""
    return any(modality(text[a:b]) is not None for a, b in sentences(text))


def lead_in_modality(text: str, inherited: Modality | None = None) -> Modality | None:
    """The modality a lead-in carries into its list: its last sentence's (`inherited`: the
    modality the lead-in itself carries, as an item under "Don't:" does)."""
    spans = sentences(text)
    last = text[spans[-1][0] : spans[-1][1]] if spans else text
    found = modality(last, inherited)
    if found is None and _PROHIBITED_LIST.search(last):
        return Modality.PROHIBITION
    if found is None and _OPTIONS_LIST.search(last):
        return Modality.PERMISSION
    return found


#: "Possible responses may include:", "Consequences can include:": the courses a governing body
#: may take, each item one of them.
_OPTIONS_LIST = re.compile(
    r"\b(?:responses|actions|consequences|sanctions|measures|penalties|remedies|resolutions|outcomes)\s+"
    r"(?:may|might|can|could)\s+(?:also\s+)?include\s*:\W*$",
    re.I,
)
#: A duty lifted: "You do not need to wait for approval", "There is no need to apologise", "It
#: is not necessary to cite common knowledge": a leave, not a prohibition of the act.
_DUTY_LIFTED = re.compile(
    r"^\W*(?:(?:if|when|once|where|while)\b[^,;:.]{0,160},\s*)?(?:"
    r"(?:you|we|they|users?|members?|contributors?|reviewers?|maintainers?|moderators?|the\s+\w+)\s+"
    r"(?:(?:do|does|did)\s+not|don['’]?t|doesn['’]?t|didn['’]?t)\s+(?:necessarily\s+)?(?:need|have)\s+to\b"
    r"|(?:you|we|they)\s+(?:need\s+not|needn['’]t)\b"
    r"|there\s+is\s+no\s+need\s+(?:for\s+(?:you\s+)?)?to\b"
    r"|it\s+is\s+not\s+(?:necessary|required)\s+(?:for\s+\w+\s+)?to\b)",
    re.I,
)
#: Conduct a policy asks for in its own words: "Removing a bad actor is preferable to letting it
#: sit", "Participation is contingent upon following these guidelines", "Staff are held
#: accountable to the handbook".
_PREFERRED = re.compile(
    r"\b(?:is|are)\s+(?:(?:generally|usually|always|strongly|often)\s+)?(?:preferable|preferred)\s+(?:to|over)\b"
    r"|\b(?:is|are)\s+(?:contingent|conditional)\s+(?:up)?on\s+(?:\w+\s+)?(?:following|complying|adhering|abiding|agreeing|"
    r"accepting|meeting|compliance|adherence|acceptance)\b"
    r"|\b(?:is|are)\s+(?:also\s+)?held\s+(?:accountable|responsible)\b",
    re.I,
)
#: Conduct named a breach: "Anyone who abuses the process will be considered in violation of
#: these guidelines", "Posting spam is a violation of this policy" (not "is not a violation").
_VIOLATION = re.compile(
    r"\bwill\s+be\s+(?:considered|deemed|treated\s+as)\s+(?:to\s+be\s+)?(?:in\s+)?(?:a\s+)?violation\b"
    r"|\b(?:is|are|constitutes?)\s+(?:also\s+)?(?:considered\s+)?(?:an?\s+)?(?:serious\s+|clear\s+)?violations?\s+of\b",
    re.I,
)
#: "Prohibited activities include:", "The following is not allowed:": a list of what is forbidden.
_PROHIBITED_LIST = re.compile(
    r"\b(?:prohibited|forbidden|not (?:allowed|permitted|acceptable|tolerated)|unacceptable|disallowed|banned)\b", re.I
)


_HEADER_MODALITY = {
    "do": Modality.OBLIGATION, "always": Modality.OBLIGATION, "must": Modality.OBLIGATION, "required": Modality.OBLIGATION,
    "don't": Modality.PROHIBITION, "do not": Modality.PROHIBITION, "never": Modality.PROHIBITION, "avoid": Modality.PROHIBITION,
    "not allowed": Modality.PROHIBITION, "prohibited": Modality.PROHIBITION, "disallowed": Modality.PROHIBITION,
    "must not": Modality.PROHIBITION, "allowed": Modality.PERMISSION, "permitted": Modality.PERMISSION,
    "dos": Modality.OBLIGATION, "do's": Modality.OBLIGATION, "what to do": Modality.OBLIGATION,
    "don'ts": Modality.PROHIBITION, "donts": Modality.PROHIBITION, "what not to do": Modality.PROHIBITION,
    "never do": Modality.PROHIBITION, "things to avoid": Modality.PROHIBITION,
    "should": Modality.OBLIGATION, "shall": Modality.OBLIGATION, "should not": Modality.PROHIBITION,
    "shall not": Modality.PROHIBITION, "cannot": Modality.PROHIBITION, "can't": Modality.PROHIBITION,
    "may not": Modality.PROHIBITION, "can": Modality.PERMISSION, "may": Modality.PERMISSION,
}


def heading_modality(title: str) -> Modality | None:
    """The modality a heading or a table column header that is itself one ("Do", "Don't:",
    "Never", "Not allowed") carries into the items under it."""
    return _HEADER_MODALITY.get(re.sub(r"[*_`✅❌🚫⛔✔✓✗✘:.!#]+", "", title).strip().lower().replace("’", "'"))
