"""The reader's state and the helpers every part of it uses.

`_ReaderBase` holds what reading one document accumulates (anchors, rule ids,
directives, diagnostics, stats), turns blocks into source offsets, spans and
`_Text`, and parses a block's inline tokens (links, emphasis) only when a
part of the reader asks for them. It also makes the rules that every kind of
block makes (with unique ids and their spans). The mixins in the sibling
modules build on it and call one another's methods through `self`;
`reader._Reader` composes them.
"""

from __future__ import annotations

from ..syntax.ast import Directive, Header, Levels
from ..core.diagnostics import Diagnostic, Severity, Span
from .source import _lines_text, _Source, _Text
from .state import MarkdownStats, _RuleB
from .tokens import _md, _Node


class _ReaderBase:
    """What reading one document keeps, and the helpers every part of the reader uses."""

    def __init__(self, text: str, path: str | None):
        self.path = path
        self.src = _Source(text)
        self.text = text
        self.stats = MarkdownStats()
        self.diagnostics: list[Diagnostic] = []
        self.directives: list[Directive] = []
        self.header: Header | None = None
        self.levels: Levels | None = None
        self.anchors: set[str] = set()
        self.rule_ids: set[str] = set()
        self.used_ids: dict[str, int] = {}
        self.explicit_ids: set[str] = set()
        self.attribute_mode = False
        self.all_rules: list[_RuleB] = []
        self.last_rule: _RuleB | None = None  # inference mode: reasons right after it are its own
        self.env: dict = {}

    # -- spans ---------------------------------------------------------------
    def span(self, a: int, b: int) -> Span:
        return self.src.span(a, b)

    def node_range(self, node: _Node) -> tuple[int, int]:
        """Source offsets of a block: its first line's content to its last non-blank line's end."""
        if node.range is not None:
            return node.range
        m = node.map
        if not m:
            return 0, 0
        first, last = m[0], max(m[0], m[1] - 1)
        while last > first:
            a, b = self.src.bounds(last)
            if self.text[a:b].strip():
                break
            last -= 1
        a, _ = self.src.bounds(first)
        _, b = self.src.bounds(last)
        while a < b and self.text[a] in " \t":
            a += 1
        node.range = (a, b)
        return a, b

    def children(self, tok) -> list:
        """The inline tokens of a block's text (links, emphasis), parsed on first use."""
        if tok is None:
            return []
        if tok.children is None or (not tok.children and tok.content):
            tok.children = []
            if "[" in tok.content or "<" in tok.content:
                md = _md()
                md.inline.parse(tok.content, md, self.env, tok.children)
            else:
                from markdown_it.token import Token

                tok.children = [Token("text", "", 0, content=tok.content)]
        return tok.children

    def inline_text(self, node: _Node) -> _Text:
        tok = node.inline
        if tok is None or not tok.map:
            return _Text([], [], self.text)
        return _lines_text(self.src, tok.map[0], tok.content.split("\n"))

    # -- rules and ids (every kind of block makes rules) ---------------------
    def _point_id(self, rule: _RuleB, text: _Text | None, fallback: int) -> None:
        """An id that is not written in the source points at the first word of the rule's text."""
        if text:
            a = text.start
            b = a
            while b < text.segs[0][1] and not self.text[b].isspace():
                b += 1
            rule.id_span = self.span(a, max(b, a + 1) if a < len(self.text) else a)
        else:
            rule.id_span = self.span(fallback, fallback)

    def _unique(self, base: str) -> str:
        """`base`, or `base-2`, `base-3` … if an id is taken (generated ids never take an author's)."""
        rid, n = base, 1
        while rid in self.used_ids or rid in self.explicit_ids:
            n += 1
            rid = f"{base}-{n}"
        self.used_ids[rid] = 1
        return rid

    def _new_rule(self, kind: str, parent: _RuleB | None, a: int, b: int, level: int = 99) -> _RuleB:
        rule = _RuleB(kind=kind, id="", id_span=self.span(a, a), auto_id=kind == "subrule", start=a, end=b, level=level)
        self.all_rules.append(rule)
        return rule

    # -- diagnostics ---------------------------------------------------------
    def _problem(self, a: int, b: int, message: str) -> None:
        self.diagnostics.append(
            Diagnostic.make(code="S001", name="syntax-error", severity=Severity.ERROR, message=message,
                            span=self.span(a, b), path=self.path)
        )
