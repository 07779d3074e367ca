"""Which front end reads a file: `.mspec` text, a Markdown spec, or a prompt file.

Prompt files (`.txt`, `.cursorrules`, Jinja and ERB templates: see
`specdsl.prompts.kinds`) are read by the Markdown front end as plain text:
line breaks separate statements, tag sections are sections, template
syntax is skipped. Agent instruction files in Markdown (`AGENTS.md`,
`CLAUDE.md`, `*.prompt.md`) and Markdown templates (`page.html.md.erb`,
`notes.md.j2`) are Markdown. YAML prompt files (`.yml`, `.yaml`, named
explicitly) are read by their string values, and a Python file by its prose
strings (`specdsl.prompts.program`).
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import TYPE_CHECKING

from ..prompts.kinds import PROMPT_NAMES, PROMPT_SUFFIXES, PYTHON_SUFFIXES, is_markdown_template

if TYPE_CHECKING:
    from ..syntax.ast import Spec

MSPEC_SUFFIXES = (".mspec",)
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdc", ".mdx")
#: An HTML page (named, or matched by the configuration's `markdown:` globs; a folder walk
#: never picks one by itself) is read as Markdown is: CommonMark keeps its blocks as HTML
#: blocks, whose prose (`<p>`, `<li>`, `<h2>` …) the Markdown reader reads with exact positions.
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: Every suffix the Markdown front end reads (Markdown templates aside: `is_markdown_template`).
READ_AS_MARKDOWN = MARKDOWN_SUFFIXES + HTML_SUFFIXES
#: YAML prompt files: read so only when named or configured (a folder's YAML files are never
#: walked). A JSON file is a YAML document too (`principles.json`: its strings are the prompts).
YAML_SUFFIXES = (".yml", ".yaml", ".json")

#: The first line of an `.mspec` file: a comment, or a declaration the grammar opens with, in its
#: whole shape (`spec "…"`, `rule R1:`, `precedence:`), as the grammar's keywords are: "Rule of
#: thumb: …" or a program's `import { x } from "y"` is not one.
_MSPEC_START = re.compile(
    r"\A(?:\s*(?:#[^\n]*)?\n)*\s*(?:"
    r"spec[ \t]+\"[^\"\n]*\"[ \t]*:?[ \t]*$|(?:section|term)[ \t]+\"[^\"\n]*\"[ \t]*:|include[ \t]+\"[^\"\n]*\"[ \t]*$|"
    r"rule[ \t]+[A-Za-z_][A-Za-z0-9_.-]*[ \t]*(?:\[[^\]\n]*\][ \t]*)?:|precedence[ \t]*:)",
    re.M,
)


def detect(path: str | None, override: str | None = None, text: str | None = None) -> str:
    """"mspec", "markdown", "prompt" or "yaml" (a YAML prompt file), from the file name
    unless `override` says. A file whose name says nothing (`LICENSE-MODEL`, `policy.rst`)
    is an `.mspec` file when its text (if given) opens as one, else a plain-text prompt: the
    document a user names is read as it is written."""
    if override:
        return override
    if path:
        p = PurePath(path)
        suffix = p.suffix.lower()
        if suffix in READ_AS_MARKDOWN or is_markdown_template(path):
            return "markdown"
        if suffix in PROMPT_SUFFIXES or p.name.lower() in PROMPT_NAMES:
            return "prompt"
        if suffix in YAML_SUFFIXES:
            return "yaml"
        if suffix not in MSPEC_SUFFIXES and text is not None and text.strip() and not _MSPEC_START.match(text):
            return "prompt"
    return "mspec"


def parse_any(text: str, path: str | None = None, kind: str | None = None, reading: str = "auto") -> Spec:
    """Parse with the front end that fits the file (`reading`: see `specdsl.markdown.reader`)."""
    return read_any(text, path, kind, reading)[0]


def read_any(text: str, path: str | None = None, kind: str | None = None, reading: str = "auto"):
    """`parse_any`'s tree, with what the prose reader saw (`markdown.MarkdownStats`: what it left
    out, how it read the file), or None for a `.mspec` file."""
    found = detect(path, kind, text)
    if found == "yaml":
        from ..markdown import read_yaml_prompt

        return read_yaml_prompt(text, path, reading)
    if found == "prompt" and path and PurePath(path).suffix.lower() in PYTHON_SUFFIXES:
        from ..markdown import read_python_prompt

        held = read_python_prompt(text, path, reading)
        if held is not None:
            return held
    if found in ("markdown", "prompt"):
        from ..markdown import read_markdown

        return read_markdown(text, path, reading, plain=True if found == "prompt" else None)
    from ..syntax.parser import parse

    return parse(text, path), None
