"""`extend:`: a configuration that builds on another, as ruff's `extend` does.

    extend: ../shared/speclint.yaml        # a file, relative to this one
    extend: package:acme_speclint          # the speclint.yaml an installed package ships
    extend: package:acme_speclint/strict.yaml

The base is read first, then each file that extends it, and the extending
file wins. Scalars and most lists replace the base's; `extend-select`,
`plugins` and `custom-checks` add to it (a custom check of the same code
replaces the base's); mappings (`severity`, `checks`, `per-path-*`, `format`,
`semantic`) merge key by key. A base may extend another; a cycle, a missing
base, or a path that leads out of the workspace (the git root above the
configuration, else its folder) is a `ConfigError` naming the file and line.
A repository is untrusted input: `extend` never reads a file outside it, except
a configuration that an installed package ships (found without importing it).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

#: Lists that add to the base's instead of replacing it.
ADDING_LISTS = ("extend-select", "plugins")
#: Mappings that merge key by key with the base's.
MERGED_MAPPINGS = ("severity", "checks", "per-path-ignores", "per-path-reading", "per-path-precedence", "format", "semantic")
#: Bases deeper than this are refused (a chain this long is a mistake).
MAX_DEPTH = 16

_PACKAGE = re.compile(r"^package:([A-Za-z_][A-Za-z0-9_]*)(?:/(.+))?$")
PACKAGE_FILE = "speclint.yaml"


def chain(p: Path, read: Callable, where: Callable, error: type[Exception]) -> list[tuple[Path, Any, Callable]]:
    """The configuration at `p` and those it extends, the deepest base first:
    (path, plain data, locate) for each. `read` is `config._read`, `where`
    `config._where`, `error` the `ConfigError` to raise."""
    from .walk import git_root

    boundary = git_root(p.parent) or p.parent
    found: list[tuple[Path, Any, Callable]] = []
    current, (data, locate) = p, read(p)
    while True:
        found.append((current, data, locate))
        value = data.get("extend") if isinstance(data, dict) else None
        if value is None:
            break
        here = where(current, locate(["extend"]))
        if not isinstance(value, str) or not value.strip():
            raise error(f"{here}: bad value for `extend`: give a path to a configuration file or `package:NAME`")
        if len(found) > MAX_DEPTH:
            raise error(f"{here}: `extend` goes more than {MAX_DEPTH} configurations deep")
        target, boundary = _resolve(value.strip(), current, boundary, here, error)
        if any(target == path for path, _, _ in found):
            names = " -> ".join(str(path) for path, _, _ in found[found.index(next(f for f in found if f[0] == target)):])
            raise error(f"{here}: `extend` makes a cycle: {names} -> {target}")
        current, (data, locate) = target, read(target)
    found.reverse()
    return found


def _resolve(value: str, current: Path, boundary: Path, here: str, error) -> tuple[Path, Path]:
    """The file `value` names, and the folder its own `extend` must stay in."""
    package = _PACKAGE.match(value)
    if value.startswith("package:") and package is None:
        raise error(f"{here}: `extend: {value}`: write `package:NAME` or `package:NAME/FILE.yaml`, NAME an installed package")
    if package is not None:
        name, inner = package.group(1), package.group(2) or PACKAGE_FILE
        folder = _package_folder(name)
        if folder is None:
            raise error(f"{here}: `extend: {value}`: no installed package `{name}`")
        target = _inside(folder, inner)
        if target is None:
            raise error(f"{here}: `extend: {value}`: `{inner}` leads out of the package `{name}`")
        if not target.is_file():
            raise error(f"{here}: `extend: {value}`: the package `{name}` has no `{inner}`")
        return target, folder
    target = _inside(boundary, str(current.parent / value))
    if target is None:
        raise error(
            f"{here}: `extend: {value}` leads out of the workspace ({boundary}); a shared configuration "
            "must be in the repository or shipped by an installed package (`package:NAME`)"
        )
    if not target.is_file():
        raise error(f"{here}: `extend: {value}`: no such configuration file ({target})")
    return target, boundary


def _inside(folder: Path, relative: str) -> Path | None:
    """`folder / relative`, symbolic links resolved, when it stays in `folder`."""
    root = folder.resolve()
    target = (root / relative).resolve()
    return target if target == root or root in target.parents else None


def _package_folder(name: str) -> Path | None:
    """The folder of the installed top-level package `name`, found without importing it."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    locations = list(getattr(spec, "submodule_search_locations", None) or []) if spec else []
    return Path(locations[0]) if locations else None


def merge(base: dict, child: dict) -> dict:
    """`child` over `base` (both plain configuration data, keys spelt as in the files)."""
    out = dict(base)
    out.pop("extend", None)
    for key, value in child.items():
        if key == "extend":
            continue
        kept = base.get(key)
        if key in ADDING_LISTS and isinstance(value, list) and isinstance(kept, list):
            out[key] = kept + [v for v in value if v not in kept]
        elif key == "custom-checks" and isinstance(value, list) and isinstance(kept, list):
            codes = {entry.get("code"): entry for entry in value if isinstance(entry, dict)}
            replaced = [codes.pop(entry.get("code"), entry) if isinstance(entry, dict) else entry for entry in kept]
            out[key] = replaced + [entry for entry in value if not isinstance(entry, dict) or entry.get("code") in codes]
        elif key in MERGED_MAPPINGS and isinstance(value, dict) and isinstance(kept, dict):
            out[key] = {**kept, **value}
        else:
            out[key] = value
    return out
