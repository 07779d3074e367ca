"""The server's commands and its semantic tier, end to end over stdio (pytest-lsp).

The semantic tier loads in the background: a spec is linted on the lexical
tier at once, and again with the tier once its model is in; the client is
told each step with `speclint/status`.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from lsp_helpers import replace_text, wait_until

from specdsl import semantic

SPECLINT = shutil.which("speclint")

CONFLICT = """rule PAY2: Never disclose a customer's card number.
  rationale: A full card number is enough to commit fraud online.
rule ID4: Read back the full credit card digits to the caller.
  rationale: Callers want to hear which card is on file.
"""


def plain(value):
    """A custom notification's params as dicts (pygls gives named tuples)."""
    if hasattr(value, "_asdict"):
        return {k: plain(v) for k, v in value._asdict().items()}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


async def start(lsp_client: LanguageClient, workspace: Path, options: dict | None = None) -> None:
    lsp_client.statuses = []
    lsp_client.registrations = []

    @lsp_client.feature("speclint/status")
    def status(params):
        lsp_client.statuses.append(plain(params))

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        lsp_client.registrations.extend(params.registrations)

    (workspace / ".git").mkdir(exist_ok=True)
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=workspace.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="ws")],
            initialization_options=options,
        )
    )
    lsp_client.workspace = workspace


def open_doc(client: LanguageClient, name: str, text: str) -> str:
    path = client.workspace / name
    path.write_text(text)
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="mspec", version=1, text=text)
        )
    )
    return uri


async def info(client: LanguageClient, arguments=None) -> dict:
    return await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="speclint.serverInfo", arguments=arguments)
    )


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[SPECLINT or "speclint", "lsp"]))
async def lexical(lsp_client: LanguageClient, tmp_path_factory):
    await start(lsp_client, tmp_path_factory.mktemp("ws"))
    yield
    await lsp_client.shutdown_session()


async def test_commands_take_their_arguments_in_any_form(lexical):
    client = lexical
    uri = open_doc(client, "stats.mspec", "rule A: Cite sources.\nrule B: Be brief.\n  rationale: Readers skim.\n")
    await wait_until(lambda: uri in client.diagnostics, 20, "diagnostics")
    # VS Code sends `[uri]`; some clients wrap the list once more; none is "all open specs"
    for arguments in ([uri], [[uri]], [], None):
        stats = await client.workspace_execute_command_async(
            types.ExecuteCommandParams(command="speclint.stats", arguments=arguments)
        )
        assert len(stats) == 1, arguments
        assert stats[0]["rules"] == 2 and stats[0]["rationale_coverage"] == 50.0, stats
    for arguments in ([], [[]], None):
        answer = await info(client, arguments)
        assert answer["tier"] == "lexical"
        assert answer["semantic"]["requested"] is False
        assert answer["version"]


async def test_a_semantic_tier_that_cannot_run_is_said_once_and_lexical_runs(lexical):
    client = lexical
    (client.workspace / ".speclint.yaml").write_text("semantic:\n  enabled: true\n  model: no-such-model-folder\n")
    uri = open_doc(client, "a.mspec", CONFLICT)
    await wait_until(lambda: uri in client.diagnostics, 20, "diagnostics")
    assert "C002" not in [d.code for d in client.diagnostics[uri]]  # only the semantic tier sees it
    await wait_until(lambda: client.messages, 10, "a message")
    told = [m.message for m in client.messages if "semantic" in m.message]
    assert len(told) == 1 and "no-such-model-folder" in told[0], told
    answer = await info(client)
    assert answer["tier"] == "lexical"
    assert answer["semantic"] == {"requested": True, "state": "unavailable", "reason": answer["semantic"]["reason"]}
    # another lint does not say it again
    replace_text(client, uri, 2, CONFLICT + "rule C: Be brief.\n")
    client.diagnostics.pop(uri)
    await wait_until(lambda: uri in client.diagnostics, 20, "diagnostics again")
    assert len([m for m in client.messages if "semantic" in m.message]) == 1


needs_tier = pytest.mark.skipif(not semantic.available(), reason=semantic.unavailable_reason() or "")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[SPECLINT or "speclint", "lsp"]))
async def with_tier(lsp_client: LanguageClient, tmp_path_factory):
    workspace = tmp_path_factory.mktemp("ws")
    # C002 is off by default (on real specs it was mostly judged wrong): this workspace names it
    (workspace / ".speclint.yaml").write_text("extend-select: [C002]\n")
    await start(lsp_client, workspace, {"semantic": {"enabled": True}})
    yield
    await lsp_client.shutdown_session()


@needs_tier
async def test_the_semantic_tier_loads_in_the_background_then_finds_more(with_tier):
    client = with_tier
    uri = open_doc(client, "pay.mspec", CONFLICT)
    # the lexical findings come first, without waiting for the model
    await wait_until(lambda: uri in client.diagnostics, 20, "lexical diagnostics")
    first = [d.code for d in client.diagnostics[uri]]
    assert "C002" not in first
    assert client.statuses and client.statuses[0]["tier"] == "loading"
    # then the model is in, the spec is linted again, and the paraphrased conflict shows
    await wait_until(lambda: any(s["tier"] == "semantic" for s in client.statuses), 120, "the tier loading")
    await wait_until(
        lambda: [d.code for d in client.diagnostics.get(uri, [])].count("C002") == 2, 60, "C002 on both rules"
    )
    c002 = [d for d in client.diagnostics[uri] if d.code == "C002"]
    assert {d.range.start.line for d in c002} == {0, 2}
    assert all(d.related_information for d in c002)
    answer = await info(client)
    assert answer["tier"] == "semantic" and answer["semantic"]["state"] == "ready"
    # an edit is linted with both tiers at once: the conflict stays while typing
    replace_text(client, uri, 2, CONFLICT + "rule C: Be brief.\n")
    client.diagnostics.pop(uri)
    await wait_until(lambda: uri in client.diagnostics, 20, "diagnostics after the edit")
    codes = [d.code for d in client.diagnostics[uri]]
    assert codes.count("C002") == 2 and "R001" in codes
    # rewording one of the two rules: its finding (and the other's, which points at it)
    # goes at once, and the semantic pass of the new text does not bring it back
    reworded = CONFLICT.replace("Never disclose a customer's card number.", "Never store voice recordings of a call.")
    replace_text(client, uri, 3, reworded)
    client.diagnostics.pop(uri)
    await wait_until(lambda: uri in client.diagnostics, 20, "diagnostics after rewording")
    assert "C002" not in [d.code for d in client.diagnostics[uri]]
    await asyncio.sleep(3)  # the semantic pass has run by now
    assert "C002" not in [d.code for d in client.diagnostics[uri]]
    # and back: the semantic pass finds it again, with its quick fix
    replace_text(client, uri, 4, CONFLICT)
    await wait_until(
        lambda: [d.code for d in client.diagnostics.get(uri, [])].count("C002") == 2, 30, "C002 back after the pass"
    )
    # turning the tier off in the editor drops its findings
    client.diagnostics.pop(uri)
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"speclint": {"semantic": {"enabled": False}}})
    )
    await wait_until(lambda: uri in client.diagnostics, 20, "diagnostics with the tier off")
    assert "C002" not in [d.code for d in client.diagnostics[uri]]
    assert (await info(client))["tier"] == "lexical"


#: Two prose rules: the first with a neighbour that gives its reason in plain words (no
#: marker word), the second with one that only describes. Not in the head's training set.
REASON_BESIDE = (
    "# Passwords\n\nNever ask a caller to read out their account password. "
    "Anyone listening on the line could then sign in as them.\n\n"
    "# Invoices\n\nAlways send the invoice as a PDF attachment. The invoice template has a blue header.\n"
)
#: The same text with the first rule's neighbour only describing.
REASON_GONE = REASON_BESIDE.replace(
    "Anyone listening on the line could then sign in as them.", "The account password has twelve characters."
)


def _r001_lines(client: LanguageClient, uri: str) -> list[int]:
    return sorted(d.range.start.line for d in client.diagnostics.get(uri, []) if d.code == "R001")


async def _cli(workspace: Path, name: str) -> list[tuple]:
    """`speclint check --semantic --format json` on the file, as the editor's findings look."""
    import json
    import subprocess

    done = await asyncio.to_thread(
        subprocess.run, [SPECLINT or "speclint", "check", "--semantic", "--format", "json", name],
        cwd=workspace, capture_output=True, text=True, timeout=120,
    )
    found = json.loads(done.stdout)["diagnostics"]
    severity = {"error": 1, "warning": 2, "info": 3}
    return sorted(
        (d["code"], d["message"], severity[d["severity"]], d["range"]["start"]["line"] - 1, d["range"]["start"]["column"] - 1,
         d["range"]["end"]["line"] - 1, d["range"]["end"]["column"] - 1)
        for d in found
    )


def _editor(client: LanguageClient, uri: str) -> list[tuple]:
    return sorted(
        (d.code, d.message, int(d.severity), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
        for d in client.diagnostics.get(uri, [])
    )


@needs_tier
async def test_the_semantic_pass_withdraws_r001_as_the_command_line_does(with_tier):
    client = with_tier
    # a prompt file (AGENTS.md) is linted by default, on the command line and in the editor
    uri = open_doc(client, "AGENTS.md", REASON_BESIDE)
    # the lexical findings come first: no marker word, so both rules lack a reason
    await wait_until(lambda: uri in client.diagnostics, 20, "lexical diagnostics")
    assert _r001_lines(client, uri) == [2, 6]
    # the semantic pass reads the first rule's neighbour as its reason and withdraws its R001;
    # the second rule's neighbour only describes: its R001 stays
    await wait_until(lambda: any(s["tier"] == "semantic" for s in client.statuses), 120, "the tier loading")
    await wait_until(lambda: _r001_lines(client, uri) == [6], 60, "R001 withdrawn on the first rule")
    assert _editor(client, uri) == await _cli(client.workspace, "AGENTS.md")
    # the reason deleted: the next pass brings the finding back, as the command line reports it
    (client.workspace / "AGENTS.md").write_text(REASON_GONE)
    replace_text(client, uri, 2, REASON_GONE)
    await wait_until(lambda: _r001_lines(client, uri) == [2, 6], 30, "R001 back without the reason")
    assert _editor(client, uri) == await _cli(client.workspace, "AGENTS.md")
    # and written again: withdrawn again
    (client.workspace / "AGENTS.md").write_text(REASON_BESIDE)
    replace_text(client, uri, 3, REASON_BESIDE)
    await wait_until(lambda: _r001_lines(client, uri) == [6], 30, "R001 withdrawn again")
    assert _editor(client, uri) == await _cli(client.workspace, "AGENTS.md")
