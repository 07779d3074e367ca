"""Prompt syntax: what system prompts and agent instruction files add to Markdown.

System prompts and agent instruction files (`AGENTS.md`, `CLAUDE.md`,
`.cursorrules`, `*.prompt.md`, `copilot-instructions.md`, prompt templates
such as `.j2` and `.txt`) are mostly Markdown or plain text, with three
things of their own, which this package finds in the raw text before the
reader parses it:

- XML-like tag sections (`<rules>` … `</rules>`, nested, around a whole
  prompt, with Markdown inside): `tags.scan` finds them (outside fenced
  code) and blanks the tags out, so that the block parser sees their content
  as Markdown; the reader makes each a section named by its tag. Tags of
  quoted examples and conversation turns (`<example>`, `<user>` …) mark
  content that is never a rule.
- Template syntax (`{% … %}`, `{# … #}`, `{{ … }}` and `${ … }` on lines of
  their own): `templates.mask` blanks it out. An expression inside a
  sentence ("Your name is {{ name }}.") stays: it is part of the sentence.
- Plain text, read by lines: `kinds` says which files are prompts, which
  Markdown files are not specs (a README, a CHANGELOG, a licence), and
  whether a text has any Markdown structure.

Blanking keeps every offset and line: the masked text has the length and
the line breaks of the author's, so every span still points at the
author's characters. This package is a stage below the reader: it imports
nothing from `specdsl.markdown`.
"""

from __future__ import annotations

from .kinds import PROMPT_NAMES, PROMPT_SUFFIXES, is_prompt_file, not_a_spec
from .tags import Tag, scan
from .templates import mask

__all__ = ["PROMPT_NAMES", "PROMPT_SUFFIXES", "Prepared", "Tag", "is_prompt_file", "mask", "not_a_spec", "prepare", "scan"]


class Prepared:
    """A prompt's text made ready for the block parser: the masked text and its tag sections."""

    __slots__ = ("masked", "tags")

    def __init__(self, masked: str, tags: list[Tag]):
        self.masked = masked
        self.tags = tags


def prepare(text: str) -> Prepared:
    """Blank out template syntax and the tags of tag sections (same length, same lines)."""
    masked = mask(text)
    masked, tags = scan(masked)
    return Prepared(masked, tags)
