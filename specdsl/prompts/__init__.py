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
  their own; in `.erb` files `<% … %>` and lines of `<%= … %>`):
  `templates.mask` blanks it out. An expression inside a
  sentence ("Your name is {{ name }}.") stays: it is part of the sentence.
- Plain text, read by lines: `kinds` says which files are prompts and
  which Markdown files are not specs (a README, a CHANGELOG, a licence).
- YAML prompt files: `yamlprompt` finds the string values that are
  prompts; everything else in the file is blanked out.

Blanking keeps every offset and line: the masked text has the length and
the line breaks of the author's, so every span still points at the
author's characters. This package is a stage below the reader: it imports
nothing from `specdsl.markdown`.

May import: `core`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .kinds import PROMPT_NAMES, PROMPT_SUFFIXES, TEMPLATE_SUFFIXES, is_markdown_template, is_prompt_file, not_a_spec, rendered_suffix

if TYPE_CHECKING:
    from .tags import Tag

# `tags` and `templates` load when a prompt is read, not when a file's kind is
# asked for (every run asks, a `.mspec` file needs neither).
_LAZY = {"Tag": "tags", "scan": "tags", "blank": "templates", "mask": "templates"}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["PROMPT_NAMES", "PROMPT_SUFFIXES", "TEMPLATE_SUFFIXES", "Prepared", "Tag", "is_markdown_template", "is_prompt_file",
           "mask", "not_a_spec", "prepare", "rendered_suffix", "scan"]


class Prepared:
    """A prompt's text made ready for the block parser: the masked text and its tag sections."""

    __slots__ = ("masked", "tags")

    def __init__(self, masked: str, tags: list[Tag]):
        self.masked = masked
        self.tags = tags


def prepare(text: str, keep: list[tuple[int, int]] | None = None, sections: list[Tag] | None = None,
            erb: bool = False) -> Prepared:
    """Blank out template syntax and the tags of tag sections (same length, same lines).

    `keep`: the only ranges that are prompt text (the strings of a YAML prompt file,
    see `yamlprompt`): the rest is blanked out first; `sections`: the sections they are;
    `erb`: an ERB template, whose `<% … %>` tags are template syntax too."""
    from .tags import scan
    from .templates import mask

    if keep is not None:
        text = keep_only(text, keep)
    masked = mask(text, erb=erb)
    masked, tags = scan(masked)
    if sections:
        tags = sorted([*tags, *sections], key=lambda t: (t.open_start, -t.close_end))
    return Prepared(masked, tags)


def keep_only(text: str, ranges: list[tuple[int, int]]) -> str:
    """`text` with everything outside `ranges` (sorted) blanked out, its line breaks kept."""
    from .templates import blank

    pieces = []
    cursor = 0
    for a, b in ranges:
        pieces.append(blank(text[cursor:a]))
        pieces.append(text[a:b])
        cursor = b
    pieces.append(blank(text[cursor:]))
    return "".join(pieces)
