"""speclint: a linter and language server for model specs."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "parse", "lint"]


def parse(text: str, path: str | None = None):
    """Read `.mspec` text into its AST (a `specdsl.syntax.ast.Spec`); never raises on bad input."""
    from .syntax.parser import parse as _parse

    return _parse(text, path)


def lint(text: str, path: str | None = None, **options):
    """Lint one document; returns its diagnostics, sorted. See `specdsl.linting.linter.lint`."""
    from .linting.linter import lint as _lint

    return _lint(text, path=path, **options)
