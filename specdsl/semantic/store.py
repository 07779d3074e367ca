"""The embedding cache: vectors keyed by (model id, text hash).

Two levels: a dictionary per process (the language server re-lints the same
texts on every keystroke), and a SQLite file under `.speclint_cache/` that
survives the process, so a run whose texts are all cached never imports
torch. An edit re-embeds only the texts it changed.

The file is `.speclint_cache/embeddings/v2.sqlite`; one row per vector
(float32 bytes) with its MAC. A repository can commit that file, so it is
not trusted (see `specdsl.core.cachefs`): a folder on the way or a database file
that is a symbolic link means memory only; a row is used only when this
user's key seals it (a vector this machine did not compute is computed
again); the database's schema may run nothing (`trusted_schema=OFF`). A
corrupt or unwritable file is never fatal: the cache is dropped (or kept in
memory only) and the vectors are computed again.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..core import cachefs

if TYPE_CHECKING:
    import numpy as np

    from .embedder import Embedder

SUBDIR = "embeddings"
FILENAME = "v2.sqlite"
#: The database and the files SQLite keeps beside it: none may be a link.
_FILES = (FILENAME, f"{FILENAME}-wal", f"{FILENAME}-shm", f"{FILENAME}-journal")
#: Bytes of a row's MAC.
MAC_BYTES = 16
#: Keys per SELECT (SQLite's default limit of host parameters is 999 or more).
CHUNK = 500
#: The vectors an embedder keeps in memory, in bytes: about 20,000 of 384
#: dimensions in the language server (more in a command-line run, see
#: `specdsl.core.memo.scaled`); the least recently used go first, and come back
#: from the file when asked for again.
MEMORY_BYTES = 32 * 1024 * 1024


def text_key(text: str) -> bytes:
    """The cache key of a text: its SHA-256 (first 16 bytes), whitespace-normalized."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8", "surrogatepass")).digest()[:16]


class EmbeddingStore:
    """Vectors on disk for one cache folder (see the module docstring)."""

    def __init__(self, cache_dir: str | os.PathLike):
        self.path = Path(cache_dir) / SUBDIR / FILENAME
        self._conn: sqlite3.Connection | None = None
        self._broken = False
        self._was_reset = False
        self._lock = threading.Lock()

    def _folder_ready(self) -> bool:
        """Create the folder (no link on the way from the cache's parent, and a
        `.gitignore` in the cache folder), and check that no file of the database is a link."""
        cache_dir = self.path.parent.parent
        try:
            with cachefs.Folder(cache_dir.parent, (cache_dir.name,), create=True) as top:
                top.create(".gitignore", cachefs.IGNORE_TEXT)
                with top.sub(SUBDIR, create=True) as folder:
                    for name in _FILES:
                        info = folder.lstat(name)
                        if info is not None and not stat.S_ISREG(info.st_mode):
                            raise cachefs.Refused(f"{self.path.parent / name} is not a regular file")
        except OSError as error:
            cachefs.refused_note(error, cache_dir, writing=True)
            return False
        return cachefs.secret() is not None

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is not None or self._broken:
            return self._conn
        if not self._folder_ready():
            self._broken = True
            return None
        conn = None
        try:
            conn = sqlite3.connect(self.path, timeout=10, check_same_thread=False, isolation_level=None)
            try:
                conn.execute("PRAGMA trusted_schema=OFF")  # no function of the file's schema runs
            except sqlite3.Error:
                pass
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, key BLOB NOT NULL, "
                "vector BLOB NOT NULL, mac BLOB NOT NULL, PRIMARY KEY (model, key)) WITHOUT ROWID"
            )
            conn.execute("SELECT model, key, vector, mac FROM vectors LIMIT 0")  # another table of that name: reset
        except sqlite3.DatabaseError:
            # not a database (or a damaged one, or one of another layout): start again from an empty file
            _close(conn)
            if not self._reset():
                return None
            return self._connect()
        except (OSError, sqlite3.Error):
            _close(conn)
            self._broken = True
            return None
        self._conn = conn
        return conn

    def _reset(self) -> bool:
        if self._was_reset:
            self._broken = True
            return False
        self._was_reset = True
        for name in _FILES:
            try:
                os.unlink(self.path.parent / name)  # a link itself, never what it names
            except OSError:
                pass
        return True

    def get(self, model_id: str, keys: Sequence[bytes]) -> dict[bytes, bytes]:
        """The stored vectors (raw float32 bytes) of those `keys` that are stored."""
        with self._lock:
            conn = self._connect()
            if conn is None or not keys:
                return {}
            found: dict[bytes, bytes] = {}
            try:
                for i in range(0, len(keys), CHUNK):
                    part = list(keys[i : i + CHUNK])
                    marks = ",".join("?" * len(part))
                    rows = conn.execute(
                        f"SELECT key, vector, mac FROM vectors WHERE model = ? AND key IN ({marks})", [model_id, *part]
                    )
                    label = _label(model_id)
                    for key, vector, tag in rows:
                        if _sealed(label, key, vector, tag):
                            found[key] = vector
            except sqlite3.DatabaseError:
                self._conn = None
                self._reset()
                return {}
            except sqlite3.Error:
                return found
            return found

    def put(self, model_id: str, items: Sequence[tuple[bytes, bytes]]) -> None:
        with self._lock:
            conn = self._connect()
            if conn is None or not items:
                return
            try:
                conn.execute("BEGIN")
                label = _label(model_id)
                conn.executemany(
                    "INSERT OR REPLACE INTO vectors (model, key, vector, mac) VALUES (?, ?, ?, ?)",
                    [(model_id, k, v, _mac(label, k, v)) for k, v in items],
                )
                conn.execute("COMMIT")
            except sqlite3.Error:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
                self._broken = True  # read-only or full: go on without writing

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.close()
                except sqlite3.Error:
                    pass
                self._conn = None


def _close(conn: sqlite3.Connection | None) -> None:
    if conn is not None:
        try:
            conn.close()
        except sqlite3.Error:
            pass


def _label(model_id: str) -> bytes:
    return b"vector\0" + model_id.encode("utf-8", "surrogatepass")


def _mac(label: bytes, key: bytes, vector: bytes) -> bytes:
    tag = cachefs.mac(label, key + vector)
    return tag[:MAC_BYTES] if tag is not None else b""


def _sealed(label: bytes, key, vector, tag) -> bool:
    """Whether a row is one this user wrote: bytes of the right sizes, and its MAC."""
    import hmac

    if not (isinstance(key, bytes) and len(key) == 16 and isinstance(vector, bytes) and isinstance(tag, bytes)):
        return False
    if len(vector) % 4 or len(tag) != MAC_BYTES:
        return False
    return hmac.compare_digest(_mac(label, key, vector), tag)


class CachedEmbedder:
    """An embedder behind the two cache levels; the wrapped one runs only for new texts."""

    def __init__(self, inner: "Embedder", store: EmbeddingStore | None = None):
        self.inner = inner
        self.model_id = inner.model_id
        self.store = store
        from ..core.memo import scaled

        self._memory = scaled(MEMORY_BYTES, "embedded vectors")
        #: Texts embedded by the wrapped embedder (not found in either cache), for tests and benchmarks.
        self.computed = 0

    def embed(self, texts: Sequence[str]) -> "np.ndarray":
        import numpy as np

        keys = [text_key(t) for t in texts]
        known = {}
        for k in set(keys):
            v = self._memory.get(k)
            if v is not None:
                known[k] = v
        in_memory = set(known)
        missing = [k for k in dict.fromkeys(keys) if k not in known]
        if missing and self.store is not None:
            for k, raw in self.store.get(self.model_id, missing).items():
                known[k] = np.frombuffer(raw, dtype=np.float32)
            missing = [k for k in missing if k not in known]
        if missing:
            first = {}
            for k, t in zip(keys, texts):
                first.setdefault(k, t)
            new = self.inner.embed([first[k] for k in missing])
            # stored and returned as the same float32 values, so a warm run gives what a cold one gave
            rows = [np.ascontiguousarray(v, dtype=np.float32) for v in new]
            self.computed += len(rows)
            for k, v in zip(missing, rows):
                known[k] = v
            if self.store is not None:
                self.store.put(self.model_id, [(k, v.tobytes()) for k, v in zip(missing, rows)])
        for k, v in known.items():
            if k not in in_memory:
                self._memory.put(k, v, v.nbytes + 256)
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([known[k] for k in keys]).astype(np.float32, copy=False)
