"""Frames that are not messages: a bad `Content-Length` (too short, too long,
negative, not a number, missing), a body that is not JSON, a message far too
big. Each is answered (or skipped) and the next request is answered: before,
the server read the rest of the stream out of step and never answered again,
or died of a MemoryError. Driven over raw bytes, as a broken client would."""

from __future__ import annotations

import json
import os
import resource
import select
import shutil
import subprocess
import time

import pytest

SPECLINT = shutil.which("speclint") or "speclint"

HOVER = {"textDocument": {"uri": "file:///nowhere/a.mspec"}, "position": {"line": 0, "character": 0}}


class Stream:
    """`speclint lsp` over raw bytes, reading its answers with a deadline."""

    def __init__(self, env=None, memory_limit: int | None = None):
        def limit():
            if memory_limit is not None:
                resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

        self.process = subprocess.Popen(
            [SPECLINT, "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, **(env or {})},
            preexec_fn=limit,
        )
        self.out = b""
        self.next_id = 100

    def write(self, data: bytes) -> None:
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def frame(self, message: dict) -> bytes:
        body = json.dumps(message).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    def request(self, method: str, params=None) -> tuple[int, bytes]:
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            message["params"] = params
        return self.next_id, self.frame(message)

    def read(self, timeout: float = 20.0) -> dict | None:
        """The next message from the server, or None if none comes in time (or it ended)."""
        deadline = time.monotonic() + timeout
        fd = self.process.stdout.fileno()
        while True:
            head, sep, rest = self.out.partition(b"\r\n\r\n")
            if sep:
                length = int(head.split(b"Content-Length:")[1].split(b"\r\n")[0])
                if len(rest) >= length:
                    self.out = rest[length:]
                    return json.loads(rest[:length])
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            self.out += chunk

    def answer_to(self, msg_id: int, timeout: float = 20.0) -> dict | None:
        """The response to request `msg_id` (other messages are kept in `self.seen`)."""
        while True:
            message = self.read(timeout)
            if message is None or message.get("id") == msg_id:
                return message
            self.seen.append(message)

    seen: list

    def initialize(self) -> None:
        self.seen = []
        msg_id, frame = self.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        self.write(frame)
        assert "result" in self.answer_to(msg_id)
        self.write(self.frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))

    def close(self) -> str:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        return self.process.stderr.read().decode(errors="replace")


@pytest.fixture
def stream():
    made = []

    def make(**kwargs) -> Stream:
        made.append(Stream(**kwargs))
        made[-1].initialize()
        return made[-1]

    yield make
    for s in made:
        s.close()


def _hover_body(stream: Stream) -> tuple[int, bytes]:
    msg_id, frame = stream.request("textDocument/hover", HOVER)
    return msg_id, frame.split(b"\r\n\r\n", 1)[1]


BAD_HEADERS = {
    "not a number": lambda body: b"Content-Length: twelve\r\n\r\n" + body,
    "negative": lambda body: b"Content-Length: -%d\r\n\r\n" % len(body) + body,
    "missing": lambda body: b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + body,
    "zero": lambda body: b"Content-Length: 0\r\n\r\n" + body,
    "too short": lambda body: b"Content-Length: %d\r\n\r\n" % (len(body) - 7) + body,
    "too long": lambda body: b"Content-Length: %d\r\n\r\n" % (len(body) + 7) + body,
    "far too long": lambda body: b"Content-Length: %d\r\n\r\n" % (len(body) + 5000) + body,
    "not JSON": lambda body: b"Content-Length: %d\r\n\r\n" % len(body) + body.replace(b"{", b"<", 1),
}


#: A body that runs into the next header is cut there: the request it held is read whole.
READ_WHOLE = {"too long", "far too long"}


@pytest.mark.parametrize("kind", sorted(BAD_HEADERS))
def test_a_bad_frame_is_answered_and_the_next_request_too(stream, kind):
    server = stream()
    bad_id, bad_body = _hover_body(server)
    good_id, good = server.request("textDocument/hover", HOVER)
    # the bad frame and the good request in one write, as a client's buffer would send them
    server.write(BAD_HEADERS[kind](bad_body) + good)
    answer = server.answer_to(good_id)
    assert answer is not None, f"{kind}: the request after the bad frame got no answer"
    assert "error" not in answer
    errors = [m for m in server.seen if "error" in m]
    answered = [m for m in server.seen if m.get("id") == bad_id]
    if kind in READ_WHOLE:
        assert not errors and len(answered) == 1 and "error" not in answered[0], (kind, server.seen)
    else:
        # answered with a parse error whose id is null (it cannot be known)
        assert [(e["id"], e["error"]["code"]) for e in errors] == [(None, -32700)], (kind, server.seen)
        assert not answered
    # and the server goes on: another request, and a clean exit
    again_id, again = server.request("shutdown")
    server.write(again)
    assert server.answer_to(again_id)["result"] is None


def test_a_bad_frame_alone_is_answered_before_the_client_sends_more(stream):
    server = stream()
    _, body = _hover_body(server)
    server.write(b"Content-Length: -1\r\n\r\n" + body)
    error = server.read()
    assert error is not None and error["id"] is None and error["error"]["code"] == -32700
    assert "Content-Length" in error["error"]["message"]
    good_id, good = server.request("textDocument/hover", HOVER)
    server.write(good)
    assert "error" not in server.answer_to(good_id)


def test_content_length_in_a_string_is_no_header(stream):
    """A JSON text may say `Content-Length: 5` in a string (a spec about HTTP):
    that is no header, neither in the skipped body of a bad frame nor in a
    good message, and the messages around it are read as they are."""
    server = stream()
    bad = json.dumps({"jsonrpc": "2.0", "id": 7, "method": "x", "params": {"t": "Content-Length: 7"}}).encode()
    text = 'rule A1: Answer with "Content-Length: 5" and "Content-Length: 5\r\n" as written.\n'
    good = server.frame(
        {
            "jsonrpc": "2.0",
            "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": "file:///nowhere/h.mspec", "languageId": "mspec", "version": 1, "text": text}},
        }
    )
    msg_id, symbols = server.request("textDocument/documentSymbol", {"textDocument": {"uri": "file:///nowhere/h.mspec"}})
    server.write(b"Content-Length: -3\r\n\r\n" + bad + good + symbols)
    answer = server.answer_to(msg_id)
    assert answer is not None and [s["name"] for s in answer["result"]] == ["A1"]
    assert [(m["id"], m["error"]["code"]) for m in server.seen if "error" in m] == [(None, -32700)]


@pytest.mark.parametrize("length", [3_000_000_000, 99_999_999_999])
def test_a_huge_content_length_is_refused_without_allocating_it(stream, length):
    """Under a 2 GB address-space limit, a frame that claims to be 3 GB or 100 GB
    is refused and skipped (its real body is short: the next header ends it)."""
    server = stream(memory_limit=2 * 1024**3)
    _, body = _hover_body(server)
    good_id, good = server.request("textDocument/hover", HOVER)
    server.write(b"Content-Length: %d\r\n\r\n" % length + body + good)
    answer = server.answer_to(good_id)
    assert answer is not None and "error" not in answer, server.close()
    refusals = [m for m in server.seen if "error" in m]
    assert [(m["id"], m["error"]["code"]) for m in refusals] == [(None, -32600)]
    assert str(length) in refusals[0]["error"]["message"]


def peak_rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise AssertionError("no VmHWM")


def test_a_message_over_the_limit_is_read_past_not_held(stream):
    """A real 48 MB message over a 1 MB limit is refused and read past in chunks:
    the server's peak memory grows by far less than the message."""
    server = stream(env={"SPECLINT_LSP_MAX_MESSAGE_BYTES": "1000000"})
    msg_id, _ = _hover_body(server)
    before = peak_rss_kb(server.process.pid)
    huge = server.frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": "file:///nowhere/big.mspec", "languageId": "mspec", "version": 1, "text": "rule A1: x\n" * 4_400_000}}})
    good_id, good = server.request("textDocument/hover", HOVER)
    server.write(huge + good)
    answer = server.answer_to(good_id, timeout=60)
    assert answer is not None and "error" not in answer
    refusals = [m for m in server.seen if "error" in m]
    assert [(m["id"], m["error"]["code"]) for m in refusals] == [(None, -32600)]
    assert "larger than the limit of 1000000 bytes" in refusals[0]["error"]["message"]
    assert peak_rss_kb(server.process.pid) - before < 16 * 1024


def test_valid_json_that_is_not_a_message_is_an_invalid_request(stream):
    server = stream()
    server.write(b"Content-Length: 6\r\n\r\n[1, 2]")
    error = server.read()
    assert error["id"] is None and error["error"]["code"] == -32600
    server.write(b'Content-Length: 10\r\n\r\n{"id": 42}')
    error = server.read()
    assert error["id"] == 42 and error["error"]["code"] == -32600


def test_a_rename_to_null_is_invalid_params_not_the_name_none(stream, tmp_path):
    server = stream()
    uri = (tmp_path / "r.mspec").as_uri()
    open_doc = {"textDocument": {"uri": uri, "languageId": "mspec", "version": 1, "text": "rule A1: Be kind.\n"}}
    server.write(server.frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": open_doc}))
    position = {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 6}}
    msg_id, frame = server.request("textDocument/rename", {**position, "newName": None})
    server.write(frame)
    answer = server.answer_to(msg_id)
    assert answer["error"]["code"] == -32602, answer
    msg_id, frame = server.request("textDocument/rename", {**position, "newName": "A2"})
    server.write(frame)
    assert "result" in server.answer_to(msg_id)


def _read_all(data: bytes, max_bytes: int = 10_000, chunk: int = 4096):
    """The frames FrameReader finds in `data` fed `chunk` bytes at a time, the
    largest its buffer grew, and the most memory it took (besides the input)."""
    import asyncio
    import tracemalloc

    from specdsl.lsp.framing import FrameReader

    pieces = [data[i : i + chunk] for i in range(0, len(data), chunk)]
    pieces.reverse()
    peak = [0]

    async def read(n: int) -> bytes:
        peak[0] = max(peak[0], len(reader.buf))
        return pieces.pop() if pieces else b""

    reader = FrameReader(read, max_bytes)

    async def run():
        out = []
        while (frame := await reader.next()) is not None:
            out.append(frame)
        return out

    tracemalloc.start()
    try:
        frames = asyncio.run(run())
        held = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return frames, peak[0], held


def test_garbage_without_end_is_never_held_whole():
    good = b"Content-Length: 2\r\n\r\n{}"
    # 2 MB on one line, then a message glued to it
    frames, peak, held = _read_all(b"x" * 2_000_000 + good)
    assert frames == [b"{}"] and peak < 100_000 and held < 1_000_000
    # 200,000 header lines (2.6 MB), then a message
    frames, peak, held = _read_all(b"".join(b"X-%d: y\r\n" % i for i in range(200_000)) + b"\r\n" + good)
    # the endless header block is no message (answered as one without Content-Length), then the message
    assert [type(f).__name__ for f in frames] == ["Refused", "bytes"] and frames[1] == b"{}"
    assert held < 1_000_000  # its lines were not all kept


def test_the_message_bound_comes_from_the_environment_else_the_default(monkeypatch, caplog):
    from specdsl.lsp.framing import MAX_MESSAGE_BYTES, max_message_bytes

    monkeypatch.setenv("SPECLINT_LSP_MAX_MESSAGE_BYTES", " 1000000 ")
    assert max_message_bytes() == 1_000_000
    monkeypatch.setenv("SPECLINT_LSP_MAX_MESSAGE_BYTES", "")
    assert max_message_bytes() == MAX_MESSAGE_BYTES and not caplog.records
    # not a positive number of bytes: the default, and a warning that names the variable
    for bad in ("0", "-5", "64MB", "1e6", "\u00b2", "\x1b[2J"):  # "²" is a digit, not a decimal one
        caplog.clear()
        monkeypatch.setenv("SPECLINT_LSP_MAX_MESSAGE_BYTES", bad)
        assert max_message_bytes() == MAX_MESSAGE_BYTES, bad
        assert "SPECLINT_LSP_MAX_MESSAGE_BYTES" in caplog.text and "\x1b" not in caplog.text, caplog.text
