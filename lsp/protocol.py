"""The JSON-RPC side of the server: what pygls leaves unanswered, answered as LSP says.

- A request whose params do not fit its method (a negative line, a missing
  `textDocument`, params given as a list) gets error -32602 naming the
  method; pygls would log a traceback and send nothing, so the client waits
  for ever. A notification like that is dropped with one line in the log.
- A request before `initialize` gets -32002 (ServerNotInitialized), and one
  after `shutdown` gets -32600 (InvalidRequest); notifications then are
  dropped, except `exit`.
- `exit` without `shutdown` first ends the process with code 1.
- A handler's refusal of a user's input (-32602, e.g. an invalid new name in
  a rename) is answered without a traceback in the log.
- A string field given another JSON value (`"newName": null`) does not fit
  its method either: cattrs would turn it into the string "None".

Frames that are not messages (a bad `Content-Length`, a body that is not
JSON, a message too big) are answered in `lsp.framing`.
"""

from __future__ import annotations

import logging
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams, JsonRpcInvalidRequest, JsonRpcServerNotInitialized
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.json_rpc import JsonRPCNotification, JsonRPCRequestMessage

logger = logging.getLogger("speclint.lsp")


class _Answered:
    """A message already answered (or dropped) while it was read: nothing more to do."""


ANSWERED = _Answered()


def _strict_str(value: Any, _type: type) -> str:
    """A string field of a message must be a string: cattrs would make `null`
    the string "None" (a rename to "None") and 5 the string "5"."""
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


class Protocol(LanguageServerProtocol):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._converter.register_structure_hook(str, _strict_str)
        self.initialize_seen = False
        #: The process's exit code: 1 until `exit` comes after `shutdown`.
        self.exit_code = 0

    def structure_message(self, data: dict[str, Any]):
        # Called for every object of a message, innermost first; only the
        # message itself has "jsonrpc", and only requests and notifications
        # have a "method" (responses to the server's own requests go to pygls).
        if "jsonrpc" not in data or not isinstance(data.get("method"), str):
            return super().structure_message(data)
        method = data["method"]
        request = "id" in data
        kind = self.get_message_type(method) or (JsonRPCRequestMessage if request else JsonRPCNotification)
        try:
            return self._converter.structure(data, kind)
        except Exception as error:  # cattrs says how in a nested group: one line is enough
            if request:
                logger.warning("%s: invalid params, answered with an error (%s)", method, type(error).__name__)
                self._answer(data["id"], JsonRpcInvalidParams(f"invalid params for {method}"))
            else:
                logger.warning("%s: invalid params, notification dropped (%s)", method, type(error).__name__)
            return ANSWERED

    def handle_message(self, message):
        if message is ANSWERED:
            return
        method = getattr(message, "method", None)
        request = method is not None and getattr(message, "id", None) is not None
        if method == types.INITIALIZE:
            self.initialize_seen = True
        elif method == types.EXIT:
            self.exit_code = 0 if self._shutdown else 1
        elif method is not None and not self.initialize_seen:
            if request:
                self._answer(message.id, JsonRpcServerNotInitialized(f"{method}: the server is not initialized yet"))
            return
        elif method is not None and self._shutdown:
            if request:
                self._answer(message.id, JsonRpcInvalidRequest(f"{method}: the server is shutting down"))
            return
        super().handle_message(message)

    def _answer(self, msg_id, error: JsonRpcException) -> None:
        self._send_response(msg_id, error=error.to_response_error())


class QuietRefusals(logging.Filter):
    """Keeps pygls from logging a traceback when a handler refuses a user's
    input with -32602 (the client shows the message; there is no bug to see)."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not (isinstance(error, JsonRpcException) and error.code == JsonRpcInvalidParams.CODE)
