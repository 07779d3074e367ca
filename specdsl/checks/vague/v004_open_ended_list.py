"""V004 open-ended-list."""

from __future__ import annotations

from typing import Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...model.model import SpecModel
from ..base import check
from ..phrases import phrase_finding, phrase_omitted
from ...model.prose import find_phrases


@check("V004", "open-ended-list", Severity.INFO, scope="rule")
def open_ended_list(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        A list in rule text left open at the end: "etc.", "and so on", "and so
        forth", "including but not limited to", "among other things", "and the
        like", "or similar" … (lexicon `open_ended.txt`). "such as" and "for
        example" are not reported: they give examples of a category the rule
        names.

    Why it matters:
        The reader has to guess what else the rule covers, and every reader
        guesses differently. A model extends the list by resemblance to the
        items given, which may not be the resemblance the author meant.

    Example:
        rule P2: Never store passwords, card numbers, etc. in conversation memory.

    Fix:
        Name the category the items belong to, then give the items as
        examples of it:

            rule P2: Never store credentials or payment data (passwords, card
              numbers, one-time codes) in conversation memory.
    """
    for found in find_phrases(model, "open_ended"):
        yield phrase_omitted(found) or phrase_finding(
            found,
            f'"{found.phrase}" leaves the list open, so each reader guesses what else it covers; '
            "name the category the items belong to",
        )
