"""Caches bounded by the memory they hold, not by how many entries they have.

A long-lived process (the language server) lints a new version of a text on
every keystroke: every cache keyed by a text gains an entry each time. A
bound on the number of entries is no bound on memory when an entry may be a
ten-word rule or a whole 100 KB section, so each cache here is bounded by an
*estimate* of the bytes its entries hold (the text's length times a factor
measured on real and hostile specs), and lets the least recently used go
first. `accounted()` totals what every cache of the process holds.
"""

from __future__ import annotations

import functools
import sys
import threading
import weakref
from collections import OrderedDict
from typing import Any, Callable, Hashable

MB = 1 << 20

#: Every cache of the process, for `accounted` (a thread may make one while
#: another counts them: both under the lock).
_CACHES: "weakref.WeakSet[ByteLRU]" = weakref.WeakSet()
_REGISTRY_LOCK = threading.RLock()
#: The caches made by `scaled` (and `text_cache`), with their bounds for a long-lived process.
_SCALED: "weakref.WeakKeyDictionary[ByteLRU, int]" = weakref.WeakKeyDictionary()

#: How much more than their stated bound the caches made by `scaled` (the
#: caches of texts and vectors) may hold in this process. Their bounds are sized for the language server, which lives for
#: hours: a few tens of MB in all, room for a spec the size of the OpenAI
#: Model Spec. A command-line run ends with its lint, and every check reads
#: every rule's words again: were a 10,000-rule spec's words not all kept, each
#: check would compute them anew (a cache smaller than what a loop reads over
#: and over keeps nothing of it). `long_lived()` sets 1.
_SCALE = 8

_MISSING = object()


class ByteLRU:
    """A mapping that holds at most `max_bytes`, as its users estimate each entry.

    `put` says how big an entry is; once the total is over the bound, the least
    recently used entries (read or written) go first. An entry bigger than the
    whole bound is not kept at all. Safe to use from several threads.
    """

    def __init__(self, max_bytes: int, name: str = "cache"):
        self.max_bytes = max_bytes
        self.name = name
        #: the total estimated size of the entries held
        self.bytes = 0
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()
        with _REGISTRY_LOCK:
            _CACHES.add(self)

    def resize(self, max_bytes: int) -> None:
        """A new bound; the least recently used entries go until the rest fit."""
        with self._lock:
            self.max_bytes = max_bytes
            while self.bytes > self.max_bytes:
                _, (_, evicted) = self._items.popitem(last=False)
                self.bytes -= evicted

    def get(self, key: Hashable, default: Any = None) -> Any:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return default
            self._items.move_to_end(key)
            return item[0]

    def entry(self, key: Hashable) -> tuple[Any, int] | None:
        """(value, estimated size) of `key`, as `get` (it becomes the most recently used)."""
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: Hashable, value: Any, size: int) -> bool:
        """Keep `value` (estimated at `size` bytes) as the most recently used; False
        when it is too big to keep (then any older value of `key` is gone too)."""
        with self._lock:
            return self._put(key, value, size)

    def add(self, key: Hashable, value: Any, size: int) -> None:
        """`put` for a key that is most likely not there (a miss of `text_cache`)."""
        with self._lock:
            items = self._items
            if key in items or size > self.max_bytes:
                self._put(key, value, size)  # two threads computed it at once, or too big
                return
            items[key] = (value, size)
            self.bytes += size
            while self.bytes > self.max_bytes:
                _, (_, evicted) = items.popitem(last=False)
                self.bytes -= evicted

    def _put(self, key: Hashable, value: Any, size: int) -> bool:
        old = self._items.pop(key, None)
        if old is not None:
            self.bytes -= old[1]
        if size > self.max_bytes:
            return False
        self._items[key] = (value, size)
        self.bytes += size
        while self.bytes > self.max_bytes:
            _, (_, evicted) = self._items.popitem(last=False)
            self.bytes -= evicted
        return True

    def pop(self, key: Hashable, default: Any = None) -> Any:
        with self._lock:
            item = self._items.pop(key, None)
            if item is None:
                return default
            self.bytes -= item[1]
            return item[0]

    def discard_if(self, predicate: Callable[[Hashable, Any], bool]) -> int:
        """Drop the entries for which `predicate(key, value)` holds; how many went."""
        with self._lock:
            gone = [k for k, (v, _) in self._items.items() if predicate(k, v)]
            for k in gone:
                self.bytes -= self._items.pop(k)[1]
            return len(gone)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.bytes = 0

    def keys(self) -> list:
        """The keys, least recently used first (a copy)."""
        with self._lock:
            return list(self._items)

    def items(self) -> list[tuple]:
        """(key, value) pairs, least recently used first (a copy)."""
        with self._lock:
            return [(k, v) for k, (v, _) in self._items.items()]

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"<ByteLRU {self.name}: {len(self)} entries, {self.bytes} of {self.max_bytes} bytes>"


def scaled(max_bytes: int, name: str, *, long_lived_only: bool = False) -> ByteLRU:
    """A cache that holds `max_bytes` in a long-lived process, and more in a
    command-line run (see `_SCALE`); with `long_lived_only`, nothing in a
    command-line run (what it keeps only pays when the same texts come back
    lint after lint, and would add to the peak memory of one large lint)."""
    with _REGISTRY_LOCK:  # not while `long_lived` changes the scale
        if long_lived_only and _SCALE != 1:
            cache = ByteLRU(0, name)
        else:
            cache = ByteLRU(max_bytes * _SCALE, name)
        _SCALED[cache] = max_bytes
    return cache


def text_cache(
    max_bytes: int,
    *,
    per_char: int,
    per_item: int = 0,
    base: int = 256,
    items: Callable[[Any], int] = len,
    long_lived_only: bool = False,
):
    """`functools.lru_cache` for functions of strings, bounded by bytes.

    An entry is estimated at `base` bytes, plus for each string argument (and
    each string in a tuple argument) the string itself and `per_char` bytes a
    character, plus `per_item` bytes for each item of the result (a list of
    words; `items(result)` says how many, `len` by default). Choose them from the sizes of
    the results on long and short texts of every shape (tests/test_memo.py
    holds the estimates above them). `max_bytes` is the bound in a long-lived
    process (see `_SCALE`); with `long_lived_only`, it keeps nothing until
    `long_lived()` (see `scaled`). Arguments must be hashable, as for `lru_cache`;
    `cache_clear()` works as there, and `.cache` is the `ByteLRU`.
    """

    def decorate(fn):
        cache = scaled(max_bytes, f"{fn.__module__}.{fn.__qualname__}", long_lived_only=long_lived_only)
        getsizeof = sys.getsizeof
        # The hit path without the lock (the language server calls `analyze` a few
        # thousand times a lint): each step is one atomic dictionary operation,
        # and an entry evicted in between is simply not moved.
        find = cache._items.get
        touch = cache._items.move_to_end
        add = cache.add

        def keep(key, value, args) -> None:
            if not cache.max_bytes:
                return  # keeps nothing (see `long_lived_only`)
            size = base + per_item * items(value) if per_item else base
            for one in args:
                if type(one) is str:
                    size += getsizeof(one) + per_char * len(one)
                elif type(one) is tuple:  # lines of text (a rule's `when:` lines)
                    size += getsizeof(one)
                    for item in one:
                        if type(item) is str:
                            size += getsizeof(item) + per_char * len(item)
            cache.add(key, value, size)

        code = fn.__code__
        if code.co_argcount == 1 and not code.co_kwonlyargcount and not code.co_flags & 0x0C:

            @functools.wraps(fn)
            def cached(text):  # one argument (most of them): its own key
                item = find(text)
                if item is not None:
                    try:
                        touch(text)
                    except KeyError:
                        pass
                    return item[0]
                value = fn(text)
                if not cache.max_bytes:
                    return value  # keeps nothing (see `long_lived_only`)
                size = base + per_item * items(value) if per_item else base
                if type(text) is str:
                    size += getsizeof(text) + per_char * len(text)
                add(text, value, size)
                return value

        else:

            @functools.wraps(fn)
            def cached(*args, **kwargs):
                key = (*args, _MISSING, *sorted(kwargs.items())) if kwargs else args
                item = find(key)
                if item is not None:
                    try:
                        touch(key)
                    except KeyError:
                        pass
                    return item[0]
                value = fn(*args, **kwargs)
                keep(key, value, args)
                return value

        cached.cache = cache
        cached.cache_clear = cache.clear
        return cached

    return decorate


def accounted() -> dict[str, int]:
    """The estimated bytes held by each cache of the process, by name (caches of
    the same name added up)."""
    out: dict[str, int] = {}
    for cache in _all():
        out[cache.name] = out.get(cache.name, 0) + cache.bytes
    return out


def bounds() -> dict[str, int]:
    """The bound of each cache of the process, by name (caches of the same name added up)."""
    out: dict[str, int] = {}
    for cache in _all():
        out[cache.name] = out.get(cache.name, 0) + cache.max_bytes
    return out


def _all() -> list[ByteLRU]:
    with _REGISTRY_LOCK:
        return list(_CACHES)


def long_lived() -> None:
    """Hold the caches made by `scaled` to their stated bounds from now on: this
    process lives for hours and lints a new text on every keystroke (the language server)."""
    global _SCALE
    with _REGISTRY_LOCK:
        _SCALE = 1
        caches = list(_SCALED.items())
    for cache, max_bytes in caches:
        cache.resize(max_bytes)
