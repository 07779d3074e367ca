"""Tables without an ID column: the statements in their cells.

A cell is read as a paragraph is: an HTML line break (`<br>`) in it ends a
piece (a cell often holds a whole prompt on one line: "`- You must not …`
<br>`- Keep the tone of the document.`"), and each sentence of a piece is a
unit; a piece ending in ":" before pieces written as list items is their
lead-in, and each such item is one unit carrying its force. Every normative
unit of every cell is a statement, the first of a row with the origin
"table-row". A column whose header is itself a modality ("Do", "Don't",
"Never", "Allowed", "Not allowed") carries it into its cells. The header
row is not read.
"""

from __future__ import annotations

import re

from ..language import Modality
from ..language.text import sentences
from .found import Reading, Statement
from .normative import heading_modality, lead_in_modality, modality
from .source import _Text
from .tables import _cells
from .tokens import _Node

#: An HTML line break inside a table cell.
_BREAK = re.compile(r"<br\s*/?>", re.I)
#: Code marks, emphasis and spaces around a piece of a cell.
_BARE = re.compile(r"^[\s`*_]+|[\s`*_]+$")
#: A list item written in a cell: "- …", "* …", "2- …", "3. …".
_ITEM = re.compile(r"^(?:[-*•+]|\d{1,2}[-.)])\s*\S")


def table_rows(reading: Reading, node: _Node) -> list[Statement]:
    """The statements of a table's rows (see the module docstring)."""
    doc = reading.doc
    rows = [tr for part in node.children for tr in part.children if tr.type == "tr"]
    if len(rows) < 2:
        return []
    headers = [c.inline.content.strip() if c.inline else "" for c in rows[0].children]
    carried = [heading_modality(h) for h in headers]
    out: list[Statement] = []
    for tr in rows[1:]:
        first = True
        for k, cell in enumerate(_cells(doc, tr)):
            if cell is None:
                continue
            column = carried[k] if k < len(carried) else None
            for unit, force in _units(cell, doc.text, column):
                found = modality(unit.text, force)
                if found is None:
                    continue
                out.append(Statement("table-row" if first else "sentence", unit, found, unit.start, unit.end, None))
                first = False
    return out


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
