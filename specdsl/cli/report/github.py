"""GitHub Actions workflow commands: one annotation per diagnostic.

    ::error file=specs/a.mspec,line=4,col=8,endLine=4,endColumn=8,title=S003 unknown-reference::`see:` names `Z`…

error -> `::error`, warning -> `::warning`, info -> `::notice`. The message
and the property values are escaped as the Actions runner unescapes them:
`%`, CR and LF in the message; also `:` and `,` in property values. Before
that every one goes through `specdsl.cli.report.escape`, as in the other text
formats: a line feed or an ESC from a spec is shown as `\n` or `\x1b` in the
annotation, not turned into a line break or written raw to the log. (A file
whose name has a control character in it is so named in the annotation, which
GitHub then cannot attach to the file.)

GitHub's `endColumn` is inclusive (it defaults to `col`, a one-character
annotation), so it is speclint's exclusive end column minus one. The runner
drops `col` and `endColumn` when `line` and `endLine` differ, so a range over
several lines is written with lines only.
"""

from __future__ import annotations

import os
from typing import Iterable, Iterator, TextIO

from ...core.diagnostics import Diagnostic
from . import escape

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (what follows `::`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (`file=…`, `title=…`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic, *, base_dir: str | os.PathLike | None = None) -> str:
    """The workflow command of one diagnostic (one line, without its newline).

    `base_dir` (the workspace root) makes the file path relative to it, as
    GitHub resolves annotation paths against the repository.
    """
    span = d.span
    properties: list[tuple[str, str]] = []
    if d.path is not None:
        properties.append(("file", _path(d.path, base_dir)))
    properties.append(("line", str(max(1, span.line))))
    end_line = max(span.line, span.end_line)
    if end_line == span.line:
        column = max(1, span.column)
        properties.append(("col", str(column)))
        properties.append(("endLine", str(end_line)))
        properties.append(("endColumn", str(max(column, span.end_column - 1))))
    else:
        properties.append(("endLine", str(end_line)))
    title = f"{d.code} {d.name}" if d.name else d.code
    properties.append(("title", title))
    props = ",".join(f"{key}={escape_property(escape(value))}" for key, value in properties)
    return f"::{COMMANDS[d.severity.value]} {props}::{escape_data(escape(d.message))}"


def annotations(diagnostics: Iterable[Diagnostic], *, base_dir: str | os.PathLike | None = None) -> Iterator[str]:
    """`annotation()` of each diagnostic, in order."""
    for d in diagnostics:
        yield annotation(d, base_dir=base_dir)


def write_github(out: TextIO, diagnostics: Iterable[Diagnostic], *, base_dir: str | os.PathLike | None = None) -> None:
    """Write one workflow command per diagnostic, one a line."""
    for line in annotations(diagnostics, base_dir=base_dir):
        out.write(line + "\n")


def _path(path: str, base_dir: str | os.PathLike | None) -> str:
    if base_dir is None:
        return path.replace(os.sep, "/")
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, os.path.abspath(base_dir))
    except ValueError:  # another drive (Windows)
        return absolute
    if relative == ".." or relative.startswith(".." + os.sep):
        return absolute
    return relative.replace(os.sep, "/")
