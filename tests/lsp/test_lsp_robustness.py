"""5,000 random edits against one server: it never crashes, never answers a
valid request with an error, and its memory after the run stays within 20%
of its memory after warm-up."""

from __future__ import annotations

import asyncio
import os
import random
import shutil
from pathlib import Path

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = Path(__file__).resolve().parent.parent.parent
SPEC = (ROOT / "examples" / "coding-agent.mspec").read_text(encoding="utf-8")
EDITS = int(os.environ.get("SPECLINT_ROBUSTNESS_EDITS", "5000"))
GARBAGE = ["\x00", "\ufffd", "😀", "\t", "\r\n", '"', "[", "]", ":", "#", "rule ", "  subrule: ", "see: ", "\n\n", "é"]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[shutil.which("speclint") or "speclint", "lsp"]))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params):
        return None

    workspace = tmp_path_factory.mktemp("robust")
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code"), root_uri=workspace.as_uri())
    )
    lsp_client.workspace = workspace
    yield
    await lsp_client.shutdown_session()


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def random_position(rng: random.Random, text: str, valid: bool = True) -> types.Position:
    lines = text.split("\n")
    line = rng.randrange(len(lines))
    if not valid and rng.random() < 0.5:
        return types.Position(line=line + rng.randrange(1, 50), character=rng.randrange(0, 500))
    return types.Position(line=line, character=rng.randrange(0, len(lines[line]) + 1))


def apply(text: str, rng_: types.Range, new: str) -> str:
    lines = text.split("\n")

    def offset(p: types.Position) -> int:
        if p.line >= len(lines):
            return len(text)
        before = sum(len(x) + 1 for x in lines[: p.line])
        line = lines[p.line]
        units = 0
        for i, ch in enumerate(line):
            if units >= p.character:
                return before + i
            units += 2 if ord(ch) > 0xFFFF else 1
        return before + len(line)

    a, b = sorted((offset(rng_.start), offset(rng_.end)))
    return text[:a] + new + text[b:]


async def test_random_edits(client: LanguageClient, capfd):
    rng = random.Random(20261127)
    server = client._server
    path = client.workspace / "robust.mspec"
    path.write_text(SPEC)
    uri = path.as_uri()
    text = SPEC
    version = 1
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="mspec", version=version, text=text)
        )
    )
    doc = types.TextDocumentIdentifier(uri=uri)

    async def requests(round_: int):
        position = random_position(rng, text)
        calls = [
            client.text_document_hover_async(types.HoverParams(text_document=doc, position=position)),
            client.text_document_completion_async(types.CompletionParams(text_document=doc, position=position)),
            client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc)),
        ]
        if round_ % 5 == 0:
            calls += [
                client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=doc)),
                client.text_document_code_action_async(
                    types.CodeActionParams(
                        text_document=doc,
                        range=types.Range(start=position, end=position),
                        context=types.CodeActionContext(diagnostics=[]),
                    )
                ),
                client.text_document_formatting_async(
                    types.DocumentFormattingParams(
                        text_document=doc, options=types.FormattingOptions(tab_size=2, insert_spaces=True)
                    )
                ),
                client.text_document_references_async(
                    types.ReferenceParams(
                        text_document=doc, position=position, context=types.ReferenceContext(include_declaration=True)
                    )
                ),
                client.text_document_folding_range_async(types.FoldingRangeParams(text_document=doc)),
            ]
        # every answer must be a result, never a JSON-RPC error
        await asyncio.gather(*calls)

    warm_rss = None
    for i in range(EDITS):
        kind = rng.random()
        start = random_position(rng, text)
        end = random_position(rng, text) if rng.random() < 0.3 else start
        if (end.line, end.character) < (start.line, start.character):
            start, end = end, start
        if kind < 0.45:
            new = rng.choice(["a", " ", "\n", "rule X: y", "never ", "etc. ", "  rationale: because users trust us.\n"])
        elif kind < 0.75:
            new = ""  # deletion
        elif kind < 0.9:
            new = "".join(rng.choice(GARBAGE) for _ in range(rng.randrange(1, 12)))  # garbage paste
        else:
            new = SPEC[rng.randrange(len(SPEC)) :][: rng.randrange(1, 400)]  # a paste from elsewhere
        change_range = types.Range(start=start, end=end)
        if rng.random() < 0.02:
            # positions outside the document (invalid UTF-16 columns, lines past the end)
            change_range = types.Range(start=random_position(rng, text, valid=False), end=random_position(rng, text, valid=False))
            text = text  # the server clamps; mirror by replacing the whole text below
            version += 1
            text = text + new
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
                )
            )
        else:
            text = apply(text, change_range, new)
            version += 1
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[types.TextDocumentContentChangePartial(range=change_range, text=new)],
                )
            )
        if len(text) > 60000:
            version += 1
            text = SPEC
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
                )
            )
        if i % 10 == 0:
            await requests(i)
        if i % 500 == 250:
            # close the document in the middle of requests, then open it again
            pending = asyncio.ensure_future(
                client.text_document_hover_async(types.HoverParams(text_document=doc, position=start))
            )
            client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=doc))
            await pending
            version += 1
            client.text_document_did_open(
                types.DidOpenTextDocumentParams(
                    text_document=types.TextDocumentItem(uri=uri, language_id="mspec", version=version, text=text)
                )
            )
        if i % 700 == 0:
            # a method the server does not know must not hurt it
            try:
                await client.protocol.send_request_async("speclint/noSuchMethod", {})
            except Exception:
                pass
        if i == 300:
            await asyncio.sleep(0.5)
            warm_rss = rss_kb(server.pid)
    await asyncio.sleep(1.0)
    # the server is alive and answers
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc))
    assert symbols is not None
    assert server.returncode is None
    final_rss = rss_kb(server.pid)
    assert warm_rss and final_rss <= warm_rss * 1.2, (warm_rss, final_rss)
    assert client.error is None
    # no handler swallowed an exception either (they log "<handler> failed" to stderr)
    logged = capfd.readouterr().err
    assert "speclint.lsp" not in logged and "Traceback" not in logged, logged[-3000:]
