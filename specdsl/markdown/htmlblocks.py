"""Text in HTML blocks: the headings, paragraphs and list items a page wrote in HTML.

Some specs are published as Markdown pages whose body is HTML
(`<div class="article"><h4>1. Response Quality</h4><p>The AI should …</p></div>`);
CommonMark keeps such a block as raw HTML, which the reader would skip. Here
the elements that hold prose in an HTML block become the blocks the rest of
the reader knows: `<h1>`–`<h6>` headings, `<p>` (and `<dd>`, `<td>`)
paragraphs, `<ul>`/`<ol>` lists of `<li>` items. Their text is the source
between the element's tags, so every span points at the author's
characters (inline tags such as `<strong>` stay in it; the reader's
analysis looks past them). Comments (`<!-- … -->`, where suppressions
live), and blocks with no such element (an image, a `<details>`), stay HTML
blocks.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .doc import Doc
from .tokens import _Node
from ..core import precompiled

#: An element that holds prose: its name, attributes and inner text (not nested in itself).
_ELEMENT = precompiled.compile(r"<(h[1-6]|p|li|dd|td|th|ul|ol)\b[^>]*>|</(ul|ol)\s*>", re.I)
_CLOSE = {name: re.compile(rf"</{name}\s*>|<(?:p|h[1-6]|ul|ol|div|table|li)\b", re.I)
          for name in ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dd", "td", "th")}


def expand(doc: Doc, nodes: list[_Node]) -> list[_Node]:
    """`nodes` with each HTML block that holds prose elements replaced by their blocks."""
    if not any(n.type == "html_block" for n in nodes):
        return nodes
    out: list[_Node] = []
    for node in nodes:
        if node.type == "html_block" and node.map and not (node.tok.content or "").lstrip().startswith("<!--"):
            made = _blocks(doc, node)
            if made:
                out.extend(made)
                continue
        out.append(node)
    return out


def _blocks(doc: Doc, node: _Node) -> list[_Node]:
    from markdown_it.token import Token

    first, last = node.map[0], node.map[1]
    starts = doc.src.starts
    lo = starts[first] if first < len(starts) else len(doc.src.masked)
    hi = starts[last] if last < len(starts) else len(doc.src.masked)
    text = doc.src.masked
    out: list[_Node] = []
    lists: list[_Node] = []  # the open lists
    pos = lo
    while True:
        m = _ELEMENT.search(text, pos, hi)
        if m is None:
            break
        if m.group(2):  # a list closes
            if lists:
                lists.pop()
            pos = m.end()
            continue
        name = m.group(1).lower()
        if name in ("ul", "ol"):
            lst = _Node("bullet_list" if name == "ul" else "ordered_list", Token(f"{name}_open", name, 1))
            lst.tok.map = [_line(doc, m.start()), _line(doc, m.start()) + 1]
            (lists[-1].children[-1].children if lists and lists[-1].children else out).append(lst)
            lists.append(lst)
            pos = m.end()
            continue
        close = _CLOSE[name].search(text, m.end(), hi)
        end = close.start() if close else hi
        pos = close.end() if close and close.group(0).startswith("</") else end
        inner = text[m.end() : end]
        if not inner.strip():
            continue
        a = m.end() + len(inner) - len(inner.lstrip())
        b = end - (len(inner) - len(inner.rstrip()))
        block = _text_node(doc, "heading" if name[0] == "h" and name != "th" else "paragraph", name, a, b)
        if name == "li" and lists:
            item = _Node("list_item", Token("list_item_open", "li", 1, map=list(block.tok.map), markup=""))
            item.children.append(block)
            item.range = (a, b)
            lists[-1].children.append(item)
            lists[-1].tok.map[1] = block.tok.map[1]
        else:
            out.append(block)
    return out


def _line(doc: Doc, offset: int) -> int:
    return bisect_right(doc.src.starts, offset) - 1


def _text_node(doc: Doc, kind: str, tag: str, a: int, b: int) -> _Node:
    from markdown_it.token import Token

    la, lb = _line(doc, a), _line(doc, b)
    tok = Token(f"{kind}_open", tag if kind == "heading" else "p", 1, map=[la, lb + 1])
    node = _Node(kind, tok)
    node.inline = Token("inline", "", 0, map=[la, lb + 1], content=doc.src.masked[a:b], children=None, meta={"range": (a, b)})
    node.range = (a, b)
    return node
