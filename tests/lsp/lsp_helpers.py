"""Starting and waiting for the language server in the end-to-end tests (pytest-lsp)."""

from __future__ import annotations

import asyncio
import time

from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities


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


async def start_in(lsp_client: LanguageClient, workspace) -> None:
    """Initialize a session on `workspace` (a git root, one workspace folder) as VS Code does;
    the client keeps the folder as `lsp_client.workspace`."""
    (workspace / ".git").mkdir(exist_ok=True)
    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=workspace.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="ws")],
    )
    await lsp_client.initialize_session(params)
    lsp_client.workspace = workspace


def replace_text(client: LanguageClient, uri: str, version: int, text: str) -> None:
    """Send the whole new text of an open document (a `didChange` with one full change)."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
