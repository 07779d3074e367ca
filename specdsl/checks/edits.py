"""Edits that fixes make: a child line under a rule, a precedence line, a
Markdown sentence to fill in with a rule's reason, taking a suppression comment out.

Each keeps the blocks around it as they are, and is made only where it can
do what it says: no line under a rule where the parser recovered from an
error, no block after a Markdown table row. `speclint fix` and the editor
still apply each one in memory first (see `specdsl.linting.fixes`)."""

from __future__ import annotations

import re

from ..syntax.ast import Precedence, Rule, Section
from ..core.diagnostics import Edit, Fix, make_span
from ..core.spans import line_starts
from ..model.model import RuleInfo, SpecModel

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

    In `.mspec` a comment is a whole line, and goes with its line. In Markdown
    a comment may share its line with text (then only the comment goes, with
    the blanks that would be left next to it), and a comment alone on its
    line goes so that the blocks around it stay as they are (see
    `specdsl.markdown.layout`): a comment line between two lines of text
    separates two blocks (it becomes a blank line, so the paragraphs around it
    stay apart); inside a longer HTML block (`<div>` … `</div>`) it goes
    without a trace, since a blank line would end that block; and where it
    ends an HTML block that opened above it, or keeps a list apart from the
    paragraph or list before it, an empty comment `<!-- -->` stays in its place.
    """
    start = text.rfind("\n", 0, span.offset) + 1
    end = text.find("\n", span.end_offset)
    end = len(text) if end < 0 else end + 1
    whole = _point(text, start).to(_point(text, end))
    if not markdown:
        return Edit.make(span=whole, new_text=""), True
    before, after = text[start : span.offset], text[span.end_offset : end]
    if before.strip() or after.strip():
        cut_from, cut_to = span.offset, span.end_offset
        if not after.strip():
            cut_from -= len(before) - len(before.rstrip(" \t"))
        else:
            cut_to += len(after) - len(after.lstrip(" \t"))
        return Edit.make(span=_point(text, cut_from).to(_point(text, cut_to)), new_text=""), False
    from ..markdown.layout import CLOSING, INSIDE, SEPARATING, comment_place

    place = comment_place(text, span.line - 1, span.end_line - 1)
    if place == INSIDE:
        return Edit.make(span=whole, new_text=""), True
    if place in (CLOSING, SEPARATING):
        return Edit.make(span=span, new_text=EMPTY_COMMENT), True
    between_text = start > 0 and end < len(text) and _line_at(text, start - 1).strip() and _line_at(text, end).strip()
    if between_text:
        return Edit.make(span=whole, new_text="\r\n" if text.endswith("\r\n", 0, end) else "\n"), True
    return Edit.make(span=whole, new_text=""), True


#: What stands in for a suppression comment that ended an HTML block opened above
#: it, or kept two blocks apart that nothing else would.
EMPTY_COMMENT = "<!-- -->"


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
    """Whether the document at `path` was read by the Markdown or prompt front end."""
    from .wording import in_prose

    return in_prose(model, path)


#: The Markdown (and prompt) form of the rationale stub: a paragraph of its own,
#: a sentence the author finishes. The front ends read a paragraph that opens
#: with "This matters" as the reason of the rule before it; it is the author's
#: own words that follow, not a construct of speclint's.
MARKDOWN_STUB = "This matters because …"


def _markdown_stub(model: SpecModel, info: RuleInfo, message: str, safe: bool) -> Fix | None:
    """A sentence to finish ("This matters because …"), as a paragraph after a
    Markdown rule's heading, or after its paragraph or list item (and the list
    a lead-in introduces); in a prompt file, after the rule's line.

    None for a rule in a table row, a quote or an admonition: a block there
    would break the table or leave the container, and not be the rule's."""
    from ..markdown.layout import block_end

    text = model.text_of(info.path)
    rule = info.rule
    if text is None or rule.text is None:
        return None
    heading = rule.text.span.line == rule.span.line and text.startswith("#", rule.span.offset)
    place = block_end(text, rule.text.span.line - 1, rule.span.end_line - 1, heading)
    if place is None:
        return None
    last, in_item = place
    starts = _line_starts(text)
    nl = _newline(text)
    own_end = rule.text.span.end_line - 1
    if (
        not heading
        and own_end < last
        and not text[rule.text.span.end_offset : starts[own_end + 1]].strip()
        and _line_at(text, starts[own_end + 1]).strip()
    ):
        # more statements follow on the lines of this block (a prompt read by lines):
        # the sentence goes on the line after the rule's, where it explains this rule
        stop = starts[own_end + 1] - 1
        if stop > 0 and text[stop - 1] == "\r":
            stop -= 1
        indent = " " * (rule.text.span.column - 1)
        return Fix.make(message=message, edits=[Edit.make(span=_point(text, stop), new_text=f"{nl}{indent}{MARKDOWN_STUB}")], safe=safe)
    following = ""
    if last + 1 >= len(starts):
        stop = len(text)
    else:
        stop = starts[last + 1] - 1
        if stop > 0 and text[stop - 1] == "\r":
            stop -= 1
        following = _line_at(text, starts[last + 1]) if starts[last + 1] < len(text) else ""
    indent = " " * (rule.text.span.column - 1) if in_item else ""
    block = f"{nl}{nl}{indent}{MARKDOWN_STUB}"
    if following.strip():
        block += nl  # a blank line after it, so that the next block is not read into it
    return Fix.make(message=message, edits=[Edit.make(span=_point(text, stop), new_text=block)], safe=safe)


def child_line(model: SpecModel, info: RuleInfo, line: str, message: str, *, safe: bool = False) -> Fix | None:
    """A fix inserting `line` as the first child of a rule (right after its own text).

    In a Markdown spec or a prompt file a rationale stub is a sentence to
    finish (`MARKDOWN_STUB`); other child lines (`unless:`, `see:`) have no
    form there, and get no fix."""
    if _is_markdown(model, info.path):
        return _markdown_stub(model, info, message, safe) if line == STUB else None
    text = model.text_of(info.path)
    if text is None:
        return None
    rule = info.rule
    if _broken_near(model, info.path, rule.span.line, _next_line(text, rule.span.end_offset)):
        # Where the parser recovered from an error, the rule's children may be
        # read elsewhere: a line added under it could belong to nothing, or to
        # another statement, and never clear the finding. (Only the errors of
        # the rule's top-level block count: the editor keeps a block's findings,
        # fixes included, while only other blocks change; see specdsl.linting.reuse.)
        return None
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


def _broken_near(model: SpecModel, path: str | None, first: int, last: int) -> bool:
    """Whether a syntax error of the `.mspec` document at `path` touches lines
    `first`..`last` of the top-level block that holds line `first` (see
    `specdsl.syntax.incremental.blocks`), or the document is indented with tabs."""
    from bisect import bisect_right

    cache = model.__dict__.setdefault("_syntax_errors", {})
    found = cache.get(path)
    if found is None:
        from ..syntax.incremental import blocks

        doc = next((d for d in model.documents if d.path == path), None)
        spans = sorted((d.span.line, d.span.end_line) for d in (doc.spec.diagnostics if doc else []) if d.code == "S001")
        reach, furthest = [], 0
        for _, end in spans:
            furthest = max(furthest, end)
            reach.append(furthest)
        text = model.text_of(path) or ""
        tabs = "\t" in text and re.search(r"(?m)^[ ]*\t", text) is not None
        found = cache[path] = ([start for start, _ in spans], reach, [line for _, _, line in blocks(text)], tabs)
    starts, reach, block_starts, tabs = found
    if tabs:
        return True  # tabs are judged file-wide: a line indented with spaces may mix them
    after = bisect_right(block_starts, first)
    if after < len(block_starts):
        last = min(last, block_starts[after] - 1)
    at = bisect_right(starts, last)
    return at > 0 and reach[at - 1] >= first


def _next_line(text: str, offset: int) -> int:
    """The number of the first line after the one holding `offset` that is neither
    blank nor a comment (or of the last line)."""
    from bisect import bisect_right

    starts = _line_starts(text)
    line = bisect_right(starts, offset)  # 0-based index of the next line
    while line < len(starts) - 1 and _line_at(text, starts[line]).strip(" \t\r")[:1] in ("", "#"):
        line += 1
    return line + 1


def _header_end(rule: Rule) -> int:
    if rule.attributes_span is not None:
        return rule.attributes_span.end_offset
    return rule.id_span.end_offset


def rationale_stub(model: SpecModel, info: RuleInfo) -> Fix | None:
    from .wording import advice

    return child_line(model, info, STUB, advice(model, info.path, "stub-title"))


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
