"""Edits that fixes make: a child line under a rule, a precedence line."""

from __future__ import annotations

from ..ast import Precedence, Rule, Section
from ..diagnostics import Edit, Fix, make_span
from ..spans import line_starts
from ..model import RuleInfo, SpecModel

STUB = "rationale: TODO: say why this rule exists"


def _newline(text: str) -> str:
    return "\r\n" if text.find("\r\n", 0, 4096) >= 0 else "\n"


_LINE_STARTS: dict[int, tuple[str, list[int]]] = {}
#: How many texts, and how many characters of them, `_line_starts` keeps besides
#: the latest: the language server lints a new text on every keystroke, and
#: each kept text is a whole document.
_LINE_STARTS_TEXTS = 4
_LINE_STARTS_CHARS = 4 * 1024 * 1024


def _line_starts(text: str) -> list[int]:
    """Offsets where the lines of `text` start (computed once per text)."""
    cached = _LINE_STARTS.get(id(text))
    if cached is not None and cached[0] is text:
        return cached[1]
    starts = line_starts(text)
    if len(_LINE_STARTS) >= _LINE_STARTS_TEXTS or sum(len(t) for t, _ in _LINE_STARTS.values()) > _LINE_STARTS_CHARS:
        _LINE_STARTS.clear()
    _LINE_STARTS[id(text)] = (text, starts)
    return starts


def remove_comment(span, text: str, *, markdown: bool) -> tuple[Edit, bool]:
    """The edit that takes the comment at `span` out, and nothing of the
    author's; and whether the comment was alone on its lines.

    A comment alone on its line goes with its line. In Markdown a comment may
    share its line with text (then only the comment goes, with the blanks
    that would be left next to it), and a comment line between two lines of
    text separates two blocks (it becomes a blank line, so the paragraphs
    around it stay apart).
    """
    start = text.rfind("\n", 0, span.offset) + 1
    end = text.find("\n", span.end_offset)
    end = len(text) if end < 0 else end + 1
    before, after = text[start : span.offset], text[span.end_offset : end]
    if before.strip() or after.strip():
        cut_from, cut_to = span.offset, span.end_offset
        if not after.strip():
            cut_from -= len(before) - len(before.rstrip(" \t"))
        else:
            cut_to += len(after) - len(after.lstrip(" \t"))
        return Edit.make(span=_point(text, cut_from).to(_point(text, cut_to)), new_text=""), False
    whole = _point(text, start).to(_point(text, end))
    between_text = start > 0 and end < len(text) and _line_at(text, start - 1).strip() and _line_at(text, end).strip()
    if markdown and between_text:
        return Edit.make(span=whole, new_text="\r\n" if text.endswith("\r\n", 0, end) else "\n"), True
    return Edit.make(span=whole, new_text=""), True


def _line_at(text: str, offset: int) -> str:
    """The line that holds `offset`, without its line end."""
    stop = text.find("\n", offset)
    return text[text.rfind("\n", 0, offset) + 1 : len(text) if stop < 0 else stop]


def _point(text: str, offset: int):
    from bisect import bisect_right

    starts = _line_starts(text)
    index = bisect_right(starts, offset) - 1
    line, column = index + 1, offset - starts[index] + 1
    return make_span(line, column, offset, line, column, offset)


def _is_markdown(model: SpecModel, path: str | None) -> bool:
    return any(d.path == path and d.spec.source_format == "markdown" for d in model.documents)


#: The Markdown form of the rationale stub: a commentary block, which the Markdown front end reads as a rationale.
MARKDOWN_STUB = '!!! meta "Commentary"'
MARKDOWN_STUB_TEXT = "TODO: say why this rule exists"


def _markdown_stub(model: SpecModel, info: RuleInfo, message: str, safe: bool) -> Fix | None:
    """A commentary block after a Markdown rule's heading, paragraph or list item."""
    text = model.text_of(info.path)
    rule = info.rule
    if text is None or rule.text is None:
        return None
    stop = text.find("\n", rule.text.span.end_offset)
    stop = len(text) if stop < 0 else stop
    if stop > 0 and text[stop - 1] == "\r":
        stop -= 1
    nl = _newline(text)
    indent = "" if rule.text.span.line == rule.span.line and text.startswith("#", rule.span.offset) else " " * (rule.text.span.column - 1)
    block = f"{nl}{nl}{indent}{MARKDOWN_STUB}{nl}{indent}    {MARKDOWN_STUB_TEXT}"
    return Fix.make(message=message, edits=[Edit.make(span=_point(text, stop), new_text=block)], safe=safe)


def child_line(model: SpecModel, info: RuleInfo, line: str, message: str, *, safe: bool = False) -> Fix | None:
    """A fix inserting `line` as the first child of a rule (right after its own text).

    In a Markdown spec a rationale stub is a commentary block; other child
    lines (`unless:`, `see:`) have no Markdown form, and get no fix."""
    if _is_markdown(model, info.path):
        return _markdown_stub(model, info, message, safe) if line == STUB else None
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
    return Fix.make(
        message=message,
        edits=[Edit.make(span=_point(text, stop), new_text=_newline(text) + indent + line)],
        safe=safe,
    )


def _header_end(rule: Rule) -> int:
    if rule.attributes_span is not None:
        return rule.attributes_span.end_offset
    return rule.id_span.end_offset


def rationale_stub(model: SpecModel, info: RuleInfo) -> Fix | None:
    return child_line(model, info, STUB, "add a rationale stub to fill in with the rule's reason")


def _precedence_anchor(model: SpecModel, path: str | None) -> tuple[int, bool] | None:
    """Where a new precedence line goes in a document: (offset, after an existing one).

    Worked out once per document: a spec with many conflicts asks for it often.
    """
    cache = model.__dict__.setdefault("_precedence_anchor", {})
    if path in cache:
        return cache[path]
    text = model.text_of(path)
    doc = next((d for d in model.documents if d.path == path), None)
    anchor = None
    if text is not None and doc is not None:
        body = doc.spec.body
        existing = [item for item in body if isinstance(item, Precedence)]
        if existing:
            stop = text.find("\n", existing[-1].span.end_offset)
            stop = len(text) if stop < 0 else stop
            if stop > 0 and text[stop - 1] == "\r":
                stop -= 1
            anchor = (stop, True)
        else:
            target = next((item for item in body if isinstance(item, (Section, Rule))), None)
            if target is not None:
                anchor = (target.span.offset - (target.span.column - 1), False)
    cache[path] = anchor
    return anchor


def precedence_fix(model: SpecModel, first: RuleInfo, second: RuleInfo) -> Fix | None:
    """Add `precedence: FIRST > SECOND` to the document both rules are in (a `.mspec` file)."""
    if first.path != second.path or _is_markdown(model, first.path):
        return None
    anchor = _precedence_anchor(model, first.path)
    if anchor is None:
        return None
    text = model.text_of(first.path)
    line = f"precedence: {first.id} > {second.id}"
    nl = _newline(text)
    offset, after = anchor
    edit = Edit.make(span=_point(text, offset), new_text=nl + line if after else line + nl + nl)
    return Fix.make(
        message=f"decide which rule wins: add `{line}` (swap the ids if {second.id} should win)",
        edits=[edit],
        safe=False,
    )
