"""Parse errors: what the line driver raises when the grammar rejects a token."""

from __future__ import annotations


class UnexpectedInput(Exception):
    """The grammar cannot go on at this point."""


class UnexpectedToken(UnexpectedInput):
    """A token the current parser state does not accept (`expected` lists what it would)."""

    def __init__(self, token, expected: set[str]):
        super().__init__(f"unexpected {getattr(token, 'type', token)!s}")
        self.token = token
        self.expected = expected


class UnexpectedCharacters(UnexpectedInput):
    """Text no terminal of the grammar matches."""

    def __init__(self, text: str, pos: int, allowed: set[str]):
        super().__init__(f"unexpected character at {pos}")
        self.pos_in_stream = pos
        self.allowed = allowed
