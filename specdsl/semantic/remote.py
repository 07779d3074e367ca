"""The embedding model in a process of its own, for the language server.

Importing torch and sentence-transformers takes seconds of pure Python, and
encoding takes the processor: in the server's own process either would hold
the interpreter lock while the user types, and the lexical diagnostics would
lag. So the server talks to a child process (`python -m
specdsl.semantic.remote`) that loads the model once and embeds what it is
sent, at a lower scheduling priority. The server never imports torch, and
its memory stays that of the lexical tier.

The protocol, over the child's stdin and stdout, is a stream of frames: a
4-byte big-endian length, then that many bytes. The parent sends a JSON
object (`{"texts": [...]}`); the child first sends `{"ready": true}` (or
`{"ready": false, "error": ...}`) and then, per request, a JSON header
(`{"rows": n, "dim": d}` or `{"error": ...}`) followed by a frame of n*d
float32 values. The child exits when its stdin closes (the server stopped).
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import threading
from typing import IO, TYPE_CHECKING, Sequence

from .embedder import SemanticUnavailable, model_id_for

if TYPE_CHECKING:
    import numpy as np

_LENGTH = struct.Struct(">I")


def _send(stream: IO[bytes], payload: bytes) -> None:
    stream.write(_LENGTH.pack(len(payload)) + payload)
    stream.flush()


def _receive(stream: IO[bytes]) -> bytes | None:
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    body = stream.read(size)
    if len(body) < size:
        return None
    return body


class RemoteEmbedder:
    """An `Embedder` whose model runs in a child process (see the module docstring)."""

    def __init__(self, model_path: str | None = None):
        self.configured = model_path
        self.model_id = model_id_for(model_path)
        self._proc: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._loaded = False

    @property
    def loaded(self) -> bool:
        return self._loaded

    def load(self) -> None:
        """Start the child and wait until its model is in (blocking; once)."""
        with self._lock:
            self._start()

    def _start(self) -> None:
        if self._proc is not None and self._proc.poll() is None and self._loaded:
            return
        self.close_locked()
        command = [sys.executable, "-m", "specdsl.semantic.remote"]
        if self.configured:
            command.append(self.configured)
        try:
            self._proc = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=None, close_fds=True
            )
        except OSError as error:
            raise SemanticUnavailable(f"cannot start the embedding process: {error}") from error
        answer = _receive(self._proc.stdout)
        if answer is None:
            self.close_locked()
            raise SemanticUnavailable("the embedding process stopped while it loaded the model (see the log)")
        message = json.loads(answer)
        if not message.get("ready"):
            self.close_locked()
            raise SemanticUnavailable(message.get("error") or "the embedding process could not load the model")
        self._loaded = True

    def embed(self, texts: Sequence[str]) -> "np.ndarray":
        import numpy as np

        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        with self._lock:
            self._start()  # again after a crash
            proc = self._proc
            try:
                _send(proc.stdin, json.dumps({"texts": list(texts)}).encode("utf-8"))
                head = _receive(proc.stdout)
                header = json.loads(head) if head is not None else {"error": "the embedding process stopped"}
                if "error" in header:
                    raise SemanticUnavailable(header["error"])
                body = _receive(proc.stdout)
            except (OSError, ValueError) as error:
                self.close_locked()
                raise SemanticUnavailable(f"the embedding process failed: {error}") from error
            if body is None:
                self.close_locked()
                raise SemanticUnavailable("the embedding process stopped")
        rows, dim = header["rows"], header["dim"]
        return np.frombuffer(body, dtype=np.float32).reshape(rows, dim).copy()

    def close(self) -> None:
        with self._lock:
            self.close_locked()

    def close_locked(self) -> None:
        proc, self._proc, self._loaded = self._proc, None, False
        if proc is None:
            return
        try:
            proc.stdin.close()
        except OSError:
            pass
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def serve(model_path: str | None = None) -> int:
    """The child: load the model, then answer requests until stdin closes."""
    # The protocol owns the real stdout; anything a library prints goes to stderr.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    source = sys.stdin.buffer
    try:
        os.nice(5)  # the editor's own process comes first
    except (AttributeError, OSError):
        pass
    import numpy as np

    from .backends import default_embedder

    embedder = default_embedder(model_path)
    try:
        embedder.load()
    except SemanticUnavailable as error:
        _send(out, json.dumps({"ready": False, "error": str(error)}).encode())
        return 1
    except Exception as error:  # a broken install: say so, do not hang the server
        _send(out, json.dumps({"ready": False, "error": f"{type(error).__name__}: {error}"}).encode())
        return 1
    _send(out, json.dumps({"ready": True, "model_id": embedder.model_id}).encode())
    while True:
        request = _receive(source)
        if request is None:
            return 0
        try:
            texts = json.loads(request)["texts"]
            vectors = np.ascontiguousarray(embedder.embed(texts), dtype=np.float32)
            rows, dim = vectors.shape if vectors.ndim == 2 else (0, 0)
            _send(out, json.dumps({"rows": int(rows), "dim": int(dim)}).encode())
            _send(out, vectors.tobytes())
        except Exception as error:  # one bad request must not end the process
            _send(out, json.dumps({"error": f"{type(error).__name__}: {error}"}).encode())


if __name__ == "__main__":
    raise SystemExit(serve(sys.argv[1] if len(sys.argv) > 1 else None))
