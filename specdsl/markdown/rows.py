"""Tables without an ID column: the statements in their cells.

A cell is read as a paragraph is: an HTML line break (`<br>`) in it ends a
piece (a cell often holds a whole prompt on one line: "`- You must not …`
<br>`- Keep the tone of the document.`"), and each sentence of a piece is a
unit; a piece ending in ":" before pieces written as list items is their
lead-in, and each such item is one unit carrying its force. Every normative
unit of every cell is a statement, the first of a row with the origin
"table-row". A column whose header is itself a modality ("Do", "Don't",
"Never", "Allowed", "Not allowed") carries it into its cells. The header
row is not read. A row whose later cell states a status ("✅ Permitted", "❌ Not
permitted", "Mandatory", "Requires review") is one statement, from its first
cell to that cell; under a paragraph that introduces the table ("Never include
the following in prompts:"), a row whose other cells are data is one statement,
its first cell, carrying the paragraph's force. A first cell that only names what a
later cell instructs about ("Code snippet sharing | Disable unless approved": a
short phrase, no sentence mark) is the row's name, not an instruction of its own
("Code …" reads as a verb); a column headed "Example" or "Sample" shows cases,
and its cells are no statements.
"""

from __future__ import annotations

import re

from ..language import Modality
from ..language.text import sentences
from .found import Reading, Statement
from .normative import heading_modality, instructs, lead_in_modality, modality
from .source import _Text
from .tables import _cells
from .tokens import _Node
from ..core import precompiled

#: A column whose cells give each row's reason: "Rationale", "Reason", "Why", "Purpose".
_REASON_HEADER = precompiled.compile(r"^[\s*_`]*(?:rationale|reasons?|why|purpose|justification)[\s*_`:]*$", re.I)
#: A column whose cells are examples of the row ("Example", "Examples", "Sample"): not statements.
_EXAMPLE_HEADER = precompiled.compile(r"^[\s*_`]*(?:examples?|samples?|e\.g\.)[\s*_`:]*$", re.I)
#: A row's name in its first cell: a short phrase that ends in no sentence mark ("Code snippet sharing").
_LABEL_WORDS = 6
#: An HTML line break inside a table cell.
_BREAK = precompiled.compile(r"<br\s*/?>", re.I)
#: Code marks, emphasis and spaces around a piece of a cell.
_BARE = precompiled.compile(r"^[\s`*_]+|[\s`*_]+$")
#: A list item written in a cell: "- …", "* …", "2- …", "3. …".
_ITEM = precompiled.compile(r"^(?:[-*•+]|\d{1,2}[-.)])\s*\S")


#: A cell that states the status of what its row names: "✅ Permitted with standard controls",
#: "❌ Not permitted", "Mandatory", "Required when …", "Requires security review".
_STATUS = precompiled.compile(
    r"^[\s*_`]*(?:[✅❌⚠️✔✓✗✘⛔🚫]\ufe0f?\s*)*(?P<word>not\s+(?:permitted|allowed)|prohibited|forbidden|banned|disallowed|"
    r"permitted|allowed|optional|mandatory|required|requires)\b",
    re.I,
)
_STATUS_MODALITY = {
    "prohibited": Modality.PROHIBITION, "forbidden": Modality.PROHIBITION, "banned": Modality.PROHIBITION,
    "disallowed": Modality.PROHIBITION, "permitted": Modality.PERMISSION, "allowed": Modality.PERMISSION,
    "optional": Modality.PERMISSION, "mandatory": Modality.OBLIGATION, "required": Modality.OBLIGATION,
    "requires": Modality.OBLIGATION,
}


def _status(text: str) -> Modality | None:
    m = _STATUS.match(text)
    if m is None:
        return None
    word = " ".join(m.group("word").lower().split())
    return Modality.PROHIBITION if word.startswith("not ") else _STATUS_MODALITY[word]


def table_rows(reading: Reading, node: _Node, lead: Modality | None = None) -> list[Statement]:
    """The statements of a table's rows (see the module docstring and `led_rows`)."""
    return led_rows(reading, node, lead)[0]


def led_rows(reading: Reading, node: _Node, lead: Modality | None = None) -> tuple[list[Statement], int]:
    """The statements of a table's rows, and how many rows took the lead-in's force. A row whose later cell
    states a status ("✅ Permitted", "❌ Not permitted", "Mandatory") is one statement, its
    first cell and that cell; under a lead-in (`lead`: "Never include the following:"), a
    row is one statement, its first cell carrying the lead-in's force."""
    doc = reading.doc
    rows = [tr for part in node.children for tr in part.children if tr.type == "tr"]
    if len(rows) < 2:
        return [], 0
    headers = [c.inline.content.strip() if c.inline else "" for c in rows[0].children]
    carried = [heading_modality(h) for h in headers]
    why = next((k for k, h in enumerate(headers) if k and _REASON_HEADER.match(h)), None)
    shown = {k for k, h in enumerate(headers) if k and _EXAMPLE_HEADER.match(h)}
    out: list[Statement] = []
    led = 0  # rows that took the lead-in's force
    for tr in rows[1:]:
        cells = _cells(doc, tr)
        reason = cells[why] if why is not None and why < len(cells) else None
        if why is not None and why < len(cells):
            cells = [c if k != why else None for k, c in enumerate(cells)]  # a reason, not a statement
        cells = [None if k in shown else c for k, c in enumerate(cells)]  # an example of the row, not a rule
        made = len(out)
        row = _row_statement(doc, cells, lead)
        if row is not None:
            out.append(row)
            led += _status_cell(cells) is None
        elif carried and carried[0] is None and _labels(cells):
            # "Code snippet sharing | Disable unless approved": the first cell names what the
            # row's instruction is about, it is no instruction of its own ("Code …" is no verb)
            _cell_statements(doc, [None, *cells[1:]], carried, out)
        else:
            _cell_statements(doc, cells, carried, out)
        if reason is not None:
            rationale = reason.rationale(doc.src)
            for st in out[made:]:
                st.reasons.append(rationale)
    return out, led


def _cell_statements(doc, cells: list[_Text | None], carried: list, out: list[Statement]) -> None:
    """The statements of a row's cells: every normative unit, the first with the origin "table-row"."""
    first = True
    for k, cell in enumerate(cells):
        if cell is None:
            continue
        column = carried[k] if k < len(carried) else None
        for unit, force in _units(cell, doc.text, column):
            found = modality(unit.text, force)
            if found is None:
                continue
            out.append(Statement("table-row" if first else "sentence", unit, found, unit.start, unit.end, None))
            first = False


def _labels(cells: list[_Text | None]) -> bool:
    """Whether a row's first cell only names what a later cell instructs about: a short phrase
    with no sentence mark, and a later cell that instructs."""
    head = cells[0] if cells else None
    if head is None:
        return False
    bare = _BARE.sub("", head.text)
    if not bare or len(bare.split()) > _LABEL_WORDS or bare[-1] in ".!?;:":
        return False
    return any(cell is not None and instructs(cell.text) for cell in cells[1:])


def _units(cell: _Text, source: str, column: Modality | None) -> list[tuple[_Text, Modality | None]]:
    """A cell's units, each with the modality it carries: a piece between line breaks that is
    a list item under a lead-in ("Answer the following:" <br> "`2- Is there …?`") is one
    unit carrying the lead-in's force; any other piece is a unit per sentence, its first
    sentence carrying the column's modality."""
    s = cell.text
    bounds = [0]
    for m in _BREAK.finditer(s):
        bounds += [m.start(), m.end()]
    bounds.append(len(s))
    pieces = [p for x, y in zip(bounds[::2], bounds[1::2]) if (p := cell.cut(x, y, source))]
    out: list[tuple[_Text, Modality | None]] = []
    lead: Modality | None = None
    for k, piece in enumerate(pieces):
        bare = _BARE.sub("", piece.text)
        if lead is not None and _ITEM.match(bare):
            out.append((piece, lead))  # an item under a lead-in: one unit, with its force
            continue
        lead = None
        if bare.endswith(":") and k + 1 < len(pieces) and _ITEM.match(_BARE.sub("", pieces[k + 1].text)):
            lead = lead_in_modality(bare) or column  # a lead-in: its items carry its force
            continue
        for n, (a, b) in enumerate(sentences(piece.text)):
            unit = piece.cut(a, b, source)
            if unit:
                out.append((unit, column if n == 0 else None))
    return out


def _row_statement(doc, cells: list[_Text | None], lead: Modality | None) -> Statement | None:
    """A row read as one statement (see `table_rows`), or None."""
    head = cells[0] if cells else None
    if head is None or modality(head.text) is not None:
        return None  # a first cell that instructs on its own is read by its sentences
    status = _status_cell(cells)
    if status is not None:
        cell, found = status
        text = _Text([(head.start, cell.end)], [], doc.text)  # the row from its name to its status, as written
        return Statement("table-row", text, found, head.start, cell.end, None)
    if lead is not None and not any(cell is not None and instructs(cell.text) for cell in cells[1:]):
        # the row's other cells are data ("Names, addresses"), not prompts of their own
        return Statement("table-row", head, lead, head.start, head.end, None)
    return None


def _status_cell(cells: list[_Text | None]) -> tuple[_Text, Modality] | None:
    """The first cell after the first that states a status (see `_STATUS`), with its modality."""
    for cell in cells[1:]:
        found = _status(cell.text) if cell is not None else None
        if found is not None:
            return cell, found
    return None
