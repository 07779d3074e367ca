"""Edits that fixes make: a child line under a rule, a precedence line."""

from __future__ import annotations

from ..ast import Precedence, Rule, Section
from ..diagnostics import Edit, Fix, make_span
from ..model import RuleInfo, SpecModel

STUB = "rationale: TODO: say why this rule exists"


def _newline(text: str) -> str:
    return "\r\n" if text.find("\r\n", 0, 4096) >= 0 else "\n"


def _point(text: str, offset: int):
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return make_span(line, column, offset, line, column, offset)


def child_line(model: SpecModel, info: RuleInfo, line: str, message: str, *, safe: bool = False) -> Fix | None:
    """A fix inserting `line` as the first child of a rule (right after its own text)."""
    text = model.text_of(info.path)
    if text is None:
        return None
    rule = info.rule
    end = (rule.text.span.end_offset if rule.text else None) or _header_end(rule)
    # the end of the physical line the rule's text ends on
    stop = text.find("\n", end)
    stop = len(text) if stop < 0 else stop
    if stop > 0 and text[stop - 1] == "\r":
        stop -= 1
    # line up with the rule's existing children, or two spaces deeper than the rule
    first_child = rule.body[0] if rule.body else None
    column = first_child.span.column if first_child is not None else rule.span.column + 2
    indent = " " * (column - 1)
    return Fix(
        message=message,
        edits=[Edit(span=_point(text, stop), new_text=_newline(text) + indent + line)],
        safe=safe,
    )


def _header_end(rule: Rule) -> int:
    if rule.attributes_span is not None:
        return rule.attributes_span.end_offset
    return rule.id_span.end_offset


def rationale_stub(model: SpecModel, info: RuleInfo) -> Fix | None:
    return child_line(model, info, STUB, "add a rationale stub to fill in with the rule's reason")


def precedence_fix(model: SpecModel, first: RuleInfo, second: RuleInfo) -> Fix | None:
    """Add `precedence: FIRST > SECOND` to the document both rules are in."""
    if first.path != second.path:
        return None
    text = model.text_of(first.path)
    doc = next((d for d in model.documents if d.path == first.path), None)
    if text is None or doc is None:
        return None
    line = f"precedence: {first.id} > {second.id}"
    nl = _newline(text)
    body = doc.spec.body
    existing = [item for item in body if isinstance(item, Precedence)]
    if existing:
        end = existing[-1].span.end_offset
        stop = text.find("\n", end)
        stop = len(text) if stop < 0 else stop
        if stop > 0 and text[stop - 1] == "\r":
            stop -= 1
        edit = Edit(span=_point(text, stop), new_text=nl + line)
    else:
        target = next((item for item in body if isinstance(item, (Section, Rule))), None)
        if target is None:
            return None
        start = target.span.offset - (target.span.column - 1)
        edit = Edit(span=_point(text, start), new_text=line + nl + nl)
    return Fix(
        message=f"decide which rule wins: add `{line}` (swap the ids if {second.id} should win)",
        edits=[edit],
        safe=False,
    )
