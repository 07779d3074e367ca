"""What the command line and the language server both need for one file: its
lint options from its configuration (and overrides), whether the semantic
tier is asked for, its resolved model, and a lint function for the fixes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.sources import SourceError, read_source
from ..core.spans import Severity
from .config import LoadedConfig, check_options, config_for, workspace_root

if TYPE_CHECKING:
    from ..linting.fixes import Lint
    from ..linting.linter import LintOptions


class UsageError(Exception):
    """A problem with what the user asked for: exit code 2, one clear line."""


def semantic_settings(loaded: LoadedConfig, overrides: dict | None = None) -> tuple[bool, str | None]:
    """Whether the semantic tier is asked for (`--semantic` or `semantic: true`), and its model path.

    Reads the configuration without pydantic when it can (a cached run)."""
    try:
        value = loaded.value("semantic")
    except KeyError:  # no configuration file: the defaults
        value = None
    if isinstance(value, dict):
        on, model = bool(value.get("enabled")), value.get("model")
    elif value is not None:
        on, model = bool(getattr(value, "enabled", False)), getattr(value, "model", None)
    else:
        on, model = False, None
    return on or bool((overrides or {}).get("semantic")), model


def options_from(loaded: LoadedConfig, file: str, overrides: dict | None = None) -> LintOptions:
    """Lint options for one file: its configuration, then command-line overrides."""
    from ..linting.linter import LintOptions

    overrides = overrides or {}
    if loaded.is_default:  # the defaults, without the configuration's schema (and pydantic)
        from ..model.defaults import DEFAULTS

        if overrides.get("judge"):
            _no_judge(loaded)

        from ..custom import registered

        return LintOptions(
            select=list(overrides.get("select") or ["ALL"]),
            ignore=list(overrides.get("ignore") or []) + registered(),  # other workspaces' own checks
            extend_select=list(overrides.get("extend_select") or []),
            config=DEFAULTS.with_semantic(bool(overrides.get("semantic"))),
        )
    from ..custom import for_config as custom_for

    cfg = loaded.config
    if overrides.get("semantic"):
        cfg = cfg.with_semantic(True)
    select = overrides.get("select") or cfg.select
    ignore = list(cfg.ignore) + list(overrides.get("ignore") or []) + loaded.ignored_codes_for(file)
    extend = list(cfg.extend_select) + list(overrides.get("extend_select") or [])
    judge = None
    if overrides.get("judge"):
        judge = cfg.judge
        if judge is None:
            _no_judge(loaded)
        else:
            extend.append("C002")  # the judge decides C002's candidates: C002 runs
    severity = {code: Severity(value) for code, value in cfg.severity.items()}
    custom_options, not_ours, custom_severity = custom_for(cfg)  # custom checks and plugins (specdsl.custom)
    return LintOptions(
        select=list(select),
        ignore=ignore + not_ours,
        extend_select=extend,
        severity={**custom_severity, **severity},
        check_options={**check_options(cfg.checks, loaded.path), **custom_options},
        config=cfg,
        precedence=loaded.precedence_for(file),
        judge=judge,
    )


def _no_judge(loaded: LoadedConfig) -> None:
    """`--judge` with a configuration that names no judge: said once, the run goes on without."""
    from ..core.cachefs import note

    where = f"{loaded.path.name}" if loaded.path else "no configuration file"
    note(f"judge-none:{where}", f"--judge: {where} has no `judge:` section naming an endpoint; C002 ran without a judge")


def model_for(path: str, explicit_config: str | None = None, text: str | None = None, loader=None):
    """The resolved model of a file (read from disk unless `text` is given), and its
    configuration. `loader` reads included files (see `model.build_model`)."""
    from ..model.frontends import parse_any
    from ..model.model import build_model

    loaded = config_for(path, explicit_config)
    if text is None:
        try:
            text = read_source(path, loaded.max_file_size)
        except SourceError as error:
            raise UsageError(str(error)) from None
    spec = parse_any(text, path, reading=loaded.reading_for(path))
    model = build_model(spec, path=path, text=text, workspace=workspace_root(path, loaded), loader=loader)
    if not model.levels and loaded.levels:
        model.levels = list(loaded.levels)
    return model, loaded


def file_linter(path: str, explicit_config: str | None = None, overrides: dict | None = None) -> Lint:
    """A `Lint` (see `linting.fixes`) for the file at `path`, with that file's
    configuration (and `overrides`): what `fix` and the editor's quick fixes
    check a fixed text with."""
    from ..linting.fixes import linted
    from ..linting.linter import lint_model

    def lint(text: str):
        model, loaded = model_for(path, explicit_config, text)
        return linted(lint_model(model, options_from(loaded, path, overrides)), model.spec)

    return lint
