"""Rule prose for the phrase checks: which texts to read, and where a phrase is.

A Prose node's `text` is the author's words with the lines joined: a line
break (and the next line's indentation, and any comment lines between) is one
space, a blank line is two newlines. `phrase_span` maps offsets in that joined
text back to the exact source characters, so a finding on a phrase that sits
on a continuation line points at that line:

    rule P4 [hard]: Never take drastic or      <- prose.text[0:21], line 1
        irreversible actions.                  <- prose.text[22:43], line 2

    prose.text == "Never take drastic or irreversible actions."
    phrase_span(prose, 22, 42, source)  ->  line 2, columns 5-25

`iter_rule_texts` gives the texts the V- and M-checks read (a rule's own text
and its `when:` / `unless:` lines; never rationales, examples or terms), and
`find_phrases` runs a lexicon over them, leaving out phrases that a `term`
defines or the configuration allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..ast import Prose
from ..diagnostics import Span, make_span
from ..language.lexicon import PhraseMatch, PhraseMatcher, entries, matcher
from ..language.text import sentences
from ..model import RuleInfo, SpecModel

_SKIP = " \t\r\n\f\v"


# ---------------------------------------------------------------- source text


def source_text(model: SpecModel, path: str | None) -> str | None:
    """The text of the model's document at `path` (None when it is not known)."""
    return model.text_of(path)


def _segments(prose: Prose, source: str) -> list[tuple[int, int, int]] | None:
    """The lines of `prose.text` as (start, end, source offset); None if the source disagrees.

    The walk goes through the joined text and the source together: each line
    of words is verbatim in the source; at a join (a line break listed in
    `breaks`, or the two newlines of a paragraph break) the source's line end,
    blank lines, comment lines and indentation are skipped.
    """
    text = prose.text
    joins = sorted({(b, 1) for b in prose.breaks if 0 <= b < len(text) and text[b] == " "}
                   | {(m.start(), 2) for m in re.finditer("\n\n", text)})
    out: list[tuple[int, int, int]] = []
    i, j = 0, prose.span.offset
    for pos, width in joins + [(len(text), 0)]:
        if pos < i:
            return None
        if not source.startswith(text[i:pos], j):
            return None
        out.append((i, pos, j))
        j = _skip_join(source, j + (pos - i))
        i = pos + width
    return out


def _source_offset(segments: list[tuple[int, int, int]], pos: int, *, end: bool = False) -> int:
    """The source offset of text offset `pos`: for a start, of the character
    at `pos` (the next line's first one when `pos` is in a join); for an end,
    just after the character before `pos` (the line's last word when `pos - 1`
    is in a join)."""
    if end:
        start, stop, at = next((seg for seg in reversed(segments) if seg[0] < pos), segments[0])
        return at + min(pos, stop) - start
    for start, stop, at in segments:
        if pos < stop:
            return at + max(pos - start, 0)
    start, stop, at = segments[-1]
    return at + (stop - start)


def _skip_join(source: str, j: int) -> int:
    """From the end of a prose line's words, to the first word of the next line."""
    n = len(source)
    while j < n:
        if source[j] in _SKIP:
            j += 1
            continue
        if source[j] == "#" and _at_line_start(source, j):
            stop = source.find("\n", j)
            j = n if stop < 0 else stop
            continue
        break
    return j


def _at_line_start(source: str, j: int) -> bool:
    k = j - 1
    while k >= 0 and source[k] in " \t":
        k -= 1
    return k < 0 or source[k] == "\n"


def _position(source: str, anchor: Span, offset: int) -> tuple[int, int]:
    """(line, column) of `offset`, counted from a known position before it."""
    newlines = source.count("\n", anchor.offset, offset)
    if newlines == 0:
        return anchor.line, anchor.column + (offset - anchor.offset)
    return anchor.line + newlines, offset - source.rfind("\n", anchor.offset, offset)


def phrase_span(prose: Prose, start: int, end: int, source: str | None = None) -> Span:
    """The exact source span of `prose.text[start:end]`.

    `source` is the text of the document the prose was read from (see
    `source_text`). Without it, or when the source does not hold this prose,
    the span is exact on the first and last lines of the prose and the line
    (not the column) is right in between.
    """
    text = prose.text
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    base = prose.span
    segments = _segments(prose, source) if source is not None else None
    if segments is None:
        return _estimate(prose, start, end)
    a = _source_offset(segments, start)
    b = _source_offset(segments, end, end=True) if end > start else a
    line, column = _position(source, base, a)
    end_line, end_column = _position(source, make_span(line, column, a, line, column, a), b)
    return make_span(line, column, a, end_line, end_column, b)


def _estimate(prose: Prose, start: int, end: int) -> Span:
    """A span worked out from the prose node alone (no source text)."""
    base = prose.span
    text = prose.text

    def lines_before(pos: int) -> int:
        joins = sum(1 for b in prose.breaks if b < pos)
        return joins + 2 * text.count("\n\n", 0, pos)

    def point(pos: int) -> tuple[int, int, int]:
        line = base.line + lines_before(pos)
        if line == base.line:
            return line, base.column + pos, base.offset + pos
        if line == base.end_line:
            back = len(text) - pos
            return line, base.end_column - back, base.end_offset - back
        last = max([b for b in prose.breaks if b < pos] + [text.rfind("\n", 0, pos)])
        column = 1 + (pos - last - 1)
        return line, column, base.offset + pos

    a = point(start)
    b = point(end) if end > start else a
    return make_span(a[0], a[1], a[2], b[0], b[1], b[2])


# ---------------------------------------------------------------- lexicons


@lru_cache(maxsize=64)
def load_lexicon(name: str, extra: tuple[str, ...] = ()) -> tuple[PhraseMatcher, PhraseMatcher]:
    """A lexicon's phrases (plus `extra`) and its exceptions.

    An entry starting with `!` is an exception: a fixed expression in which a
    listed word means something definite ("proper noun", "generally
    accepted"). A phrase found inside an exception is not a finding.
    """
    listed = entries(name)
    phrases = [e for e in listed if not e.startswith("!")] + list(extra)
    exceptions = [e[1:].strip() for e in listed if e.startswith("!")]
    return PhraseMatcher(phrases), PhraseMatcher(exceptions)


def without_exceptions(text: str, found: list[PhraseMatch], exceptions: PhraseMatcher) -> list[PhraseMatch]:
    """`found` without the matches that lie inside an exception."""
    if not found or not exceptions.entries:
        return found
    spans = [(m.start, m.end) for m in exceptions.find(text)]
    return [m for m in found if not any(s <= m.start and m.end <= e for s, e in spans)]


# ---------------------------------------------------------------- rule texts


def iter_rule_texts(model: SpecModel, info: RuleInfo) -> Iterator[tuple[Prose, str]]:
    """(prose, kind) for a rule's own text ("text") and its `when:` and
    `unless:` lines ("when", "unless"); never rationales, examples or terms."""
    rule = info.rule
    if rule.text is not None:
        yield rule.text, "text"
    for node in rule.body:
        if getattr(node, "kind", None) in ("when", "unless") and node.text is not None:
            yield node.text, node.kind


#: A rule with this many subrules (or one example) spells out its own text.
SPELLED_OUT_SUBRULES = 2
#: A rule text of at most this many words, without a full stop, is a title.
TITLE_WORDS = 12


def is_title(text: str) -> bool:
    """A short phrase without a closing full stop: "Be suitably professional"."""
    stripped = text.strip()
    return bool(stripped) and "\n" not in stripped and len(stripped.split()) <= TITLE_WORDS and stripped[-1] not in ".!?;:"


def spelled_out(rule) -> bool:
    """Whether a rule's text is a title that its body makes concrete: a short
    phrase without a full stop (a Markdown rule's heading, "Be suitably
    professional") over at least two subrules or an example. A rule written
    as a sentence is the instruction itself, whatever follows it."""
    if rule.text is None or not is_title(rule.text.text):
        return False
    return len(rule.subrules) >= SPELLED_OUT_SUBRULES or bool(rule.examples)


@dataclass(frozen=True)
class Found:
    """A lexicon phrase in a rule's text."""

    info: RuleInfo
    prose: Prose
    kind: str  # "text", "when" or "unless"
    match: PhraseMatch
    span: Span

    @property
    def phrase(self) -> str:
        return " ".join(self.match.text.split())


def exempt_phrases(model: SpecModel, *, terms: bool = True, allowed: bool = True) -> re.Pattern | None:
    """A pattern for the glossary's terms and the configuration's allowed terms."""
    names: list[str] = []
    if terms:
        names += [entry[0].name for entry in model.terms.values()]
    if allowed:
        names += list(getattr(model.config, "allowed_terms", []) or [])
    names = sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True)
    if not names:
        return None
    body = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in names)
    return re.compile(rf"(?<![\w'’-])(?:{body})(?![\w'’-])", re.IGNORECASE)


def is_exempt(text: str, match: PhraseMatch, exempt: re.Pattern | None) -> bool:
    if exempt is None:
        return False
    return any(m.start() < match.end and match.start < m.end() for m in exempt.finditer(text))


def find_phrases(
    model: SpecModel,
    lexicon: str | PhraseMatcher,
    *,
    kinds: tuple[str, ...] = ("text", "when", "unless"),
    terms: bool = True,
    allowed: bool = True,
    exceptions: PhraseMatcher | None = None,
) -> Iterator[Found]:
    """Every phrase of `lexicon` (a lexicon's name, or a matcher) in the rule
    texts of the model's rules.

    A phrase inside one of the lexicon's exceptions (or of `exceptions`) is
    left out, and so is one that overlaps a `term`'s name (`terms`) or an
    allowed term of the configuration (`allowed`): the author has said what
    it means.
    """
    if isinstance(lexicon, str):
        found_matcher, listed = load_lexicon(lexicon)
        exceptions = exceptions or listed
    else:
        found_matcher = lexicon
    exceptions = exceptions or PhraseMatcher(())
    exempt = exempt_phrases(model, terms=terms, allowed=allowed)
    sources: dict[str | None, str | None] = {}
    for info in model.rules:
        for prose, kind in iter_rule_texts(model, info):
            if kind not in kinds:
                continue
            matches = without_exceptions(prose.text, found_matcher.find(prose.text), exceptions)
            if not matches:
                continue
            if info.path not in sources:
                sources[info.path] = source_text(model, info.path)
            for m in matches:
                if is_exempt(prose.text, m, exempt):
                    continue
                span = phrase_span(prose, m.start, m.end, sources[info.path])
                yield Found(info, prose, kind, m, span)


# ---------------------------------------------------------------- clauses

_CONDITIONAL = re.compile(
    r"(?<![\w'’-])(unless|except|if|when|whenever|where|provided|as long as|so long as|in case)(?![\w'’-])",
    re.IGNORECASE,
)
_CONCESSIVE = re.compile(r"(?:\beven|\bregardless\s+of(?:\s+whether)?)\s*$", re.IGNORECASE)
_LEADING_CONDITION = re.compile(
    r"^\s*(?:if|when|whenever|once|where|unless|except when|in case|as long as|even if|even when)\b[^,]*,", re.IGNORECASE
)
_NEGATION = re.compile(r"(?<![\w'’-])(not|never|no|nor)(?![\w'’-])|n['’]t(?![\w'’-])", re.IGNORECASE)


def sentence_before(text: str, start: int) -> str:
    """The text of `start`'s sentence before it (a `;` also ends a sentence here)."""
    begin = 0
    for s, e in sentences(text):
        if s <= start:
            begin = s
    head = text[begin:start]
    cut = max(head.rfind(";"), head.rfind(" but "), head.rfind("\n\n"))
    return head[cut + 1 :] if cut >= 0 else head


def clause_before(text: str, start: int) -> str:
    """Like `sentence_before`, without a leading condition the phrase is not in:
    for "do the right thing" in "If symptoms fit no category, do the right
    thing", the clause before it is empty."""
    head = sentence_before(text, start)
    lead = _LEADING_CONDITION.match(head)
    return head[lead.end() :] if lead else head


def _last(pattern: re.Pattern | PhraseMatcher, text: str) -> int:
    """The end of the last match of `pattern` in `text`, or -1."""
    if isinstance(pattern, PhraseMatcher):
        found = pattern.find(text)
        return found[-1].end if found else -1
    ends = [m.end() for m in pattern.finditer(text)]
    return ends[-1] if ends else -1


def negated_before(text: str, start: int) -> bool:
    """Whether a prohibition ("never", "do not", "avoid" …) governs the phrase
    at `start`: one comes before it in its sentence, and no condition or
    exception ("unless", "if" …) comes between them to lift it."""
    before = clause_before(text, start)
    negated = max(_last(matcher("modal_prohibition"), before), _last(_NEGATION, before))
    if negated < 0:
        return False
    return _last(_CONDITIONAL, before) < negated


def conceded(text: str, start: int) -> bool:
    """Whether the phrase at `start` stands in a concession ("even if …",
    "regardless of whether …")."""
    before = clause_before(text, start)
    conditional = None
    for m in _CONDITIONAL.finditer(before):
        conditional = m
    return conditional is not None and _CONCESSIVE.search(before[: conditional.start()]) is not None


def conditional_before(text: str, start: int) -> bool:
    """Whether the phrase at `start` is inside a condition or an exception of its sentence."""
    return _last(_CONDITIONAL, clause_before(text, start)) >= 0


def endorsed(text: str, start: int) -> bool:
    """Whether the phrase at `start` is something its sentence asks for.

    Not when a prohibition comes before it in the sentence ("Never pursue a
    goal by any means necessary"), nor when it stands in a concession ("even
    if the benefits seem to outweigh the risks"). A condition or exception
    after the prohibition lifts it ("Never share it unless the benefits
    outweigh the risks" asks for the phrase).
    """
    return not conceded(text, start) and not negated_before(text, start)


def phrase_finding(found, message: str, **extra):
    """A finding on a phrase found by `find_phrases` (its span, file, rule and phrase)."""
    from .base import finding

    data = {"phrase": found.phrase, **extra.pop("data", {})}
    return finding(found.span, message, path=found.info.path, rule=found.info.id, data=data, **extra)
