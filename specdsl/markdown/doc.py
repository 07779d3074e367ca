"""One document being read: its text, what reading it gathers, and the helpers every stage uses.

`Doc` is passed to each stage as an argument (it is data, not a base class):
the source and its positions, the statistics, the diagnostics and
suppression directives found, the anchors and the ids already taken. Its
methods only turn blocks into offsets, spans and `_Text`, and make rules
with ids that do not collide; what becomes what is decided by the stages.
"""

from __future__ import annotations

import re

from ..syntax.ast import Directive, Header, Levels
from ..core.diagnostics import Diagnostic, Severity, Span
from ..core.spans import _new_span
from .source import _lines_text, _Source, _Text, range_text
from .state import MarkdownStats, _RuleB
from .tokens import _md, _Node


#: A word: what an id that is not written in the source points at.
_WORD = re.compile(r"\S+")


class Doc:
    """What reading one document keeps, and the helpers every stage uses."""

    def __init__(self, text: str, path: str | None, masked: str | None = None):
        self.path = path
        self.text = text
        self.src = _Source(text, masked)
        self.stats = MarkdownStats()
        #: whether markdown-it is given the text as written (nothing masked: `reader.prepared_doc`)
        self.as_written = False
        self.diagnostics: list[Diagnostic] = []
        self.directives: list[Directive] = []
        self.header: Header | None = None
        self.levels: Levels | None = None
        self.anchors: set[str] = set()
        self.rule_ids: set[str] = set()
        self.used_ids: dict[str, int] = {}
        self.explicit_ids: set[str] = set()
        self.all_rules: list[_RuleB] = []
        self.env: dict = {}
        self._suffix: dict[str, int] = {}  # the last number `unique` gave a base
        self.node_links: dict[int, list] = {}  # a block's link references (see `pieces.node_links`)
        self.linked: set[tuple] = set()  # the links given to a rule already (where, and to what)

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
        text = self.src.masked
        first, last = m[0], max(m[0], m[1] - 1)
        while last > first:
            a, b = self.src.bounds(last)
            if text[a:b].strip():
                break
            last -= 1
        a, _ = self.src.bounds(first)
        _, b = self.src.bounds(last)
        while a < b and text[a] in " \t":
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
        exact = tok.meta.get("range") if tok.meta else None
        if exact is not None:  # text whose offsets are known (an HTML element's, see `htmlblocks`)
            return range_text(self.src, *exact)
        return _lines_text(self.src, tok.map[0], tok.content.split("\n"))

    def left_out(self, node: _Node) -> None:
        """Content that no node of the tree keeps (`convert` keeps it as comments)."""
        a, b = self.node_range(node)
        if b > a:
            self.stats.left_out.append((a, b))

    # -- rules and ids -------------------------------------------------------
    def point_id(self, rule: _RuleB, text: _Text | None, fallback: int) -> None:
        """An id that is not written in the source points at the first word of the rule's text."""
        if text:
            a = text.start
            word = _WORD.match(self.text, a, text.segs[0][1])
            b = word.end() if word else a
            b = max(b, a + 1) if a < len(self.text) else a
            at = rule.text.span if rule.text is not None else None
            if at is not None and at.offset == a:  # the first word is on the text's first line
                rule.id_span = _new_span((at.line, at.column, a, at.line, at.column + b - a, b))
            else:
                rule.id_span = self.span(a, b)
        else:
            rule.id_span = self.span(fallback, fallback)

    def unique(self, base: str) -> str:
        """`base`, or `base-2`, `base-3` … if an id is taken (generated ids never take an author's)."""
        rid, n = base, self._suffix.get(base, 1)
        if n > 1:
            rid = f"{base}-{n}"
        while rid in self.used_ids or rid in self.explicit_ids:
            n += 1
            rid = f"{base}-{n}"
        self._suffix[base] = n
        self.used_ids[rid] = 1
        return rid

    def new_rule(self, kind: str, a: int, b: int, level: int = 99, origin: str | None = None) -> _RuleB:
        rule = _RuleB(kind=kind, id="", id_span=None, auto_id=kind == "subrule", start=a, end=b, level=level)
        rule.origin = origin
        self.all_rules.append(rule)
        return rule

    # -- diagnostics ---------------------------------------------------------
    def problem(self, a: int, b: int, message: str) -> None:
        self.diagnostics.append(
            Diagnostic.make(code="S001", name="syntax-error", severity=Severity.ERROR, message=message,
                            span=self.span(a, b), path=self.path)
        )
