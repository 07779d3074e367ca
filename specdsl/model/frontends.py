"""Which front end reads a file: `.mspec` text or a Markdown spec."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..syntax.ast import Spec

MSPEC_SUFFIXES = (".mspec",)
MARKDOWN_SUFFIXES = (".md", ".markdown")


def detect(path: str | None, override: str | None = None) -> str:
    """"mspec" or "markdown", from the file name unless `override` says."""
    if override:
        return override
    if path and PurePath(path).suffix.lower() in MARKDOWN_SUFFIXES:
        return "markdown"
    return "mspec"


def is_spec_file(path: str) -> bool:
    return PurePath(path).suffix.lower() in MSPEC_SUFFIXES + MARKDOWN_SUFFIXES


def parse_any(text: str, path: str | None = None, kind: str | None = None) -> Spec:
    """Parse with the front end that fits the file."""
    if detect(path, kind) == "markdown":
        from ..markdown import parse_markdown

        return parse_markdown(text, path)
    from ..syntax.parser import parse

    return parse(text, path)
