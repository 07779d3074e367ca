"""Pausing the cyclic garbage collector while a tree is built or linted.

Parsing and linting allocate many small objects and free few of them until
the run ends; the cyclic collector would walk the growing trees again and
again (a tenth of the time of a large lint, and the latency spikes of an
editor). Reference counting still frees everything as usual.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector for the block (nested uses are fine)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
