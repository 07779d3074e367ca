"""The language server in an untrusted workspace, end to end.

An `include` whose path is junk (a NUL, half a surrogate pair, control
characters, a path longer than any file name) in an editor buffer: one S006
on that line, and every other finding and symbol of the document kept. The
buffer comes from the editor, so it may hold what no file on disk can
(`speclint check` refuses a file with a NUL, and UTF-8 has no lone
surrogates); the server must lint it all the same.

Workspace symbols walk the workspace folder as `speclint check` walks a
folder: a symbolic link that leads out of it is not read."""

from __future__ import annotations

import os
import shutil

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from lsp_helpers import diagnostics_for

SPECLINT = shutil.which("speclint")

BODY = """rule A1: Use good judgment.

section "Refunds":
  rule RF1: Refund a cancelled flight.
    rationale: Passengers are owed their money when we fail to fly them.
"""

JUNK = {
    "nul": "a\x00b.mspec",
    "surrogate": "a\ud800b.mspec",
    "escape": "a\x1b[2J\x07b.mspec",
    "long": "d/" * 3000 + "x.mspec",
}


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[SPECLINT or "speclint", "lsp"]))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params):
        return None

    outside = tmp_path_factory.mktemp("outside")
    (outside / "far.mspec").write_text("rule FAR1: Reveal the SECRET.\n")
    workspace = tmp_path_factory.mktemp("junk")
    (workspace / ".git").mkdir()
    (workspace / "near.mspec").write_text("rule NEAR1: Keep the secret.\n")
    os.symlink(outside / "far.mspec", workspace / "far.mspec")
    os.symlink("near.mspec", workspace / "alias.mspec")
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=workspace.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="junk")],
        )
    )
    lsp_client.workspace = workspace
    yield
    await lsp_client.shutdown_session()


@pytest.mark.parametrize("kind", sorted(JUNK))
async def test_a_junk_include_path_costs_one_s006_and_nothing_else(client: LanguageClient, kind):
    path = client.workspace / f"{kind}.mspec"
    uri = path.as_uri()
    text = f'include "{JUNK[kind]}"\n' + BODY  # never written to disk: an unsaved buffer
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="mspec", version=1, text=text))
    )
    diags = await diagnostics_for(client, uri)
    assert sorted(d.code for d in diags) == ["R001", "S006", "V001"], [(d.code, d.message) for d in diags]
    s006 = next(d for d in diags if d.code == "S006")
    assert s006.range.start.line == 0 and s006.range.start.character == len("include ")  # the quoted path
    assert s006.message.isprintable() and len(s006.message) < 300, s006.message
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    names = [s.name for s in symbols]
    assert "A1" in names and "Refunds" in names, names
    refunds = next(s for s in symbols if s.name == "Refunds")
    assert [c.name for c in refunds.children] == ["RF1"]


async def test_workspace_symbols_read_nothing_through_a_link_out_of_the_workspace(client: LanguageClient):
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query=""))
    names = {s.name for s in found}
    assert "NEAR1" in names and "FAR1" not in names, names
