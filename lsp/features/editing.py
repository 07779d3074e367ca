"""Formatting (document and range) and code lenses."""

from __future__ import annotations

import difflib

from lsprotocol import types


def format_document(view, wrap: int | None = None) -> list[types.TextEdit]:
    from specdsl.format import FormatError, format_text

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


def _line_edits(view, new: str) -> list[types.TextEdit]:
    old_lines = _lines(view.text)
    new_lines = _lines(new)
    edits = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start = types.Position(line=i1, character=0)
        end = types.Position(line=i2, character=0)
        edits.append(types.TextEdit(range=types.Range(start=start, end=end), new_text="".join(new_lines[j1:j2])))
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
