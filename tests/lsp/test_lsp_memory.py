"""A closed document leaves nothing in the server's caches, and the server
says what its caches hold (`speclint.serverInfo`, `caches`)."""

from __future__ import annotations

import time

from test_lsp_framing import Stream


def caches(server: Stream) -> dict:
    """The estimated bytes each cache of the server holds, by name."""
    return {name: held["bytes"] for name, held in info(server).items()}


def info(server: Stream) -> dict:
    msg_id, frame = server.request("workspace/executeCommand", {"command": "speclint.serverInfo", "arguments": []})
    server.write(frame)
    return server.answer_to(msg_id)["result"]["caches"]


def test_closing_a_document_releases_what_the_caches_keep_of_it(tmp_path):
    server = Stream()
    try:
        server.initialize()
        path = tmp_path / "spec.mspec"
        text = "".join(f"rule R{i}: Answer where possible.\n  rationale: Users rely on it.\n\n" for i in range(30))
        path.write_text(text)
        uri = path.as_uri()
        item = {"uri": uri, "languageId": "mspec", "version": 1, "text": text}
        server.write(server.frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": item}}))
        for version in range(2, 12):
            change = {"range": {"start": {"line": 0, "character": 9}, "end": {"line": 0, "character": 9}}, "text": "x"}
            server.write(server.frame({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}}))
        deadline = time.monotonic() + 30
        while not (caches(server).get("placed blocks") and caches(server).get("kept findings")):
            assert time.monotonic() < deadline, caches(server)
            time.sleep(0.1)
        server.write(server.frame({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}}))
        deadline = time.monotonic() + 30
        while True:
            held = caches(server)
            if held.get("placed blocks") == 0 and held.get("kept findings") == 0:
                break
            assert time.monotonic() < deadline, held
            time.sleep(0.1)
        # the parsed blocks are no document's: they stay until newer ones push them out
        assert held["parsed blocks"] > 0
        # every cache within its bound, the bounds of a long-lived process: a few tens of MB
        limits = info(server)
        assert all(c["bytes"] <= c["bound"] for c in limits.values())
        assert limits["specdsl.language.text.words"]["bound"] == 8 * 2**20
        assert sum(c["bound"] for c in limits.values()) <= 96 * 2**20
    finally:
        server.close()
