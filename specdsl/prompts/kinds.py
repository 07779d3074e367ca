"""Which files are prompts, and which Markdown files are not specs.

A prompt file is read by lines as well as by blocks: in plain text a line
break usually separates two instructions. Prompt files are named by their
suffix (`.txt`, Jinja and ERB templates) or by their whole name
(`.cursorrules`, Zed's `.rules`). Handlebars and Mustache templates
(`.hbs`, `.mustache`) are templates as Jinja's are. A template whose name says it renders Markdown
(`page.html.md.erb`, `notes.md.j2`) is Markdown, its template tags masked.
Agent instruction files in Markdown (`AGENTS.md`, `CLAUDE.md`,
`*.prompt.md`, `copilot-instructions.md`) are Markdown and read as such.

A README, a CHANGELOG or a licence tells people, not an assistant, what to
do ("Run `make test`", "You must give recipients a copy of this License"):
read as prose it would be all rules. Named explicitly, such a file is read
by its markup only (see `reading` in the configuration to read it as prose).
"""

from __future__ import annotations

import re
from pathlib import PurePath
from ..core import precompiled

PROMPT_SUFFIXES = (
    ".txt", ".text", ".j2", ".jinja", ".jinja2", ".prompt", ".erb", ".liquid", ".hbs", ".handlebars", ".mustache"
)
#: Rules files agents read, by their whole name: Cursor's, Windsurf's, Cline's and Zed's (`.rules`).
PROMPT_NAMES = (".cursorrules", ".windsurfrules", ".clinerules", ".rules")
#: Suffixes of template files: the suffix before one says what the rendered file is
#: (`page.html.md.erb` and `notes.md.j2` are Markdown, `system.txt.j2` plain text).
#: Python files read by their prose strings (`specdsl.prompts.program`), when named or configured.
PYTHON_SUFFIXES = (".py", ".pyi")
TEMPLATE_SUFFIXES = (".erb", ".j2", ".jinja", ".jinja2", ".liquid", ".hbs", ".handlebars", ".mustache")
_MARKDOWN = (".md", ".markdown")

#: The first part of the name (up to the first dot) of files that are not specs.
_NOT_SPECS = precompiled.compile(
    r"^(?:readme|changelog|changes|history|news|release[-_]?notes|licen[cs]e(?:[-_][\w-]+)?|copying|notice|"
    r"authors|contributors|third[-_]party[-_]notices)$",
    re.I,
)


def rendered_suffix(path: str) -> str:
    """The suffix of what a file is once rendered: `.md` for `page.html.md.erb`, `.j2` for
    `system.j2` (a template with no inner suffix), the suffix itself for other files."""
    suffixes = [s.lower() for s in PurePath(path).suffixes]
    while len(suffixes) > 1 and suffixes[-1] in TEMPLATE_SUFFIXES:
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def is_markdown_template(path: str | None) -> bool:
    """A Markdown file with a template suffix (`.md.erb`, `.html.md.erb`, `.md.j2`)."""
    return bool(path) and PurePath(path).suffix.lower() in TEMPLATE_SUFFIXES and rendered_suffix(path) in _MARKDOWN


#: Agent instruction files in Markdown, by their whole name (lower case).
AGENT_NAMES = ("agents.md", "claude.md", "gemini.md", "copilot-instructions.md")
#: Suffixes of Markdown prompt and instruction files (`review.prompt.md`, `python.instructions.md`,
#: Cursor's `.cursor/rules/*.mdc`: Markdown under a front matter).
AGENT_SUFFIXES = (".prompt.md", ".instructions.md", ".mdc")


def is_default_spec(path: str) -> bool:
    """A file that a folder walk reads as a spec without any configuration:
    an agent instruction file (`AGENTS.md`, `CLAUDE.md`, `copilot-instructions.md`,
    `*.prompt.md`, `*.instructions.md`) or a rules file (`.cursorrules`). Other
    Markdown is a spec only when the configuration's `markdown:` globs say so."""
    name = PurePath(path).name.lower()
    return name in AGENT_NAMES or name in PROMPT_NAMES or name.endswith(AGENT_SUFFIXES)


def default_spec_names() -> str:
    """What a folder walk reads without configuration, for a message: `.mspec, AGENTS.md, …`."""
    shown = {"agents.md": "AGENTS.md", "claude.md": "CLAUDE.md", "gemini.md": "GEMINI.md"}
    names = [shown.get(n, n) for n in AGENT_NAMES] + [f"*{s}" for s in AGENT_SUFFIXES] + list(PROMPT_NAMES)
    return ", ".join([".mspec", *names])


def is_prompt_file(path: str | None) -> bool:
    """A plain-text prompt or a prompt template, by its name (not a Markdown template)."""
    if not path:
        return False
    p = PurePath(path)
    if p.name.lower() in PROMPT_NAMES:
        return True
    return p.suffix.lower() in PROMPT_SUFFIXES and not is_markdown_template(path)


def not_a_spec(path: str | None) -> bool:
    """A README, a CHANGELOG, a licence …: a file that tells people what to do."""
    return bool(path) and bool(_NOT_SPECS.match(PurePath(path).name.split(".")[0]))
