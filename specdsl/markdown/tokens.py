"""markdown-it and its tokens as a tree.

`_md()` makes the CommonMark parser (front matter, footnotes, admonitions, GFM
tables) on first use only, so that importing speclint does not import
markdown-it; `_tree` folds the flat open/close token stream into `_Node`
blocks that the reader walks.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any


def as_markdown_it_reads(text: str) -> str:
    """`text` as markdown-it is given it, with the reader's lines and offsets: a lone CR is no line
    break, and a leading BOM (which markdown-it would drop) a space."""
    md_text = re.sub(r"\r(?!\n)", " ", text) if "\r" in text else text
    if md_text.startswith("\ufeff"):
        md_text = " " + md_text[1:]
    return md_text


@lru_cache(maxsize=1)
def _md():  # noqa: D401
    from markdown_it import MarkdownIt
    from mdit_py_plugins.admon import admon_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").enable("table")
    md.use(front_matter_plugin).use(footnote_plugin).use(admon_plugin)
    # Inline parsing (links, emphasis) runs only on the blocks that need it:
    # see `Doc.children` (doc.py). It is half of markdown-it's time on a large spec.
    md.disable("inline")
    return md


class _Node:
    """A block of the document: markdown-it's open/close tokens folded into a tree."""

    __slots__ = ("type", "tok", "children", "inline", "range")

    def __init__(self, type_: str, tok: Any):
        self.type = type_
        self.tok = tok
        self.children: list[_Node] = []
        self.inline: Any = None  # the inline token of a paragraph, heading or cell
        self.range: tuple[int, int] | None = None  # source offsets, worked out once

    @property
    def map(self) -> list[int] | None:
        return self.tok.map if self.tok is not None else None


def _tree(tokens: list) -> list[_Node]:
    root = _Node("root", None)
    stack = [root]
    for tok in tokens:
        kind = tok.type
        if tok.nesting == 1:
            node = _Node(kind[:-5] if kind.endswith("_open") else kind, tok)
            stack[-1].children.append(node)
            stack.append(node)
        elif tok.nesting == -1:
            if len(stack) > 1:
                stack.pop()
        elif kind == "inline":
            stack[-1].inline = tok
        else:
            stack[-1].children.append(_Node(kind, tok))
    return root.children
