"""A team's own checks: declarative `custom-checks:` from the configuration, and
Python plugins from installed packages (entry-point group `speclint.checks`).

Both join the one check registry (`specdsl.checks.REGISTRY`), so they are
selected, ignored, suppressed, given severities, baselined, documented by
`speclint rule CODE` and shown by every reporter and the language server like
the built-in checks.

A registered check may come from a configuration other than the one a file is
linted with (the language server lints several workspaces in one process):
`for_config` says, for one configuration, which options its custom checks run
with and which registered codes it must not run (another configuration's custom
checks, plugins it does not name).

Nothing here runs on import: configuration validation calls `register` and
`plugins.load`.

May import: `checks`, `model`, `syntax`, `core`. Never the linter or the workspace
(the workspace's configuration calls in).
"""

from __future__ import annotations

from typing import Any

#: Where each registered code that is not built in came from: "config" or "plugin:NAME".
ORIGINS: dict[str, str] = {}


def register(entries: list) -> None:
    """Register (or re-register, when a configuration changes) the checks of
    `custom-checks:` entries (validated `schema` models)."""
    from ..checks import load
    from ..checks.base import REGISTRY, Check
    from ..core.diagnostics import Severity
    from .docs import sections_of
    from .run import run_custom

    registry = load()
    for entry in entries:
        origin = ORIGINS.get(entry.code)
        if entry.code in registry and origin != "config":
            raise ValueError(f"`{entry.code}` is the code of a check from {origin or 'speclint'}")
        doc, sections = sections_of(entry)
        REGISTRY[entry.code] = Check(
            code=entry.code,
            name=entry.check_name,
            severity=Severity(entry.severity),
            function=run_custom,
            defaults=(),  # runs only with the options of a configuration that defines it (`for_config`)
            tier="lexical",
            help_uri=entry.link,
            doc=doc,
            sections=sections,
        )
        ORIGINS[entry.code] = "config"


def compile_entry(entry) -> Any:
    from .run import Compiled

    return Compiled(entry)


def registered() -> list[str]:
    """The codes of the custom checks and plugin checks registered in this process (a
    configuration without any runs none of them: the language server may hold several
    workspaces' checks at once)."""
    return list(ORIGINS)


def for_config(config: Any) -> tuple[dict[str, Any], list[str], dict[str, Any]]:
    """For a validated configuration: (options by code for its custom checks,
    registered codes it does not run, severities of its custom checks that its
    `severity:` does not override)."""
    from ..core.diagnostics import Severity

    entries = list(getattr(config, "custom_checks", None) or [])
    plugins = set(getattr(config, "plugins", None) or [])
    own = {entry.code for entry in entries}
    from .run import Options

    options = {entry.code: Options(compile_entry(entry)) for entry in entries}
    others = [
        code
        for code, origin in ORIGINS.items()
        if (origin == "config" and code not in own) or (origin.startswith("plugin:") and origin[7:] not in plugins)
    ]
    overridden = getattr(config, "severity", {}) or {}
    severity = {entry.code: Severity(entry.severity) for entry in entries if entry.code not in overridden}
    return options, others, severity
