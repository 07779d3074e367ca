"""The results cache: an unchanged file is not linted twice.

Entries live in `.speclint_cache/v1/` under the workspace root, one file per
(file content, configuration, speclint version, command-line selection). An
entry also records the state of the files the result depended on (includes,
those that could not be read or did not exist included): if any changed, the
entry is stale.

A repository can commit this folder, so nothing in it is trusted (see
`cachefs`): folders and entries are never followed through symbolic links,
an entry is used only when this user's key seals it and it has the shape of
a result, and a dependency is looked at only when it is a regular file inside
the workspace, read up to the size limit. Anything else is a miss, rebuilt
and rewritten; never fatal, never a verdict. Old entries are pruned (by age
and total size, at most once a day).
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Any

from ..core.cachefs import CACHE_DIR, TMP_AGE, TMP_PREFIX, Folder, Refused, open_cache, refused_note, seal, unseal
from .walk import git_root

__all__ = ["CACHE_DIR", "LAYOUT", "ResultCache", "cache_root", "dependency_state", "digest", "file_digest"]

LAYOUT = "v1"
#: The largest entry read or written (a result for a 10 MB spec fits many times).
MAX_ENTRY_BYTES = 64 * 1024 * 1024
#: Pruning: at most once a day, entries unused for 30 days, then the oldest
#: until the folder holds at most 100 MB; temporary files left by a killed
#: process after an hour.
PRUNE_EVERY = 24 * 3600
MAX_AGE = 30 * 24 * 3600
MAX_BYTES = 100 * 1024 * 1024
STAMP = ".pruned"
#: An entry that is read gets a new modification time when its own is older than this.
TOUCH_AFTER = 24 * 3600


def digest(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


_CODE_SUFFIXES = (".py", ".txt", ".json", ".lark", ".yaml")
_code_stamp: list[str] = []


def code_stamp() -> str:
    """What the installed speclint is, beyond its version number (see `files_stamp`):
    an editable install or a checkout changes code without changing `__version__`,
    and a result computed by other code must not be reused. Once per process."""
    if not _code_stamp:
        import specdsl

        package = Path(specdsl.__file__).resolve().parent
        _code_stamp.append(files_stamp([package, package.parent / "grammar"]))
    return _code_stamp[0]


def files_stamp(roots: list[Path]) -> str:
    """The count, total size and newest modification time of the code and data files
    (`.py`, `.txt`, `.json`, `.lark`, `.yaml`) under `roots` (a few hundred `stat` calls)."""
    count = size = newest = 0
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for name in files:
                if name.endswith(_CODE_SUFFIXES):
                    try:
                        st = os.stat(os.path.join(folder, name))
                    except OSError:
                        continue
                    count += 1
                    size += st.st_size
                    newest = max(newest, st.st_mtime_ns)
    return f"{count}:{size}:{newest}"


def file_digest(path: str | os.PathLike) -> str | None:
    try:
        return digest(Path(path).read_bytes())
    except OSError:
        return None


def cache_root(path: str, loaded) -> Path:
    """Where `.speclint_cache/` goes for the file `path`: its configuration's folder,
    else its git root, else the current folder."""
    if loaded.root is not None:
        return loaded.root
    return git_root(Path(path).resolve().parent) or Path.cwd()


def dependency_state(path: str, workspace: str | os.PathLike, limit: int) -> str:
    """What an included file is now, as an entry records it: `sha256:<hex>` of a
    regular file inside `workspace` (read without following a link at its name,
    at most `limit` bytes), `absent`, or why it is neither. Two states are
    compared, never interpreted; nothing outside the workspace and nothing but
    a regular file is opened."""
    real = os.path.realpath(path)
    base = os.path.realpath(workspace)
    if not os.path.isabs(path) or os.path.commonpath([real, base]) != base:
        return "outside"
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return "absent"
    except OSError as error:
        return f"unreadable:{error.errno}"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return "special"
        if info.st_size > limit:
            return f"large:{info.st_size}"
        hasher = hashlib.sha256()
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(1 << 20, left))
            if not chunk:
                break
            hasher.update(chunk)
            left -= len(chunk)
        return "large" if left <= 0 else f"sha256:{hasher.hexdigest()}"
    except OSError as error:
        return f"unreadable:{error.errno}"
    finally:
        os.close(fd)


class ResultCache:
    """Lint results keyed by content; see the module docstring."""

    def __init__(self, root: str | os.PathLike, material: str):
        self.root = Path(root)
        self.dir = self.root / CACHE_DIR / LAYOUT
        self.material = material
        self.writable = True
        self.usable = True
        self._folder: Folder | None = None
        self._created = False
        self._shards: dict[str, Folder] = {}

    def key(self, path: str, content: str) -> str:
        return digest(f"{self.material}\0{os.path.abspath(path)}\0{content}")

    # -- folders -------------------------------------------------------------
    def _layout(self, create: bool) -> Folder | None:
        if create and not self._created and self._folder is not None:
            self.close()  # opened to read: open again, creating what is missing (the `.gitignore` too)
        if self._folder is None and self.usable:
            self._created = create
            try:
                top = open_cache(self.root, create)
                if top is None:
                    return None
                with top:
                    self._folder = top.sub(LAYOUT, create)
            except OSError as error:
                if create or isinstance(error, Refused):
                    self._unwritable(error)
                return None
        return self._folder

    def _shard(self, key: str, create: bool) -> Folder | None:
        shard = self._shards.get(key[:2])
        if shard is None:
            layout = self._layout(create)
            if layout is None:
                return None
            try:
                shard = self._shards[key[:2]] = layout.sub(key[:2], create)
            except FileNotFoundError:
                return None
            except OSError as error:
                if create or isinstance(error, Refused):
                    self._unwritable(error)
                return None
        return shard

    def _unwritable(self, error: OSError) -> None:
        refused_note(error, self.root / CACHE_DIR, writing=True)
        self.writable = False
        if isinstance(error, Refused):
            self.usable = False

    def close(self) -> None:
        for folder in (*self._shards.values(), self._folder):
            if folder is not None:
                folder.close()
        self._shards.clear()
        self._folder = None

    # -- entries -------------------------------------------------------------
    def get(self, path: str, content: str, workspace: str | os.PathLike | None = None, limit: int = 10 << 20) -> dict[str, Any] | None:
        """The cached result for this file and content: {"rules", "diagnostics"}, or None.

        `workspace` bounds the dependencies (default: the cache's root); `limit` is
        the largest dependency read."""
        key = self.key(path, content)
        shard = self._shard(key, create=False)
        if shard is None:
            return None
        raw = shard.read(f"{key}.json", MAX_ENTRY_BYTES, touch_after=TOUCH_AFTER)
        if raw is None:
            return None
        body = unseal(f"result\0{key}", raw)
        data = _parse(body) if body is not None else None
        if data is None:
            return None  # not ours, or not a result: linted again and rewritten
        bound = workspace if workspace is not None else self.root
        for dep, expected in data["deps"].items():
            if dependency_state(dep, bound, limit) != expected:
                return None
        return data

    def put(
        self,
        path: str,
        content: str,
        diagnostics: list[dict],
        rules: int,
        deps: list[str],
        workspace: str | os.PathLike | None = None,
        limit: int = 10 << 20,
    ) -> None:
        if not self.writable:
            return
        import json

        key = self.key(path, content)
        bound = workspace if workspace is not None else self.root
        data = {
            "path": path,
            "rules": rules,
            "deps": {d: dependency_state(d, bound, limit) for d in deps},
            "diagnostics": diagnostics,
        }
        body = json.dumps(data).encode("utf-8", "surrogatepass")
        sealed = seal(f"result\0{key}", body)
        if sealed is None or len(sealed) > MAX_ENTRY_BYTES:
            return  # no key (said once), or too large to keep
        shard = self._shard(key, create=True)
        if shard is None:
            return
        try:
            shard.write(f"{key}.json", sealed)
        except OSError as error:
            self._unwritable(error)  # a read-only checkout: lint without caching

    def finish(self) -> None:
        """At the end of a run: prune when it is due, and close the folders."""
        try:
            if self.writable and self._folder is not None:
                maybe_prune(self._folder)
        finally:
            self.close()


def _parse(body: bytes) -> dict[str, Any] | None:
    """A result entry's content if it has the shape of one, else None."""
    import json

    from ..core.records import is_record

    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    rules, deps, diagnostics = data.get("rules"), data.get("deps"), data.get("diagnostics")
    if type(rules) is not int or rules < 0 or not isinstance(deps, dict) or not isinstance(diagnostics, list):
        return None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in deps.items()):
        return None
    if not all(is_record(d) for d in diagnostics):
        return None
    return data


# ---------------------------------------------------------------- pruning


def maybe_prune(layout: Folder, now: float | None = None) -> bool:
    """Prune the cache folder `layout` (`.speclint_cache/v1`) unless that was done in
    the last day (its `.pruned` stamp says when). Returns whether it pruned."""
    import time

    now = time.time() if now is None else now
    stamp = layout.lstat(STAMP)
    if stamp is not None and stat.S_ISREG(stamp.st_mode) and now - PRUNE_EVERY < stamp.st_mtime <= now + 3600:
        return False
    prune(layout, now)
    try:
        layout.write(STAMP, b"")
    except OSError:
        pass
    return True


def prune(layout: Folder, now: float) -> None:
    """Remove temporary files older than an hour, links (never speclint's), entries
    unused for `MAX_AGE`, then the oldest entries until the rest fit in `MAX_BYTES`."""
    entries: list[tuple[float, int, Folder, str]] = []
    shards: list[Folder] = []
    try:
        _collect(layout, now, entries, shards, top=True)
        entries.sort(key=lambda e: e[0])
        total = sum(size for _, size, _, _ in entries)
        for mtime, size, folder, name in entries:
            if mtime >= now - MAX_AGE and total <= MAX_BYTES:
                break
            folder.remove(name)
            total -= size
    finally:
        for shard in shards:
            shard.close()


def _collect(folder: Folder, now: float, entries: list, shards: list, top: bool) -> None:
    for name in folder.names():
        info = folder.lstat(name)
        if info is None or name == STAMP:
            continue
        mode = info.st_mode
        if stat.S_ISLNK(mode):
            folder.remove(name)
        elif name.startswith(TMP_PREFIX):
            if stat.S_ISREG(mode) and info.st_mtime < now - TMP_AGE:
                folder.remove(name)
        elif top and stat.S_ISDIR(mode) and len(name) == 2 and all(c in "0123456789abcdef" for c in name):
            try:
                shard = folder.sub(name)
            except OSError:
                continue
            shards.append(shard)
            _collect(shard, now, entries, shards, top=False)
        elif stat.S_ISREG(mode) and name.endswith(".json"):
            entries.append((info.st_mtime, info.st_size, folder, name))
