"""The process's semantic state: which embedder, which cache folder.

One embedder per model id for the whole process (the model loads once),
wrapped in the embedding cache. Faces set the cache folder (`configure`);
tests inject a fake embedder (`use_embedder`).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from typing import TYPE_CHECKING

from .backends import default_embedder
from .embedder import Embedder

if TYPE_CHECKING:  # sqlite3 is imported only when the tier runs
    from .store import CachedEmbedder, EmbeddingStore

_lock = threading.RLock()
#: base embedders by configured model path (None: the package's model)
_base: dict[str | None, Any] = {}
#: cached wrappers by (model id, cache folder)
_cached: dict[tuple[str, str | None], "CachedEmbedder"] = {}
_stores: dict[str, "EmbeddingStore"] = {}
_injected: Embedder | None = None
_cache_dir: str | None = None
#: embed in a child process (the language server: see `remote`)
_remote = False


def configure(
    cache_dir: str | os.PathLike | None = ..., embedder: Embedder | None = ..., remote: bool = ...
) -> None:
    """Set where vectors are cached (a folder that holds `.speclint_cache/`'s content,
    None for memory only), and/or an embedder to use instead of the default, and/or
    whether the default model runs in a child process (`remote`, for the server)."""
    global _cache_dir, _injected, _remote
    with _lock:
        if remote is not ... and remote != _remote:
            _remote = remote
            _base.clear()
            _cached.clear()
        if cache_dir is not ...:
            _cache_dir = str(cache_dir) if cache_dir is not None else None
        if embedder is not ...:
            _injected = embedder
            _cached.clear()


def cache_dir() -> str | None:
    return _cache_dir


def base_embedder(model_path: str | None = None):
    """The process's embedder for a model path (created, not loaded)."""
    with _lock:
        if _injected is not None:
            return _injected
        found = _base.get(model_path)
        if found is None:
            if _remote:
                from .remote import RemoteEmbedder

                found = _base[model_path] = RemoteEmbedder(model_path)
            else:
                found = _base[model_path] = default_embedder(model_path)
        return found


def embedder_for(config: Any) -> "CachedEmbedder":
    """The cached embedder for a configuration (its `semantic.model`) and the cache folder."""
    from .store import CachedEmbedder, EmbeddingStore

    semantic = getattr(config, "semantic", None)
    model_path = getattr(semantic, "model", None) if semantic is not None else None
    base = base_embedder(model_path)
    with _lock:
        key = (base.model_id, _cache_dir)
        found = _cached.get(key)
        if found is None or found.inner is not base:
            store = None
            if _cache_dir is not None:
                store = _stores.get(_cache_dir)
                if store is None:
                    store = _stores[_cache_dir] = EmbeddingStore(Path(_cache_dir))
            found = _cached[key] = CachedEmbedder(base, store)
        return found


def reset() -> None:
    """Forget every embedder, store and setting (for tests)."""
    global _injected, _cache_dir, _remote
    with _lock:
        for base in _base.values():
            close = getattr(base, "close", None)
            if close is not None:
                close()
        _remote = False
        for store in _stores.values():
            store.close()
        _stores.clear()
        _cached.clear()
        _base.clear()
        _injected = None
        _cache_dir = None
