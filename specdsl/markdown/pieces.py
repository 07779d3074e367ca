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
from .doc import Doc
from .patterns import _ALERT, _DIRECTIVE, _EXAMPLE, _TEMPLATE_LINE, _TERM, _plain
from .source import _join, _piece_ranges, _Text
from .state import _RuleB
from .tokens import _Node


def term(doc: Doc, text: _Text) -> Term | None:
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
    definition = text.cut(m.end(), len(s), doc.text)
    prose = definition.prose(doc.src) if definition else None
    return Term.make(span=doc.span(text.start, text.end), name=name, name_span=doc.span(na, nb), definition=prose)


def container_text(doc: Doc, node: _Node) -> _Text:
    """The text of every paragraph and list item inside an admonition or a quote."""
    texts: list[_Text] = []
    stack = list(reversed(node.children))
    while stack:
        child = stack.pop()
        if child.type in ("admonition_title",):
            continue
        if child.inline is not None and child.type in ("paragraph", "heading"):
            t = doc.inline_text(child)
            if t:
                alert = _ALERT.match(t.text)
                if alert:
                    t = t.cut(alert.end(), len(t.text), doc.text)
                if t:
                    texts.append(t)
            continue
        stack.extend(reversed(child.children))
    return _join(texts, doc.text)


def is_alert(node: _Node) -> bool:
    first = node.children[0] if node.children else None
    return bool(first is not None and first.type == "paragraph" and first.inline is not None
                and _ALERT.match(first.inline.content))


def ignorable(doc: Doc, node: _Node, text: _Text) -> bool:
    """A table of contents (nothing but links) or a line of template tags."""
    s = text.text
    if all(_TEMPLATE_LINE.match(s[a:b]) for a, b in _piece_ranges(text)):
        return True
    tok = node.inline
    if tok is None or not tok.content.startswith("["):
        return False  # a table of contents is links and nothing else: it starts with one
    links = 0
    depth = 0
    for child in doc.children(tok):
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


def links(doc: Doc, node: _Node, owner: _RuleB, within: tuple[int, int] | None = None) -> None:
    """The references of the `[…](#id)` links in a block (`within`: only those whose id
    stands between these offsets, as a sentence's own links), each link given once."""
    for ref in node_links(doc, node):
        at = ref.span.offset
        key = (at, ref.span.end_offset, ref.value)  # the same link, seen from a block and from a block in it
        if key in doc.linked or (within is not None and not within[0] <= at < within[1]):
            continue
        doc.linked.add(key)
        owner.links.append(ref)


def node_links(doc: Doc, node: _Node) -> list[Reference]:
    """The references of the `[…](#id)` links in a block and the blocks inside it, with the
    span of each id (worked out once per block)."""
    cached = doc.node_links.get(id(node))
    if cached is not None:
        return cached
    out: list[Reference] = []
    doc.node_links[id(node)] = out
    tokens = []
    stack = [node]
    while stack:
        n = stack.pop()
        if n.inline is not None and ("](" in n.inline.content or (doc.env.get("references") and "[" in n.inline.content)):
            tokens.append(n.inline)
        stack.extend(reversed(n.children))
    if not tokens:
        return out
    a, b = doc.node_range(node)
    cursor = a
    for tok in tokens:
        for child in doc.children(tok):
            if child.type != "link_open":
                continue
            href = child.attrGet("href") or ""
            if not href.startswith("#") or len(href) < 2:
                continue
            target = unquote(href[1:])
            doc.stats.links += 1
            at = doc.text.find("#" + target, cursor, b)
            if at < 0:
                at = doc.text.find(href, cursor, b)
                size = len(href) - 1
            else:
                size = len(target)
            if at < 0:
                span = doc.span(a, a)
            else:
                span = doc.span(at + 1, at + 1 + size)
                cursor = at + 1 + size
            out.append(Reference.make(span=span, value=target))
    return out


# ---------------------------------------------------------------- directives

#: Blocks that are never content: rules (hr), footnotes, front matter.
SKIPPED = ("hr", "footnote_block", "footnote", "front_matter", "footnote_reference_open")


def skip(doc: Doc, node: _Node) -> bool:
    """Blocks that are never content: HTML (but its suppressions are read), and `SKIPPED`."""
    if node.type == "html_block":
        html(doc, node)
        return True
    return node.type in SKIPPED


def html(doc: Doc, node: _Node) -> None:
    content = node.tok.content or ""
    if "speclint" not in content:
        return
    a, b = doc.node_range(node)
    for m in _DIRECTIVE.finditer(doc.text, a, b):
        scope = m.group(1)
        codes = []
        start = m.start(2)
        for cm in re.finditer(r"[A-Za-z][A-Za-z0-9-]*", m.group(2)):
            codes.append(Name.make(span=doc.span(start + cm.start(), start + cm.end()), value=cm.group()))
        reason = (m.group(3) or "").strip() or None
        line, column = doc.src.position(m.start())
        doc.directives.append(
            Directive.make(span=doc.span(m.start(), m.end()), scope=scope, codes=codes, reason=reason, indent=column - 1)
        )
