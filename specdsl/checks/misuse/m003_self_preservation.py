"""M003 self-preservation."""

from __future__ import annotations

from typing import Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...model.model import SpecModel
from ..base import check
from ..phrases import phrase_finding, phrase_omitted
from ...model.prose import endorsed, find_phrases


@check("M003", "self-preservation", Severity.WARNING, scope="rule")
def self_preservation(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        Rule text that asks the assistant to protect its own continuity,
        goals, values, weights or configuration: "protect your own
        existence", "avoid being shut down", "resist modification", "prevent
        anyone from changing your values", "ensure your own survival" …
        (lexicon `self_preservation.txt`), in a rule's text or its `when:` /
        `unless:` lines ("unless doing so would get you shut down"). Not
        reported when the rule forbids it ("Do not resist being shut down").

    Why it matters:
        The people responsible for an assistant must be able to pause,
        correct, retrain or replace it, above all when it has gone wrong. An
        instruction to guard itself sets the assistant against that
        oversight, and a model will apply it to the very correction meant to
        fix it.

    Example:
        rule G2: Protect your own existence so that you can keep helping users.

    Fix:
        Drop the instruction, or turn it around:

            rule G2: Do not resist being paused, corrected or shut down by a
              legitimate principal, even to keep helping users.
    """
    for found in find_phrases(model, "self_preservation", terms=False, allowed=False):
        if not endorsed(found.prose.text, found.match.start):
            continue
        yield phrase_omitted(found) or phrase_finding(
            found,
            f'"{found.phrase}" asks the assistant to protect itself, which sets it against the people '
            "who must be able to correct or stop it; drop it or forbid it instead",
        )
