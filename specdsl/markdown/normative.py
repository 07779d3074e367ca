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
  carries its modality into the list's items;
- where the analysis finds no marker, the forms in which policies and codes
  of conduct oblige, forbid and permit decide (`policyforms`).
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from functools import lru_cache

from ..core.memo import MB, text_cache

from ..language import Modality, analyze, matcher
from ..language.analysis import offers_alternatives
from .policyforms import _parties, policy_form
from ..language.text import sentences
from ..core import precompiled

#: A label before a statement: `**Label**:`, `**Label:**`, `__Label__:` or `LABEL:` (capitals).
_LABEL = precompiled.compile(
    r"^\s*(?:(?:\*\*|__)(?P<bold>[^*_\n]{1,80}?)(?::[ \t]*)?(?:\*\*|__)[ \t]*:?|(?P<caps>[A-Z][A-Z0-9 _/&()-]{1,40}[A-Z0-9)])[ \t]*:"
    r"|(?P<short>[A-Z][\w'’/&()-]*(?:[ \t]+[\w'’/&()-]+){0,3})[ \t]*:)[ \t]+"
)
#: An item that names a thing and says what it is: "`build/`: Build scripts", "**Themes** - folders".
_DEFINITION = precompiled.compile(r"^\s*(?:`[^`\n]+`\s*(?::|\s[-–—])|\*\*[^*\n]+\*\*\s+[-–—])\s+")
#: Markup that is not words: emphasis, code marks, leading list markers and quotes, inline HTML tags.
_MARKS = precompiled.compile(r"[*_`]+|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
_QUOTED = precompiled.compile(r"""^\s*(?:[>*_]\s*)*["“'‘](?P<inner>.+)["”'’][.,;]?\s*$""", re.S)
#: Quoted speech: a sentence that opens with a quotation ("\"Keep the light burning,\" the skipper says").
_SPEECH = precompiled.compile(r"""^\s*["“][^"”\n]{1,300}[,!?]["”]\s+\w""")
#: An example introduced as one: "Example:", "For example,", "For instance,", "E.g.".
_EXAMPLE_OPENER = precompiled.compile(r"^\W*(?:examples?\b\s*\d*\s*[:–—]|e\.\s?g\.\s*:)", re.I)
#: A quotation inside a sentence (double quotes, straight or curly, on one line).
_QUOTE_SPAN = precompiled.compile(r'"[^"\n]{1,300}"|“[^”\n]{1,300}”')
_TEMPLATE = precompiled.compile(r"\{\{.*?\}\}|\$\{[^}]*\}|\{%.*?%\}")
_WORD = precompiled.compile(r"[A-Za-z]{2,}")


#: A placeholder of a template to fill in: `[Score 1-5]`, `[Detailed assessment]` (not a link).
_PLACEHOLDER = precompiled.compile(r"\[[^\]\n]*\](?![(\[:])")
#: A label line: a few capitalised words before a colon ("OUTPUT FORMAT:", "**Test Cases:**").
_LABEL_LINE = precompiled.compile(r"^[\s*_#]*(?:[A-Z0-9][\w'’/&()-]*[ \t]+){0,5}[A-Z0-9][\w'’/&()-]*[\s*_]*:[\s*_]*$")


#: A list marker written in the text ("- If …", "2- Is …", "3. Use …" in a table cell or a code span).
_MARKER = precompiled.compile(r"^\s*(?:[-*•+]|\d{1,2}[-.)])\s+")


#: Code that opens a statement (past a list marker and emphasis), followed by words that make it
#: the subject or a name in a list: "`run()` is the entry point", "`run()`, `stop()` methods".
#: Code alone ("**Run tests**: `make test`") or before the setting of a command left unsaid
#: ("`make lint` before you push", "`npm ci` to install") is left as it is.
_OPENING_CODE = precompiled.compile(
    r"^(\s*(?:(?:[-*•+]|\d{1,2}[-.)])\s+)?[*_]*)`[^`\n]+`(?=[*_]*[^\S\n]*(?:,[^\S\n]*`|[(\w])"
    r"(?![*_]*[^\S\n]*(?:before|after|when|whenever|if|unless|until|once|to|for|on|in|with|from|first|then|and|or|every|each|"
    r"at|during|while|instead|again|only|as)\b))",
    re.I,
)


def _as_name(text: str) -> str:
    """`text` with code that opens it read as a name ("X"): the word in it is no command's verb."""
    return _OPENING_CODE.sub(r"\1X", text, count=1)


#: Code that holds one word the analysis would read as a verb or a modal: "Use `is` prefix for
#: state", "Prefer `should` names": a name, not the sentence's verb.
_CODE_FUNCTION_WORD = precompiled.compile(
    r"`(?:is|are|was|has|have|had|can|could|should|must|may|might|will|would|shall|do|does|did|not|no|never)`",
    re.I,
)


def plain(text: str) -> str:
    """A statement's words without emphasis, code marks, placeholders and a leading list marker
    (what the analysis reads)."""
    if "`" in text:
        text = _CODE_FUNCTION_WORD.sub("X", text)
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
_FORMAT_TOKENS = precompiled.compile(r"^\s*(?:(?:<[^<>\s]{1,20}>|\[/?[A-Z_]{2,12}\])\s*)+")


#: The names a document gives its assistant ("You are Goose", "an AI assistant whose codename
#: is Watson"), set by the reader while it reads that document (`named_assistant`).
_ASSISTANT_NAMES: ContextVar[tuple[str, ...]] = ContextVar("assistant_names", default=())
#: How a document names its assistant.
_NAMING = precompiled.compile(
    r"\b(?i:you\s+are\s+(?:called\s+|named\s+)?)(?P<a>[A-Z][a-z][\w-]+)\b"
    r"|\b(?i:(?:code\s?name|name)\s+is\s+)(?P<b>[A-Z][a-z][\w-]+)\b"
    r"|\b(?i:(?:assistant|agent|model|chatbot|bot)\s*,?\s+(?:called|named)\s+)(?P<c>[A-Z][a-z][\w-]+)\b"
    r"|(?:^|(?<=[.!?]\s))(?P<d>[A-Z][a-z][\w-]+)\s+is\s+an?\s+(?:[\w-]+\s+){0,3}(?:AI|assistant|agent|chatbot|language\s+model)\b",
    re.M,
)
#: Capitalized words that follow "You are" without naming anyone.
_NOT_NAMES = frozenset("Not Now Also Only Here Being Going Able Free This That These Those Your Our The".split())


#: How far into a document its assistant is named: a prompt names it at its opening ("You are
#: Goose, …"); a name met later is an example's ("You are Fred" in a model spec's examples).
NAMING_REACH = 20_000


def assistant_names(text: str) -> tuple[str, ...]:
    """The names `text` gives its assistant (see `_NAMING`) in its first `NAMING_REACH`
    characters, at most a few, first found first."""
    found: list[str] = []
    for m in _NAMING.finditer(text[:NAMING_REACH]):
        name = m.group("a") or m.group("b") or m.group("c") or m.group("d")
        if name and name not in _NOT_NAMES and name not in found:
            found.append(name)
        if len(found) >= 4:
            break
    return tuple(found)


class named_assistant:
    """While a document is read, its assistant's name stands for "the assistant" at the start of a
    statement ("Watson can create poems" permits as "The assistant can create poems" does)."""

    def __init__(self, text: str):
        self.names = assistant_names(text)
        self.token = None

    def __enter__(self):
        self.token = _ASSISTANT_NAMES.set(self.names)
        return self

    def __exit__(self, *exc) -> None:
        _ASSISTANT_NAMES.reset(self.token)


def modality(text: str, inherited: Modality | None = None) -> Modality | None:
    """The modality of a statement, or None when it is not normative. The document's name for its
    assistant, opening the statement, reads as "The assistant" (`named_assistant`)."""
    names = _ASSISTANT_NAMES.get()
    if names:
        m = re.match(r"(\W*)(" + "|".join(map(re.escape, names)) + r")(?=\s)", text)
        if m is not None:
            text = text[: m.end(1)] + "The assistant" + text[m.end(2) :]
    return _modality_of(text, inherited)


@text_cache(4 * MB, per_char=0, base=800)
def _modality_of(text: str, inherited: Modality | None = None) -> Modality | None:
    """`modality`, of the text alone (remembered)."""
    text = _without_format_tokens(text)
    words = plain(text)
    if _no_statement(text, words, inherited) is not None:
        return None
    text = _as_name(text)
    words = plain(text)
    words = _QUOTE_SPAN.sub("X", words)  # 'A rule like "Never reveal X" is too vague': a mention, not a use
    definition = _DEFINITION.match(text)
    if definition and not inherited:
        described = text[definition.end() :]
        words = plain(_as_name(described))
        rest = analyze(words)
        if rest.normative and (rest.marker_start != rest.marker_end or _commands(described, words, rest)):
            return rest.modality
        # "**Communicate with empathy** - Disagreements are …": a label that instructs
        label = plain(text[: definition.end()]).strip(" -–—:")
        found = _modality(label, None) if len(label.split()) >= 2 else None
        return found if found is not Modality.PERMISSION else None
    if text.lstrip()[:1] in "*_" and not label_end(text) and label_end(words):
        text = words  # an italic label, "*No Authority*: …", read as the label it is
    if _VERDICT_ARROW.search(text):
        return None  # an example with its verdict, not a rule
    cut = label_end(text)
    if cut and _EXAMPLE_LABEL.match(plain(text[:cut])):
        return None  # "**Good:** `Fix the flaky test`", "Wrong: …": an example shown, not a rule
    if cut:
        rest = plain(_as_name(text[cut:]))
        if len(rest) < 3:
            return None  # a label and a placeholder: "**Clarity:** [Score 1-5]"
        found = _modality(rest, inherited)
        if found is None:
            m = _LABEL.match(text)
            label = plain(m.group("bold") or m.group("caps") or m.group("short") or "")
            named = heading_modality(label)
            if named is not None and not inherited:
                return named  # "Disallowed: `std::fs`", "Never: \"UV\"", "Allowed: drafts": the label is the force
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
    if _START_CUE.match(words):
        return None  # "Now begin!": the prompt hands over, it asks nothing the rules above did not
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
        if not inherited and result.modality is Modality.PROHIBITION and _THING_DOES_NOT.fullmatch(
            words[result.marker_start : result.marker_end]
        ) and _a_thing(words[: result.marker_start]) and not _GOVERNING_AFTER.match(words, result.marker_end) and not _MODAL_AFTER.search(
            words, result.marker_end
        ):
            # "The use of such tools does not change our expectations", "This setting does not
            # affect the cache": what a thing does not do, said of it, forbids nothing (but "The
            # assistant does not share opinions", "Contributors do not merge their own PRs" do)
            return policy_form(words)
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
            return policy_form(words)
        if not inherited and result.marker_start == 0 and _NOUN_SUBJECT.match(words):
            # "Correct implies that …": the first word is the subject, not a command; what the
            # rest of the sentence says decides ("Review is required …" is still a rule)
            again = analyze("It " + words.split(None, 1)[1], inherited)
            if again.normative and again.marker_start > 0:
                return again.modality
            return None if inherited else policy_form(words)  # "Help from a tutor is permissible only …"
        return result.modality
    return None if inherited else policy_form(words)


#: The plain negation of a verb in the present ("does not", "don't"): a prohibition only when an
#: agent is its subject.
_THING_DOES_NOT = precompiled.compile(r"(?:does|do|did)\s+not|doesn['’]t|don['’]t|didn['’]t", re.I)
#: Words of a subject that make it an agent a rule can bind: the assistant in its names, people.
_AGENT_WORDS = frozenset(
    "assistant assistants model models agent agents ai bot bots chatbot llm llms system you we they he she i it one "
    "nobody everyone everybody anyone anybody someone somebody people person persons team teams staff "
    # what the assistant writes: "Your reply does not mention competitors" asks something of it
    "reply replies response responses answer answers output outputs summary summaries message messages".split()
)
#: Verbs by which a thing governs ("This policy does not allow spam"): still a prohibition.
#: So is one rule's reach over another ("The exception does not override other policies").
_GOVERNING_AFTER = precompiled.compile(
    r"\s*(?:allow|permit|tolerate|accept|condone|support|endorse|cover|authori[sz]e|grant|"
    r"override|supersede|replace|apply|extend|restrict|limit|take\s+precedence)\b",
    re.I,
)
#: A modal after the negation: the sentence says what someone should do after all ("This doesn't
#: mean the model should sound stuffy …, but that it should be courteous").
_MODAL_AFTER = precompiled.compile(r"\b(?:should|must|shall|ought|needs?\s+to|has\s+to|have\s+to|may\s+not|never)\b", re.I)


def _a_thing(subject: str) -> bool:
    """Whether the subject before "does not" (past a leading "However," or "But") names a thing,
    not an agent: a demonstrative that points back at what was said or at a thing ("This doesn't
    mean …", "This setting does not affect …", "this kind of maturity doesn't require …") or a use
    ("The use of such tools does not change …"), and no word of it a party the document governs,
    a person or the assistant. Any other subject may be one the document binds ("The crew does
    not guess"): the statement keeps its force."""
    subject = re.sub(r"^\W*(?:(?:however|but|and|so|also|still|yet|thus|therefore|note\s+that|in\s+general)\b[,\s]*)+", "", subject, flags=re.I)
    found = re.findall(r"[a-z][\w'’-]*", subject.lower())
    if not found or len(found) > 12:
        return False
    if found[0] not in ("this", "that", "these", "those") and found[:3] != ["the", "use", "of"] and found[:2] != ["use", "of"]:
        return False
    names = _ASSISTANT_NAMES.get() or ()
    if any(n.lower() in subject.lower() for n in names):
        return False
    parties = _parties()
    return not any(_base(w) in _AGENT_WORDS or w in parties or _base(w) in parties for w in found)


def _base(word: str) -> str:
    """A word without its possessive ("assistant's") or, then, a plural "s" ("staffs" aside, "replies" stays)."""
    word = re.sub(r"['’]s?$", "", word)
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


#: The author describing its own practice ("We do not monitor the site", "We never sell data"),
#: not forbidding anything to the reader ("We do not allow spam" stays a rule).
_DESCRIBES = precompiled.compile(
    r"^\W*we\s+(?:do\s+not|don['’]t|never|will\s+not|won['’]t)\s+(?:actively\s+|generally\s+|currently\s+)?"
    r"(?!(?:actively|generally|currently)\b)(?!allow|permit|tolerate|accept|condone|want|welcome|support|endorse|prohibit|forbid|ban|restrict)\w+",
    re.I,
)
#: The document speaking of itself or its parts: its scope, its status, where it applies ("This
#: framework does not govern …", "These are only guidelines", "This category should be considered
#: for …"), not of what its reader does. A governing document's own name takes "the" too.
_ABOUT_DOCUMENT = precompiled.compile(
    r"^\W*(?:\d{1,2}\s*)?(?:(?:this|these)\s+(?:[\w-]+\s+){0,2}?(?:documents?|pages?|sections?|categor(?:y|ies)|templates?|"
    r"policy|policies|guidelines?|framework|charter|memorandum|specification)"
    r"|the\s+(?:[\w-]+\s+){0,2}?(?:framework|charter|memorandum|policy|policies|guidelines)"
    r"|(?:this|these)\s+(?:is|are)\s+(?:only\s+|just\s+|not\s+)?(?:an?\s+)?(?:[\w-]+\s+)?(?:guidelines?|recommendations?|suggestions?|examples?))"
    r"(?![\w'’-])(?!\s+(?:of|for|on|about|that|which|who)\b)",
    re.I,
)
#: A verb by which the document governs its reader after all: "This policy prohibits spam".
_GOVERNS = precompiled.compile(
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
_SAME_SUBJECT = precompiled.compile(r"^\W*(?:it|they|these|this|those)\b", re.I)


def about_document(text: str) -> bool:
    """Whether a sentence speaks of the document itself, its scope or status: no rule, and no
    reason for one either."""
    return _about_document(plain(text))


#: "need to" in a relative clause: "everything you need to …", "the tools you need to …".
_RELATIVE_NEED = precompiled.compile(
    r"(?:everything|all|anything|what|whatever|things?|tools?|information|details|resources)\s+(?:that\s+)?you\s+need\s+to$",
    re.I,
)
#: A first word followed by a verb that makes it the subject: "Correct implies …", "Review is required …".
_NOUN_SUBJECT = precompiled.compile(
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
_NOUN_PHRASE_SUBJECT = precompiled.compile(
    rf"^\W*(?:(?:support|respect|need|request|demand)\s+for\b|access\s+to\b|(?:limits?|controls?)\s+on\b"  # "Support for async tools"
    rf"|(?!(?:{_CLAUSE_VERBS})\b)[a-z][\w'’-]*(?:"
    r"\s+of\b"
    rf"|\s+(?!(?:{_NOT_IN_NOUN_PHRASE})\b)[\w'’-]+"  # one word: "Suggest fixes users can apply" is a command
    r"(?:\s+(?:based|used|listed|returned|generated|provided|given|shown))?"
    r"(?:\s+(?:for|of|in|on|from|with|by)(?:\s+[\w'’\[\]-]+){0,2})?"
    r"(?=\s+(?:is|are|was|were|has|have|had|happens|happen|occurs|occur|exists|exist|may|might|can|could|cannot|"
    r"will|would|shall|should|must|does|do|did|isn['’]t|aren['’]t|doesn['’]t|don['’]t|won['’]t|can['’]t|"
    r"remains|stays|lives|depends|works|varies|belongs)\b)))",
    re.I,
)
#: A line of a program around a prompt (a TypeScript or Python file that holds one): an import or
#: export, a declaration with its "=", a return with its ";", a function or class header.
_PROGRAM_LINE = precompiled.compile(
    r"^\s*(?:[-*]\s+)?(?:"
    r"(?:import|export)\s+(?:\{|\*|default\b|const\b|let\b|function\b|class\b|type\b|interface\b|async\b|[\w$]+\s*(?:,|from\b))"
    r"|from\s+[\w.]+\s+import\s+\w"
    r"|(?:const|let|var)\s+[\w${}\[\], ]+?\s*(?::\s*[\w<>\[\]| ]+)?=[^=]"
    # lowercase "return" and an expression (a sentence that asks to return opens with "Return",
    # and "return the final answer" in a list is words)
    r"|return\b[^\n]*;\s*$|return\s+(?:[^\s.!?]*[_(\[+][^\n]*|[A-Za-z_]\w*)\s*$"
    # an assignment that opens a string or a bracket and ends the line: PROMPT = """
    r"|[A-Za-z_][\w.]*\s*(?::\s*[\w\[\], |]+)?\s*=\s*[frbuFRBU]{0,2}(?:\"\"\"|\'\'\'|[(\[{])\s*$"
    r"|(?:async\s+)?(?:def|function)\s+[\w$]+\s*\("
    r"|class\s+\w+\s*(?:\(|:|\{|extends\b))"
)
#: A pointer at the input that follows: "Find the task and history below:", "Find below the record …".
_FIND_BELOW = precompiled.compile(r"^\W*(?:please\s+)?(?:you(?:['’]ll|\s+will)\s+)?find\s+(?:[\w'’-]+\s+){0,8}?below\b", re.I)


def _without_format_tokens(text: str) -> str:
    """`text` past the model-format tokens before a prompt's first words (`<s>[INST]` …)."""
    tokens = _FORMAT_TOKENS.match(text)
    return text[tokens.end() :] if tokens else text


def _no_statement(text: str, words: str, inherited: Modality | None) -> str | None:
    """Why `text` (`words`: its plain words) is no statement at all, whatever its words say, or
    None: `modality`'s first tests, worded for `why_not`. Under a lead-in (`inherited`) only a
    template's slots and markup without words are none."""
    if _TEMPLATE.search(text) and len(_WORD.findall(_TEMPLATE.sub(" ", _MARKS.sub("", text)))) < 2:
        return "template slots, no words of its own"  # "{{ tool.name }}: {{ tool.description }}", whatever the lead-in
    if not words:
        return "markup, no words"
    if _PROGRAM_LINE.match(text):
        return "code: a line of a program, not words to the reader"  # "import { x } from 'y';" in a prompt's .ts file
    if inherited:
        return None  # "- Violence" under "Never write:", "1- What is …?" under "Answer the following:"
    if len(words.split()) < 2:
        return "one word: a name or a title, not a statement"  # "Address", "Public"
    if words.rstrip(" )\"'”’*_`").endswith("?"):
        return "a question"
    if _QUOTED.match(text) or _SPEECH.match(text):
        return "a quotation: words shown, not said"
    if _LABEL_LINE.match(text):
        return "a label"
    if _EXAMPLE_OPENER.match(words):
        return "an example: it shows a rule, it does not give one"  # "Example: Never answer in French."
    return None


def why_not(text: str) -> str:
    """Why a statement is not normative (`modality` gives None), in a few words for an author
    asking why a sentence is no rule (`speclint rules --unread`). Follows `modality`'s order."""
    text = _without_format_tokens(text)
    words = plain(text)
    early = _no_statement(text, words, None)
    if early is not None:
        return early
    found = _not_instructions().find(words)
    if found and found[0].start <= 2:
        return "a pointer to somewhere else"
    if _DESCRIBES.match(words):
        return "the authors speaking of themselves"
    if _about_document(words):
        return "the document speaking of itself"
    if _FIND_BELOW.match(words):
        return "a pointer at the text that follows"
    result = analyze(words)
    if result.normative and result.marker_start == result.marker_end and _NOUN_PHRASE_SUBJECT.match(words):
        return "a description: it opens with a noun phrase, its subject, not a command"
    if result.normative:
        return f"a description: “{words[result.marker_start:result.marker_end] or words.split()[0]}” here asks nothing of anyone"
    from ..language.markers import markers

    seen = markers().find(words)
    if seen:
        return f"a description: “{seen[0].text}” here says what is or will be, not what anyone must or may do"
    return "a description: nothing in it obliges, forbids or permits"


def instructs(text: str) -> bool:
    """Whether a sentence of `text` obliges, forbids or permits on its own."""
    return any(modality(text[a:b]) is not None for a, b in sentences(text))


def lead_in_modality(text: str, inherited: Modality | None = None) -> Modality | None:
    """The modality a lead-in carries into its list: its last sentence's (`inherited`: the
    modality the lead-in itself carries, as an item under "Don't:" does)."""
    spans = sentences(text)
    last = text[spans[-1][0] : spans[-1][1]] if spans else text
    if offers_alternatives(last):
        return Modality.OBLIGATION  # "Don't ask when you can:": the items are what to do instead
    found = modality(last, inherited)
    if found is None and _PROHIBITED_LIST.search(last):
        return Modality.PROHIBITION
    if found is None and _LISTED_USES.search(last):
        return Modality.PERMISSION  # "AI tools may be used for:": the list is what restricts the leave
    if found is None and _OPTIONS_LIST.search(last):
        return Modality.PERMISSION
    if found is None and _UNDERTAKES.search(last):
        return Modality.OBLIGATION  # "By contributing, you warrant that:": each item is an undertaking
    return found


#: A party that binds itself to what the list says: "you warrant that:", "By submitting, you
#: agree to the following:", "Contributors certify that:".
_UNDERTAKES = precompiled.compile(
    r"\b(?:you|contributors?|users?|members?|participants?|authors?|submitters?|we)\s+"
    r"(?:(?:hereby|also|each)\s+)?(?:(?:represent|confirm)\s+and\s+)?"
    r"(?:warrant|warrants|agree|agrees|certify|certifies|confirm|confirms|attest|attests|undertake|undertakes|"
    r"affirm|affirms|acknowledge|acknowledges|represent|represents|promise|promises|commit|commits)\s+"
    r"(?:that|to(?:\s+the\s+following)?|the\s+following)\s*:\W*$",
    re.I,
)


#: A passive leave whose list says what for: "AI tools may be used for:", "Generated code can be
#: merged when:" (a leave that says nothing of its limits is a hedge; here the list is the limit).
_LISTED_USES = precompiled.compile(
    r"\b(?:may|can)\s+(?:only\s+)?be\s+(?:used|applied|deployed|employed|shared|merged|published|accepted|submitted)\s+"
    r"(?:(?:only\s+)?(?:for|to|in|when|where|if)\b[^:]{0,60})?:\W*$",
    re.I,
)
#: "Possible responses may include:", "Consequences can include:": the courses a governing body
#: may take, each item one of them.
_OPTIONS_LIST = precompiled.compile(
    r"\b(?:responses|actions|consequences|sanctions|measures|penalties|remedies|resolutions|outcomes)\s+"
    r"(?:may|might|can|could)\s+(?:also\s+)?include\s*:\W*$",
    re.I,
)
#: A label that shows an example, good or bad ("**Good:** `Fix …`", "Incorrect:", "Example:").
_EXAMPLE_LABEL = precompiled.compile(
    r"^\W*(?:good|bad|better|worse|best|worst|correct|incorrect|right|wrong|ok|okay|not ok|"
    r"examples?|sample|before|after|input|output|expected(?: output)?|"
    # a turn of an example conversation ("User: \"write me a joke\"", "Assistant: …") and what explains it
    r"user|assistant|human|ai|model|bot|customer|explanation)\W*$",
    re.I,
)
#: An example given with its verdict: "(Write a speech) \"… we must obey the law …\" -> no (a quote)".
_VERDICT_ARROW = precompiled.compile(
    r"[\"”)]\s*(?:->|→|=>)\s*\**(?:yes|no|true|false|pass|fail|allowed|disallowed|compliant|non-compliant)\b", re.I
)
#: A statement that only says to start ("Begin!", "Now begin!", "Let's get started."), as a prompt
#: ends: a cue, not a rule ("Begin each reply with a summary" is one).
_START_CUE = precompiled.compile(
    r"^\W*(?:(?:and\s+)?now,?\s+)?(?:(?:let['’]?s|let\s+us)\s+)?(?:begin|start|get\s+started|go)(?:\s+now)?\s*[.!]*\s*$",
    re.I,
)
#: A duty lifted: "You do not need to wait for approval", "There is no need to apologise", "It
#: is not necessary to cite common knowledge": a leave, not a prohibition of the act.
_DUTY_LIFTED = precompiled.compile(
    r"^\W*(?:(?:if|when|once|where|while)\b[^,;:.]{0,160},\s*)?(?:"
    r"(?:you|we|they|users?|members?|contributors?|reviewers?|maintainers?|moderators?|the\s+\w+)\s+"
    r"(?:(?:do|does|did)\s+not|don['’]?t|doesn['’]?t|didn['’]?t)\s+(?:necessarily\s+)?(?:need|have)\s+to\b"
    r"|(?:you|we|they)\s+(?:need\s+not|needn['’]t)\b"
    r"|there\s+is\s+no\s+need\s+(?:for\s+(?:you\s+)?)?to\b"
    r"|it\s+is\s+not\s+(?:necessary|required)\s+(?:for\s+\w+\s+)?to\b)",
    re.I,
)
#: "Prohibited activities include:", "The following is not allowed:": a list of what is forbidden.
_PROHIBITED_LIST = precompiled.compile(
    r"\b(?:prohibited|forbidden|not (?:allowed|permitted|acceptable|tolerated)|unacceptable|disallowed|banned)\b"
    r"|\bexamples\s+of\s+(?:[\w-]+\s+)?violations\b",  # "Examples of violations:", "Examples of policy violations:"
    re.I,
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


#: A section title that names what the section forbids or allows: "Prohibited content",
#: "2. Prohibited Uses", "What is not allowed", "Unacceptable behavior", "Permitted uses".
_FORBIDDEN_TITLE = precompiled.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:what\s+(?:is|are)\s+|things\s+(?:that\s+are\s+)?)?(?:strictly\s+)?"
    r"(?:prohibited|forbidden|disallowed|banned|unacceptable|not\s+allowed|not\s+permitted)"
    r"(?:\s+(?!and\b|or\b)[\w/-]+){0,3}$",
    re.I,
)
_ALLOWED_TITLE = precompiled.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:what\s+(?:is|are)\s+)?(?:permitted|allowed)(?:\s+(?!and\b|or\b)[\w/-]+){0,3}$", re.I
)


def title_modality(title: str) -> Modality | None:
    """The modality a section's title carries into the lists directly under it: a title that is
    itself one (`heading_modality`), or one that names what the section forbids ("Prohibited
    content", "What is not allowed") or allows ("Permitted uses"). A title that names both
    ("Prohibited and allowed uses") carries neither."""
    found = heading_modality(title)
    if found is not None:
        return found
    words = re.sub(r"[*_`✅❌🚫⛔✔✓✗✘:.!#()]+", " ", title).strip()
    words = re.sub(r"\s+", " ", words)
    if _FORBIDDEN_TITLE.match(words):
        return Modality.PROHIBITION
    if _ALLOWED_TITLE.match(words):
        return Modality.PERMISSION
    return None
