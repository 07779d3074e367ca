"""The check registry: every check, by code.

A check is a module `FAMILY/CODE_NAME.py` (e.g. `rationale/r001_missing_rationale.py`)
that registers itself with the `check` decorator when imported; `load()`
imports them all, in code order.

May import: `semantic`, `model`, `markdown` (where a fix must know its
blocks), `syntax`, `language`, `core`. Never the linter or the workspace.
"""

from __future__ import annotations

import os
from importlib import import_module

from .base import REGISTRY, Check, CheckDefinitionError, Omitted, check, finding

FAMILIES = ("structure", "rationale", "vague", "conflict", "misuse")

_loaded = False


def _modules() -> list[str]:
    """Check modules: every `*.py` of the family packages whose name starts with a code."""
    names = []
    for family in FAMILIES:
        package = import_module(f"{__name__}.{family}")
        for name in _module_names(package.__path__):
            if len(name) > 5 and name[0] in "srvcm" and name[1:4].isdigit():
                names.append(f"{family}.{name}")
    return sorted(set(names), key=lambda n: n.split(".")[1])


def _module_names(path) -> list[str]:
    """The modules of a package folder (a listing; `pkgutil` for an installation that is not a folder)."""
    try:
        return [entry[:-3] for directory in path for entry in os.listdir(directory) if entry.endswith(".py")]
    except OSError:
        import pkgutil

        return [info.name for info in pkgutil.iter_modules(path)]


def load() -> dict[str, Check]:
    """Import every check module once; returns the registry (code -> Check)."""
    global _loaded
    if not _loaded:
        for name in _modules():
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


__all__ = ["REGISTRY", "Check", "CheckDefinitionError", "Omitted", "check", "finding", "load", "get"]
