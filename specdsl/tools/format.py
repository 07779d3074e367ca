"""The canonical layout of a `.mspec` file.

One layout, whatever the input: two spaces per block level, continuation
lines two spaces deeper than their statement, attributes in the order
`hard, level, priority, tags`, single spaces around `:`, `,` and `>`, at most
one blank line between statements (none at the start of a block, one before
each rule and section that is not the first of its block), one newline at the
end. The author's line breaks inside prose are kept unless a wrap width is
given, and then prose is re-wrapped so that no continuation line could be
mistaken for a statement or a comment.

Formatting is lossless (every word and every comment survives: `format_text`
compares the trees before and after, ignoring positions, and refuses to
return a text that differs) and idempotent (formatting its own output changes
nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

from ..syntax.ast import (
    Attribute,
    Comment,
    Condition,
    Example,
    ExampleItem,
    Header,
    Include,
    Levels,
    MetaEntry,
    Node,
    Precedence,
    Prose,
    Rationale,
    RefList,
    Rule,
    Section,
    Spec,
    Term,
    deep_recursion,
)

INDENT = "  "
ATTRIBUTE_ORDER = {"hard": 0, "level": 1, "priority": 2, "tags": 3}


class FormatError(Exception):
    """The text cannot be formatted (syntax errors), or formatting would lose something."""


@dataclass
class _Line:
    text: str
    source: int | None  # the source line this output line starts, for blank-line keeping
    source_end: int | None
    block_start: bool = False  # first line of a block: no blank line before it
    wants_blank: bool = False  # a rule or section that is not first in its block
    is_comment: bool = False


#: What separates words in prose: spaces and tabs (the parser's blanks), and line
#: breaks. Not str.split()'s idea of a space: a no-break space is part of a word.
_BLANK_RUN = re.compile(r"[ \t\n]+")
#: The blanks around a comment that layout may change: the parser's, not
#: str.strip()'s (a no-break space may be all the reason a suppression gives).
_BLANKS = " \t"


def _words(text: str) -> list[str]:
    return [word for word in _BLANK_RUN.split(text) if word]


def quote(value: str) -> str:
    """`value` as a quoted string, escaping only what must be (see `transformer.unquote`)."""
    out = []
    for i, char in enumerate(value):
        if char == '"':
            out.append('\\"')
        elif char == "\\" and (i + 1 == len(value) or value[i + 1] in '"\\'):
            out.append("\\\\")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


class _Emitter:
    def __init__(self, spec: Spec, wrap: int | None, keep_layout: bool):
        from ..syntax.parser import keyword_patterns

        self.spec = spec
        self.wrap = wrap
        self.keep_layout = keep_layout
        self.lines: list[_Line] = []
        kw = keyword_patterns()
        self.unsafe_start = [kw.header, kw.statement]
        self.comments = sorted(spec.comments, key=lambda c: c.span.line)
        self.next_comment = 0
        self.recent: list[tuple[int, int]] = []  # (source indent, depth) of statements so far

    # -- comments --------------------------------------------------------------
    def _comments_before(self, line: int | None, depth: int, indent: int | None = None) -> None:
        """Emit the comments that stand before source line `line` (all, if None).

        A comment lines up with the statement after it, unless the author
        indented it deeper, as the last line of the block before: then it
        lines up with that block.
        """
        while self.next_comment < len(self.comments):
            comment = self.comments[self.next_comment]
            if line is not None and comment.span.line >= line:
                return
            self.next_comment += 1
            where = depth
            if indent is None or comment.indent > indent:
                where = next((d for i, d in reversed(self.recent) if i <= comment.indent), depth)
                if indent is not None:
                    where = max(where, depth)
            self.lines.append(
                _Line(
                    INDENT * where + comment.text.strip(_BLANKS),
                    comment.span.line if self.keep_layout else None,
                    comment.span.line if self.keep_layout else None,
                    is_comment=True,
                )
            )

    # -- statements ------------------------------------------------------------
    def statement(
        self,
        node: Node,
        depth: int,
        head: str,
        prose: Prose | None,
        *,
        first: bool = False,
        spaced: bool = False,
    ) -> None:
        # A comment comes out before the statement it stood before in the source
        # (for a tree from Markdown, the Markdown's lines).
        line = node.span.line
        indent = node.span.column - 1
        self._comments_before(line, depth, indent)
        self.recent.append((indent, depth))
        if not self.keep_layout:
            source_end = None
        elif prose is not None:
            source_end = prose.span.end_line
        elif isinstance(node, (Rule, Section, Example, Header)):
            source_end = node.span.line
        else:
            source_end = node.span.end_line
        out = self._prose_lines(head, prose, depth)
        self.lines.append(
            _Line(out[0], line, source_end, block_start=first, wants_blank=spaced and not first)
        )
        for text in out[1:]:
            self.lines.append(_Line(text, None, None))

    def _prose_lines(self, head: str, prose: Prose | None, depth: int) -> list[str]:
        indent = INDENT * depth
        if prose is None:
            return [indent + head]
        cont = INDENT * (depth + 1)
        paragraphs = prose.text.split("\n\n")
        out: list[str] = []
        offset = 0
        for p_index, paragraph in enumerate(paragraphs):
            if self.wrap is None:
                pieces = _split_at(paragraph, [b - offset for b in prose.breaks if offset <= b < offset + len(paragraph)])
            else:
                first_width = self.wrap - len(indent + head) - 1 if p_index == 0 else self.wrap - len(cont)
                pieces = self._wrap(paragraph, first_width, self.wrap - len(cont))
                if p_index > 0 and self._unsafe(pieces[0]):
                    # A paragraph's first line is a continuation line too, and it cannot
                    # lean on the line before (a blank line is between): keep the
                    # author's line breaks, which parsed.
                    pieces = _split_at(
                        paragraph, [b - offset for b in prose.breaks if offset <= b < offset + len(paragraph)]
                    )
            for i, piece in enumerate(pieces):
                if p_index == 0 and i == 0:
                    out.append(f"{indent}{head} {piece}")
                else:
                    out.append(cont + piece)
            if p_index + 1 < len(paragraphs):
                out.append("")  # paragraph break
            offset += len(paragraph) + 2
        return out

    def _unsafe(self, piece: str) -> bool:
        """Would a continuation line starting with `piece` read as something else?"""
        if piece.startswith("#"):
            return True
        return any(p.match(piece) for p in self.unsafe_start)

    def _wrap(self, text: str, first_width: int, width: int) -> list[str]:
        words = _words(text)  # re-wrapping folds runs of blanks into one space
        lines: list[list[str]] = [[]]
        size = 0
        limit = max(first_width, 10)
        for word in words:
            current = lines[-1]
            if current and size + 1 + len(word) > limit:
                lines.append([word])
                size = len(word)
                limit = max(width, 10)
            else:
                current.append(word)
                size += (1 if len(current) > 1 else 0) + len(word)
        # never start a continuation line with something that parses as a statement
        result = [" ".join(ws) for ws in lines]
        i = 1
        while i < len(result):
            if self._unsafe(result[i]):
                first_word, _, rest = result[i].partition(" ")
                result[i - 1] += " " + first_word
                if rest:
                    result[i] = rest
                else:
                    del result[i]
                if i > 1 and self._unsafe(result[i - 1]):
                    i -= 1  # the word made the line before read as a statement: pull again there
                continue
            i += 1
        return result

    # -- the tree ----------------------------------------------------------------
    def spec_(self) -> str:
        spec = self.spec
        depth = 0
        first = True
        if spec.header is not None:
            self.header(spec.header)
            first = False
        self.items(spec.body, 0, first_in_block=first)
        self._comments_before(None, depth)
        return self.render()

    def header(self, header: Header) -> None:
        self.statement(header, 0, f"spec {quote(header.title)}", None, first=True)
        for i, entry in enumerate(header.entries):
            if isinstance(entry, Levels):
                head = "levels: " + " > ".join(n.value for n in entry.names)
                self.statement(entry, 1, head, None, first=i == 0)
            elif isinstance(entry, MetaEntry):
                self.statement(entry, 1, f"{entry.key}:", entry.value, first=i == 0)

    def items(self, body: list, depth: int, first_in_block: bool) -> None:
        for i, item in enumerate(body):
            first = first_in_block and i == 0
            if isinstance(item, Rule):
                self.rule(item, depth, first)
            elif isinstance(item, Section):
                self.statement(item, depth, f"section {quote(item.title)}:", None, first=first, spaced=True)
                self.items(item.body, depth + 1, first_in_block=True)
            elif isinstance(item, Rationale):
                self.statement(item, depth, "rationale:", item.text, first=first)
            elif isinstance(item, Term):
                self.statement(item, depth, f"term {quote(item.name)}:", item.definition, first=first)
            elif isinstance(item, Precedence):
                head = "precedence: " + " > ".join(r.value for r in item.order)
                self.statement(item, depth, head, None, first=first)
            elif isinstance(item, Include):
                self.statement(item, depth, f"include {quote(item.path)}", None, first=first)
            else:  # pragma: no cover - the grammar allows nothing else here
                raise FormatError(f"cannot format a {type(item).__name__} here")

    def rule(self, rule: Rule, depth: int, first: bool) -> None:
        head = rule.kind if rule.auto_id else f"{rule.kind} {rule.id}"
        attrs = _attributes(rule.attributes)
        if attrs:
            head += f" [{attrs}]"
        head += ":"
        self.statement(rule, depth, head, rule.text, first=first, spaced=rule.kind == "rule")
        for i, child in enumerate(rule.body):
            child_first = i == 0
            if isinstance(child, Rule):
                self.rule(child, depth + 1, child_first)
            elif isinstance(child, Rationale):
                self.statement(child, depth + 1, "rationale:", child.text, first=child_first)
            elif isinstance(child, Condition):
                self.statement(child, depth + 1, f"{child.kind}:", child.text, first=child_first)
            elif isinstance(child, RefList):
                keyword = "see" if child.kind == "link" else child.kind  # Markdown links read as see:
                head = f"{keyword}: " + ", ".join(r.value for r in child.refs)
                self.statement(child, depth + 1, head, None, first=child_first)
            elif isinstance(child, Example):
                self.statement(child, depth + 1, "example:", child.text, first=child_first)
                for j, item in enumerate(child.items):
                    self.statement(item, depth + 2, f"{item.kind}:", item.text, first=j == 0)

    # -- output ------------------------------------------------------------------
    def render(self) -> str:
        out: list[str] = []
        prev_end: int | None = None
        prev_comment = False
        for line in self.lines:
            if line.source is None and not line.wants_blank:
                out.append(line.text)
                continue
            blank = False
            if out:
                if line.wants_blank:
                    blank = True
                elif line.source is not None and prev_end is not None and line.source - prev_end > 1:
                    blank = True
                if line.block_start and not line.wants_blank and not prev_comment:
                    blank = False
            if blank and out and out[-1] != "":
                out.append("")
            out.append(line.text)
            prev_comment = line.is_comment
            if line.source_end is not None:
                prev_end = line.source_end
        # blank lines before a block's first statement come from comments above
        # it: drop runs of blank lines and trailing blanks
        cleaned: list[str] = []
        for text in out:
            if text == "" and (not cleaned or cleaned[-1] == ""):
                continue
            cleaned.append(text)
        while cleaned and cleaned[-1] == "":
            cleaned.pop()
        return "\n".join(cleaned) + "\n" if cleaned else ""


def _split_at(text: str, breaks: list[int]) -> list[str]:
    if not breaks:
        return [text]
    pieces = []
    start = 0
    for b in breaks:
        pieces.append(text[start:b])
        start = b + 1  # the break replaced one space
    pieces.append(text[start:])
    return [p for p in pieces if p != ""] or [text]


def _attributes(attrs: list[Attribute]) -> str:
    parts = []
    for attr in sorted(attrs, key=lambda a: ATTRIBUTE_ORDER[a.key]):
        if attr.key == "hard":
            parts.append("hard")
        elif attr.key == "tags":
            parts.append("tags: " + ", ".join(v.value for v in attr.values))
        else:
            parts.append(f"{attr.key}: {attr.values[0].value}")
    return ", ".join(parts)


# ---------------------------------------------------------------- public API


def format_spec(spec: Spec, *, wrap: int | None = None, keep_layout: bool = True) -> str:
    """The canonical text of a spec tree.

    `keep_layout` keeps the author's blank lines (the tree must come from the
    text being formatted); the Markdown converter turns it off.
    """
    with deep_recursion():
        return _Emitter(spec, wrap, keep_layout).spec_()


def format_text(text: str, path: str | None = None, *, wrap: int | None = None) -> str:
    """Format `.mspec` text; raises `FormatError` on syntax errors or if anything would be lost."""
    from ..syntax.parser import parse

    spec = parse(text, path)
    errors = [d for d in spec.diagnostics if d.code == "S001"]
    if errors:
        first = errors[0]
        raise FormatError(
            f"it has {len(errors)} syntax error{'s' if len(errors) > 1 else ''} "
            f"(the first at line {first.span.line}: {first.message}); fix them first"
        )
    newline = "\r\n" if text.count("\r\n") > text.count("\n") / 2 else "\n"
    result = format_spec(spec, wrap=wrap)
    # One tree at a time: the input's is let go before the output is parsed, and
    # what formatting must keep is compared as digests (`_signature_digest`), so
    # a large spec needs the memory of one tree, not of two and their signatures.
    before = _signature_digest(spec, wrap is not None)
    del spec
    again = parse(result, path)
    broken = bool(again.diagnostics)
    same = not broken and _signature_digest(again, wrap is not None) == before
    del again
    if broken or not same:
        raise FormatError(
            "formatting would change the spec's content; the file was left as it is "
            "(please report this as a speclint bug)"
        )
    if newline != "\n":
        result = result.replace("\n", newline)
    return result


def signature(spec: Spec, ignore_breaks: bool = False) -> Any:
    """The content of a tree without positions: what formatting must keep.

    Comments count by their text; line breaks inside prose count unless the
    formatter re-wraps (`ignore_breaks`).
    """

    def strip(value: Any) -> Any:
        if isinstance(value, Node):
            out = []
            for name, field_value in value.field_items():
                if name in ("span", "id_span", "title_span", "name_span", "path_span", "attributes_span", "indent"):
                    continue
                if name == "breaks" and ignore_breaks:
                    continue
                if name == "text" and ignore_breaks and isinstance(field_value, str):
                    field_value = "\n\n".join(" ".join(_words(p)) for p in field_value.split("\n\n"))
                if name == "attributes":
                    field_value = sorted(field_value, key=lambda a: ATTRIBUTE_ORDER[a.key])
                out.append((name, strip(field_value)))
            return (type(value).__name__, tuple(out))
        if isinstance(value, list):
            return tuple(strip(v) for v in value)
        if isinstance(value, tuple) and not hasattr(value, "_fields"):
            return tuple(strip(v) for v in value)
        return value

    with deep_recursion():
        body = strip(spec.body)
        header = strip(spec.header) if spec.header else None
    comments = tuple(c.text.strip(_BLANKS) for c in spec.comments)
    return (header, body, comments)


def _signature_digest(spec: Spec, ignore_breaks: bool) -> bytes:
    """A digest of `signature(spec)`, made a top-level statement at a time: equal
    digests mean equal signatures, and the signature of the whole tree (about
    half the tree's memory) is never held at once."""
    import hashlib
    from types import SimpleNamespace

    digest = hashlib.blake2b()
    with deep_recursion():  # the repr of a signature is as deep as the tree
        digest.update(repr(signature(SimpleNamespace(header=spec.header, body=[], comments=spec.comments), ignore_breaks)).encode())
        for item in spec.body:
            digest.update(b"\x00")  # a repr never holds a raw NUL: the pieces cannot run together
            digest.update(repr(signature(SimpleNamespace(header=None, body=[item], comments=[]), ignore_breaks)).encode())
    return digest.digest()


def iter_changed(old: str, new: str, name: str, label: str = "formatted") -> Iterator[str]:
    """A unified diff of a change to a file."""
    import difflib

    yield from difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"{name} (original)",
        tofile=f"{name} ({label})",
    )
