"""Finding spec files in folders, the way git sees them.

Folders are walked depth first in name order. Files and folders matched by a
`.gitignore` (of the walked folder, its subfolders, and the folders above it
up to the repository root) are skipped, as are hidden folders, dependency
folders and the configuration's `exclude` globs. Matching uses pathspec's
implementation of git's wildmatch rules.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".speclint_cache"}


def _spec_for(directory: Path):
    ignore = directory / ".gitignore"
    if not ignore.is_file():
        return None
    import pathspec

    try:
        lines = ignore.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _ancestors_specs(root: Path) -> list[tuple[Path, object]]:
    """The .gitignore files above `root`, up to the repository root."""
    specs = []
    for directory in root.parents:
        spec = _spec_for(directory)
        if spec is not None:
            specs.append((directory, spec))
        if (directory / ".git").exists():
            break
    return list(reversed(specs))


def _ignored(path: Path, is_dir: bool, specs: list[tuple[Path, object]]) -> bool:
    result = False
    for base, spec in specs:
        try:
            rel = path.relative_to(base).as_posix()
        except ValueError:
            continue
        if is_dir:
            rel += "/"
        outcome = spec.check_file(rel)
        if outcome.include is not None:
            result = outcome.include
    return result


def _is_file(entry: os.DirEntry) -> bool:
    """A file, or a link to one; a link that leads nowhere (or round in a loop) is skipped."""
    try:
        return entry.is_file()
    except OSError:
        return False


def walk(root: str | os.PathLike, wanted: Callable[[str], bool]) -> Iterator[str]:
    """Paths under `root` for which `wanted(path)` is true, minus ignored ones."""
    start = Path(root)
    absolute = start.resolve()
    specs = _ancestors_specs(absolute)
    stack: list[tuple[Path, Path, list]] = [(start, absolute, specs)]
    while stack:
        shown, real, specs = stack.pop()
        own = _spec_for(real)
        if own is not None:
            specs = specs + [(real, own)]
        try:
            entries = sorted(os.scandir(real), key=lambda e: e.name)
        except OSError:
            continue
        subdirs = []
        for entry in entries:
            name = entry.name
            if entry.is_dir(follow_symlinks=False):
                if name in SKIP_DIRS or name.startswith("."):
                    continue
                if _ignored(real / name, True, specs):
                    continue
                subdirs.append((shown / name, real / name, specs))
            elif _is_file(entry):
                path = str(shown / name)
                if wanted(path) and not _ignored(real / name, False, specs):
                    yield path
        stack.extend(reversed(subdirs))
