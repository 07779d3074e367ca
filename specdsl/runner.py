"""Linting files on disk: finding them, their configuration, reading them safely.

The CLI and the pre-commit hook go through here; the language server lints
its open buffers with `linter.lint` directly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .config import ConfigError, LoadedConfig, config_for, workspace_root
from .diagnostics import Diagnostic, Severity
from .frontends import MARKDOWN_SUFFIXES, MSPEC_SUFFIXES
from .linter import LintOptions, lint_model
from .sources import SourceError, read_source

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".speclint_cache"}


class UsageError(Exception):
    """A problem with what the user asked for: exit code 2, one clear line."""


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rules: int = 0
    error: str | None = None


def options_from(loaded: LoadedConfig, file: str, overrides: dict | None = None) -> LintOptions:
    """Lint options for one file: its configuration, then command-line overrides."""
    cfg = loaded.config
    overrides = overrides or {}
    select = overrides.get("select") or cfg.select
    ignore = list(cfg.ignore) + list(overrides.get("ignore") or []) + loaded.ignored_codes_for(file)
    extend = list(cfg.extend_select) + list(overrides.get("extend_select") or [])
    severity = {code: Severity(value) for code, value in cfg.severity.items()}
    return LintOptions(
        select=list(select),
        ignore=ignore,
        extend_select=extend,
        severity=severity,
        check_options=_check_options(cfg.checks, loaded),
        config=cfg,
    )


def _check_options(raw: dict, loaded: LoadedConfig) -> dict:
    from pydantic import ValidationError

    from . import checks

    result = {}
    for code, values in raw.items():
        check = checks.get(code)
        where = str(loaded.path) if loaded.path else "configuration"
        if check is None:
            raise ConfigError(f"{where}: `checks.{code}`: `{code}` is not a check code")
        try:
            result[check.code] = check.options.model_validate(values or {})
        except ValidationError as error:
            first = error.errors()[0]
            key = ".".join(str(x) for x in first["loc"])
            raise ConfigError(f"{where}: bad value for `checks.{code}.{key}`: {first['msg']}") from None
    return result


def collect(paths: list[str], explicit_config: str | None = None) -> list[str]:
    """The spec files named by `paths` (files, or folders walked for specs)."""
    files: list[str] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise UsageError(f"{raw}: no such file or directory")
        if p.is_file():
            files.append(raw)
            continue
        if not p.is_dir():
            raise UsageError(f"{raw}: not a file or a directory")
        found = list(_walk(p, explicit_config))
        if not found:
            raise UsageError(f"{raw}: no spec files (.mspec) in this directory")
        files.extend(found)
    seen: set[str] = set()
    unique = []
    for f in files:
        key = os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def _walk(root: Path, explicit_config: str | None):
    loaded = config_for(root / "x.mspec", explicit_config)
    markdown_globs = loaded.config.markdown
    for directory, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(names):
            path = os.path.join(directory, name)
            suffix = os.path.splitext(name)[1].lower()
            if loaded.excluded(path):
                continue
            if suffix in MSPEC_SUFFIXES:
                yield path
            elif suffix in MARKDOWN_SUFFIXES and markdown_globs:
                from .config import _glob_match, _relative

                rel = _relative(path, loaded.root)
                if any(_glob_match(rel, g) for g in markdown_globs):
                    yield path


def lint_text(text: str, path: str, explicit_config: str | None = None, overrides: dict | None = None) -> list[Diagnostic]:
    """Lint text as the content of the file at `path` (with that file's configuration)."""
    from .frontends import parse_any
    from .model import build_model

    loaded = config_for(path, explicit_config)
    options = options_from(loaded, path, overrides)
    spec = parse_any(text, path)
    model = build_model(spec, path=path, text=text, workspace=workspace_root(path, loaded))
    if not model.levels and loaded.config.levels:
        model.levels = list(loaded.config.levels)
    return lint_model(model, options)


def lint_file(path: str, explicit_config: str | None = None, overrides: dict | None = None) -> FileResult:
    """Lint one file on disk; problems reading it become `FileResult.error`."""
    from .frontends import parse_any
    from .model import build_model

    loaded = config_for(path, explicit_config)
    try:
        text = read_source(path, loaded.config.max_file_size)
    except SourceError as error:
        return FileResult(path=path, error=str(error))
    options = options_from(loaded, path, overrides)
    spec = parse_any(text, path)
    model = build_model(spec, path=path, text=text, workspace=workspace_root(path, loaded))
    if not model.levels and loaded.config.levels:
        model.levels = list(loaded.config.levels)
    diagnostics = lint_model(model, options)
    return FileResult(path=path, diagnostics=diagnostics, rules=sum(1 for r in model.rules if r.path == path))
