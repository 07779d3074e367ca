"""The check registry: every check, by code.

Checks are listed here explicitly (not discovered), so that loading the
registry is fast and its order is stable. Each module registers itself with
the `check` decorator when imported.
"""

from __future__ import annotations

from importlib import import_module

from .base import REGISTRY, Check, CheckDefinitionError, check, finding

MODULES = [
    "structure.s001_syntax_error",
    "structure.s002_duplicate_id",
    "structure.s003_unknown_reference",
    "structure.s004_precedence_cycle",
    "structure.s005_empty_rule",
    "structure.s006_include_error",
    "structure.s007_unused_suppression",
    "structure.s008_suppression_without_reason",
]

_loaded = False


def load() -> dict[str, Check]:
    """Import every check module once; returns the registry (code -> Check)."""
    global _loaded
    if not _loaded:
        for name in MODULES:
            import_module(f"{__name__}.{name}")
        _loaded = True
    return REGISTRY


def get(code: str) -> Check | None:
    registry = load()
    code = code.upper()
    if code in registry:
        return registry[code]
    for c in registry.values():
        if code.lower() in (c.name, *c.aliases):
            return c
    return None


__all__ = ["REGISTRY", "Check", "CheckDefinitionError", "check", "finding", "load", "get"]
