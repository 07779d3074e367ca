"""The modality of a statement: what it does to the party it governs."""

from __future__ import annotations

from enum import Enum


class Modality(str, Enum):
    OBLIGATION = "obligation"
    PROHIBITION = "prohibition"
    PERMISSION = "permission"
    DESCRIPTION = "description"

    @property
    def polarity(self) -> int:
        return {"obligation": 1, "prohibition": -1}.get(self.value, 0)
