"""Tables with an ID column: one rule (or subrule) per row.

Columns are found by their headers (text, rationale, level, hard, tags); the
ids other rows mention, and ranges such as "AS1–AS4", become references.
"""

from __future__ import annotations

import re

from ..syntax.ast import Attribute, Name, Prose, Reference
from .doc import Doc
from .patterns import _ID_HEADERS, _LEVEL_HEADERS, _RATIONALE_HEADERS, _TEXT_HEADERS, _mention_pattern, _plain
from .source import _Text
from .outline import id_column_table
from .state import _RuleB
from .tokens import _Node


def id_table(doc: Doc, node: _Node) -> list[_RuleB]:
    """The rules of a table with an ID column, one per row ([] for any other table); a
    reader that finds the table under a rule makes them its subrules."""
    rows = [tr for part in node.children for tr in part.children if tr.type == "tr"]
    if len(rows) < 2:
        return []
    header = [_plain(c.inline.content if c.inline else "").lower() for c in rows[0].children]
    id_col = next((k for k, h in enumerate(header) if h in _ID_HEADERS), None)
    if id_col is None:
        return []
    text_col = next((k for name in _TEXT_HEADERS for k, h in enumerate(header) if h == name and k != id_col), None)
    if text_col is None:
        text_col = next((k for k in range(len(header)) if k != id_col), None)
    if text_col is None:
        return []
    if not id_column_table(node):
        return []  # a "Rule" column of names ("Software installation"), not of ids: a table of prose
    why_col = next((k for k, h in enumerate(header) if h in _RATIONALE_HEADERS), None)
    level_col = next((k for k, h in enumerate(header) if h in _LEVEL_HEADERS), None)
    hard_col = next((k for k, h in enumerate(header) if h == "hard"), None)
    tags_col = next((k for k, h in enumerate(header) if h == "tags"), None)
    doc.stats.id_tables += 1
    made: list[_RuleB] = []
    for tr in rows[1:]:
        cells = _cells(doc, tr)
        if id_col >= len(cells) or cells[id_col] is None:
            continue
        id_text = cells[id_col]
        rid = _plain(id_text.text)
        if not rid or " " in rid:
            continue
        a, b = doc.node_range(tr)
        rule = doc.new_rule("rule", a, b, origin="table-row")
        rule.auto_id = False
        rule.id = rid
        at = doc.text.find(rid, id_text.start, id_text.end)
        rule.id_span = doc.span(at, at + len(rid)) if at >= 0 else doc.span(id_text.start, id_text.end)
        doc.rule_ids.add(rid)
        doc.used_ids[rid] = doc.used_ids.get(rid, 0) + 1
        body_text = cells[text_col] if text_col < len(cells) else None
        rule.text = body_text.prose(doc.src) if body_text else None
        if why_col is not None and why_col < len(cells) and cells[why_col]:
            rule.body.append(cells[why_col].rationale(doc.src))
        attrs = []
        if hard_col is not None and hard_col < len(cells) and cells[hard_col]:
            if _plain(cells[hard_col].text).lower() in ("yes", "true", "x", "✓", "✔", "hard", "1"):
                attrs.append(Attribute.make(span=doc.span(cells[hard_col].start, cells[hard_col].end), key="hard"))
        if level_col is not None and level_col < len(cells) and cells[level_col]:
            value = _plain(cells[level_col].text)
            if value:
                vspan = doc.span(cells[level_col].start, cells[level_col].end)
                attrs.append(Attribute.make(span=vspan, key="level", values=[Name.make(span=vspan, value=value.lower())]))
        if tags_col is not None and tags_col < len(cells) and cells[tags_col]:
            names = [Name.make(span=doc.span(cells[tags_col].start, cells[tags_col].end), value=t)
                     for t in re.split(r"[,\s]+", _plain(cells[tags_col].text)) if t]
            if names:
                attrs.append(Attribute.make(span=names[0].span, key="tags", values=names))
        rule.attributes = attrs
        made.append(rule)
    # ids mentioned in the rows' text, and ranges such as AS1–AS4
    prefixes = sorted({m.group(1) for r in made for m in [re.match(r"^([A-Za-z]+[A-Za-z_.-]*?)(\d+)$", r.id)] if m}, key=len, reverse=True)
    if prefixes:
        pattern = _mention_pattern(tuple(prefixes))
        for rule in made:
            if rule.text is None:
                continue
            _mentions(doc, rule, rule.text, pattern)
    return made


def _mentions(doc: Doc, rule: _RuleB, prose: Prose, pattern: re.Pattern) -> None:
    text = prose.text
    for m in pattern.finditer(text):
        prefix, first, second_prefix, last = m.group(1), m.group(2), m.group(3), m.group(4)
        a = prose.span.offset + m.start()
        b = prose.span.offset + m.end()
        if "\n" in doc.text[a:b] or doc.text[a:b] != text[m.start():m.end()]:
            continue  # only single-line cells are mapped exactly
        if last is not None and (second_prefix in (None, "", prefix)):
            lo, hi = int(first), int(last)
            ids = [f"{prefix}{n}" for n in range(lo, hi + 1)] if 0 <= hi - lo <= 100 else [f"{prefix}{first}", f"{prefix}{last}"]
        else:
            ids = [f"{prefix}{first}"]
            if last is not None:
                ids.append(f"{second_prefix}{last}")
        for value in ids:
            if value != rule.id:
                rule.links.append(Reference.make(span=doc.span(a, b), value=value))


def _cells(doc: Doc, tr: _Node) -> list[_Text | None]:
    line = tr.map[0] if tr.map else None
    if line is None:
        return []
    la, lb = doc.src.bounds(line)
    cursor = la
    out: list[_Text | None] = []
    for cell in tr.children:
        content = (cell.inline.content if cell.inline else "").strip()
        if not content:
            bar = doc.text.find("|", cursor + 1, lb)
            cursor = bar if bar >= 0 else cursor
            out.append(None)
            continue
        at = doc.text.find(content, cursor, lb)
        if at < 0:
            out.append(None)
            continue
        out.append(_Text([(at, at + len(content))], [], doc.text))
        cursor = at + len(content)
    return out
