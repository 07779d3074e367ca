"""Units of text, and the statements of a paragraph.

A paragraph is read unit by unit: in plain text (a prompt file) a line
break ends a statement where the next line starts a new one; anywhere, a
label line ("RULES:") ends at its line, a list marker glued to its text
(`*Line ranges …`) starts a new unit, numbered items run together in one
line ("1. … 2. … 3. …") are a unit each; then each sentence is a unit
(`units`). A paragraph gives one statement per normative unit
(`paragraph`): the reason given right after one is its rationale, a reason
that opens the paragraph is the rationale of the statements after it
(unless it points back: "This keeps …"), a
sentence that says what it covers ("This includes …") is part of it, and
"It can …" right after it has its subject; a paragraph that only explains
is a `Reason`. `introduces` says whether a paragraph announces the
list after it.
"""

from __future__ import annotations

import re

from ..language import Modality
from ..language.text import sentences
from .doc import Doc
from .found import Reading, Reason, Statement
from .normative import about_document, modality
from .patterns import _REASON_OPENER, _explains, _gives_reason
from .source import _Text
from .tokens import _Node
from ..core import precompiled

#: A sentence that announces what follows: "Here are the guidelines …", "… the following …".
_ANNOUNCES = precompiled.compile(r"\b(?:the following|as follows|here are|here is|below)\b", re.I)
#: Run-in numbered items: "… evidence.2. **File-by-File** …"
_RUN_IN = precompiled.compile(r"(?:(?<=^)|(?<=[.!?:;)\"”*]))[ \t]*(\d{1,2})[.)][ \t]+(?=\S)")
#: A sentence that continues the statement before it, naming what it covers ("This includes …",
#: "This applies regardless of context", "These cover …"): part of that statement.
_ELABORATES = precompiled.compile(
    r"^\W*(?:this|these|that|such \w+|it)\s+(?:\w+\s+){0,2}?(?:includes?|including|means|covers?|applies|apply|"
    r"extends?|refers? to|encompass(?:es)?)\b",
    re.I,
)
#: A sentence that points back at what was said before it ("This keeps …", "Such limits …", "These
#: rules …"; not "This memory is used to …", which names its topic): opening a paragraph, it
#: explains what came before the paragraph, not the rules after it.
_BACK_REFERENCE = precompiled.compile(
    r"^\W*(?:such|it|doing so|otherwise|both|(?:this|that|these|those)(?:\s+(?:is|are|was|were|will|would|can|could|may|might|"
    r"has|have|helps?|keeps?|makes?|means|ensures?|prevents?|protects?|avoids?|matters|saves?|reduces?|lets?|gives?|also|"
    r"alone|way|rule|rules|step|steps|approach|practice|limits?|requirements?|restrictions?|instructions?|guidelines?)\b|\s*[,;:.!?]|$))",
    re.I,
)
#: A sentence that extends the statement before it to more conduct: "This includes Y", "This also
#: includes Z", "These include …" (not "This means …", which explains it).
_EXTENDS = precompiled.compile(r"^\W*(?:this|these|that|it)\s+(?:also\s+)?(?:includes?|covers?|extends\s+to)\s+(?!the\s+following\b|when\b|if\b|where\b|whenever\b|cases?\b|situations?\b|instances?\b)\w", re.I)
#: A sentence whose subject is the one of the statement before it ("It can also …").
_PRONOUN = precompiled.compile(r"^\s*(?:it|they)\s+(?=(?:can|may|could|might)\b)", re.I)
#: A list marker glued to its text at the start of a line (`*Line ranges …`), or a bullet of a
#: document converted from PDF (`o The intended purpose …`, `▪ …`): a new item.
_GLUED_MARKER = precompiled.compile(r"^[*•\-–+](?=[A-Za-z])|^[o•▪◦§][ \t]+(?=[A-Z])")
#: A bullet run into the line after a sentence ("May revoke it at any time. - Must track it."): a new item.
_RUN_IN_BULLET = precompiled.compile(r"(?<=[.!?])[ \t]+[-•▪][ \t]+(?=[A-Z])")


def introduces(s: str) -> bool:
    """A paragraph whose last sentence introduces the list after it, or whose last sentence
    that does is followed only by remarks on the list (`announcing`)."""
    if s.rstrip().rstrip("*_").rstrip().endswith(":"):
        return True  # "… as follows:", "**Examples of violations:**"
    spans = sentences(s)
    last = s[spans[-1][0] : spans[-1][1]] if spans else s
    return bool(_ANNOUNCES.search(last)) or announcing([s[a:b] for a, b in spans]) is not None


def announcing(texts: list[str]) -> int | None:
    """Which of a paragraph's sentences introduces the list after it when remarks on the list
    follow it ("You must not use it for any of the following. Descriptions are illustrative,
    not exhaustive."): the last one that announces a list, when no sentence after it obliges,
    forbids or permits; None when the last sentence is the lead-in itself, or there is none."""
    for k in range(len(texts) - 2, -1, -1):
        if _ANNOUNCES.search(texts[k]) or texts[k].rstrip().rstrip("*_").rstrip().endswith(":"):
            later = texts[k + 1 :]
            return k if all(modality(t) is None and not _ANNOUNCES.search(t) for t in later) else None
    return None


def join_units(pieces: list[_Text], doc: Doc) -> _Text:
    """Units of one paragraph as one text again."""
    segs, seps = [], []
    for p in pieces:
        if segs:
            seps.append(" ")
        segs.extend(p.segs)
        seps.extend(p.seps)
    return _Text(segs, seps, doc.text)


def units(reading: Reading, text: _Text) -> list[_Text]:
    """A paragraph's units: its lines where a line break separates statements, then its sentences."""
    doc = reading.doc
    pieces = line_units(reading, text)
    out: list[_Text] = []
    for piece in pieces:
        s = piece.text
        run_in = run_in_items(s) or run_in_bullets(s)
        if run_in:
            out.extend(piece.cut(a, b, doc.text) for a, b in run_in)
            continue
        spans = sentences(s)
        if len(spans) == 1 and spans[0] == (0, len(s)):
            out.append(piece)  # one sentence (most lines of a prompt)
            continue
        for a, b in spans:
            cut = piece.cut(a, b, doc.text)
            if cut:
                out.append(cut)
    return out


#: The last words of a line that leave its sentence open: an article, a conjunction, a
#: preposition or a possessive ("and add an", "the tests in the", "described in your").
_OPEN_WORDS = frozenset(
    "a an the and or nor but to of in on at by for with from into onto via per as than that which whose "
    "your our their its my his her".split()
)


def _open_end(line: str) -> bool:
    """Whether a line stops where no sentence ends: after a comma or one of `_OPEN_WORDS`."""
    if line[-1:] == ",":
        return True
    cut = line.rfind(" ")
    return line[cut + 1 :].lower() in _OPEN_WORDS


_HARD_BREAK = precompiled.compile(r" {2,}\r?\n")


def _hard_break(source: str, end: int, line: str) -> bool:
    """Whether the line ending at `end` ends in a Markdown hard break (two spaces, or a backslash)."""
    return line.endswith("\\") or _HARD_BREAK.match(source, end) is not None


def line_units(reading: Reading, text: _Text) -> list[_Text]:
    """Split at the line breaks that end a statement: after a label line ("RULES:"), before
    a glued list marker, and in plain text wherever the next line starts a new one."""
    if len(text.segs) < 2:
        return [text]
    source = reading.doc.text
    segs, seps = text.segs, text.seps
    out: list[_Text] = []
    begin = 0  # the first line of the unit being read
    for k in range(1, len(segs)):
        prev = source[segs[k - 1][0] : segs[k - 1][1]].rstrip()
        line = source[segs[k][0] : segs[k][1]]
        split = prev.endswith(":") or bool(_GLUED_MARKER.match(line))
        if not split and not reading.plain and _hard_break(source, segs[k - 1][1], prev):
            # a line the author broke on purpose ("Honesty over sycophancy␣␣" / "Prefer accurate
            # answers …"): a title over its words, or one statement a line; a sentence carried on
            # over a hard break is left whole
            split = prev[-1:] in ".!?:)" or (len(prev.split()) <= 8 and line.lstrip()[:1].isupper())
        if not split and reading.plain:
            if _open_end(prev):
                # "… and add an / Assisted-by tag …": a line cut after a word no sentence ends on
                # is wrapped text, whatever the next line starts with (a list marker aside)
                split = line.lstrip()[:1] in "-*•#>"
            else:
                split = prev[-1:] in ".!?)\"'`*”" or line[:1].isupper() or line[:1].isdigit() or line[:1] in "-*•#>"
        if split:
            out.append(_Text(segs[begin:k], seps[begin : k - 1], source))
            begin = k
    out.append(_Text(segs[begin:], seps[begin:], source))
    return out


def run_in_items(s: str, first: int = 1) -> list[tuple[int, int]]:
    """Numbered items run together in one line ("1. … 2. … 3. …"): their ranges, or [].

    `first` > 1: the text is item `first - 1` itself (a list item whose
    marker markdown-it took), and what comes before item `first` is its own."""
    if str(first)[0] not in s:
        return []
    expected = first
    kept = []
    for m in _RUN_IN.finditer(s):
        if int(m.group(1)) == expected:
            kept.append(m)
            expected += 1
    if len(kept) < (1 if first > 1 else 2):
        return []
    if first == 1 and s[: kept[0].start()].strip():
        return []
    bounds = [m.end() for m in kept]  # an item's text starts after its number
    if first > 1:
        bounds = [0, *bounds]
    return [(a, bounds[k + 1] if k + 1 < len(bounds) else len(s)) for k, a in enumerate(bounds)]


def run_in_bullets(s: str) -> list[tuple[int, int]]:
    """Bullets run into one line after full stops ("- May revoke it. - Must track it."): their ranges, or []."""
    if " - " not in s and "•" not in s and "▪" not in s:
        return []
    cuts = [m for m in _RUN_IN_BULLET.finditer(s)]
    if not cuts:
        return []
    bounds = [0, *(m.end() for m in cuts)]
    ends = [m.start() for m in cuts] + [len(s)]
    return list(zip(bounds, ends))


#: A short title written as a line of its paragraph, without heading markup ("Be
#: Inclusive", "Lead by Example", "Reporting Process"): words in title case, no closing stop.
_TITLE_LINE = precompiled.compile(r"^[\s*_]*[A-Z][\w'’-]*(?:[ \t]+(?:[A-Z][\w'’-]*|a|an|and|as|at|by|for|in|of|on|or|the|to|with|&))"
                         r"{0,6}[\s*_]*$")


def _without_titles(text: _Text, doc: Doc) -> list[_Text]:
    """A paragraph's text in pieces around the lines that are titles (see `_TITLE_LINE`): a line
    of two or more title-case words, at the start or after a line that ends a sentence, over a
    line that starts with a capital ("We need to be honest.\\nBe Inclusive\\nSeek diverse views.").
    A title is a piece of its own (one that instructs, "Be Inclusive", is a statement; one
    that names a topic gives nothing); a paragraph without one is returned whole."""
    segs = text.segs
    if len(segs) < 2:
        return [text]
    offsets = text.offsets()
    titles: list[int] = []
    for k in range(len(segs) - 1):
        if "\n" not in doc.text[segs[k][1] : segs[k + 1][0]] or (k and "\n" not in doc.text[segs[k - 1][1] : segs[k][0]]):
            continue  # not a whole line
        line = doc.text[segs[k][0] : segs[k][1]]
        if not _TITLE_LINE.match(line) or len(line.split()) < 2:
            continue
        if k and doc.text[segs[k - 1][0] : segs[k - 1][1]].rstrip(" \t*_")[-1:] not in ".!?:":
            continue
        if doc.text[segs[k + 1][0] : segs[k + 1][1]].lstrip(" \t*_")[:1].isupper():
            titles.append(k)
    if not titles:
        return [text]
    pieces: list[_Text] = []
    begin = 0
    for k in titles:
        if offsets[k] > begin:
            piece = text.cut(begin, offsets[k], doc.text)
            if piece:
                pieces.append(piece)
        begin = offsets[k] + (segs[k][1] - segs[k][0])
        pieces.append(text.cut(offsets[k], begin, doc.text))
    rest = text.cut(begin, len(text.text), doc.text)
    if rest:
        pieces.append(rest)
    return pieces


def paragraph(reading: Reading, node: _Node, text: _Text) -> list:
    """One statement per normative unit (see the module docstring); a paragraph that only
    explains is a `Reason`."""
    doc = reading.doc
    pieces = [unit for piece in _without_titles(text, doc) for unit in units(reading, piece)]
    made: list = []
    last: Statement | None = None
    waiting: list[Statement] = []  # the statements since the paragraph's last reason
    follows = False  # whether the unit before this one was (part of) `last`
    opening: list[Reason] = []  # the reasons that open the paragraph, before its first statement
    for piece in pieces:
        s = piece.text
        found = modality(s)
        if found is None and follows and _PRONOUN.match(s):
            found = modality(_PRONOUN.sub("You ", s, count=1))  # "It can also give ranges."
        if found is not None and not (_REASON_OPENER.match(s) and found is not Modality.PROHIBITION):
            last = Statement("sentence", piece, found, piece.start, piece.end, node)
            for reason in opening:
                last.reasons.append(reason.rationale)
                reason.opens.append(last)
            made.append(last)
            waiting.append(last)
            follows = True
            continue
        if _explains(s) and not about_document(s):
            rationale = piece.rationale(doc.src)
            if waiting:
                # "Do X. Do Y. Both keep the log readable.": a reason after a paragraph's
                # instructions explains each of them, not only the last
                for statement in waiting:
                    statement.reasons.append(rationale)
                waiting = []
            elif last is not None:
                last.reasons.append(rationale)
            elif _BACK_REFERENCE.match(s):
                made.append(Reason(rationale))  # "This keeps …" opening a paragraph: what came before it
            else:
                opening.append(Reason(rationale))  # "Results can be stale. Cite their date.": what follows
                made.append(opening[-1])
            follows = False
            continue
        if follows and last is not None and last.modality is Modality.PROHIBITION and found is None and _EXTENDS.match(s):
            # "X is not acceptable. This includes Y. This also includes Z.": each names more of
            # what the statement before forbids or asks, a statement of its own with its force
            extended = Statement("sentence", piece, last.modality, piece.start, piece.end, node)
            made.append(extended)
            waiting.append(extended)
            last = extended
            continue
        if follows and last is not None and _ELABORATES.match(s):
            last.text = join_units([last.text, piece], doc)  # "Don't X. This includes Y.": one rule
            last.end = max(last.end, piece.end)
            continue
        follows = False
        doc.stats.left_out.append((piece.start, piece.end))
    if not made and _gives_reason(text.text) and not about_document(text.text):
        return [Reason(text.rationale(doc.src))]
    return made
