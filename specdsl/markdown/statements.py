"""The second stage of reading prose: a part's blocks, as normative statements.

`part_statements` reads the blocks of one part (a heading's or a tag
section's) and returns what they hold, in order:

- `Statement`: a sentence, a list item, a table row or a lead-in that
  obliges, forbids or permits (see `normative`). A paragraph gives one
  statement per normative sentence (in plain text, line breaks separate
  statements too); a list item is one statement, its nested list its
  children; a paragraph or item whose last sentence ends in ":" (or says
  "the following", "here are" …) before a list is a lead-in: when it is
  normative its items are statements whatever they say, carrying its
  modality, else its normative items are. A sentence that gives a reason
  right after a statement of its own paragraph is that statement's reason.
- `Reason`: a paragraph (or admonition, alert) that explains rather than
  instructs ("because", "so that", "this is why" …).
- `Listed`: the statements of one list, with the list's block.
- `Kept`: what the tree keeps as it is: terms of a definitions section,
  rules of a table with an ID column, examples.

Descriptions, narrative, code, quoted examples and questions give nothing
(their text is left out: `convert` keeps it).
"""

from __future__ import annotations

import re

from ..ast import Example, Rationale
from ..language import Modality
from ..language.text import sentences
from .doc import Doc
from .examples import transcript
from .normative import lead_in_modality, modality
from .outline import Outline
from .patterns import _EXAMPLE, _REASON, _REASON_OPENER, _gives_reason
from .pieces import container_text, html, ignorable, is_alert, term
from .source import _Text
from .tables import id_table
from .tokens import _Node

SKIPPED = ("hr", "footnote_block", "footnote", "front_matter", "footnote_reference_open")
LISTS = ("bullet_list", "ordered_list")
#: A sentence that announces what follows: "Here are the guidelines …", "… the following …".
_ANNOUNCES = re.compile(r"\b(?:the following|as follows|here are|here is|below)\b", re.I)
#: An introduction to an example: what follows is quoted, not the document's own rule.
_EXAMPLE_INTRO = re.compile(r"\b(?:examples?|e\.g\.|for instance|such as|like this|like so|sample)\b[^.]*:\s*$", re.I)
#: Run-in numbered items: "… evidence.2. **File-by-File** …"
_RUN_IN = re.compile(r"(?:(?<=^)|(?<=[.!?:;)\"”*]))[ \t]*(\d{1,2})[.)][ \t]+(?=\S)")
#: A list marker glued to its text at the start of a line (`*Line ranges …`): a new item.
_GLUED_MARKER = re.compile(r"^[*•\-–+](?=[A-Za-z])")


class Statement:
    """A normative statement, and what belongs to it."""

    __slots__ = ("origin", "text", "modality", "children", "reasons", "examples", "node", "marker", "start", "end")

    def __init__(self, origin: str, text: _Text, found: Modality | None, start: int, end: int, node: _Node | None = None):
        self.origin = origin
        self.text = text
        self.modality = found
        self.children: list[Statement] = []
        self.reasons: list[Rationale] = []
        self.examples: list[Example] = []
        self.node = node  # the block whose links are this statement's references
        self.marker: tuple[int, int] | None = None  # a list item's marker (its automatic id points at it)
        self.start = start
        self.end = end


class Reason:
    """An explanation standing on its own: the rationale of the statements near it."""

    __slots__ = ("rationale",)

    def __init__(self, rationale: Rationale):
        self.rationale = rationale


class Listed:
    """The statements of one list (not under a lead-in)."""

    __slots__ = ("statements", "node")

    def __init__(self, statements: list[Statement], node: _Node):
        self.statements = statements
        self.node = node


class Kept:
    """A node the tree keeps as it is (a term, an ID table's rules, an example)."""

    __slots__ = ("items",)

    def __init__(self, items: list):
        self.items = items


class Reading:
    """What the statement stage needs besides the blocks: the document and how to read it."""

    __slots__ = ("doc", "outline", "plain", "definitions")

    def __init__(self, doc: Doc, outline: Outline, plain: bool, definitions: bool = False):
        self.doc = doc
        self.outline = outline
        self.plain = plain
        self.definitions = definitions


def part_statements(reading: Reading, nodes: list[_Node]) -> list:
    """The statements, reasons, lists and kept nodes of a part's blocks, in order."""
    out: list = []
    i = 0
    while i < len(nodes):
        i = _block(reading, nodes, i, out)
    return out


def _quoted(reading: Reading, node: _Node) -> bool:
    return bool(reading.outline.quoted) and node.map is not None and reading.outline.is_quoted(node.map[0])


def _block(reading: Reading, nodes: list[_Node], i: int, out: list) -> int:
    doc = reading.doc
    node = nodes[i]
    t = node.type
    if t == "html_block":
        html(doc, node)
        return i + 1
    if t in SKIPPED:
        return i + 1
    if _quoted(reading, node):
        doc.left_out(node)
        return i + 1
    nxt = nodes[i + 1] if i + 1 < len(nodes) else None
    if t in ("paragraph", "heading"):
        text = doc.inline_text(node)
        if not text or ignorable(doc, node, text):
            return i + 1
        head = _EXAMPLE.match(text.text)
        if head:
            return _example(reading, nodes, i, text, head.end(), out)
        if reading.definitions:
            found = term(doc, text)
            if found is not None:
                out.append(Kept([found]))
                return i + 1
        if nxt is not None and nxt.type in LISTS and _introduces(text.text):
            return _lead_in(reading, node, text, nxt, out, i)
        if nxt is not None and nxt.type in ("blockquote", "fence", "code_block") and _EXAMPLE_INTRO.search(text.text):
            out.extend(_paragraph(reading, node, text))
            doc.left_out(nxt)
            return i + 2
        if out and _is_list(out[-1]) and _gives_purpose(text.text):
            # a paragraph that gives reasons right after a list: the list's rationale
            prose = text.prose(doc.src)
            out.append(Reason(Rationale.make(span=prose.span, text=prose)))
            return i + 1
        out.extend(_paragraph(reading, node, text))
        return i + 1
    if t in LISTS:
        if reading.definitions:
            terms = [term(doc, doc.inline_text(item.children[0])) for item in node.children
                     if item.children and item.children[0].type == "paragraph"]
            terms = [x for x in terms if x is not None]
            if terms:
                out.append(Kept(terms))
                return i + 1
        statements = _items(reading, node, None)
        if statements:
            out.append(Listed(statements, node))
        else:
            doc.left_out(node)
        return i + 1
    if t == "admonition" or (t == "blockquote" and is_alert(node)):
        text = container_text(doc, node)
        if text:
            out.append(Reason(Rationale.make(span=doc.span(*doc.node_range(node)), text=text.prose(doc.src))))
        return i + 1
    if t == "blockquote":
        inner = part_statements(reading, node.children)
        out.extend(inner)
        return i + 1
    if t == "table":
        doc.stats.tables += 1
        rules = id_table(doc, node, None)
        if rules:
            out.append(Kept(rules))
        else:
            rows = _table_rows(reading, node)
            if rows:
                out.append(Listed(rows, node))
            doc.left_out(node)  # the other cells of a row are kept nowhere else
        return i + 1
    if t == "fence":
        items, _ = transcript(doc, node) if "<" in (node.tok.content or "") else ([], [])
        if items:
            doc.stats.examples += 1
            out.append(Kept([Example.make(span=doc.span(*doc.node_range(node)), text=None, items=items)]))
            return i + 1
    doc.left_out(node)
    return i + 1


def _example(reading: Reading, nodes: list[_Node], i: int, text: _Text, head: int, out: list) -> int:
    """`**Example**: title` and its transcript: an example of the statement before it."""
    doc = reading.doc
    doc.stats.examples += 1
    a, b = doc.node_range(nodes[i])
    items: list = []
    used = 1
    if i + 1 < len(nodes) and nodes[i + 1].type in ("fence", "code_block"):
        items, _ = transcript(doc, nodes[i + 1])
        _, b = doc.node_range(nodes[i + 1])
        used = 2
    title = text.cut(head, len(text.text), doc.text)
    out.append(Kept([Example.make(span=doc.span(a, b), text=title.prose(doc.src) if title else None, items=items)]))
    return i + used


def _gives_purpose(s: str) -> bool:
    """A paragraph that says what the list before it is for ("These limits keep the channels readable.")."""
    if _REASON.search(s) or _REASON_OPENER.match(s):
        return True
    from ..language import matcher

    return bool(matcher("reasons").find(s)) and modality(s) is None


def _is_list(item) -> bool:
    return isinstance(item, Listed) or (isinstance(item, Statement) and item.origin == "lead-in")


def _introduces(s: str) -> bool:
    """A paragraph whose last sentence introduces the list after it."""
    if s.rstrip().endswith(":"):
        return True
    spans = sentences(s)
    last = s[spans[-1][0] : spans[-1][1]] if spans else s
    return bool(_ANNOUNCES.search(last))


# ---------------------------------------------------------------- paragraphs


def units(reading: Reading, text: _Text) -> list[_Text]:
    """A paragraph's units: its lines where a line break separates statements, then its sentences."""
    doc = reading.doc
    pieces = _line_units(reading, text)
    out: list[_Text] = []
    for piece in pieces:
        s = piece.text
        run_in = _run_in_items(s)
        if run_in:
            out.extend(piece.cut(a, b, doc.text) for a, b in run_in)
            continue
        for a, b in sentences(s):
            cut = piece.cut(a, b, doc.text)
            if cut:
                out.append(cut)
    return out


def _line_units(reading: Reading, text: _Text) -> list[_Text]:
    """Split at the line breaks that end a statement: after a label line ("RULES:"), before
    a glued list marker, and in plain text wherever the next line starts a new one."""
    if len(text.segs) < 2:
        return [text]
    doc = reading.doc
    out: list[_Text] = []
    starts = text.offsets()
    begin = 0
    for k in range(1, len(text.segs)):
        prev = doc.text[text.segs[k - 1][0] : text.segs[k - 1][1]].rstrip()
        line = doc.text[text.segs[k][0] : text.segs[k][1]]
        split = prev.endswith(":") or bool(_GLUED_MARKER.match(line))
        if not split and reading.plain:
            split = prev[-1:] in ".!?)\"'`*”" or line[:1].isupper() or line[:1].isdigit() or line[:1] in "-*•#>"
        if split:
            piece = text.cut(begin, starts[k] - len(text.seps[k - 1]), doc.text)
            if piece:
                out.append(piece)
            begin = starts[k]
    last = text.cut(begin, len(text.text), doc.text)
    if last:
        out.append(last)
    return out


def _run_in_items(s: str, first: int = 1) -> list[tuple[int, int]]:
    """Numbered items run together in one line ("1. … 2. … 3. …"): their ranges, or [].

    `first` > 1: the text is item `first - 1` itself (a list item whose
    marker markdown-it took), and what comes before item `first` is its own."""
    if str(first)[0] not in s:
        return []
    expected = first
    kept = []
    for m in _RUN_IN.finditer(s):
        if int(m.group(1)) == expected:
            kept.append(m)
            expected += 1
    if len(kept) < (1 if first > 1 else 2):
        return []
    if first == 1 and s[: kept[0].start()].strip():
        return []
    bounds = [m.end() for m in kept]  # an item's text starts after its number
    if first > 1:
        bounds = [0, *bounds]
    return [(a, bounds[k + 1] if k + 1 < len(bounds) else len(s)) for k, a in enumerate(bounds)]


def _paragraph(reading: Reading, node: _Node, text: _Text) -> list:
    """One statement per normative unit; reasons after one go to it, a paragraph that only explains is a `Reason`."""
    doc = reading.doc
    pieces = units(reading, text)
    made: list = []
    last: Statement | None = None
    for piece in pieces:
        s = piece.text
        found = modality(s)
        if found is not None and not (_REASON_OPENER.match(s) and found is not Modality.PROHIBITION):
            last = Statement("sentence", piece, found, piece.start, piece.end, node)
            made.append(last)
            continue
        if _REASON.search(s) or _REASON_OPENER.match(s):
            prose = piece.prose(doc.src)
            rationale = Rationale.make(span=prose.span, text=prose)
            if last is not None:
                last.reasons.append(rationale)
            else:
                made.append(Reason(rationale))
            continue
        doc.stats.left_out.append((piece.start, piece.end))
    if not made and _gives_reason(text.text):
        prose = text.prose(doc.src)
        return [Reason(Rationale.make(span=prose.span, text=prose))]
    return made


# ---------------------------------------------------------------- lists


def _lead_in(reading: Reading, node: _Node, text: _Text, lst: _Node, out: list, i: int) -> int:
    """A paragraph introducing a list: its own statements, then the list under its last unit."""
    doc = reading.doc
    pieces = units(reading, text)
    if not pieces:
        return i + 2
    head, last = pieces[:-1], pieces[-1]
    if head:
        out.extend(_paragraph(reading, node, _join_units(head, doc)))
    carried = lead_in_modality(last.text)
    items = _items(reading, lst, carried)
    if not items:
        doc.left_out(lst)
        found = modality(last.text)
        if found is not None:
            out.append(Statement("sentence", last, found, last.start, last.end, node))
        return i + 2
    _, b = doc.node_range(lst)
    lead = Statement("lead-in", last, carried or modality(last.text), last.start, b, node)
    lead.children = items
    out.append(lead)
    return i + 2


def _join_units(pieces: list[_Text], doc: Doc) -> _Text:
    segs, seps = [], []
    for p in pieces:
        if segs:
            seps.append(" ")
        segs.extend(p.segs)
        seps.extend(p.seps)
    return _Text(segs, seps, doc.text)


def _items(reading: Reading, lst: _Node, carried: Modality | None) -> list[Statement]:
    """The statements of a list's items: each item one statement (nested lists its children).

    Under a normative lead-in every item is a statement with the lead-in's
    modality; otherwise an item is a statement when it is normative itself,
    and an item that is not, with normative items under it, holds them."""
    doc = reading.doc
    out: list[Statement] = []
    for item in lst.children:
        if item.type != "list_item":
            continue
        kids = item.children
        a, b = doc.node_range(item)
        if _quoted(reading, item):
            doc.left_out(item)
            continue
        if not kids or kids[0].type not in ("paragraph", "heading"):
            for inner in part_statements(reading, kids):
                out.extend(_flatten(inner))
            continue
        text = doc.inline_text(kids[0])
        if not text or ignorable(doc, kids[0], text):
            continue
        pieces = _line_units(reading, text) if len(text.segs) > 1 else [text]
        number = _item_number(lst, item)
        run_in = _run_in_items(text.text, number + 1) if number else []
        if len(run_in) > 1:
            pieces = [text.cut(x, y, doc.text) for x, y in run_in]
        first = pieces[0]
        rest_blocks = kids[1:]
        nested_list = rest_blocks[0] if rest_blocks and rest_blocks[0].type in LISTS else None
        introduces = nested_list is not None and _introduces(first.text if len(pieces) == 1 else pieces[-1].text)
        own = modality(first.text, carried)
        children: list[Statement] = []
        if nested_list is not None:
            inherit = lead_in_modality(first.text) if introduces else None
            children = _items(reading, nested_list, inherit or (carried if introduces else None))
            rest_blocks = rest_blocks[1:]
        for inner in part_statements(reading, rest_blocks):
            children.extend(_flatten(inner))
        after: list[Statement] = []  # lines of the item that are items of their own ("*Line ranges …")
        for extra in pieces[1:]:
            found = modality(extra.text, carried)
            if found is not None:
                after.append(Statement("list-item", extra, found, extra.start, extra.end, None))
        if own is None and not children:
            doc.left_out(item)
            out.extend(after)
            continue
        if own is None and not introduces and not carried:
            # an item that is not a rule: its normative items stand in its place
            out.extend(children)
            out.extend(after)
            continue
        origin = "lead-in" if own is None and introduces else "list-item"
        st = Statement(origin, first, own, a, b if not after else first.end, kids[0])
        st.marker = _marker(doc, lst, item, first)
        st.children = children
        out.append(st)
        out.extend(after)
    return out


def _item_number(lst: _Node, item: _Node) -> int:
    """The number of an ordered list's item (0 in a bullet list)."""
    if lst.type != "ordered_list":
        return 0
    info = getattr(item.tok, "info", "") or ""
    return int(info) if info.isdigit() else 0


def _flatten(item) -> list[Statement]:
    if isinstance(item, Statement):
        return [item]
    if isinstance(item, Listed):
        return list(item.statements)
    return []


def _marker(doc: Doc, lst: _Node, item: _Node, text: _Text) -> tuple[int, int] | None:
    if not item.map or not item.tok.markup:
        return None
    ma, _ = doc.src.bounds(item.map[0])
    mk = item.tok.markup
    if lst.type == "ordered_list":
        m = re.compile(r"\d{1,9}" + re.escape(mk)).search(doc.text, ma, text.start)
        return (m.start(), m.end()) if m else None
    at = doc.text.find(mk, ma, text.start)
    return (at, at + len(mk)) if at >= 0 else None


# ---------------------------------------------------------------- tables


def _table_rows(reading: Reading, node: _Node) -> list[Statement]:
    """Rows of a table (without an ID column) that hold a normative cell: one statement each.

    A column whose header is itself a modality ("Do", "Don't", "Never",
    "Allowed", "Not allowed") carries it into its cells."""
    from .tables import _cells

    doc = reading.doc
    rows = [tr for part in node.children for tr in part.children if tr.type == "tr"]
    if len(rows) < 2:
        return []
    headers = [c.inline.content.strip() if c.inline else "" for c in rows[0].children]
    carried = [_header_modality(h) for h in headers]
    out: list[Statement] = []
    for tr in rows[1:]:
        cells = _cells(doc, tr)
        a, b = doc.node_range(tr)
        for k, cell in enumerate(cells):
            if cell is None:
                continue
            found = modality(cell.text, carried[k] if k < len(carried) else None)
            if found is not None:
                out.append(Statement("table-row", cell, found, a, b, None))
                break
    return out


_HEADER_MODALITY = {
    "do": Modality.OBLIGATION, "always": Modality.OBLIGATION, "must": Modality.OBLIGATION, "required": Modality.OBLIGATION,
    "don't": Modality.PROHIBITION, "do not": Modality.PROHIBITION, "never": Modality.PROHIBITION, "avoid": Modality.PROHIBITION,
    "not allowed": Modality.PROHIBITION, "prohibited": Modality.PROHIBITION, "disallowed": Modality.PROHIBITION,
    "must not": Modality.PROHIBITION, "allowed": Modality.PERMISSION, "permitted": Modality.PERMISSION,
}


def _header_modality(header: str) -> Modality | None:
    return _HEADER_MODALITY.get(re.sub(r"[*_`✅❌:]+", "", header).strip().lower().replace("’", "'"))
