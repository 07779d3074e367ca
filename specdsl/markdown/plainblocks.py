"""Blocks of a plain-text prompt, found line by line (no Markdown parser).

A plain-text prompt (`.txt`, `.cursorrules`, a Jinja template, the strings
of a YAML prompt file) is read by lines: most of its lines are instructions
of their own, its indentation is nesting rather than code, and it is often
large (a folder of generated prompts), so the CommonMark parser is not
needed and is the slowest part of reading one. Each line is one of:

- blank (or the blanked line of a tag or a template statement): it ends
  the block before it;
- a fence (three or more backticks or tildes) opening or closing fenced
  code, kept as a fence block (a transcript in it is an example);
- `#` to `######` and a space: a heading;
- a list marker (`-`, `*`, `+`, `•`, `1.`, `1)`) and a space: a list item;
  a run of items makes a list, and an item indented deeper than the one
  before is nested in it; lines indented under an item continue it;
- anything else: a line of a paragraph (consecutive lines make one).

The blocks are the same `_Node`s markdown-it's tokens fold into (`tokens`),
with light tokens (`_Tok`) that carry what the reader uses: line map, tag,
list marker, fence info and content. Inline Markdown (links, emphasis) is
parsed later, only in the blocks that need it, as for Markdown files.
"""

from __future__ import annotations

import re

from .tokens import _Node
from ..core import precompiled

_FENCE = precompiled.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$")
_HEADING = precompiled.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(?=\S)")
_ITEM = precompiled.compile(r"^([ \t]*)([-*+•]|\d{1,9}[.)])[ \t]+(?=\S)")
#: A line of one repeated mark under (and in reStructuredText also over) a title:
#: "Attribution" / "===========" (a setext heading in Markdown, a section title in reST).
_UNDERLINE_MARKS = "=-~^+*#\"'`:."
_UNDERLINE = precompiled.compile(rf"^([{re.escape(_UNDERLINE_MARKS)}])\1{{2,}}[ \t]*$")
#: reStructuredText's explicit markup that is not prose: a comment, a directive, a link
#: target (".. SPDX-License-Identifier: …", ".. _label:", ".. note::").
_RST_MARKUP = precompiled.compile(r"^\.\.(?:[ \t]|$)")


class _Tok:
    """What the reader reads of a token: the attributes markdown-it's `Token` has."""

    __slots__ = ("type", "tag", "map", "markup", "info", "content", "children", "meta", "nesting")

    def __init__(self, type_: str, tag: str = "", map_: list[int] | None = None, content: str = "",
                 markup: str = "", info: str = ""):
        self.type = type_
        self.tag = tag
        self.map = map_
        self.content = content
        self.markup = markup
        self.info = info
        self.children = None
        self.meta: dict = {}
        self.nesting = 1


def plain_blocks(masked: str, cuts: frozenset[int] = frozenset()) -> list[_Node]:
    """The blocks of a plain-text prompt (`masked`: its text with tags and template syntax
    blanked out; `cuts`: the lines where a tag section opens or closes, which no block
    runs across)."""
    lines = masked.split("\n")
    out: list[_Node] = []
    para: list[int] = []  # the lines of the paragraph being read
    lists: list[tuple[int, _Node]] = []  # open lists: (indentation, list node)
    item_indent = -1  # where the text of the last item starts (its continuation lines are deeper)
    fence: tuple[str, int, int] | None = None  # (marker character, length, first line)
    levels: dict[str, int] = {}  # an underline's mark -> its heading level, in the order first seen (reST's way)
    n = len(lines)
    k = 0
    while k < n:
        line = lines[k]
        if fence is not None:
            m = _FENCE.match(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= fence[1] and not m.group(2).strip():
                _fence(out, lists, lines, fence[2], k)
                fence = None
            k += 1
            continue
        stripped = line.strip()
        if k in cuts and (para or lists):
            _flush(out, lists, lines, para)  # a tag opens or closes here: a new block
            para = []
            lists = []
            item_indent = -1
        if not stripped:
            _flush(out, lists, lines, para)
            para = []
            if k + 1 < n and lines[k + 1][:1] not in (" ", "\t"):
                lists = []
                item_indent = -1
            k += 1
            continue
        m = _FENCE.match(line)
        if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
            _flush(out, lists, lines, para)
            para = []
            fence = (m.group(1)[0], len(m.group(1)), k)
            k += 1
            continue
        if line[:2] == ".." and _RST_MARKUP.match(line) and not lists:
            _flush(out, lists, lines, para)
            para = []
            k += 1
            continue
        title = _underlined_title(lines, k) if not para and not lists and _may_underline(lines, k) else None
        if title is not None:
            first, last, mark = title
            level = levels.setdefault(mark, min(len(levels) + 1, 6))
            text_line = first + 1 if _UNDERLINE.match(lines[first]) else first
            node = _Node("heading", _Tok("heading_open", f"h{level}", [text_line, text_line + 1], markup=mark))
            node.inline = _Tok("inline", map_=[text_line, text_line + 1], content=lines[text_line].strip())
            out.append(node)
            k = last + 1
            continue
        h = _HEADING.match(line)
        if h:
            _flush(out, lists, lines, para)
            para = []
            lists = []
            item_indent = -1
            node = _Node("heading", _Tok("heading_open", f"h{len(h.group(1))}", [k, k + 1], markup=h.group(1)))
            node.inline = _Tok("inline", map_=[k, k + 1], content=line[h.end():].rstrip())
            out.append(node)
            k += 1
            continue
        it = _ITEM.match(line)
        if it:
            _flush(out, lists, lines, para)
            para = [k]
            indent = len(it.group(1).expandtabs(4))
            marker = it.group(2)
            ordered = marker[0].isdigit()
            while lists and lists[-1][0] > indent:
                lists.pop()
            if not lists or lists[-1][0] < indent:
                lst = _Node("ordered_list" if ordered else "bullet_list",
                            _Tok("ordered_list_open" if ordered else "bullet_list_open", "ol" if ordered else "ul", [k, k + 1]))
                parent = lists[-1][1].children[-1] if lists and lists[-1][1].children else None
                (parent.children if parent is not None else out).append(lst)
                lists.append((indent, lst))
            lst = lists[-1][1]
            item = _Node("list_item", _Tok("list_item_open", "li", [k, k + 1], markup=marker[-1] if ordered else marker,
                                           info=marker[:-1] if ordered else ""))
            lst.children.append(item)
            item_indent = it.end() - len(it.group(1)) + indent
            k += 1
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        if lists and indent < item_indent:
            _flush(out, lists, lines, para)  # a line left of the items' text ends the list
            para = []
            lists = []
            item_indent = -1
        para.append(k)
        k += 1
    if fence is not None:
        _fence(out, lists, lines, fence[2], n - 1)
    _flush(out, lists, lines, para)
    return out


def _may_underline(lines: list[str], k: int) -> bool:
    """Whether line `k` or the next could be a title's over- or underline (a cheap test of
    its first character before the patterns)."""
    return (lines[k][:1] or "\n") in _UNDERLINE_MARKS or (k + 1 < len(lines) and (lines[k + 1][:1] or "\n") in _UNDERLINE_MARKS)


def _underlined_title(lines: list[str], k: int) -> tuple[int, int, str] | None:
    """(first line, last line, mark) when line `k` starts an underlined title: a line of
    words, not indented and not a list item, with a line of one repeated mark at least
    three long right under it (and, reST's overline form, the same line over it)."""
    n = len(lines)
    over = _UNDERLINE.match(lines[k])
    start = k + 1 if over else k
    if start + 1 >= n:
        return None
    text = lines[start]
    if not text.strip() or text[:1] in (" ", "\t") or _ITEM.match(text) or _UNDERLINE.match(text) or _HEADING.match(text):
        return None
    under = _UNDERLINE.match(lines[start + 1])
    if under is None or (over is not None and over.group(1) != under.group(1)):
        return None
    return k, start + 1, under.group(1) * (2 if over else 1)


def _flush(out: list[_Node], lists: list, lines: list[str], para: list[int]) -> None:
    """The paragraph of lines `para`: an item's first paragraph, or a paragraph of its own."""
    if not para:
        return
    first, last = para[0], para[-1]
    content = []
    for k in para:
        line = lines[k]
        if k == first:
            it = _ITEM.match(line)
            if it:
                line = line[it.end():]
        content.append(line.strip())
    node = _Node("paragraph", _Tok("paragraph_open", "p", [first, last + 1]))
    node.inline = _Tok("inline", map_=[first, last + 1], content="\n".join(content))
    item = lists[-1][1].children[-1] if lists and lists[-1][1].children else None
    if item is not None and item.tok.map[0] <= first and (item.children == [] or _ITEM.match(lines[first]) is None):
        item.children.append(node)
        item.tok.map[1] = last + 1
        for _, lst in lists:
            lst.tok.map[1] = max(lst.tok.map[1], last + 1)
        return
    out.append(node)


def _fence(out: list[_Node], lists: list, lines: list[str], first: int, last: int) -> None:
    m = _FENCE.match(lines[first])
    node = _Node("fence", _Tok("fence", "code", [first, last + 1], content="".join(l + "\n" for l in lines[first + 1 : last]),
                               markup=m.group(1) if m else "```", info=(m.group(2).strip() if m else "")))
    out.append(node)
