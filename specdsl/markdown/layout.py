"""Where an edit lands in a Markdown file's block structure.

The fixes that edit Markdown (taking out a suppression comment, adding a
commentary block after a rule) must leave every other block as it was. What a
line is depends on the blocks around it, as CommonMark reads them: a blank
line ends an HTML block that opened with `<div>` (and a `~~~` after it then
opens a fence that runs to the end of the file), a line inside a table is a
row, a line inside a quote needs its `>`. These functions ask markdown-it, the
parser the front end reads with, and are used by `specdsl.checks.edits`. The
file is parsed once and indexed by line, so that a file with thousands of
fixes costs one parse, not one per fix.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..core.spans import line_starts

#: How taking out a comment that stands alone on its lines keeps the blocks:
#: "own": the comment is an HTML block of its own (a blank line in its place
#: keeps the blocks around it apart); "inside": its lines are inside a longer
#: HTML block that only a blank line ends (take them out without a trace);
#: "closing": its lines end an HTML block that opened above (`<!--`, `<pre>`):
#: something must still end that block; "separating": it is a block of its own
#: between a paragraph or a list and a list, which neither a blank line nor
#: nothing would keep apart (two lists would become one, a paragraph ending
#: in ":" would become the lead-in of the list), or before the H1 or the `---`
#: that would then open the document and become its title or front matter.
OWN, INSIDE, CLOSING, SEPARATING = "own", "inside", "closing", "separating"

_LISTS = ("bullet_list_open", "ordered_list_open")
_LIST_ENDS = ("bullet_list_close", "ordered_list_close")
#: Blocks a commentary block cannot follow a rule into without changing them:
#: a table (a line after a row is a row), a quote or an admonition (its lines
#: need the container's marks or indentation).
_CONTAINERS = ("table_open", "blockquote_open", "admonition_open")
#: The blocks a rule's text can start in.
_TEXT_BLOCKS = ("heading_open", "paragraph_open", "tr_open")
#: Blocks whose text the reader may read rules from but after which no block of the rule's can stand
#: (a block after an HTML block, a fence or a code block is not read into the rule before it).
_OPAQUE = ("html_block", "fence", "code_block")


class _Layout:
    """markdown-it's block tokens of one text, indexed by line."""

    def __init__(self, text: str, tokens: list | None = None):
        self.text = text
        self.tokens = _parse(text) if tokens is None else tokens
        self.starts = line_starts(text)
        #: (first line, index) of each HTML block, by line
        self.html = [(tok.map[0], i) for i, tok in enumerate(self.tokens) if tok.type == "html_block" and tok.map]
        #: (first line, index, in a container?, in a list item?) of each block a rule's text starts in, by line
        self.text_blocks: list[tuple[int, int, bool, bool]] = []
        stack: list[str] = []
        for i, tok in enumerate(self.tokens):
            if tok.nesting == -1:
                if stack:
                    stack.pop()
                continue
            if (tok.type in _TEXT_BLOCKS or tok.type in _OPAQUE) and tok.map:
                inside = tok.type == "tr_open" or tok.type in _OPAQUE or any(t in _CONTAINERS for t in stack)
                self.text_blocks.append((tok.map[0], i, inside, "list_item_open" in stack))
            if tok.nesting == 1:
                stack.append(tok.type)

    def line(self, n: int) -> str:
        """The text of 0-based line `n` ("" past the end)."""
        if n >= len(self.starts):
            return ""
        start = self.starts[n]
        stop = self.text.find("\n", start)
        return self.text[start : len(self.text) if stop < 0 else stop]


def _parse(text: str) -> list:
    from ..syntax.ast import deep_recursion
    from .tokens import _md, as_markdown_it_reads

    md_text = as_markdown_it_reads(text)  # as the front end reads it: same lines, same offsets
    try:
        with deep_recursion():
            return _md().parse(md_text, {})
    except Exception:  # noqa: BLE001 - a file the front end cannot read gets no structural edits
        return []


_LAYOUTS: dict[int, _Layout] = {}


def _layout(text: str, tokens: list | None = None) -> _Layout:
    """The layout of `text`, made once per text (a lint asks for it once per fix)."""
    found = _LAYOUTS.get(id(text))
    if found is not None and found.text is text:
        return found
    if len(_LAYOUTS) >= 4:
        _LAYOUTS.clear()
    found = _LAYOUTS[id(text)] = _Layout(text, tokens)
    return found


def adopt(text: str, tokens: list) -> None:
    """Take the reader's parse of `text` as its layout (the reader parsed the same characters
    with the same parser: `reader.read_markdown`), so that a lint's fixes do not parse it again."""
    _layout(text, tokens)


def comment_place(text: str, first: int, last: int) -> str | None:
    """Where the comment on lines `first`..`last` (0-based) stands: OWN, INSIDE,
    CLOSING or SEPARATING (see above), or None when no HTML block holds it."""
    from markdown_it.rules_block.html_block import HTML_SEQUENCES

    layout = _layout(text)
    at = bisect_right(layout.html, (first, len(layout.tokens))) - 1
    if at < 0:
        return None
    i = layout.html[at][1]
    tokens = layout.tokens
    tok = tokens[i]
    start, end = tok.map
    if not start <= first < end:
        return None
    if start == first and end == last + 1:
        before, after = _sibling(tokens, i, -1), _sibling(tokens, i, 1)
        if after is not None and after.type in _LISTS and before is not None and (
            before.type == "paragraph_close" or before.type in _LIST_ENDS
        ):
            return SEPARATING
        if tok.level == 0 and (before is None or before.type == "front_matter") and after is not None and (
            after.type == "heading_open" and after.tag == "h1"
        ):
            return SEPARATING  # an H1 that opens the document is its title, not a section
        if start == 0 and layout.line(end).rstrip() == "---":
            return SEPARATING  # a `---` on the first line opens front matter
        return OWN
    opening = (tok.content or "").lstrip(" ")
    kind = next((k for k, (open_re, _, _) in enumerate(HTML_SEQUENCES) if open_re.search(opening)), None)
    ends_at_blank = kind is None or HTML_SEQUENCES[kind][1].pattern == "^$"
    if not ends_at_blank and start < first and end == last + 1:
        return CLOSING
    return INSIDE


def _sibling(tokens: list, i: int, step: int):
    """The token next to block `tokens[i]` in its container (before it: its closing token), or None."""
    level = tokens[i].level
    j = i + step
    while 0 <= j < len(tokens):
        tok = tokens[j]
        if tok.level < level:
            return None
        if tok.level == level:
            return tok
        j += step
    return None


def block_end(text: str, line: int, last: int, heading: bool) -> tuple[int, bool] | None:
    """The 0-based line after which a block can follow the rule whose text starts on
    `line` and whose span ends on `last`: the end of its heading, or of its
    paragraph or list item and of the blocks after it that the rule spans (a
    lead-in's list); and whether that is inside a list item (a block there is
    indented as the item's text). None when the rule stands in a table, a
    quote, an admonition, an HTML block or a fence, or the place cannot be found."""
    layout = _layout(text)
    tokens = layout.tokens
    # the block holding `line` (headings, paragraphs and rows never share a line)
    at = bisect_right(layout.text_blocks, (line, len(tokens))) - 1
    if at < 0:
        return None
    _, index, inside, in_item = layout.text_blocks[at]
    opening = tokens[index]
    if inside or not line < opening.map[1]:
        return None
    if heading or opening.type == "heading_open":
        return opening.map[1] - 1, in_item
    end = opening.map[1]
    # the blocks after it, at its level, that the rule's span reaches (a lead-in's list)
    for tok in tokens[index + 1 :]:
        if tok.level < opening.level:
            break
        if tok.level == opening.level and tok.nesting != -1 and tok.map:
            if tok.map[0] > last:
                break
            if tok.type in _CONTAINERS:
                return None
            if tok.type in _OPAQUE:
                break  # an example's fence or an HTML block: the rule's own blocks end before it
            end = max(end, tok.map[1])
    while end - 1 > opening.map[0] and not layout.line(end - 1).strip():
        end -= 1  # a list's lines run on over the blank lines after it
    return end - 1, in_item
