"""Incremental parsing for editors: re-parse only the top-level blocks that changed.

A `.mspec` document is a sequence of top-level blocks, each starting on a
line at column 1 with a statement keyword (`spec`, `section`, `rule`,
`term`, `precedence:`, `include`). Blocks do not affect each other's parse,
so each is parsed on its own, its tree kept by its text, and placed at its
position in the document by shifting its spans. After a keystroke only the
edited block is parsed again; the others come from the cache.

`IncrementalParser.parse(text)` gives the same tree as `parser.parse(text)`
(the property tests check it on generated and mutated specs).

What it remembers is bounded by bytes (`specdsl.core.memo`): every keystroke
makes a new version of a block, and a block may be one rule or a whole
100 KB section.
"""

from __future__ import annotations

import sys

from .ast import Node, Spec
from ..core.diagnostics import Diagnostic, Edit, Fix, Related
from ..core.gcpause import paused_gc
from ..core.memo import MB, ByteLRU
from ..core.plain import field_names
from .parser import keyword_patterns, parse
from ..core.spans import Span, make_span

#: What the parsed blocks of a parser may hold, and the blocks placed in their
#: documents (see `IncrementalParser`), in estimated bytes (`tree_bytes`). A
#: spec the size of the OpenAI Model Spec (270 KB) is estimated at 8 to 13 MB.
BLOCK_BYTES = 24 * MB
PLACED_BYTES = 16 * MB


def tree_bytes(text: str) -> int:
    """An estimate (from above) of the memory of the tree parsed from `text`, and of the text.

    Measured on the OpenAI Model Spec, generated specs and hostile shapes: a
    tree takes 10 to 30 bytes a character of prose, up to 2.4 KB a line of
    tiny rules (`rule A1: x`), and about 750 bytes an id in a long list
    (`precedence: A > B > ...`, `overrides: A, B, ...`).
    """
    return (
        sys.getsizeof(text)
        + 4 * len(text)
        + 2400 * (text.count("\n") + 1)
        + 800 * (text.count(",") + text.count(">"))
    )

SPAN_FIELDS = frozenset(("span", "id_span", "title_span", "name_span", "path_span", "attributes_span"))
#: What holds spans: the tree's nodes and the findings with their related places and fixes.
_MOVABLE = (Node, Diagnostic, Related, Fix, Edit)


_PLANS: dict[type, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {}


def _holds_nodes(annotation) -> bool:
    import typing

    if isinstance(annotation, type):
        return issubclass(annotation, _MOVABLE)
    if typing.get_origin(annotation) is typing.Literal:
        return False  # a node's `kind`: its arguments are strings, not forward references
    if isinstance(annotation, typing.ForwardRef) or isinstance(annotation, str):
        return True  # "Rule", "Section": recursive node types
    return any(_holds_nodes(arg) for arg in typing.get_args(annotation))


def _plan(cls: type) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The fields, the span fields and the fields that may hold nodes, of a node class."""
    plan = _PLANS.get(cls)
    if plan is None:
        import typing

        hints = typing.get_type_hints(cls)
        names = field_names(cls)
        spans = tuple(n for n in names if n in SPAN_FIELDS)
        children = tuple(n for n in names if n not in SPAN_FIELDS and _holds_nodes(hints[n]))
        plan = _PLANS[cls] = (names, spans, children)
    return plan


def shift(value, d_offset: int, d_line: int):
    """A tree (or list of trees) moved down by `d_line` lines and `d_offset`
    characters: a copy, or `value` itself when it does not move."""
    if d_offset == 0 and d_line == 0:
        return value
    return moved_copy(value, d_offset, d_line)


def moved_copy(value, d_offset: int, d_line: int):
    """A copy of a tree, a finding (with its related places and fix) or a list of
    them, moved down by `d_line` lines and `d_offset` characters; always a copy."""
    return _Shifter(d_offset, d_line).copy(value)


class _Shifter:
    """Copies trees with their spans moved (the editor's hot path after an edit:
    every block below the edit moves)."""

    __slots__ = ("d_offset", "d_line")

    def __init__(self, d_offset: int, d_line: int):
        self.d_offset = d_offset
        self.d_line = d_line

    def copy(self, value):
        if type(value) is list:
            copy = self.copy
            return [copy(v) for v in value]
        cls = type(value)
        plan = _PLANS.get(cls)
        if plan is None:
            if not isinstance(value, _MOVABLE):
                return value
            plan = _plan(cls)
        names, spans, children = plan
        fields = {name: getattr(value, name) for name in names}
        dl, do = self.d_line, self.d_offset
        for key in spans:
            s = fields[key]
            if s is not None:
                fields[key] = _new_tuple(Span, (s[0] + dl, s[1], s[2] + do, s[3] + dl, s[4], s[5] + do))
        for key in children:
            item = fields[key]
            if item:
                fields[key] = self.copy(item)
        return cls(**fields)


_new_tuple = tuple.__new__


def blocks(text: str) -> list[tuple[int, int, int]]:
    """(start offset, end offset, start line) of the top-level blocks of `text`."""
    statement = keyword_patterns().statement
    starts: list[tuple[int, int]] = []
    offset, line = 0, 1
    length = len(text)
    while offset <= length:
        end = text.find("\n", offset)
        if end < 0:
            end = length
        if offset < end and text[offset] not in " \t#\r" and statement.match(text, offset, end):
            starts.append((offset, line))
        offset = end + 1
        line += 1
    if not starts:
        starts = [(0, 1)]
    else:
        starts[0] = (0, 1)  # comments and blank lines before the first statement go with it
    out = []
    for i, (start, first_line) in enumerate(starts):
        stop = starts[i + 1][0] if i + 1 < len(starts) else length
        out.append((start, stop, first_line))
    return out


class IncrementalParser:
    """Parses documents block by block, remembering the blocks it has seen.

    `blocks` and `placed` may be shared by the parsers of several threads (the
    language server's): both hold trees that nobody changes.
    """

    def __init__(self, max_bytes: int = BLOCK_BYTES, *, blocks: ByteLRU | None = None, placed: ByteLRU | None = None):
        #: parsed blocks by (text, first block?), least recently used out first
        self.cache = blocks if blocks is not None else ByteLRU(max_bytes, "parsed blocks")
        #: by document, its blocks already moved to their place, by (text, first,
        #: offset, line, path): a keystroke leaves the blocks before it where they were
        self.placed = placed if placed is not None else ByteLRU(PLACED_BYTES, "placed blocks")
        #: the blocks of the latest parse of this parser: ((block text, first), start,
        #: stop, first line), or None when it was parsed whole (see `specdsl.linting.reuse`);
        #: only the latest, by its path
        self.layout: dict[str | None, list[tuple[tuple[str, bool], int, int, int]] | None] = {}
        self.hits = 0
        self.misses = 0

    def forget(self, path: str | None) -> None:
        """Let go of what is kept for the document at `path` (it was closed)."""
        self.placed.pop(path)
        self.layout.pop(path, None)

    def _block(self, text: str, first: bool, path: str | None) -> tuple[Spec, int]:
        """A block's tree, and its estimated size."""
        key = (text, first)
        entry = self.cache.entry(key)
        if entry is not None:
            self.hits += 1
            return entry
        self.misses += 1
        if not first and text.startswith("spec"):
            spec = _after_a_statement(text, path)
        else:
            spec = parse(text, path, has_previous=not first)
        size = tree_bytes(text)
        self.cache.put(key, spec, size)
        return spec, size

    def parse(self, text: str, path: str | None = None) -> Spec:
        with paused_gc():  # moving blocks copies many small nodes
            return self._parse(text, path)

    def _parse(self, text: str, path: str | None) -> Spec:
        if "\r" in text or "\t" in text or text.startswith("\ufeff"):
            self.layout = {path: None}
            return parse(text, path)  # rare layouts (tabs are judged file-wide): parse whole
        header = None
        body: list = []
        comments: list = []
        directives: list = []
        diagnostics: list = []
        seen = False  # a statement was read before (a header is allowed only before any)
        placed: dict[tuple, tuple] = {}
        layout: list[tuple[tuple[str, bool], int, int, int]] = []
        previous = self.placed.get(path) or {}
        size = 0  # of the placed blocks
        for start, stop, line in blocks(text):
            block_text = text[start:stop]
            layout.append(((block_text, not seen), start, stop, line))
            key = (block_text, not seen, start, line, path)
            moved = previous.get(key)
            if moved is None:
                part, part_size = self._block(block_text, not seen, path)
                d_offset, d_line = start, line - 1
                moved_diagnostics = []
                for d in part.diagnostics:
                    m = shift(d, d_offset, d_line)
                    m.path = path
                    moved_diagnostics.append(m)
                moved = (
                    shift(part.header, d_offset, d_line) if part.header is not None else None,
                    shift(part.body, d_offset, d_line),
                    shift(part.comments, d_offset, d_line),
                    shift(part.directives, d_offset, d_line),
                    moved_diagnostics,
                    part_size,
                )
            placed[key] = moved
            block_header, block_body, block_comments, block_directives, block_diagnostics, block_size = moved
            size += block_size
            seen = seen or block_header is not None or bool(block_body)
            if block_header is not None:
                header = block_header
            body += block_body
            comments += block_comments
            directives += block_directives
            diagnostics += block_diagnostics
        # only each document's latest placements are worth keeping
        self.placed.put(path, placed, size)
        self.layout = {path: layout}
        last_line_start = text.rfind("\n") + 1
        return Spec.make(
            span=make_span(1, 1, 0, text.count("\n") + 1, len(text) - last_line_start + 1, len(text)),
            header=header,
            body=body,
            comments=comments,
            directives=directives,
            diagnostics=sorted(diagnostics, key=lambda d: d.span.offset),
        )


#: A statement put before a block that must not be parsed as the file's first
#: (a second `spec` header is an error only after other statements).
_PREFIX = "rule SPECLINT__PREVIOUS: x\n"


def _after_a_statement(text: str, path: str | None) -> Spec:
    spec = parse(_PREFIX + text, path, has_previous=True)
    body = [item for item in spec.body if getattr(item, "id", None) != "SPECLINT__PREVIOUS"]
    moved = shift(
        Spec.make(span=spec.span, header=spec.header, body=body, comments=spec.comments,
                  directives=spec.directives, diagnostics=spec.diagnostics),
        -len(_PREFIX),
        -1,
    )
    return moved
