"""Formatting (document and range) and code lenses."""

from __future__ import annotations

import difflib

from lsprotocol import types


def format_document(view, wrap: int | None = None) -> list[types.TextEdit]:
    from specdsl.tools.format import FormatError, format_text

    if view.spec.source_format != "mspec":
        return []
    try:
        new = format_text(view.text, view.path, wrap=wrap)
    except FormatError:
        return []  # syntax errors: the diagnostics say so; nothing is touched
    return _line_edits(view, new)


def format_range(view, rng: types.Range, wrap: int | None = None) -> list[types.TextEdit]:
    """The formatting edits that touch the lines of `rng`."""
    edits = format_document(view, wrap)
    first, last = rng.start.line, rng.end.line
    return [e for e in edits if e.range.start.line <= last and e.range.end.line >= first]


#: Above this many line pairs, the changed middle of a document is one edit:
#: a line diff costs time that grows with the product of the two lengths.
DIFF_BUDGET = 4_000_000


def _line_edits(view, new: str) -> list[types.TextEdit]:
    """The edits that turn the document into `new`: the lines that differ,
    after the lines both share at the start and at the end."""
    old_lines = _lines(view.text)
    new_lines = _lines(new)
    head = 0
    limit = min(len(old_lines), len(new_lines))
    while head < limit and old_lines[head] == new_lines[head]:
        head += 1
    tail = 0
    while tail < limit - head and old_lines[-1 - tail] == new_lines[-1 - tail]:
        tail += 1
    a, b = old_lines[head : len(old_lines) - tail], new_lines[head : len(new_lines) - tail]
    if not a and not b:
        return []
    if len(a) * len(b) > DIFF_BUDGET:
        opcodes = [("replace", 0, len(a), 0, len(b))]
    else:
        opcodes = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    edits = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        start = types.Position(line=head + i1, character=0)
        end = types.Position(line=head + i2, character=0)
        edits.append(types.TextEdit(range=types.Range(start=start, end=end), new_text="".join(b[j1:j2])))
    return edits


def _lines(text: str) -> list[str]:
    """Lines with their endings, split on LF only (as the positions count them)."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def code_lenses(view) -> list[types.CodeLens]:
    out = []
    for info in view.model.rules:
        if info.path != view.path or info.rule.kind != "rule":
            continue
        rule = info.rule
        if info.own_rationales():
            status = "rationale ✓"
        elif info.inherited_rationales():
            status = "rationale inherited"
        else:
            status = "no rationale"
        parts = [status]
        if rule.subrules:
            parts.append(f"{len(rule.subrules)} subrule{'s' if len(rule.subrules) != 1 else ''}")
        if rule.examples:
            parts.append(f"{len(rule.examples)} example{'s' if len(rule.examples) != 1 else ''}")
        line = rule.span.line - 1
        position = types.Position(line=line, character=0)
        out.append(
            types.CodeLens(
                range=types.Range(start=position, end=position),
                command=types.Command(title=" · ".join(parts), command=""),
            )
        )
    return out
