"""Python plugins: checks from installed packages, entry-point group `speclint.checks`.

A package declares, in its pyproject.toml,

    [project.entry-points."speclint.checks"]
    house = "speclint_house.checks"

and its module registers checks with `specdsl.checks.check`, as the built-in
checks do. A plugin is imported only when a configuration names it
(`plugins: [house]`): no installed package runs unasked, and nothing in a spec
can name one.
"""

from __future__ import annotations

GROUP = "speclint.checks"

#: Plugins imported in this process: name -> the codes they registered.
LOADED: dict[str, tuple[str, ...]] = {}


def available() -> dict:
    """The entry points of the group, by name (reads installed metadata; imports nothing)."""
    from importlib.metadata import entry_points

    return {ep.name: ep for ep in entry_points(group=GROUP)}


def load(names: list[str]) -> None:
    """Import the named plugins (once per process); ValueError says which one cannot be loaded and why."""
    from ..checks import load as load_builtins
    from ..checks.base import REGISTRY, CheckDefinitionError
    from . import ORIGINS

    load_builtins()
    missing = [name for name in names if name not in LOADED]
    if not missing:
        return
    found = available()
    for name in missing:
        ep = found.get(name)
        if ep is None:
            known = ", ".join(sorted(found)) or "none is installed"
            raise ValueError(f"no installed package provides the speclint plugin `{name}` (entry points `{GROUP}`: {known})")
        before = set(REGISTRY)
        try:
            ep.load()
        except CheckDefinitionError as error:
            raise ValueError(f"the plugin `{name}` defines a bad check: {error}") from None
        except Exception as error:  # a broken plugin is the user's to fix: say what it raised
            raise ValueError(f"the plugin `{name}` ({ep.value}) failed to load: {type(error).__name__}: {error}") from None
        codes = tuple(sorted(set(REGISTRY) - before))
        for code in codes:
            ORIGINS[code] = f"plugin:{name}"
        LOADED[name] = codes


def versions(names: list[str]) -> list[str]:
    """`name=distribution version` of the named plugins: part of the result cache's key,
    so that upgrading a plugin does not serve findings of its old version."""
    found = available()
    out = []
    for name in sorted(names):
        ep = found.get(name)
        dist = getattr(ep, "dist", None)
        out.append(f"{name}={ep.value if ep else '?'}@{getattr(dist, 'version', '?')}")
    return out
