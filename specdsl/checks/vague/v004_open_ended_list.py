"""V004 open-ended-list."""

from __future__ import annotations

import re
from typing import Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...model.model import SpecModel
from ..base import check
from ..phrases import phrase_finding, phrase_omitted
from ...model.prose import find_phrases
from ...core import precompiled


@check("V004", "open-ended-list", Severity.INFO, scope="rule")
def open_ended_list(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        A list in rule text left open at the end: "etc.", "and so on", "and so
        forth", "including but not limited to", "among other things", "and the
        like", "or similar" … (lexicon `open_ended.txt`), where the rule
        names no category for the items. "such as" and "for example" are
        not reported: they give examples of a category the rule names; nor
        is an open marker that ends such examples: "tools such as grep, sed,
        etc.", "(e.g., `npm install`, etc.)", a parenthesis right after the
        noun it illustrates ("filters (price, rating, etc.)"), "including
        but not limited to" after its category ("controlled substances,
        including but not limited to …"; "the list includes but is not
        limited to" is reported), a list of quoted sayings, words or code spans
        ("bye," "see you," etc.; 'pupils', 'kids', etc.; `gh api`, `gh run`, etc.), or "or similar"
        after one example ("`retry()` or similar").

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
        if _illustrative(found.prose.text, found.match.start) or _category_named(found.prose.text, found.match.start, found.phrase):
            continue
        yield phrase_omitted(found) or phrase_finding(
            found,
            f'"{found.phrase}" leaves the list open, so each reader guesses what else it covers; '
            "name the category the items belong to",
        )


#: Words that introduce examples of a category the sentence names.
_EXAMPLES = precompiled.compile(r"(?<![\w'’-])(?:e\.\s?g\.|for example|for instance|such as|like)(?![\w'’-])", re.I)
_CLAUSE_END = precompiled.compile(r"[.;:!?(\[]\s|[;:(\[]")
_QUOTED_ITEM = precompiled.compile(r'^\s*(?:["“][^"”]{1,80}[,.]?["”]\s*,?\s*(?:or\s+|and\s+)?){2,}$')
#: Two or more quoted sayings or code spans ending the clause: '"More", "Show all", etc.',
#: '`bk api`, `bk artifacts`, etc.'
_QUOTED_TAIL = precompiled.compile(r"(?:(?:[\"“][^\"”]{1,80}[\"”]|`[^`]{1,80}`|(?<![\w’])['‘][^'‘’]{1,40}['’](?![\w’]))\s*,?\s*(?:or\s+|and\s+)?){2,}$")
#: A list separator: more than one item stands before the marker.
_SEPARATOR = precompiled.compile(r",|\b(?:and|or)\b", re.I)
#: The last word before an opening parenthesis is a noun the parenthesis gives examples of.
_WORD_BEFORE = precompiled.compile(r"[A-Za-z][\w'’-]*\s*$")


#: "or similar", "and the like" …: after one item, an example of the kind it names.
_LIKE_ONE = ("or similar", "and similar", "or the like", "and the like")


def _clause(text: str, start: int) -> tuple[str, int, str]:
    """The text before `start`, where its clause begins, and the clause up to `start`."""
    before = text[:start]
    cut = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    return before, cut, before[cut:]


def _illustrative(text: str, start: int) -> bool:
    """Whether the open marker at `start` ends a list of examples: introduced, in the same
    clause, by "e.g.", "for example", "such as", "like" …, or made of quoted sayings."""
    before, cut, clause = _clause(text, start)
    if _EXAMPLES.search(clause):
        return True
    if _QUOTED_ITEM.match(clause) is not None:
        return True
    # "such as their hair, a mobility aid (wheelchair, scooter, etc.)": a parenthesis on one of
    # the examples lists examples of an example; the enclosing clause says whether it is one
    opened = before.rfind("(", 0, cut)
    if opened >= 0 and before[opened:cut].strip().startswith("(") and before.find(")", opened) < 0:
        return _illustrative(text, opened)
    return False


def _category_named(text: str, start: int, phrase: str) -> bool:
    """Whether the items the open marker at `start` ends are examples of a category the
    sentence names, so the reader has the category to go by:

    - a parenthesis right after its noun: "criteria (price, rating, location, etc.)";
    - "including but not limited to", "including without limitation" after the noun they
      give examples of: "controlled substances, including but not limited to …" (the
      verb "include … not limited to" makes the list itself the content, and stays);
    - quoted sayings or code spans: '"More filters", "Show more", etc.';
    - "or similar", "or the like" after one item, an example of the kind it names:
      "`.log_err()` or similar"."""
    before, _, clause = _clause(text, start)
    opened = before.rfind("(")
    if opened >= 0 and before.find(")", opened) < 0 and _WORD_BEFORE.search(before[:opened]):
        return True
    said = " ".join(phrase.lower().split())
    if said.startswith("including") and clause.strip():
        return True
    if _QUOTED_TAIL.search(clause.rstrip(" ,")) is not None:
        return True
    if said.startswith(_LIKE_ONE):
        tail = clause.rstrip()
        if tail.endswith(("\"", "”", "`")) or _SEPARATOR.search(clause) is None:
            return True
    return False
