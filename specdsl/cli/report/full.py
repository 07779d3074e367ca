"""The full terminal report: each finding with its source excerpt, related
places and fix, in the manner of ruff's default output.

    spec.mspec:4:8: S003 [error] `see:` names `Z`, which is not a rule of this spec
      |
    4 |   see: Z
      |        ^
      = related: spec.mspec:1:6: the rule that refers to it
      |
    1 | rule B: Answer in the language of the question.
      |      ^

The layout is built as plain segments (text, style). Without colour they are
written as they are, so the output is plain text whatever the source holds:
messages and paths go through `specdsl.cli.report.escape`, and source lines show
each control character as the same visible escape (`\x1b`, `\u202e`), tabs
as spaces. With colour the same segments go through rich, imported only here
and only then.
"""

from __future__ import annotations

import unicodedata
from typing import Iterable, Mapping, TextIO

from ...core.diagnostics import Diagnostic, Edit, Span
from . import _text_escapes, escape

#: Tab stops of the source excerpts.
TAB_WIDTH = 4
#: A range over more lines than this shows its first and last lines only.
MAX_EXCERPT_LINES = 6
#: A fix's diff shows at most this many lines per edit.
MAX_DIFF_LINES = 12
#: Cells of context kept left of a range when a long line is cut to the width.
LEFT_CONTEXT = 16

Segment = tuple[str, "str | None"]
Row = list[Segment]

STYLES = {
    "error": "bold red",
    "warning": "bold yellow",
    "info": "bold blue",
    "error.label": "red",
    "warning.label": "yellow",
    "info.label": "blue",
    "path": "bold",
    "position": "cyan",
    "gutter": "bold blue",
    "note": "bold cyan",
    "add": "green",
    "remove": "red",
    "dim": "dim",
}


def write_full(
    out: TextIO,
    diagnostics: Iterable[Diagnostic],
    sources: Mapping[str | None, str],
    *,
    color: bool = False,
    width: int | None = None,
    info: dict | None = None,
) -> None:
    """Write every diagnostic with its source excerpt, then a summary line.

    `sources` maps a path (as in `Diagnostic.path`) to the text of that file;
    a diagnostic whose file is missing there is shown without an excerpt.
    `color` turns ANSI styling on (through rich); when false the output is
    plain text with no escape sequences. `width` (the terminal's columns)
    cuts long source lines around the range; None keeps them whole. `info`
    is the `summary()` dict of `specdsl.cli.report`; without it the summary line
    counts the diagnostics only.
    """
    diagnostics = list(diagnostics)
    lines = _SourceLines(sources)
    blocks = [_diagnostic_rows(d, lines, width) for d in diagnostics]
    blocks.append(_summary_rows(diagnostics, info))
    _emit(out, blocks, color, width)


# ---------------------------------------------------------------- layout


class _SourceLines:
    """The lines of each source text, split once ("\\n"; a trailing "\\r" dropped)."""

    def __init__(self, sources: Mapping[str | None, str]):
        self._sources = sources
        self._lines: dict[str | None, list[str] | None] = {}

    def get(self, path: str | None) -> list[str] | None:
        if path not in self._lines:
            text = self._sources.get(path)
            self._lines[path] = None if text is None else [
                line[:-1] if line.endswith("\r") else line for line in text.split("\n")
            ]
        return self._lines[path]


def _diagnostic_rows(d: Diagnostic, lines: _SourceLines, width: int | None) -> list[Row]:
    severity = d.severity.value
    rows: list[Row] = [[
        (escape(d.path or "<input>"), "path"),
        (f":{d.span.line}:{d.span.column}:", "position"),
        (" ", None),
        (escape(d.code), severity),
        (f" [{severity}] ", f"{severity}.label"),
        (escape(d.message), None),
    ]]
    source = lines.get(d.path)
    numbers = [d.span.line] + [r.span.line for r in d.related]
    gutter = len(str(max(numbers + [d.span.end_line])))
    if d.fix is not None:
        gutter = max([gutter] + [len(str(e.span.end_line)) for e in d.fix.edits])
    if source is not None:
        rows.extend(_excerpt(source, d.span, gutter, width, severity))
    for related in d.related:
        path = related.path or d.path
        rows.append([
            (" " * gutter + " = ", "gutter"),
            ("related: ", "note"),
            (f"{escape(path or '<input>')}:{related.span.line}:{related.span.column}: ", "position"),
            (escape(related.message), None),
        ])
        related_source = lines.get(path)
        if related_source is not None:
            rows.extend(_excerpt(related_source, related.span, gutter, width, "note", max_lines=1))
    if d.fix is not None:
        kind = "safe" if d.fix.safe else "needs review"
        rows.append([
            (" " * gutter + " = ", "gutter"),
            (f"fix ({kind}): ", "note"),
            (escape(d.fix.message), None),
        ])
        for edit in d.fix.edits:
            rows.extend(_edit_rows(edit, d.path, lines, gutter, width))
    return rows


def _excerpt(
    source: list[str], span: Span, gutter: int, width: int | None, style: str, max_lines: int = MAX_EXCERPT_LINES
) -> list[Row]:
    """The source lines of `span` with a row of carets under each marked part."""
    first, last, end_column = span.line, span.end_line, span.end_column
    if first < 1 or first > len(source):
        return []
    last = min(max(last, first), len(source))
    if span.end_line > len(source):  # clipped at the end of the text
        end_column = len(source[last - 1]) + 1
    if last > first and end_column == 1:  # a range that ends with a newline
        last -= 1
        end_column = len(source[last - 1]) + 1
    numbers = list(range(first, last + 1))
    if len(numbers) > max_lines:
        keep_head = max(1, (max_lines + 1) // 2)
        keep_tail = max(0, max_lines - keep_head - 1)
        numbers = numbers[:keep_head] + [0] + (numbers[-keep_tail:] if keep_tail else [])
    avail = None if width is None else max(20, width - gutter - 3)
    rows: list[Row] = [[(" " * gutter + " |", "gutter")]]
    for number in numbers:
        if number == 0:
            rows.append([(" " * gutter + " :", "gutter"), (" …", "dim")])
            continue
        text = source[number - 1]
        start = span.column - 1 if number == first else len(text) - len(text.lstrip())
        stop = end_column - 1 if number == last else len(text)
        shown, carets = _render_line(text, start, stop, avail, always=number in (first, last))
        rows.append([(f"{number:>{gutter}} | ", "gutter"), (shown, None)])
        if carets:
            rows.append([(" " * gutter + " | ", "gutter"), (carets, style)])
    return rows


def _edit_rows(edit: Edit, path: str | None, lines: _SourceLines, gutter: int, width: int | None) -> list[Row]:
    """A small diff of one edit: context lines `N |`, removed `N -`, added `  +`."""
    source = lines.get(edit.path or path)
    span = edit.span
    avail = None if width is None else max(20, width - gutter - 3)
    new_text = edit.new_text.replace("\r\n", "\n")
    if source is None or span.line < 1 or span.line > len(source):
        where = f"{escape(edit.path or path or '<input>')}:{span.line}:{span.column}"
        rows: list[Row] = [[(" " * gutter + " = ", "gutter"), (f"at {where}:", "dim")]]
        added = new_text.split("\n") if new_text else []
        rows += [[(" " * gutter + " + ", "add"), (_render_line(t, 0, 0, avail)[0], "add")] for t in added]
        if not new_text:
            rows.append([(" " * gutter + " - ", "remove"), ("(deletes the range)", "remove")])
        return rows
    last = min(max(span.end_line, span.line), len(source))
    old = source[span.line - 1 : last]
    prefix = old[0][: max(0, span.column - 1)]
    suffix = old[-1][max(0, span.end_column - 1) :] if span.end_line <= len(source) else ""
    new = (prefix + new_text + suffix).split("\n")
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    diff: list[tuple[str, int | None, str]] = []
    if head:
        diff.append(("|", span.line + head - 1, old[head - 1]))
    diff += [("-", span.line + i, old[i]) for i in range(head, len(old) - tail)]
    diff += [("+", None, new[i]) for i in range(head, len(new) - tail)]
    if tail:
        diff.append(("|", span.line + len(old) - tail, old[len(old) - tail]))
    if len(diff) > MAX_DIFF_LINES:
        diff = diff[: MAX_DIFF_LINES - 1] + [(":", None, "…")]
    rows = [[(" " * gutter + " |", "gutter")]]
    styles = {"|": ("gutter", None), "-": ("remove", "remove"), "+": ("add", "add"), ":": ("gutter", "dim")}
    for mark, number, text in diff:
        gutter_style, text_style = styles[mark]
        label = f"{number:>{gutter}}" if number is not None else " " * gutter
        shown = text if mark == ":" else _render_line(text, 0, 0, avail)[0]
        rows.append([(f"{label} {mark} ", gutter_style), (shown, text_style)])
    return rows


def _summary_rows(diagnostics: list[Diagnostic], info: dict | None) -> list[Row]:
    from . import summary_line

    line = summary_line(info) if info is not None else _count_line(diagnostics)
    rows: list[Row] = [[(line, "path")]]
    safe = sum(1 for d in diagnostics if d.fix is not None and d.fix.safe)
    review = sum(1 for d in diagnostics if d.fix is not None and not d.fix.safe)
    if safe or review:
        parts = []
        if safe:
            parts.append(f"{safe} fixable with `speclint fix`")
        if review:
            parts.append(f"{review} {'more ' if safe else ''}with `speclint fix --unsafe-fixes` (review them first)")
        rows.append([("; ".join(parts) + ".", "dim")])
    return rows


def _count_line(diagnostics: list[Diagnostic]) -> str:
    """"Found 3 findings (1 error, 2 warnings)." when no summary dict is given."""
    if not diagnostics:
        return "No findings."
    counts = {s: sum(1 for d in diagnostics if d.severity.value == s) for s in ("error", "warning", "info")}
    parts = [f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for s, n in counts.items() if n]
    n = len(diagnostics)
    return f"Found {n} finding{'s' if n != 1 else ''} ({', '.join(parts)})."


# ---------------------------------------------------------------- characters


def _width(ch: str) -> int:
    """Terminal cells of one (visible) character: 0, 1 or 2."""
    if ch < "\u0300":
        return 1
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _render_line(text: str, start: int, stop: int, avail: int | None, always: bool = True) -> tuple[str, str]:
    """`text` as shown (tabs expanded, cut to `avail` cells around `start`) and
    the caret row under code points [start, stop).

    An empty mark gets one caret when `always` (a point, or a range ending at
    a line end); otherwise no caret row.
    """
    cells: list[tuple[str, int]] = []
    escapes = _text_escapes()
    x = 0
    for i, ch in enumerate(text):
        if ch == "\t":
            n = TAB_WIDTH - x % TAB_WIDTH
            cells.append((" " * n, n))
        elif ch == "#" and i and text[i - 1] == "#" and text.startswith("[", i + 1):
            cells.append(("\\x23", 4))  # `##[`, a command to the Actions runner (see `escape`)
        else:
            shown = escapes.get(ord(ch))
            cells.append((shown, len(shown)) if shown else (ch, _width(ch)))
        x += cells[-1][1]
    xs = [0]
    for _, w in cells:
        xs.append(xs[-1] + w)
    n = len(cells)
    start, stop = max(0, min(start, n)), max(0, min(stop, n))
    x0, x1 = xs[start], xs[max(start, stop)]
    if x1 <= x0:
        if not always and stop <= start:
            x1 = x0
        else:
            x1 = x0 + 1
    i0, i1 = 0, n
    if avail is not None and xs[n] > avail:
        budget = avail - 2
        i0 = start
        while i0 > 0 and x0 - xs[i0 - 1] <= min(LEFT_CONTEXT, budget // 3):
            i0 -= 1
        i1 = i0
        while i1 < n and xs[i1 + 1] - xs[i0] <= budget:
            i1 += 1
        while i0 > 0 and i1 == n and xs[n] - xs[i0 - 1] <= budget:
            i0 -= 1
    left = "…" if i0 > 0 else ""
    right = "…" if i1 < n else ""
    shown = left + "".join(c for c, _ in cells[i0:i1]) + right
    shift = len(left) - xs[i0]
    visible_end = xs[i1] + shift + (1 if not right else 0)
    c0 = max(0, x0 + shift)
    c1 = min(x1 + shift, max(visible_end, c0 + 1))
    carets = " " * c0 + "^" * (c1 - c0) if c1 > c0 else ""
    return shown, carets


# ---------------------------------------------------------------- output


def _emit(out: TextIO, blocks: list[list[Row]], color: bool, width: int | None) -> None:
    if not color:
        for i, block in enumerate(blocks):
            for row in block:
                out.write("".join(text for text, _ in row).rstrip() + "\n")
            if i < len(blocks) - 1:
                out.write("\n")
        return
    console = make_console(out, width)
    from rich.text import Text

    for i, block in enumerate(blocks):
        text = Text(end="\n")
        for j, row in enumerate(block):
            if j:
                text.append("\n")
            for part, style in row:
                text.append(part, style=STYLES.get(style, style) if style else None)
        text.rstrip()
        console.print(text)
        if i < len(blocks) - 1:
            console.print()


def make_console(out: TextIO, width: int | None = None, *, wrap: bool = False):
    """A rich console that writes ANSI colour to `out` whatever `out` is.

    The caller has decided on colour (the CLI looks at the terminal,
    `--color` and `NO_COLOR`), so rich's own guesses are turned off. Lines
    are never wrapped unless `wrap` (then at `width`, default 80).
    """
    from rich.console import Console

    isatty = getattr(out, "isatty", lambda: False)
    try:
        tty = bool(isatty())
    except (OSError, ValueError):
        tty = False
    return Console(
        file=out,
        force_terminal=True,
        color_system="auto" if tty else "standard",
        no_color=False,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=not wrap,
        width=width or (80 if wrap else 10_000),
        legacy_windows=False,
    )
