"""The first stage: the document's blocks, in the parts its headings and tags make.

markdown-it's blocks (folded into `_Node`s) are put in a tree of `Part`s: a
heading's part holds the blocks after it up to the next heading of its level
or higher; a tag section's part (`<rules>` … `</rules>`, found by
`specdsl.prompts`) holds what stands between its tags, and headings inside
it nest in it. A part's `items` keep the document's order: blocks and the
parts nested in it.

The outline also says what the rest of reading needs to know first: the
title (an H1 without attributes as the first block), the front matter's
`speclint:` settings, every anchor (for links), and whether the document
marks its rules (`Marks`): attribute blocks on headings or a table with an
ID column. Reading by markup or by prose is decided from that.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..syntax.ast import Header, Levels, Name
from .doc import Doc
from .patterns import _ATTR_BLOCK, _HTML_ANCHOR, _ID_HEADERS, _parse_attrs, _plain, slug
from .tokens import _Node


class Part:
    """A heading's or a tag section's part of the document (the document itself at level 0)."""

    __slots__ = ("heading", "level", "tag", "items", "start", "end")

    def __init__(self, heading: _Node | None, level: int, tag=None, start: int = 0):
        self.heading = heading
        self.level = level
        self.tag = tag  # a `specdsl.prompts.Tag` for a tag section
        self.items: list = []  # _Node and Part, in document order
        self.start = start
        self.end = start


class Marks:
    """How a document marks its rules, if it does.

    `rule_headings`: headings whose attribute block makes them rules;
    `strong`: some heading's block gives `authority=`, `level=`,
    `priority=`, `hard` or `.rule` (then a bare `{#id}` is only an anchor,
    as in the OpenAI Model Spec; without them `{#id}` alone marks a rule);
    `id_tables`: tables with an ID column.
    """

    __slots__ = ("rule_headings", "strong", "id_tables")

    def __init__(self) -> None:
        self.rule_headings = 0
        self.strong = False
        self.id_tables = 0

    @property
    def any(self) -> bool:
        return bool(self.rule_headings or self.id_tables)


class Outline:
    __slots__ = ("root", "marks", "quoted")

    def __init__(self, root: Part, marks: Marks, quoted: list[tuple[int, int]]):
        self.root = root
        self.marks = marks
        #: (first, last) 0-based lines of example tag sections: quoted, never rules
        self.quoted = quoted

    def is_quoted(self, line: int) -> bool:
        for a, b in self.quoted:
            if a <= line <= b:
                return True
        return False


def outline(doc: Doc, nodes: list[_Node], tags: list) -> Outline:
    """The parts of a document, its title, front matter settings, anchors and marks."""
    marks = _prescan(doc, nodes)
    root = Part(None, 0)
    stack: list[Part] = [root]
    events = _events(doc, nodes, tags)
    first_block = True
    quoted: list[tuple[int, int]] = []
    for _, kind, item in events:
        if kind == 0:  # a tag opens
            part = Part(None, stack[-1].level, tag=item, start=item.open_start)
            stack[-1].items.append(part)
            stack.append(part)
            if item.example:
                quoted.append((doc.src.position(item.open_start)[0] - 1, doc.src.position(item.close_start)[0] - 1))
            continue
        if kind == 2:  # a tag closes
            if any(p.tag is item for p in stack):
                while stack[-1].tag is not item:
                    stack.pop()
                stack.pop().end = item.close_end
            continue
        node = item
        if node.type == "front_matter":
            front_matter(doc, node)
            continue
        if node.type == "heading":
            doc.stats.headings += 1
            if first_block and len(stack) == 1 and _title(doc, node):
                first_block = False
                continue
            first_block = False
            _open_section(doc, stack, node, int(node.tok.tag[1:]) if node.tok.tag[1:].isdigit() else 6)
            continue
        first_block = False
        if node.type == "paragraph" and not marks.any and _pseudo_heading(node):
            # "***Escalation Avoidance***" alone on its line over a list: a title the author
            # set in emphasis, the section of what follows until the next title or heading (in a
            # document read as prose: where headings mark the rules, their subrules stay as they are)
            _open_section(doc, stack, node, _PSEUDO_LEVEL)
            continue
        stack[-1].items.append(node)
    return Outline(root, marks, quoted)


def _open_section(doc: Doc, stack: list, node: _Node, level: int) -> None:
    """Open the section a heading (or a title set in emphasis) at `level` starts: it closes the
    sections of its level and below, outside tag sections."""
    while len(stack) > 1 and stack[-1].tag is None and stack[-1].level >= level:
        stack.pop()
    a, b = doc.node_range(node)
    part = Part(node, level, start=a)
    part.end = b
    stack[-1].items.append(part)
    stack.append(part)


#: A paragraph that is only a short title in emphasis, with no full stop or colon of its own.
_PSEUDO = re.compile(r"^\s*(\*{2,3}|_{2,3})(?=\S)([^*_\n:.!?]{2,60}?)(?<=\S)\1\s*$")
#: The level of such a title: under any real heading, and closed by the next one.
_PSEUDO_LEVEL = 7


def _pseudo_heading(node: _Node) -> bool:
    """A paragraph that is a title in emphasis ("***General Principle***", "**Escalation
    avoidance**"): a heading the author did not mark as one."""
    inline = node.inline
    return inline is not None and "\n" not in inline.content and _PSEUDO.match(inline.content) is not None


def _events(doc: Doc, nodes: list[_Node], tags: list) -> list:
    """Blocks and the opening and closing of tag sections, in document order."""
    if not tags:
        return [(0, 1, node) for node in nodes]
    events = []
    last = 0
    for node in nodes:
        if node.map:
            last = node.map[0]
        events.append(((last, 1), 1, node))
    starts = doc.src.starts
    for tag in tags:
        events.append(((bisect_right(starts, tag.open_start) - 1, 0), 0, tag))
        events.append(((bisect_right(starts, tag.close_start) - 1, 2), 2, tag))
    events.sort(key=lambda e: e[0])
    return events


def _prescan(doc: Doc, nodes: list[_Node]) -> Marks:
    """Anchors of every heading, and how the document marks its rules."""
    marks = Marks()
    bare: list[str] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if node.type == "heading" and node.inline is not None:
            content = node.inline.content
            attrs = _ATTR_BLOCK.search(content)
            title = content[: attrs.start()] if attrs else content
            doc.anchors.add(slug(_plain(title)))
            doc.anchors.add(title.strip().lower().replace(" ", "-"))
            if attrs:
                parsed = _parse_attrs(attrs.group(1))
                if parsed["id"]:
                    doc.anchors.add(parsed["id"])
                if parsed["rule"]:
                    marks.strong = True
                    marks.rule_headings += 1
                    if parsed["id"]:
                        doc.explicit_ids.add(parsed["id"])
                elif parsed["id"]:
                    bare.append(parsed["id"])
        elif node.type == "table":
            if id_column_table(node):
                marks.id_tables += 1
        elif node.type in ("html_block",) or (node.inline is not None and "id=" in node.inline.content):
            content = node.tok.content if node.type == "html_block" else node.inline.content
            doc.anchors.update(_HTML_ANCHOR.findall(content))
        stack.extend(reversed(node.children))
    if bare and not marks.strong:
        marks.rule_headings += len(bare)
        doc.explicit_ids.update(bare)
    return marks


def id_column_table(node: _Node) -> bool:
    """A table with an ID column whose cells hold ids (one word each, in at least half the rows):
    a "Rule" column of names ("Software installation") does not make the document mark its rules."""
    rows = [tr for part in node.children for tr in part.children if tr.type == "tr"]
    if len(rows) < 2:
        return False
    cells = [[_plain(c.inline.content if c.inline else "") for c in tr.children] for tr in rows]
    col = next((k for k, h in enumerate(cells[0]) if h.lower() in _ID_HEADERS), None)
    if col is None:
        return False
    ids = sum(1 for row in cells[1:] if col < len(row) and row[col] and " " not in row[col])
    return ids > 0 and 2 * ids >= len(rows) - 1


def _title(doc: Doc, node: _Node) -> bool:
    """An H1 without attributes as the document's first block is its title."""
    if node.tok.tag != "h1" or node.inline is None or _ATTR_BLOCK.search(node.inline.content):
        return False
    text = doc.inline_text(node)
    if not text:
        return False
    prose = text.prose(doc.src)
    if doc.header is None:
        a, b = doc.node_range(node)
        doc.header = Header.make(span=doc.span(a, b), title=_plain(prose.text), title_span=prose.span, entries=[])
    return True


def front_matter(doc: Doc, node: _Node) -> None:
    """The front matter's title, and its `speclint: {levels: …}` settings."""
    content = node.tok.content or ""
    a, b = doc.node_range(node)
    if "speclint" not in content and "title" not in content:
        return
    try:
        from ruamel.yaml import YAML

        data = YAML(typ="safe", pure=True).load(content)
    except Exception as error:  # noqa: BLE001 - any YAML problem
        if "speclint" in content:
            doc.problem(a, b, f"the front matter is not valid YAML, so its `speclint:` settings were not read ({type(error).__name__})")
        return
    if not isinstance(data, dict):
        return
    title = data.get("title")
    if isinstance(title, str) and title.strip() and doc.header is None:
        where = doc.text.find(title.strip(), a, b)
        tspan = doc.span(where, where + len(title.strip())) if where >= 0 else doc.span(a, b)
        doc.header = Header.make(span=doc.span(a, b), title=title.strip(), title_span=tspan, entries=[])
    settings = data.get("speclint")
    if settings is None:
        return
    if not isinstance(settings, dict):
        doc.problem(a, b, "`speclint:` in the front matter must be a mapping, e.g. `speclint: {levels: [root, system, user]}`")
        return
    levels = settings.get("levels")
    if levels is None:
        return
    if isinstance(levels, str):
        names = [n.strip() for n in levels.split(">") if n.strip()]
    elif isinstance(levels, list) and all(isinstance(n, (str, int)) for n in levels):
        names = [str(n).strip() for n in levels if str(n).strip()]
    else:
        doc.problem(a, b, "`speclint: levels:` must be a list of level names, highest first, or `a > b > c`")
        return
    key = doc.text.find("levels", doc.text.find("speclint", a, b), b)
    cursor = key if key >= 0 else a
    out = []
    for name in names:
        at = doc.text.find(name, cursor, b)
        if at < 0:
            span = doc.span(max(key, a), max(key, a) + 6)
        else:
            span = doc.span(at, at + len(name))
            cursor = at + len(name)
        out.append(Name.make(span=span, value=name))
    if out:
        first = key if key >= 0 else a
        doc.levels = Levels.make(span=doc.span(first, out[-1].span.end_offset), names=out)
