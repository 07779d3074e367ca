"""Which files are prompts, and which Markdown files are not specs.

A prompt file is read by lines as well as by blocks: in plain text a line
break usually separates two instructions. Prompt files are named by their
suffix (`.txt`, Jinja templates) or by their whole name (`.cursorrules`).
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

PROMPT_SUFFIXES = (".txt", ".text", ".j2", ".jinja", ".jinja2", ".prompt")
PROMPT_NAMES = (".cursorrules", ".windsurfrules", ".clinerules")

#: The first part of the name (up to the first dot) of files that are not specs.
_NOT_SPECS = re.compile(
    r"^(?:readme|changelog|changes|history|news|release[-_]?notes|licen[cs]e(?:[-_][\w-]+)?|copying|notice|"
    r"authors|contributors|third[-_]party[-_]notices)$",
    re.I,
)


def is_prompt_file(path: str | None) -> bool:
    """A plain-text prompt or a prompt template, by its name."""
    if not path:
        return False
    p = PurePath(path)
    return p.name.lower() in PROMPT_NAMES or p.suffix.lower() in PROMPT_SUFFIXES


def not_a_spec(path: str | None) -> bool:
    """A README, a CHANGELOG, a licence …: a file that tells people what to do."""
    return bool(path) and bool(_NOT_SPECS.match(PurePath(path).name.split(".")[0]))
