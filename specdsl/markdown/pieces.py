"""Pieces inside blocks: terms, container text, navigation, links, directives.

`**Term**: definition` terms, the text of admonitions and quotes (GitHub
alerts), tables of contents and template lines that are not content, the
`[…](#id)` links that become references, and `<!-- speclint: ignore[…] -->`
suppressions in HTML blocks.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from ..syntax.ast import Directive, Name, Reference, Term
from .base import _ReaderBase
from .patterns import _ALERT, _DIRECTIVE, _EXAMPLE, _TEMPLATE_LINE, _TERM, _plain
from .source import _join, _piece_ranges, _Text
from .state import _RuleB
from .tokens import _Node


class _Pieces(_ReaderBase):
    # -- pieces ----------------------------------------------------------------
    def _term(self, text: _Text) -> Term | None:
        s = text.text
        m = _TERM.match(s)
        if m is None or not (m.group("c1") or m.group("c2")):
            return None
        if _EXAMPLE.match(s):
            return None
        name = _plain(m.group("name"))
        if not name or len(name) > 80:
            return None
        na = text.source_offset(m.start("name"))
        nb = text.source_offset(m.end("name"), end=True)
        definition = text.cut(m.end(), len(s), self.text)
        prose = definition.prose(self.src) if definition else None
        return Term.make(span=self.span(text.start, text.end), name=name, name_span=self.span(na, nb), definition=prose)

    def _container_text(self, node: _Node) -> _Text:
        """The text of every paragraph and list item inside an admonition or a quote."""
        texts: list[_Text] = []
        stack = list(reversed(node.children))
        while stack:
            child = stack.pop()
            if child.type in ("admonition_title",):
                continue
            if child.inline is not None and child.type in ("paragraph", "heading"):
                t = self.inline_text(child)
                if t:
                    alert = _ALERT.match(t.text)
                    if alert:
                        t = t.cut(alert.end(), len(t.text), self.text)
                    if t:
                        texts.append(t)
                continue
            stack.extend(reversed(child.children))
        return _join(texts, self.text)

    def _alert(self, node: _Node) -> bool:
        first = node.children[0] if node.children else None
        return bool(first is not None and first.type == "paragraph" and first.inline is not None
                    and _ALERT.match(first.inline.content))

    def _ignorable(self, node: _Node, text: _Text) -> bool:
        """A table of contents (nothing but links) or a line of template tags."""
        s = text.text
        if all(_TEMPLATE_LINE.match(s[a:b]) for a, b in _piece_ranges(text)):
            return True
        tok = node.inline
        if tok is None or not tok.content.startswith("["):
            return False  # a table of contents is links and nothing else: it starts with one
        links = 0
        depth = 0
        for child in self.children(tok):
            if child.type == "link_open":
                href = child.attrGet("href") or ""
                if not (href.startswith("#") or re.match(r"^[\w./-]+\.(?:md|markdown|html?)(?:#|$)", href)):
                    return False  # a link out of the document is content, not navigation
                links += 1
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            elif depth == 0:
                if child.type in ("softbreak", "hardbreak"):
                    continue
                if child.type == "text" and not re.sub(r"[\s|•·,;–—\-*]+", "", child.content):
                    continue
                return False
        return links > 0

    def _links(self, node: _Node, owner: _RuleB) -> None:
        """References of the `[…](#id)` links in a block, with the span of each id."""
        tokens = []
        stack = [node]
        while stack:
            n = stack.pop()
            if n.inline is not None and ("](" in n.inline.content or (self.env.get("references") and "[" in n.inline.content)):
                tokens.append(n.inline)
            stack.extend(reversed(n.children))
        if not tokens:
            return
        a, b = self.node_range(node)
        cursor = a
        for tok in tokens:
            for child in self.children(tok):
                if child.type != "link_open":
                    continue
                href = child.attrGet("href") or ""
                if not href.startswith("#") or len(href) < 2:
                    continue
                target = unquote(href[1:])
                self.stats.links += 1
                at = self.text.find("#" + target, cursor, b)
                if at < 0:
                    at = self.text.find(href, cursor, b)
                    size = len(href) - 1
                else:
                    size = len(target)
                if at < 0:
                    span = self.span(a, a)
                else:
                    span = self.span(at + 1, at + 1 + size)
                    cursor = at + 1 + size
                owner.links.append(Reference.make(span=span, value=target))

    # -- directives ----------------------------------------------------------
    def _html(self, node: _Node) -> None:
        content = node.tok.content or ""
        if "speclint" not in content:
            return
        a, b = self.node_range(node)
        for m in _DIRECTIVE.finditer(self.text, a, b):
            scope = m.group(1)
            codes = []
            start = m.start(2)
            for cm in re.finditer(r"[A-Za-z][A-Za-z0-9-]*", m.group(2)):
                codes.append(Name.make(span=self.span(start + cm.start(), start + cm.end()), value=cm.group()))
            reason = (m.group(3) or "").strip() or None
            line, column = self.src.position(m.start())
            self.directives.append(
                Directive.make(span=self.span(m.start(), m.end()), scope=scope, codes=codes, reason=reason, indent=column - 1)
            )
