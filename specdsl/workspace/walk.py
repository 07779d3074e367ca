"""Finding spec files in folders, the way git sees them.

Folders are walked depth first in name order. Files and folders matched by a
`.gitignore` (of the walked folder, its subfolders, and the folders above it
up to the repository root) are skipped, as are hidden folders, dependency
folders and the configuration's `exclude` globs. Matching uses pathspec's
implementation of git's wildmatch rules.

A walked folder is untrusted (a pull request can commit symbolic links), so
the walk stays in the workspace, as includes do. A symbolic link to a file
is followed only when the file it leads to is inside the workspace and not
in a version-control folder (`.git/` holds a CI job's credentials); any
other link to a file is skipped and reported to the `skipped` callback. A
symbolic link to a folder is not walked, wherever it leads (git does not
either, and no loop of links can hold the walk), and a `.gitignore` that is
a symbolic link is not read (git reads none since 2.32). Files named on the
command line are the user's own choice; this module does not confine them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Callable, Iterator

#: Hidden folders that hold specs: `.github/copilot-instructions.md`, `.github/prompts/*.prompt.md`,
#: Cursor's `.cursor/rules/*.mdc`.
SHOWN_DOT_DIRS = {".github", ".cursor"}
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".speclint_cache"}

#: Folders a link found by a walk may not lead into, even inside the workspace.
VCS_DIRS = {".git", ".hg", ".svn"}


def _spec_for(directory: Path):
    """The patterns of the `.gitignore` in `directory`: a regular file, not
    a symbolic link (which could lead anywhere), nor a pipe (which would hang)."""
    try:
        fd = os.open(directory / ".gitignore", os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:  # none, a link, unreadable
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            data = handle.read()
    except OSError:
        return None
    import pathspec

    lines = data.decode("utf-8", errors="replace").splitlines()
    return pathspec.GitIgnoreSpec.from_lines(lines)


def git_root(folder: Path) -> Path | None:
    """The nearest folder holding `.git`, from `folder` (resolved) up, or None."""
    for directory in (folder, *folder.parents):
        if (directory / ".git").exists():
            return directory
    return None


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


def _outside(link: Path, workspace: Path) -> str | None:
    """Why a walk must not follow the symbolic link `link` to a file, or None."""
    target = Path(os.path.realpath(link))
    try:
        inner = target.relative_to(workspace)
    except ValueError:
        return f"a symbolic link to a file outside the workspace ({workspace.name}/)"
    vcs = next((part for part in inner.parts[:-1] if part in VCS_DIRS), None)
    if vcs:
        return f"a symbolic link into {vcs}/"
    return None


def walk(
    root: str | os.PathLike,
    wanted: Callable[[str], bool],
    workspace: str | os.PathLike | None = None,
    skipped: Callable[[str, str], None] | None = None,
) -> Iterator[str]:
    """Paths under `root` for which `wanted(path)` is true, minus ignored ones.

    Symbolic links to files are followed only into `workspace` (by default
    `root` itself); `skipped(path, why)` hears of each link that is not.
    """
    start = Path(root)
    absolute = start.resolve()
    home = Path(workspace).resolve() if workspace is not None else absolute
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
                if name in SKIP_DIRS or (name.startswith(".") and name not in SHOWN_DOT_DIRS):
                    continue
                if _ignored(real / name, True, specs):
                    continue
                subdirs.append((shown / name, real / name, specs))
            elif _is_file(entry):
                path = str(shown / name)
                if not wanted(path) or _ignored(real / name, False, specs):
                    continue
                if entry.is_symlink():
                    why = _outside(real / name, home)
                    if why is not None:
                        if skipped is not None:
                            skipped(path, why)
                        continue
                yield path
        stack.extend(reversed(subdirs))
