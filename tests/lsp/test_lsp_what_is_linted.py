"""The editor lints what the command line lints (issue 16): agent instruction and
prompt files by their names, Markdown by the configuration's globs, never what it
excludes; and its outline says what each rule was read from, as `speclint rules` does."""

from __future__ import annotations

import os
import shutil

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import diagnostics_for, start_in, wait_until

SPECLINT = shutil.which("speclint")

AGENTS = """# Agent rules

## Code style

You must run the tests before committing.

- Never push to main.

Prefer small commits:
- one topic each
"""


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[SPECLINT or "speclint", "lsp"]))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        pass  # the server watches configuration files; this client tells it of changes itself

    await start_in(lsp_client, tmp_path_factory.mktemp("ws"))
    yield
    await lsp_client.shutdown_session()


def open_doc(client: LanguageClient, name: str, text: str, language: str = "markdown") -> str:
    path = client.workspace / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text))
    )
    return uri


async def symbols_of(client: LanguageClient, uri: str):
    return await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )


def flat(symbols) -> list:
    out, stack = [], list(reversed(symbols or []))
    while stack:
        s = stack.pop()
        out.append(s)
        stack.extend(reversed(s.children or []))
    return out


async def test_agent_and_prompt_files_are_linted_as_the_command_line_lints_them(client: LanguageClient):
    """No configuration and no `markdown` setting: `speclint check .` reads these
    files by their names, and so does the editor."""
    names = ["AGENTS.md", "CLAUDE.md", ".cursorrules", "review.prompt.md"]
    uris = [open_doc(client, name, "Never push to main.\n") for name in names]
    for name, uri in zip(names, uris):
        assert [d.code for d in await diagnostics_for(client, uri)] == ["R001"], name


async def test_files_the_configuration_excludes_are_not_linted(client: LanguageClient):
    (client.workspace / ".speclint.yaml").write_text("exclude: ['drafts/**']\n")
    draft = open_doc(client, "drafts/AGENTS.md", "Never push to main.\n")
    spec = open_doc(client, "AGENTS.md", "Never push to main.\n")
    assert [d.code for d in await diagnostics_for(client, spec)] == ["R001"]
    assert not await symbols_of(client, draft)  # not a spec to the server
    assert draft not in client.diagnostics


async def test_a_file_the_configuration_comes_to_exclude_loses_its_findings(client: LanguageClient):
    config = client.workspace / ".speclint.yaml"
    config.write_text("markdown: ['*.md']\n")
    uri = open_doc(client, "policy.md", "Never invent a fare.\n")
    assert [d.code for d in await diagnostics_for(client, uri)] == ["R001"]
    config.write_text("markdown: ['*.md']\nexclude: ['policy.md']\n")
    later = config.stat().st_mtime + 5  # another modification time, however coarse the file system's clock
    os.utime(config, (later, later))
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    await wait_until(lambda: not client.diagnostics[uri], 60, "the findings of the excluded file cleared")
    assert not await symbols_of(client, uri)


async def test_rule_symbols_say_what_each_rule_was_read_from(client: LanguageClient):
    uri = open_doc(client, "AGENTS.md", AGENTS)
    await diagnostics_for(client, uri)
    details = {s.name: s.detail for s in flat(await symbols_of(client, uri)) if s.kind in (types.SymbolKind.Class, types.SymbolKind.Method)}
    assert details == {
        "code-style.run-tests-before-committing": "sentence · You must run the tests before committing.",
        "code-style.push-main": "list item · Never push to main.",
        "code-style": "lead-in · Prefer small commits:",
        "code-style.topic": "list item · one topic each",
    }, details
    (client.workspace / ".speclint.yaml").write_text("markdown: ['spec.md']\n")
    marked = open_doc(client, "spec.md", "## Be brief {#brief authority=user}\n\nAnswer briefly.\n")
    await diagnostics_for(client, marked)
    (brief,) = [s for s in flat(await symbols_of(client, marked)) if s.name == "brief"]
    assert brief.detail == "heading · level user · Be brief"


async def test_mspec_rule_symbols_say_mspec_level_and_hard(client: LanguageClient):
    text = (
        'spec "S"\n  levels: root > user\n\n'
        "rule ID1 [hard, level: root]: Verify the caller before discussing a booking.\n"
        "  rationale: A stranger who learns a booking can cancel it.\n"
        "  subrule ID1.1: Ask for the booking code.\n"
    )
    uri = open_doc(client, "support.mspec", text, "mspec")
    await diagnostics_for(client, uri)
    details = {s.name: s.detail for s in flat(await symbols_of(client, uri)) if s.name.startswith("ID1")}
    assert details == {
        "ID1": "mspec · level root · hard · Verify the caller before discussing a booking.",
        "ID1.1": "mspec · Ask for the booking code.",
    }
