"""The server answers what a library client would never send: requests before
`initialize` or after `shutdown`, params that do not fit their method, and
`exit` without `shutdown`. Driven over raw JSON-RPC, as a careless client would."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

SPECLINT = shutil.which("speclint") or "speclint"


class Raw:
    """`speclint lsp` over stdio, one framed message at a time."""

    def __init__(self):
        self.process = subprocess.Popen([SPECLINT, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.next_id = 0

    def send(self, method: str, params=None, *, request: bool = True):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return message.get("id")

    def read(self) -> dict:
        length = 0
        while True:
            line = self.process.stdout.readline()
            assert line, "the server closed its output"
            if line.startswith(b"Content-Length:"):
                length = int(line.split(b":")[1])
            elif line == b"\r\n":
                return json.loads(self.process.stdout.read(length))

    def answer(self, method: str, params=None) -> dict:
        """The response to a request (notifications the server sends meanwhile are skipped)."""
        msg_id = self.send(method, params)
        while True:
            message = self.read()
            if message.get("id") == msg_id and "method" not in message:
                return message

    def initialize(self) -> None:
        assert "result" in self.answer("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        self.send("initialized", {}, request=False)

    def exit_code(self) -> int:
        self.send("exit", request=False)
        self.process.stdin.close()
        code = self.process.wait(timeout=30)
        self.stderr = self.process.stderr.read().decode()
        return code


@pytest.fixture
def raw():
    server = Raw()
    yield server
    if server.process.poll() is None:
        server.process.kill()
        server.process.wait()


HOVER = {"textDocument": {"uri": "file:///nowhere/a.mspec"}, "position": {"line": 0, "character": 0}}


def test_requests_before_initialize_and_after_shutdown_get_errors(raw):
    assert raw.answer("textDocument/hover", HOVER)["error"]["code"] == -32002
    raw.initialize()
    assert "error" not in raw.answer("textDocument/hover", HOVER)
    assert raw.answer("shutdown")["result"] is None
    assert raw.answer("textDocument/hover", HOVER)["error"]["code"] == -32600
    assert raw.answer("shutdown")["error"]["code"] == -32600
    assert raw.exit_code() == 0
    assert "Traceback" not in raw.stderr


def test_params_that_do_not_fit_get_an_error_not_silence(raw):
    raw.initialize()
    bad = [
        ("textDocument/hover", {**HOVER, "position": {"line": -1, "character": -5}}),
        ("textDocument/hover", {"position": {"line": 0, "character": 0}}),
        ("textDocument/hover", None),
        ("textDocument/hover", [1, 2]),
        ("workspace/executeCommand", {}),
        ("textDocument/formatting", {"textDocument": HOVER["textDocument"], "options": {"tabSize": -3, "insertSpaces": True}}),
    ]
    for method, params in bad:
        error = raw.answer(method, params)["error"]
        assert error["code"] == -32602 and method in error["message"], (method, params)
    raw.send("textDocument/didOpen", {"textDocument": {"uri": "file:///x.mspec"}}, request=False)  # no text: dropped
    assert "error" not in raw.answer("textDocument/hover", HOVER)  # still serving
    assert raw.answer("shutdown")["result"] is None
    assert raw.exit_code() == 0
    assert "Traceback" not in raw.stderr


def test_exit_without_shutdown_is_code_1(raw):
    raw.initialize()
    assert raw.exit_code() == 1
