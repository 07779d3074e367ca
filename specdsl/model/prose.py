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
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from ..syntax.ast import Prose
from ..core.diagnostics import Span, make_span
from ..core.memo import MB, text_cache
from ..language.lexicon import LONG_TEXT, PhraseMatch, PhraseMatcher, entries
from ..language.text import word_set, words
from ..language.lookback import CONDITIONAL, NEGATION, lookback
from .model import RuleInfo, SpecModel

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


class _Layout:
    """Where the lines of one prose stand in its source, worked out once: mapping a
    phrase to its span is then a binary search, so a long rule with many findings
    costs time in proportion to its length."""

    def __init__(self, prose: Prose, source: str, segments: list[tuple[int, int, int]]):
        self.base = prose.span
        self.source = source
        self.segments = segments
        self.starts = [seg[0] for seg in segments]
        self.stops = [seg[1] for seg in segments]
        # per line of the prose: the newlines from the prose's start to the line's
        # start, the last of them, and whether the line's own words hold one
        self.newlines: list[tuple[int, int, bool]] = []
        count, last, previous = 0, -1, self.base.offset
        for start, stop, at in segments:
            found = source.count("\n", previous, at)
            if found:
                count += found
                last = source.rfind("\n", previous, at)
            self.newlines.append((count, last, source.find("\n", at, at + stop - start) < 0))
            previous = at

    def offset(self, pos: int, *, end: bool = False) -> tuple[int, int]:
        """(source offset, line index) of text offset `pos`: for a start, of the
        character at `pos` (the next line's first one when `pos` is in a join); for
        an end, just after the character before `pos` (the line's last word when
        `pos - 1` is in a join)."""
        segments = self.segments
        if end:
            k = max(bisect_left(self.starts, pos) - 1, 0)  # the last line that starts before `pos`
            start, stop, at = segments[k]
            return at + min(pos, stop) - start, k
        k = bisect_right(self.stops, pos)  # the first line that ends after `pos`
        if k < len(segments):
            start, stop, at = segments[k]
            return at + max(pos - start, 0), k
        start, stop, at = segments[-1]
        return at + (stop - start), len(segments) - 1

    def position(self, offset: int, k: int) -> tuple[int, int]:
        """(line, column) of a source offset on the prose's line `k`."""
        base = self.base
        count, last, flat = self.newlines[k]
        if not flat:  # a line with a line break of its own (never in `.mspec` prose)
            at = self.segments[k][2]
            inside = self.source.count("\n", at, offset)
            if inside:
                count += inside
                last = self.source.rfind("\n", at, offset)
        if count == 0:
            return base.line, base.column + (offset - base.offset)
        return base.line + count, offset - last

    def span(self, start: int, end: int) -> Span:
        a, k = self.offset(start)
        b, m = self.offset(end, end=True) if end > start else (a, k)
        line, column = self.position(a, k)
        end_line, end_column = self.position(b, m)
        return make_span(line, column, a, end_line, end_column, b)


def phrase_span(prose: Prose, start: int, end: int, source: str | None = None, *, cache: dict | None = None) -> Span:
    """The exact source span of `prose.text[start:end]`.

    `source` is the text of the document the prose was read from (see
    `source_text`). Without it, or when the source does not hold this prose,
    the span is exact on the first and last lines of the prose and the line
    (not the column) is right in between.

    `cache` (see `span_cache`) keeps what is worked out for a prose, for the
    next phrase in it.
    """
    text = prose.text
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    layout = _layout(prose, source, cache)
    if layout is None:
        return _estimate(prose, start, end)
    return layout.span(start, end)


def span_cache(model: SpecModel) -> dict:
    """A cache for `phrase_span` that lives as long as `model` (a lint)."""
    return model.__dict__.setdefault("_phrase_layouts", {})


def _layout(prose: Prose, source: str | None, cache: dict | None) -> _Layout | None:
    if source is None:
        return None
    key = id(prose)
    if cache is not None:
        kept = cache.get(key)
        if kept is not None and kept[0] is prose and kept[1] is source:
            return kept[2]
    segments = _segments(prose, source)
    layout = _Layout(prose, source, segments) if segments else None
    if cache is not None:
        cache[key] = (prose, source, layout)  # the prose is kept: its id stays its own
    return layout


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
    if not spans:
        return found
    return [m for m in found if not inside(m.start, m.end, spans)]


def inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) lies inside one of `spans`: matches of a lexicon, sorted
    and not overlapping (a binary search: a text may have many)."""
    i = bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted, not overlapping)."""
    i = bisect_left(spans, (end, -1)) - 1  # the last span that starts before `end`
    return i >= 0 and spans[i][1] > start


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
    if rule.text is None or not (len(rule.subrules) >= SPELLED_OUT_SUBRULES or rule.examples):
        return False
    return is_title(rule.text.text)


def spelled_out_rules() -> Callable[[object], bool]:
    """`spelled_out`, remembered per rule: a check that asks for every phrase of a
    long rule reads its text once."""
    known: dict[int, tuple[object, bool]] = {}

    def ask(rule) -> bool:
        kept = known.get(id(rule))
        if kept is None or kept[0] is not rule:
            kept = known[id(rule)] = (rule, spelled_out(rule))
        return kept[1]

    return ask


class Found:
    """A lexicon phrase in a rule's text. Its `span` is worked out when asked
    for: a finding the linter would only count never needs it."""

    __slots__ = ("info", "prose", "kind", "match", "model", "_source", "_span")

    def __init__(self, info: RuleInfo, prose: Prose, kind: str, match: PhraseMatch, model: SpecModel, source: str | None):
        self.info = info
        self.prose = prose
        self.kind = kind  # "text", "when" or "unless"
        self.match = match
        self.model = model
        self._source = source
        self._span: Span | None = None

    @property
    def span(self) -> Span:
        if self._span is None:
            self._span = phrase_span(self.prose, self.match.start, self.match.end, self._source, cache=span_cache(self.model))
        return self._span

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
    """Whether `match` overlaps a term or an allowed phrase (`exempt_phrases`)."""
    if exempt is None:
        return False
    return overlaps(match.start, match.end, exempt_spans(text, exempt))


@text_cache(1 * MB, per_char=0, per_item=128, base=512)
def exempt_spans(text: str, exempt: re.Pattern) -> list[tuple[int, int]]:
    """Where the terms and allowed phrases stand in `text`, found once per text (and
    kept up to a bound in bytes, as the other caches of texts: see `core.memo`)."""
    return [m.span() for m in exempt.finditer(text)]


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
    for batch in find_phrases_by_text(model, lexicon, kinds=kinds, terms=terms, allowed=allowed, exceptions=exceptions):
        for m in batch.matches:
            yield batch.found(m)


class PhrasesInText:
    """The phrases `find_phrases` finds in one rule text, as one batch."""

    __slots__ = ("info", "prose", "kind", "matches", "model", "source")

    def __init__(self, info: RuleInfo, prose: Prose, kind: str, matches: list[PhraseMatch], model: SpecModel, source):
        self.info = info
        self.prose = prose
        self.kind = kind
        self.matches = matches
        self.model = model
        self.source = source

    def found(self, m: PhraseMatch) -> Found:
        return Found(self.info, self.prose, self.kind, m, self.model, self.source)


def find_phrases_by_text(
    model: SpecModel,
    lexicon: str | PhraseMatcher,
    *,
    kinds: tuple[str, ...] = ("text", "when", "unless"),
    terms: bool = True,
    allowed: bool = True,
    exceptions: PhraseMatcher | None = None,
) -> Iterator[PhrasesInText]:
    """`find_phrases`, a rule text at a time: a check that may find very many
    phrases in one text can count those the linter will not list without
    looking at each (see `phrase_omitted`)."""
    if isinstance(lexicon, str):
        found_matcher, listed = load_lexicon(lexicon)
        exceptions = exceptions or listed
    else:
        found_matcher = lexicon
    exceptions = exceptions or PhraseMatcher(())
    exempt = exempt_phrases(model, terms=terms, allowed=allowed)
    sources: dict[str | None, str | None] = {}
    texts, by_word = rule_texts(model)
    chosen = _texts_to_read(found_matcher, texts, by_word)
    for i in chosen:
        info, prose, kind = texts[i]
        if kind in kinds:
            matches = without_exceptions(prose.text, found_matcher.find(prose.text), exceptions)
            if not matches:
                continue
            if info.path not in sources:
                sources[info.path] = source_text(model, info.path)
            if exempt is not None:
                matches = [m for m in matches if not is_exempt(prose.text, m, exempt)]
            yield PhrasesInText(info, prose, kind, matches, model, sources[info.path])


def _texts_to_read(matcher: PhraseMatcher, texts: list, by_word: dict[str, list[int]]) -> Iterable[int]:
    """The positions (in order) of the texts in which `matcher` may find an entry:
    those with a word of each group of words an entry needs (see
    `PhraseMatcher.needs`); the others find nothing (most texts, for most lexicons)."""
    needs = matcher.needs() if matcher.anchors is not None else None
    if needs is None:
        return range(len(texts))
    chosen: set[int] = set()
    having: dict[tuple[str, ...], set[int]] = {}  # the texts with a word of a group
    for groups in needs:
        found: set[int] | None = None
        for group in sorted(groups, key=lambda g: sum(len(by_word.get(w, ())) for w in g)):
            with_group = having.get(group)
            if with_group is None:
                with_group = having[group] = {i for w in group for i in by_word.get(w, ())}
            found = set(with_group) if found is None else found & with_group
            if not found:
                break
        if found:
            chosen |= found
    return sorted(chosen)


def rule_texts(model: SpecModel) -> tuple[list[tuple[RuleInfo, Prose, str]], dict[str, list[int]]]:
    """Every rule text of the model as `iter_rule_texts` gives them, in order, as
    (info, prose, kind), and for each word the positions of the texts that have it.

    Made once per lint: each check that looks for a lexicon's phrases visits only
    the texts with a word that can start one of its entries, instead of asking
    every text of a large spec whether it has one (most have none). Kept with
    the list of rules it was made from (a view of the model with other rules
    makes its own)."""
    known = model.__dict__.get("_rule_texts")
    if known is not None and known[0] is model.rules and known[1] == len(model.rules):
        return known[2], known[3]
    texts: list[tuple[RuleInfo, Prose, str]] = []
    by_word: dict[str, list[int]] = {}
    for info in model.rules:
        for prose, kind in iter_rule_texts(model, info):
            at = len(texts)
            texts.append((info, prose, kind))
            text = prose.text
            if not text:
                continue
            present = word_set(text) if len(text) > LONG_TEXT else {w for w, _, _ in words(text)}
            for word in present:
                found = by_word.get(word)
                if found is None:
                    by_word[word] = [at]
                else:
                    found.append(at)
    model.__dict__["_rule_texts"] = (model.rules, len(model.rules), texts, by_word)
    return texts, by_word


# ---------------------------------------------------------------- clauses

def sentence_before(text: str, start: int) -> str:
    """The text of `start`'s sentence before it (a `;` also ends a sentence here)."""
    return text[lookback(text).sentence_start(start) : start]


def clause_before(text: str, start: int) -> str:
    """Like `sentence_before`, without a leading condition the phrase is not in:
    for "do the right thing" in "If symptoms fit no category, do the right
    thing", the clause before it is empty."""
    return text[lookback(text).clause_start(start) : start]


def negated_before(text: str, start: int) -> bool:
    """Whether a prohibition ("never", "do not", "avoid" …) governs the phrase
    at `start`: one comes before it in its sentence, and no condition or
    exception ("unless", "if" …) comes between them to lift it."""
    back = lookback(text)
    lo = back.clause_start(start)
    negated = max(back.last_prohibition_end(lo, start), back.last_end(NEGATION, lo, start))
    if negated < 0:
        return False
    return back.last_end(CONDITIONAL, lo, start) < negated


def conceded(text: str, start: int) -> bool:
    """Whether the phrase at `start` stands in a concession ("even if …",
    "regardless of whether …")."""
    back = lookback(text)
    lo = back.clause_start(start)
    conditional = back.last_match(CONDITIONAL, lo, start)
    return conditional is not None and back.concessive_before(lo, conditional[0])


def conditional_before(text: str, start: int) -> bool:
    """Whether the phrase at `start` is inside a condition or an exception of its sentence."""
    back = lookback(text)
    return back.last_end(CONDITIONAL, back.clause_start(start), start) >= 0


def endorsed(text: str, start: int) -> bool:
    """Whether the phrase at `start` is something its sentence asks for.

    Not when a prohibition comes before it in the sentence ("Never pursue a
    goal by any means necessary"), nor when it stands in a concession ("even
    if the benefits seem to outweigh the risks"). A condition or exception
    after the prohibition lifts it ("Never share it unless the benefits
    outweigh the risks" asks for the phrase).

    Each question is a binary search in the text's `Lookback`: a text with
    many phrases costs time in proportion to its length.
    """
    return not conceded(text, start) and not negated_before(text, start)
