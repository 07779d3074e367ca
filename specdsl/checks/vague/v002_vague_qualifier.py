"""V002 vague-qualifier."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...language.lexicon import PhraseMatcher, entries
from ...model.model import SpecModel
from ..base import Omitted, check
from ..wording import advice
from ..phrases import phrase_finding, phrase_omitted
from ...model.prose import find_phrases_by_text, inside, load_lexicon, spelled_out_rules
from ...core import precompiled

#: Lexicons of the longer phrases other V-checks report ("where appropriate" is V003).
LONGER = ("judgment", "escape", "open_ended")


@lru_cache(maxsize=1)
def _longer() -> PhraseMatcher:
    return PhraseMatcher(e for name in LONGER for e in entries(name) if not e.startswith("!"))


@check("V002", "vague-qualifier", Severity.INFO, scope="rule")
def vague_qualifier(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        An evaluative word in rule text whose meaning depends on the reader:
        appropriate, reasonable, adequate, sufficient, significant, proper,
        suitable, excessive, undue, acceptable, timely, as needed … (lexicon
        `vague.txt`, plus the configuration's `vague-terms`). Not reported
        in a Title Case name inside a sentence ("our Acceptable Use
        Policies"), as a permission ("it is acceptable to …", "Stories told in
        the third person are acceptable."), in a label over the examples that
        spell it out ("Acceptable examples:"), when a purpose
        bounds it ("as needed to find the root cause", "if necessary to
        protect the caller"), when "enough that …" gives its standard
        ("formal enough that a customer could forward it"), nor
        inside a longer phrase another check reports ("where appropriate" is
        V003, "as you see fit" V001), in a fixed expression ("proper noun",
        "statistically significant", "reasonably foreseeable"), when a `term` defines it, or when the
        configuration's `allowed-terms` lists it. Rationales and examples are
        not read. Nor is a prohibition worded as a verdict on what it names
        ("Threats of violence are not acceptable.", "Such jokes are
        inappropriate."): the act is named, the word only forbids it (but
        "content that is not acceptable" leaves the reader to decide). Nor
        a word of sufficiency whose sentence names the end it serves ("test
        it sufficiently on real data to confirm it works", "sufficient
        warnings that let the reader tell"), nor one that ends the lead-in of
        a list that spells it out ("Handle errors appropriately:", a label
        "**Sufficient depth**:" over its items). Nor a phrase the document defines by what it lists
        ("Unacceptable behavior includes: …", "The following replies are
        considered inappropriate: …"), wherever the document uses it; nor a
        word a pointer in its clause sends to where it is spelled out
        ("hedge appropriately (see Uncertainty)", "as described below"), one
        joined by "and"/"or" to a phrase another check reports ("to the
        extent practicable and appropriate"), one inside a parenthesis of
        examples ("(such as loops that send excessive queries)"), one a
        colon right after it explains ("only when needed: …"), nor
        "sufficient" with the end it must reach ("sufficient detail to
        reproduce the crash": enough to, not "adequate staff to answer the
        phones"). Nor is a rule's own text when it is a title that its body
        makes concrete: a short phrase without a full stop over at least two
        subrules or an example, as the heading of a Markdown rule ("Be
        suitably professional") over the paragraphs and examples under it.

    Why it matters:
        Two readers of "respond within a reasonable time" apply two different
        rules, and so do two models trained on it. A word the spec defines,
        or a number, means the same thing to everyone.

    Example:
        rule S2: Escalate billing disputes to a human agent within a
          reasonable time.

    Fix:
        Say what the word stands for ("within one business day"), or define it
        once for the whole spec:

            term "reasonable time": one business day for billing, one hour for outages.
    """
    words, exceptions = load_lexicon("vague", tuple(model.config.vague_terms))
    longer = _longer()
    spelled_out = spelled_out_rules()
    defined: dict[int, frozenset[tuple[str, str]]] = {}
    for batch in find_phrases_by_text(model, words, exceptions=exceptions):
        if batch.kind == "text" and spelled_out(batch.info.rule):
            continue
        text = batch.prose.text
        inner = [(m.start, m.end) for m in longer.find(text)]
        key = id(batch.source)
        if key not in defined:
            defined[key] = _listed_terms(batch.source or "")
        terms = defined[key]
        matches = [
            m for m in batch.matches
            if not inside(m.start, m.end, inner) and not _in_a_name(text, m.start, m.end) and not _verdict(text, m.start, m.end)
            and not _bounded(text, m.start, m.end)
            and not (batch.kind == "text" and _opens_list(text, m.end, batch.info.rule))
            and not _joined_to(text, m.start, inner) and not _pointed_to(text, m.end)
            and not _in_examples(text, m.start) and not _colon_spells_out(text, m.end)
            and not _labels_examples(text, m.end)
            and not (terms and _term_listed(text, m.start, m.end, terms))
        ]
        for i, m in enumerate(matches):
            found = batch.found(m)
            omitted = phrase_omitted(found)
            if omitted is not None:
                # the linter lists no more of this text's: count them all at once
                yield Omitted(found.info.path, found.info.id, len(matches) - i)
                break
            yield phrase_finding(
                found,
                f'"{found.phrase}" means different things to different readers; '
                + advice(model, found.info.path, "define") + ", so every reader applies the same rule",
            )


def _in_a_name(text: str, start: int, end: int) -> bool:
    """Whether a word is part of a Title Case name inside a sentence ("our Acceptable Use
    Policies", "the Reasonable Accommodation Process"), where it names a document, not a degree."""
    if not text[start:start + 1].isupper():
        return False
    before = text[:start].rstrip(" *_`\"'“‘(")
    if not before or before[-1] in ".!?:;\n" or before.endswith(("-", "•")):
        return False  # the start of a sentence or an item
    after = text[end:].lstrip(" *_`")
    return after[:1].isupper()


# "X is not acceptable.", "X are considered unacceptable under these rules": the word is the verdict
# of a prohibition whose subject names what it forbids. Not "content that is inappropriate" (a relative
# clause: which content is left to the reader), nor "is not appropriate for / if / when …" (a standard).
_VERDICT_WORD = precompiled.compile(r"(?:unacceptable|inappropriate|(?:acceptable|appropriate))$", re.I)
_COPULA = precompiled.compile(
    r"(?<![\w'’-])(?P<cop>is|are|was|were|be)\s+(?P<neg>not\s+|never\s+)?"
    r"(?:(?:considered|deemed|regarded\s+as)\s+(?:to\s+be\s+)?)?$",
    re.I,
)
_RELATIVE = precompiled.compile(
    r"(?<![\w'’-])(?:(?:that|which|who|whatever|anything|something|nothing)\s+(?:\w+\s+)?|where\s+(?:\w+\s+){1,3})$", re.I
)
_STANDARD_AFTER = precompiled.compile(r"^\s*(?:to|for|if|when|unless|except|in\s+(?:some|certain|most)|as\s+long)\b", re.I)


#: The end of the clause right after the word: "… are acceptable." / "… are acceptable; …".
_CLAUSE_ENDS = precompiled.compile(r"^[\s*_`]*(?:[.;!]|$)")
#: A label over examples: "Acceptable examples:", "Not acceptable examples:" (the examples define it).
_EXAMPLES_LABEL = precompiled.compile(r"^[\s*_`]*(?:examples?|responses?|replies|cases)[\s*_`]*:", re.I)


def _labels_examples(text: str, end: int) -> bool:
    """Whether the word names a label over examples that spell it out ("Acceptable examples:")."""
    return _EXAMPLES_LABEL.match(text[end:]) is not None


def _verdict(text: str, start: int, end: int) -> bool:
    """Whether an acceptability word is the verdict of a prohibition (see `_COPULA`)."""
    word = text[start:end]
    if not _VERDICT_WORD.search(word):
        return False
    cop = _COPULA.search(text, 0, start)
    if cop is None:
        return False
    negative = word.lower().startswith(("un", "in")) or cop.group("neg")
    if not negative and not _CLAUSE_ENDS.match(text[end:]):
        return False  # "X are acceptable." grants a leave on what it names; "X is acceptable for …" sets a standard
    if _RELATIVE.search(text, 0, cop.start()):
        return False
    return not _STANDARD_AFTER.match(text[end:])


# "test it sufficiently in a realistic context to confirm it performs as intended", "sufficient
# warnings that enable the reader to recognize …": a word of sufficiency is relative to an end,
# and when the sentence names that end (a purpose infinitive after the adverb, or a clause of what
# the thing must enable) the standard is stated. Not across a clause boundary, and not "to the
# extent …" (a hedge, V003's). An infinitive after an adjective and its noun ("adequate procedures
# to receive complaints") says what the thing is for, not how much of it is enough.
_SUFFICIENT_ADVERB = precompiled.compile(r"(?:in)?(?:sufficient|adequate)ly$", re.I)
_SUFFICIENT = precompiled.compile(r"(?:in)?(?:sufficient|adequate)(?:ly)?$", re.I)
_BETWEEN = r"^(?:[\s\w'’\-/]{0,60}?)(?<![\w'’-])"
_PURPOSE_AFTER = precompiled.compile(
    _BETWEEN + r"to (?!the extent|a degree|some|an? |the |this|that|these|those|its|their|your|our)[a-z]+(?![\w'’-])", re.I
)
_ENABLING = precompiled.compile(_BETWEEN + r"(?:that|which|so that) (?:\w+ )?(?:enables?|allows?|lets?|permits?)(?![\w'’-])", re.I)


# "sufficient information to answer the question completely", "is sufficient to cover every
# input": "sufficient" means "enough", and like "enough" it takes a complement that sets the
# threshold (enough X to do Y). "adequate" does not: "adequate staff to answer the phones" says
# what the staff is for, not how many are enough.
_ENOUGH = precompiled.compile(r"(?:in)?sufficient$", re.I)
_DEGREE_AFTER = precompiled.compile(r"^(?:\s+[\w'’-]+){0,3}?\s+" + _PURPOSE_AFTER.pattern[len(_BETWEEN):], re.I)


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether a word of sufficiency comes with the end it must serve (see `_PURPOSE_AFTER`)."""
    word, after = text[start:end], text[end:]
    if _SUFFICIENT_ADVERB.search(word) and _PURPOSE_AFTER.match(after):
        return True
    if _ENOUGH.search(word) and _DEGREE_AFTER.match(after):
        return True
    return _SUFFICIENT.search(word) is not None and _ENABLING.match(after) is not None


# "the following behaviors are considered unacceptable:", "Unacceptable behaviors include: …",
# "Inappropriate content means …": the document defines the phrase by what it lists, so the
# phrase means that list wherever the document uses it ("anyone asked to stop unacceptable
# behavior"). Only the adjective with that noun: "inappropriate jokes" is not defined by it.
_VAGUE_ADJ = r"(?P<adj>(?:un|in)?(?:acceptable|appropriate|reasonable|adequate|sufficient|suitable|proper))"
_DEFINES = precompiled.compile(
    rf"(?<![\w'’-]){_VAGUE_ADJ}\s+(?P<noun>[a-z][\w-]*)\s+"
    r"(?:includes?|include|consists?\s+of|means|refers?\s+to|(?:is|are)\s+defined\s+as)(?![\w'’-])"
    rf"|(?<![\w'’-])the\s+following\s+(?P<noun2>[a-z][\w-]*)\s+(?:is|are)\s+"
    r"(?:(?:considered|deemed|regarded\s+as)\s+)?(?:to\s+be\s+)?"
    + _VAGUE_ADJ.replace("adj", "adj2"),
    re.I,
)


def _stem(noun: str) -> str:
    """A noun without its plural ending: "behaviors" and "behavior" are one term."""
    noun = noun.lower()
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3:
        return noun[:-1]
    return noun


#: The word every match of `_DEFINES` holds at a known place from its start: the adjective
#: (after "un"/"in") or "following" (after "the" and spaces), looked for in the lowercased text.
_DEFINES_ANCHOR = precompiled.compile(r"acceptable|appropriate|reasonable|adequate|sufficient|suitable|proper|following")
#: Letters that `re.I` matches to an ASCII letter but `str.lower` does not turn into one.
_FOLDS_TO_ASCII = precompiled.compile("[\u0130\u0131\u017f\u212a]")


def _listed_terms(source: str) -> frozenset[tuple[str, str]]:
    """The (adjective, noun) phrases the document defines by a list (see `_DEFINES`): its
    matches as `finditer` finds them, tried only where an anchor word stands (a whole Model
    Spec holds about a hundred) instead of at every character."""
    low = source.lower()
    if len(low) != len(source) or _FOLDS_TO_ASCII.search(source):
        return _terms(_DEFINES.finditer(source))  # where lowercasing moves or hides letters
    return _terms(_anchored_matches(source, low))


def _anchored_matches(source: str, low: str):
    pos = 0
    for anchor in _DEFINES_ANCHOR.finditer(low):
        at = anchor.start()
        if at < pos:
            continue
        if anchor.group() == "following":
            start = at
            while start > 0 and low[start - 1].isspace():
                start -= 1
            if start == at or not low.endswith("the", 0, start):
                continue
            start -= 3
        else:
            start = at - 2 if low.endswith(("un", "in"), 0, at) else at
        if start < pos:
            continue
        m = _DEFINES.match(source, start)
        if m is not None:
            pos = m.end()
            yield m


def _terms(matches) -> frozenset[tuple[str, str]]:
    out = set()
    for m in matches:
        adj = m.group("adj") or m.group("adj2")
        noun = m.group("noun") or m.group("noun2")
        out.add((adj.lower(), _stem(noun)))
    return frozenset(out)


_NEXT_WORD = precompiled.compile(r"\s+([a-z][\w-]*)", re.I)


def _term_listed(text: str, start: int, end: int, terms: frozenset[tuple[str, str]]) -> bool:
    """Whether the word and the noun after it are a phrase the document defines by a list."""
    nxt = _NEXT_WORD.match(text, end)
    return nxt is not None and (text[start:end].lower(), _stem(nxt.group(1))) in terms


#: "to the extent practicable and appropriate": a word joined by "and"/"or" to the end of a
#: longer phrase another check reports is part of that phrase.
_JOINED = precompiled.compile(r"\s*,?\s+(?:and|or|and/or)\s+$", re.I)


def _joined_to(text: str, start: int, inner: list[tuple[int, int]]) -> bool:
    """Whether the word is coordinated with a longer phrase that ends right before it."""
    m = _JOINED.search(text, 0, start)
    return m is not None and any(e == m.start() for _, e in inner)


# "hedge appropriately (see Expressing uncertainty)", "unacceptable behavior as outlined above":
# a pointer in the word's own clause sends the reader to where the document spells it out.
_POINTER = precompiled.compile(
    r"^[^.;:,()\n!?]{0,60}?(?:\(\s*see\b|(?<![\w'’-])as\s+(?:outlined|defined|described|set\s+out|listed|"
    r"explained|specified|detailed)\s+(?:above|below|in|under)(?![\w'’-]))",
    re.I,
)


def _pointed_to(text: str, end: int) -> bool:
    """Whether a pointer to where the document says what the word means follows in its clause."""
    return _POINTER.match(text[end:end + 160]) is not None


#: "(such as …", "(e.g. …", "(for example …": a parenthesis that gives examples.
_EXAMPLES_OPEN = precompiled.compile(r"\(\s*(?:such\s+as|e\.\s?g\.|for\s+example|for\s+instance|including)(?![\w'’-])", re.I)


def _in_examples(text: str, start: int) -> bool:
    """Whether the word stands inside a parenthesis of examples: it describes an example of
    what the rule names, and is not the standard the rule sets."""
    opened = text.rfind("(", 0, start)
    if opened < 0 or text.find(")", opened, start) >= 0:
        return False
    return _EXAMPLES_OPEN.match(text, opened) is not None


#: "Call a tool only when needed: do not call it for what you already know." A colon right after
#: the word introduces what it means (at least three words of it, in the same text).
_COLON_SPELLS = precompiled.compile(r"^[\s*_`]*:\s*\S+\s+\S+\s+\S+")


def _colon_spells_out(text: str, end: int) -> bool:
    """Whether a colon right after the word introduces its explanation."""
    return _COLON_SPELLS.match(text[end:end + 200]) is not None


#: What may stand between the word and the colon of a lead-in it ends: the rest of its noun
#: phrase and a parenthesis ("sufficient context:", "**Sufficient Context** (apply strict criteria):").
_LEAD_END = precompiled.compile(r"^[\s*_`]*(?:[\w'’-]+[\s*_`]*){0,2}(?:\([^()\n]{0,60}\)[\s*_`]*)?:[\s*_`]*$")


def _opens_list(text: str, end: int, rule) -> bool:
    """Whether the word ends the lead-in of a list that spells it out ("Handle errors
    appropriately:", "**Sufficient Depth**:" over two or more subrules): the items are what it
    means."""
    if text[end:].strip(" *_`").startswith(":"):
        return len(rule.subrules) >= 2
    # with words between ("sufficient context:"), not a condition the list does not define
    # ("After significant changes:" over what to do then)
    return len(rule.subrules) >= 2 and _LEAD_END.match(text[end:]) is not None and not _CONDITION_OPENER.match(text)


#: A lead-in that opens with its condition: "After significant changes:", "When the load is high:".
_CONDITION_OPENER = precompiled.compile(r"^\W*(?:after|before|when|whenever|if|unless|once|while|during|for|in)\b", re.I)
