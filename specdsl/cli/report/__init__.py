"""Reporters: diagnostics to text. Only this package imports rich.

Everything a reporter writes that comes from a repository (a message quoting
the source, a rule id, a link target, a file name) goes through `escape()`
for text or `json_text()` for JSON first: a spec must not be able to move the
cursor, recolour the terminal, hide text behind bidirectional overrides, or
start a line that a CI runner takes as a command (`::error …`, `##[…]`).
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, TextIO

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...core.diagnostics import Diagnostic

JSON_VERSION = 1


def summary(
    diagnostics: list[Diagnostic],
    files: int,
    rules: int,
    tier: str,
    *,
    unreadable: list[str] = (),  # type: ignore[assignment]
    no_rules: list[str] = (),  # type: ignore[assignment]
) -> dict:
    """The `summary` of the JSON output, and what the summary line of the text formats says.

    `files` counts the files linted, `rules` the rules read from them;
    `unreadable` lists the files that could not be read (binary, not UTF-8,
    no permission: each also said as an error), `no_rules` the files linted
    that gave no rule (see `speclint rules`).
    """
    by_severity = Counter(d.severity.value for d in diagnostics)
    return {
        "files": files,
        "rules": rules,
        "diagnostics": len(diagnostics),
        "by_severity": {s: by_severity.get(s, 0) for s in ("error", "warning", "info")},
        "by_code": dict(sorted(Counter(d.code for d in diagnostics).items())),
        "tier": tier,
        "unreadable": list(unreadable),
        "no_rules": list(no_rules),
    }


def write_json(out: TextIO, diagnostics: list[Diagnostic], info: dict) -> None:
    document = {
        "version": JSON_VERSION,
        "diagnostics": [d.to_json() for d in diagnostics],
        "summary": info,
    }
    out.write(json_text(document))
    out.write("\n")


def write_concise(out: TextIO, diagnostics: Iterable[Diagnostic]) -> None:
    """One line per diagnostic: `path:line:column: CODE [severity] message`, escaped.

    The code comes right after the position, as ruff and flake8 print it, so
    tools that read `path:line:col: CODE` keep working; the severity follows
    in brackets, spelled out (`[error]`, `[warning]`, `[info]`) so that a
    reader never has to know which letter means what, and a problem matcher
    can take it with `\\[(error|warning|info)\\]`.
    """
    for d in diagnostics:
        out.write(escape(f"{d.path}:{d.span.line}:{d.span.column}: {d.code} [{d.severity.value}] {d.message}") + "\n")


from ...core.escape import BIDI, _json_escapes, _text_escapes, escape, json_safe  # noqa: F401  (the reporters' API)


def json_text(document, *, indent: int | None = 2) -> str:
    """`document` as JSON (UTF-8 text, not `\\u`-escaped) made safe by `json_safe`."""
    import json  # only for JSON output: not on the way of a text report

    return json_safe(json.dumps(document, indent=indent, ensure_ascii=False))


def summary_line(info: dict) -> str:
    """The last line of the text formats: the findings, in how many files and rules,
    and how many files could not be read (never "No findings in 0 files" after an error)."""
    n = info["diagnostics"]
    sev = info["by_severity"]
    files = info["files"]
    lost = len(info.get("unreadable", ()))
    unread = f"{lost} file{'s' if lost != 1 else ''} could not be read"
    if lost and not files:
        return f"Nothing linted: {unread}."
    what = f"{files} file{'s' if files != 1 else ''}, {info['rules']} rule{'s' if info['rules'] != 1 else ''}"
    tail = f"; {lost} more {unread.split(' ', 1)[1]}" if lost else ""
    if n == 0:
        return f"No findings in {what} ({info['tier']} tier){tail}."
    parts = [f"{sev[s]} {s}{'s' if sev[s] != 1 and s != 'info' else ''}" for s in ("error", "warning", "info") if sev[s]]
    return f"Found {n} finding{'s' if n != 1 else ''} ({', '.join(parts)}) in {what} ({info['tier']} tier){tail}."
