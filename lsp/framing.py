"""Reading LSP messages off a byte stream, whatever the client sends.

A message is a block of `Name: value` header lines, a blank line, and a JSON
body of `Content-Length` bytes. pygls trusts that header: after one frame
whose length is wrong (too short, too long, negative, not a number) it reads
the rest of the stream out of step and never answers again, and a length of
99999999999 makes it allocate that much at once. Here:

- A header block without a valid `Content-Length` is answered with a JSON-RPC
  parse error (-32700, `id` null: the id cannot be known), and its body is
  skipped up to the next `Content-Length` line.
- A body that is not JSON (its length was wrong) gets the same answer. What
  follows a body that was too short (the rest of it, glued to the next
  header) is skipped up to the header.
- A body that runs into the next message's header (its length was too long)
  is cut there: a JSON text cannot hold a raw `Content-Length: N` line, since
  a line break inside a JSON string must be escaped. The next message is then
  read as usual instead of being swallowed.
- A message longer than `max_bytes` is refused (-32600, `id` null) and read
  past in chunks, never held whole: it stops being skipped at the next
  `Content-Length` line too, in case the length was a lie.
- A long line that is not a header is never held whole either: only its end
  is kept (where a header glued to it would be); nor is an endless block of
  header lines.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import threading
from typing import Any, Awaitable, BinaryIO, Callable

logger = logging.getLogger("speclint.lsp")

#: The largest message the server reads (a 10 MB spec, the default
#: `max-file-size`, JSON-escaped, with room to spare); the environment
#: variable SPECLINT_LSP_MAX_MESSAGE_BYTES sets another.
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
CHUNK = 64 * 1024
#: A header line longer than this is not a header, and a block of more
#: header lines than this is not a message's.
LINE_MAX = 8192
MAX_HEADERS = 32

PARSE_ERROR = -32700
INVALID_REQUEST = -32600

_HEADER = re.compile(rb"([!#$%&'*+.^_`|~0-9A-Za-z-]{1,256})[ \t]*:[ \t]*([^\r\n]*?)[ \t]*\r?\n")
#: Where a body that ran into the next message stops: a whole `Content-Length`
#: line, which no JSON text holds. At most 64 bytes long.
_NEXT_HEADER = b"Content-Length"
_NEXT_LINE = re.compile(rb"Content-Length[ \t]{0,8}:[ \t]{0,8}\d{1,20}[ \t]{0,8}\r?\n")
_NEXT_LINE_PREFIX = re.compile(rb"Content-Length[ \t]{0,8}(?::[ \t]{0,8}(?:\d{1,20}[ \t]{0,8}\r?)?)?")
_LOOKAHEAD = 64


def max_message_bytes() -> int:
    """The bound on a message's size: SPECLINT_LSP_MAX_MESSAGE_BYTES, else the default."""
    raw = os.environ.get("SPECLINT_LSP_MAX_MESSAGE_BYTES", "").strip()
    if raw.isascii() and raw.isdigit() and int(raw) > 0:  # "²" is a digit that int() refuses
        return int(raw)
    if raw:
        logger.warning("SPECLINT_LSP_MAX_MESSAGE_BYTES=%r is not a positive number of bytes; using %d", raw, MAX_MESSAGE_BYTES)
    return MAX_MESSAGE_BYTES


class Refused:
    """A frame that is not a message: answered with a JSON-RPC error whose id is null."""

    def __init__(self, code: int, message: str):
        self.code = code
        self.message = message


class FrameReader:
    """The frames of a byte stream: the bodies of messages, and `Refused` for the rest.

    `read(n)` returns at most `n` bytes as soon as some are there (b"" at the
    end of the stream), like `BufferedReader.read1`.
    """

    def __init__(self, read: Callable[[int], Awaitable[bytes]], max_bytes: int = MAX_MESSAGE_BYTES):
        self.read = read
        self.max_bytes = max_bytes
        self.buf = bytearray()
        self.eof = False
        #: bytes skipped because they were not part of a message, for the log
        self.skipped = 0

    async def _fill(self) -> bool:
        if self.eof:
            return False
        data = await self.read(CHUNK)
        if not data:
            self.eof = True
            return False
        self.buf += data
        return True

    async def _line(self) -> bytes | None:
        """The next line with its line feed (of a very long line, only its last
        LINE_MAX bytes); None at the end of the stream."""
        searched = 0
        while True:
            end = self.buf.find(b"\n", searched)
            if end >= 0:
                line = bytes(self.buf[: end + 1])
                del self.buf[: end + 1]
                return line
            if len(self.buf) > LINE_MAX:
                self.skipped += len(self.buf) - LINE_MAX
                del self.buf[: len(self.buf) - LINE_MAX]
            searched = len(self.buf)
            if not await self._fill():
                self.skipped += len(self.buf)
                self.buf.clear()
                return None

    async def next(self) -> bytes | Refused | None:
        """The next body, or a refusal; None at the end of the stream."""
        while True:
            headers: dict[bytes, bytes] = {}
            while True:
                line = await self._line()
                if line is None:
                    return None
                if line in (b"\r\n", b"\n"):
                    if headers:
                        break
                    continue  # a blank line between messages, or after skipped bytes
                header = _HEADER.fullmatch(line)
                if header is None:
                    # not a header: maybe the rest of a body whose length was too
                    # short, glued to the next message's header (the last one: the
                    # body may name a Content-Length in a string)
                    headers = {}  # a header block is a run of header lines
                    glued = line.lower().rfind(b"content-length")
                    header = _HEADER.fullmatch(line, glued) if glued > 0 else None
                    self.skipped += glued if header is not None else len(line)
                    if header is None:
                        continue
                if len(headers) >= MAX_HEADERS:
                    self.skipped += sum(len(k) + len(v) for k, v in headers.items())
                    headers = {}  # no client sends that many: not a header block
                headers[header[1].lower()] = header[2]
            if self.skipped:
                logger.warning("skipped %d bytes that were not part of a message", self.skipped)
                self.skipped = 0
            raw = headers.get(b"content-length")
            if raw is None or not (raw.isdigit() and len(raw) <= 20):
                shown = "none" if raw is None else repr(raw.decode("ascii", "replace")[:40])
                return Refused(PARSE_ERROR, f"bad message header: Content-Length {shown}; skipped to the next message")
            length = int(raw)
            if length > self.max_bytes:
                await self._body(length, keep=False)
                return Refused(
                    INVALID_REQUEST,
                    f"a message of {length} bytes is larger than the limit of {self.max_bytes} bytes "
                    "(SPECLINT_LSP_MAX_MESSAGE_BYTES); skipped",
                )
            body = await self._body(length, keep=True)
            if body is None:
                logger.warning("the stream ended in the middle of a message of %d bytes", length)
            return body

    async def _body(self, length: int, *, keep: bool) -> bytes | None:
        """`length` bytes of body, or fewer when the next message's header comes
        first (it stays in the buffer); None when the stream ends first. With
        `keep` false the bytes are dropped as they come, never held whole."""
        dropped = 0  # bytes of the body already dropped (keep=False)
        searched = 0  # where in the buffer to look for the next header from
        while True:
            remaining = length - dropped
            cut, undecided = self._next_header(searched, remaining)
            if cut is not None:
                body = bytes(memoryview(self.buf)[:cut]) if keep else None
                del self.buf[:cut]
                logger.warning("a message ran into the next one's header: read up to it")
                return body if keep else b""
            if not undecided and len(self.buf) >= remaining:
                body = bytes(memoryview(self.buf)[:remaining]) if keep else None
                del self.buf[:remaining]
                return body if keep else b""
            searched = max(0, min(len(self.buf), remaining) - _LOOKAHEAD)
            if not keep and searched > 0:
                del self.buf[:searched]
                dropped += searched
                searched = 0
            if not await self._fill():
                self.buf.clear()
                return None

    def _next_header(self, start: int, stop: int) -> tuple[int | None, bool]:
        """Where a `Content-Length` line starts in the buffer between `start` and
        `stop`, if one does; and whether a candidate near the end of the buffer
        needs more bytes to tell."""
        buf = self.buf
        at = buf.find(_NEXT_HEADER, start, stop + len(_NEXT_HEADER) - 1)
        while 0 <= at < stop:
            if _NEXT_LINE.match(buf, at):
                return at, False
            if len(buf) - at < _LOOKAHEAD and _NEXT_LINE_PREFIX.fullmatch(buf, at):
                return None, True  # "Content-Length: 12" and the buffer ends: wait
            at = buf.find(_NEXT_HEADER, at + 1, stop + len(_NEXT_HEADER) - 1)
        return None, False


async def serve(
    stop_event: threading.Event, stdin: BinaryIO, protocol: Any, executor, max_bytes: int = MAX_MESSAGE_BYTES
) -> None:
    """Read messages from `stdin` and hand them to `protocol`, as pygls's
    `run_async` does, answering the frames that are not messages."""
    loop = asyncio.get_running_loop()
    read_some = getattr(stdin, "read1", stdin.read)

    def read(n: int) -> Awaitable[bytes]:
        return loop.run_in_executor(executor, read_some, n)

    reader = FrameReader(read, max_bytes)
    while not stop_event.is_set():
        frame = await reader.next()
        if frame is None:
            break
        if isinstance(frame, Refused):
            logger.warning("%s", frame.message)
            _refuse(protocol, frame.code, frame.message)
            continue
        try:
            message = json.loads(frame, object_hook=protocol.structure_message)
        except (ValueError, RecursionError) as error:  # not JSON (UnicodeDecodeError is a ValueError)
            text = f"the message is not JSON ({type(error).__name__}: {str(error)[:200]})"
            logger.warning("%s", text)
            _refuse(protocol, PARSE_ERROR, text)
            continue
        except Exception:
            logger.exception("Unable to handle message")
            continue
        if message is None or isinstance(message, (dict, list, str, int, float)):
            # valid JSON, not a JSON-RPC message (a batch, a number, an object without "jsonrpc")
            _refuse(protocol, INVALID_REQUEST, "not a JSON-RPC 2.0 message", _id_of(message))
            continue
        try:
            protocol.handle_message(message)
        except Exception:
            logger.exception("Unable to handle message")


def _id_of(message: Any):
    msg_id = message.get("id") if isinstance(message, dict) else None
    return msg_id if isinstance(msg_id, (str, int)) and not isinstance(msg_id, bool) else None


def _refuse(protocol: Any, code: int, message: str, msg_id=None) -> None:
    protocol._send_data({"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": message}})
