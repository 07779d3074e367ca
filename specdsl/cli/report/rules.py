"""A check's documentation, for `speclint rule CODE`, `speclint rule --all`
and the SARIF rule descriptors.

The text is the check's docstring (What it finds / Why it matters / Example
/ Fix), shown as it is written: plain text when the output is not a terminal,
rich Markdown when it is, and a list of dicts for `--format json`:

    {"code", "name", "severity", "prose_severity", "default", "family", "tier", "summary",
     "sections": {"What it finds": "…", …},
     "options": [{"name", "default", "description"}],
     "measured": {"dev": {"precision", "judged", "unjudged"}, "test": {…}} or null}

"On real specs" says how precise the check measured on real public specs
judged blind (`measured.json`, written by `benchmarks/review.py
--write-measured`), so that an author knows what to expect of its findings.
"""

from __future__ import annotations

import functools
import json
import re
import textwrap
from typing import Any, Iterable, TextIO

from ...checks.base import SECTIONS, Check

#: Sections whose whole body is `.mspec` text (shown as a code block).
CODE_SECTIONS = ("Example",)

#: The width of `speclint rule --all` when the output is not a terminal.
TABLE_WIDTH = 100

#: Where a sentence ends: `.`, `!` or `?` (a closing quote or bracket may
#: follow), then space and the capital, quote, bracket or backtick that
#: begins the next one. "etc.", and "e.g. a" do not end one.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?(?=\s+[A-Z\"“(`])")

#: The line under `speclint rule --all` that says where the rest is.
TABLE_FOOTER = "`speclint rule CODE` shows a check's whole documentation."


# ---------------------------------------------------------------- data


def summary_of(check: Check) -> str:
    """The first paragraph of "What it finds", on one line."""
    return " ".join(check.summary.split())


def first_sentence(text: str) -> str:
    """The first sentence of `text`, on one line (the whole text when it is one sentence)."""
    text = " ".join(text.split())
    end = SENTENCE_END.search(text)
    return text if end is None else text[: end.end()]


def doc_sections(check: Check) -> dict[str, str]:
    """The docstring's sections, each dedented (code keeps its relative indentation)."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in check.doc.splitlines():
        stripped = line.strip()
        if stripped.endswith(":") and stripped[:-1] in SECTIONS:
            current = stripped[:-1]
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    result = {name: textwrap.dedent("\n".join(lines)).strip("\n").rstrip() for name, lines in sections.items()}
    for name, text in check.sections.items():  # a docstring read some other way
        result.setdefault(name, text)
    order = [name for name in SECTIONS if name in result] + [name for name in result if name not in SECTIONS]
    return {name: result[name] for name in order if result[name]}


def options_of(check: Check) -> list[dict[str, Any]]:
    """The check's options as {name, default, description}; the name is the configuration key."""
    from pydantic_core import to_jsonable_python

    options = []
    for field_name, info in check.options.model_fields.items():
        default = info.get_default(call_default_factory=True)
        try:
            default = to_jsonable_python(default)
        except Exception:  # an exotic default: shown as text
            default = repr(default)
        options.append({
            "name": info.alias or field_name,
            "default": default,
            "description": info.description or "",
        })
    return options


def measured_of(code: str) -> dict[str, Any] | None:
    """The check's blind-judged precision on the review corpus's two halves, or None."""
    return _measured()["checks"].get(code)


@functools.lru_cache(maxsize=1)
def _measured() -> dict[str, Any]:
    """`measured.json` as {"checks": {code: {half: figures}}, "documents": {half: count}}."""
    from ...core.sources import package_text

    try:
        data = json.loads(package_text("specdsl.checks", "measured.json"))
    except (OSError, ValueError):
        data = {}
    return {"checks": dict(data.get("checks") or {}), "documents": dict(data.get("documents") or {})}


def measured_text(check: Check) -> str | None:
    """"On real specs": the measured precision, in a sentence or two."""
    figures = measured_of(check.code)
    if not figures:
        return None
    docs = _measured()["documents"]

    def said(half: str) -> str | None:
        f = figures.get(half)
        if not f or f.get("precision") is None:
            return None
        return f"{f['precision']:.2f} ({f['judged']} findings judged)"

    test, dev = said("test"), said("dev")
    parts = []
    if test:
        parts.append(f"precision {test} on the held-out half")
    if dev:
        parts.append(f"{dev} on the half it was tuned on")
    if not parts:
        return None
    total = sum(int(n) for n in docs.values())
    where = f"{total} real public specs" if total else "real public specs"
    text = (
        f"Judged blind, finding by finding, on {where} nobody on the project wrote "
        f"(model specs, system prompts, policies, read as prose): " + "; ".join(parts) + "."
    )
    if check.prose_severity is not None:
        text += f" That is why it is {check.prose_severity.value} in Markdown and prompt files."
    elif not check.default:
        text += " That is why it is off unless named."
    return text


def rule_json(check: Check) -> dict[str, Any]:
    """One check for `speclint rule --format json`."""
    return {
        "code": check.code,
        "name": check.name,
        "severity": check.severity.value,
        "prose_severity": check.prose_severity.value if check.prose_severity else None,
        "default": check.default,
        "family": check.family,
        "tier": check.tier,
        "summary": summary_of(check),
        "sections": doc_sections(check),
        "options": options_of(check),
        "measured": measured_of(check.code),
    }


def unwrap(text: str) -> str:
    """Prose with its line breaks inside paragraphs removed (paragraphs kept)."""
    return "\n\n".join(" ".join(p.split()) for p in text.split("\n\n") if p.strip())


# ---------------------------------------------------------------- text


def rule_text(check: Check) -> str:
    """The documentation of one check as plain text (the docstring, with a header)."""
    lines = [f"{check.code} {check.name}", _facts(check)]
    for name, body in doc_sections(check).items():
        lines += ["", name, textwrap.indent(body, "    ")]
    measured = measured_text(check)
    if measured:
        lines += ["", "On real specs", textwrap.indent(textwrap.fill(measured, 72), "    ")]
    options = options_of(check)
    if options:
        lines += ["", "Options"]
        for option in options:
            lines.append(f"    {option['name']} = {json.dumps(option['default'], ensure_ascii=False)}")
            if option["description"]:
                lines.append(f"        {option['description']}")
    return "\n".join(lines) + "\n"


def rule_markdown(check: Check) -> str:
    """The documentation of one check as Markdown (SARIF help, the terminal view)."""
    parts = [f"# {check.code} {check.name}", _facts(check, markdown=True)]
    for name, body in doc_sections(check).items():
        parts.append(f"## {name}")
        parts.append(_fence(body) if name in CODE_SECTIONS else _markdown_body(body))
    measured = measured_text(check)
    if measured:
        parts += ["## On real specs", measured]
    options = options_of(check)
    if options:
        parts.append("## Options")
        parts.append("\n".join(
            f"- `{o['name']}` (default `{json.dumps(o['default'], ensure_ascii=False)}`)"
            + (f": {o['description']}" if o["description"] else "")
            for o in options
        ))
    return "\n\n".join(parts) + "\n"


def _facts(check: Check, markdown: bool = False) -> str:
    severity = check.severity.value
    if check.prose_severity is not None:
        severity += f" ({check.prose_severity.value} in Markdown and prompt files)"
    facts = [("severity", severity), ("family", check.family), ("tier", check.tier)]
    if not check.default:
        facts.append(("default", f"off (run it with --select {check.code})"))
    if check.aliases:
        facts.append(("aliases", ", ".join(check.aliases)))
    if markdown:
        return " · ".join(f"**{k}** {v}" for k, v in facts)
    return "   ".join(f"{k}: {v}" for k, v in facts)


def _fence(code: str) -> str:
    fence = "````" if "```" in code else "```"
    return f"{fence}text\n{textwrap.dedent(code)}\n{fence}"


def _markdown_body(body: str) -> str:
    """Prose as it is; runs of lines indented four spaces or more become fenced code."""
    out: list[str] = []
    code: list[str] = []
    lines = body.splitlines()
    for i, line in enumerate(lines):
        indented = line.startswith("    ")
        blank_inside = not line.strip() and code and any(l.startswith("    ") for l in lines[i + 1 : i + 2])
        if indented or blank_inside:
            code.append(line)
            continue
        if code:
            out.append(_fence("\n".join(code).rstrip()))
            code = []
        out.append(line)
    if code:
        out.append(_fence("\n".join(code).rstrip()))
    return "\n".join(out)


# ---------------------------------------------------------------- writers


def write_rule(out: TextIO, check: Check, *, color: bool = False, width: int | None = None) -> None:
    """`speclint rule CODE`: rich Markdown when `color`, else plain text."""
    if not color:
        out.write(rule_text(check))
        return
    from rich.markdown import Markdown

    from .full import make_console

    console = make_console(out, width, wrap=True)
    console.print(Markdown(rule_markdown(check), code_theme="ansi_dark"))


def write_rules_table(out: TextIO, checks: Iterable[Check], *, color: bool = False, width: int | None = None) -> None:
    """`speclint rule --all`: code, name, severity, tier and summary of each check.

    One line per check: the summary is the first sentence of "What it
    finds", cut to `width` (`TABLE_WIDTH` when None, as when the output is
    a pipe), so the table reads as a table; a last line says that
    `speclint rule CODE` gives the rest. With `color`, a rich table; else
    aligned plain text.
    """
    checks = sorted(checks, key=lambda c: c.code)
    rows = [
        (c.code, c.name, c.severity.value, c.tier + ("" if c.default else ", off"), first_sentence(summary_of(c)))
        for c in checks
    ]
    header = ("CODE", "NAME", "SEVERITY", "TIER", "SUMMARY")
    width = width or TABLE_WIDTH
    if color:
        _rich_table(out, header, rows, width)
    else:
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
        for row in [header, *rows]:
            head = "  ".join(cell.ljust(w) for cell, w in zip(row, widths))
            out.write(f"{head}  {_cut(row[4], max(10, width - len(head) - 2))}".rstrip() + "\n")
    out.write(f"\n{TABLE_FOOTER}\n")


def _cut(text: str, room: int) -> str:
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


def _rich_table(out: TextIO, header: tuple[str, ...], rows: list[tuple[str, ...]], width: int | None) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .full import STYLES, make_console

    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for name, w in zip(header, widths):
        table.add_column(name.lower(), no_wrap=True, min_width=w)
    room = max(10, width - sum(w + 3 for w in widths) - 3)  # padding and separators
    table.add_column(header[4].lower(), no_wrap=True, overflow="ellipsis", max_width=room)
    for code, name, severity, tier, summary in rows:
        table.add_row(code, name, Text(severity, style=STYLES[severity + ".label"]), tier, _cut(summary, room))
    make_console(out, width, wrap=True).print(table)


def write_rules_json(out: TextIO, checks: Iterable[Check]) -> None:
    """`speclint rule [CODE|--all] --format json`: a JSON list of `rule_json` objects."""
    json.dump([rule_json(c) for c in sorted(checks, key=lambda c: c.code)], out, indent=2, ensure_ascii=False)
    out.write("\n")
