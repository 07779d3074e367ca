"""The results cache: an unchanged file is not linted twice.

Entries live in `.speclint_cache/v1/` under the workspace root, one JSON file
per (file content, configuration, speclint version, command-line selection).
An entry also records the files the result depended on (includes) with the
hash of their content; if any changed, the entry is stale. A corrupt or
unreadable entry is discarded and rebuilt, never fatal. Writes are atomic.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

CACHE_DIR = ".speclint_cache"
LAYOUT = "v1"


def digest(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def file_digest(path: str | os.PathLike) -> str | None:
    try:
        return digest(Path(path).read_bytes())
    except OSError:
        return None


class ResultCache:
    """Lint results keyed by content; see the module docstring."""

    def __init__(self, root: str | os.PathLike, material: str):
        self.dir = Path(root) / CACHE_DIR / LAYOUT
        self.material = material
        self.writable = True

    def key(self, path: str, content: str) -> str:
        return digest(f"{self.material}\0{os.path.abspath(path)}\0{content}")

    def _entry(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def get(self, path: str, content: str) -> dict[str, Any] | None:
        entry = self._entry(self.key(path, content))
        try:
            raw = entry.read_text(encoding="utf-8")
        except OSError:
            return None
        try:
            data = json.loads(raw)
            deps = data["deps"]
            if not isinstance(data["diagnostics"], list) or not isinstance(data["rules"], int):
                raise ValueError("bad entry")
        except (ValueError, KeyError, TypeError):
            self._discard(entry)
            return None
        for dep, expected in deps.items():
            if file_digest(dep) != expected:
                return None
        return data

    def put(self, path: str, content: str, diagnostics: list[dict], rules: int, deps: list[str]) -> None:
        if not self.writable:
            return
        entry = self._entry(self.key(path, content))
        data = {
            "path": path,
            "rules": rules,
            "deps": {d: file_digest(d) for d in deps},
            "diagnostics": diagnostics,
        }
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            _ignore_file(self.dir.parent)
            import tempfile

            fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle)
            os.replace(tmp, entry)
        except OSError:
            self.writable = False  # a read-only checkout: lint without caching

    @staticmethod
    def _discard(entry: Path) -> None:
        try:
            entry.unlink()
        except OSError:
            pass


def _ignore_file(cache_root: Path) -> None:
    """A `.gitignore` inside the cache folder, so nobody commits it by accident."""
    marker = cache_root / ".gitignore"
    if not marker.exists():
        try:
            marker.write_text("# created by speclint\n*\n", encoding="utf-8")
        except OSError:
            pass
