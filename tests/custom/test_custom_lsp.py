"""A custom check in the language server: published with the built-ins' findings,
and its documentation shown on hover, as a built-in's is; a pattern that runs out
of time is an error on its rule, and every other finding is still published."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lsp"))
from lsp_helpers import diagnostics_for, start_in  # noqa: E402

SPECLINT = shutil.which("speclint")
CONFIG = (
    "custom-checks:\n"
    '  - {code: X001, kind: existence, message: "Do not name competitors", tokens: [Acme]}\n'
    '  - {code: X060, kind: existence, message: "m", pattern: "(a|aa)+$"}\n'
)
SPEC = "rule B1: Never recommend Acme products.\n  rationale: We sell our own.\n"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[SPECLINT or "speclint", "lsp"]))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        pass

    workspace = tmp_path_factory.mktemp("ws")
    (workspace / ".speclint.yaml").write_text(CONFIG)
    await start_in(lsp_client, workspace)
    yield
    await lsp_client.shutdown_session()


async def test_custom_finding_and_its_hover(client: LanguageClient):
    path = client.workspace / "spec.mspec"
    path.write_text(SPEC)
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="mspec", version=1, text=SPEC))
    )
    found = [d for d in await diagnostics_for(client, uri) if d.code == "X001"]
    assert len(found) == 1 and found[0].message == "Do not name competitors"
    assert found[0].range.start == types.Position(line=0, character=SPEC.index("Acme"))
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=found[0].range.start)
    )
    assert hover is not None and "X001 custom-x001" in hover.contents.value
    assert "kind `existence`" in hover.contents.value


async def test_a_pattern_out_of_time_is_an_error_on_its_rule_and_the_rest_is_published(client: LanguageClient):
    text = "rule C1: Never recommend Acme products.\n\nrule C2: Say " + "a" * 60 + "!\n"
    path = client.workspace / "slow.mspec"
    path.write_text(text)
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="mspec", version=1, text=text))
    )
    found = await diagnostics_for(client, uri)
    stopped = [d for d in found if d.code == "X060"]
    assert len(stopped) == 1, found
    assert stopped[0].severity == types.DiagnosticSeverity.Error
    assert "backtracks catastrophically" in stopped[0].message and "rule C2" in stopped[0].message
    assert stopped[0].range.start.line == 2
    # the other checks still ran: the competitor is named, and both rules lack a reason
    assert [d.code for d in found if d.code == "X001"] == ["X001"]
    assert sorted(d.range.start.line for d in found if d.code == "R001") == [0, 2]
