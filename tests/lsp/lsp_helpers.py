"""Waiting for the language server in the end-to-end tests (pytest-lsp)."""

from __future__ import annotations

import asyncio
import time

from pytest_lsp import LanguageClient


async def wait_until(condition, timeout: float, what: str) -> None:
    """Poll `condition` until it holds: a notification that lands between two
    waits is never missed; the deadline leaves room for a busy machine."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout:.0f} s")
        await asyncio.sleep(0.02)


async def diagnostics_for(client: LanguageClient, uri: str, timeout: float = 60.0) -> list:
    """The diagnostics published for `uri` (polled, see `wait_until`)."""
    try:
        await wait_until(lambda: uri in client.diagnostics, timeout, f"diagnostics for {uri}")
    except TimeoutError as error:
        raise TimeoutError(f"{error}; published for {sorted(client.diagnostics)}") from None
    return list(client.diagnostics[uri])
