"""Findings on lexicon phrases: what the phrase checks (V001-V004, M001, M003)
make of a `prose.Found`.

`prose` finds the phrases in a rule's text and where they are; this module
turns one into a finding, or into a count when the linter would only count it.
"""

from __future__ import annotations

from .base import Omitted, finding, only_counted
from ..model.prose import Found


def phrase_omitted(found: Found) -> Omitted | None:
    """`Omitted` when the linter would only count a finding on this phrase (see
    `base.only_counted`), else None: `phrase_omitted(found) or phrase_finding(…)`
    builds only the findings that will be listed."""
    prose = found.prose
    listing = found.model.__dict__.get("_listing")
    if listing is None:
        return None
    last = listing.counting
    if last is not None and last[0] is prose and last[1] is listing.current:
        return last[2]  # once only counted, the rest of this text is too (in this check)
    if only_counted(found.model, found.info.path, found.info.id, prose.span.line, prose.span.end_line):
        omitted = Omitted(found.info.path, found.info.id)
        listing.counting = (prose, listing.current, omitted)
        return omitted
    return None


def phrase_finding(found: Found, message: str, **extra):
    """A finding on a phrase found by `find_phrases` (its span, file, rule and phrase)."""
    data = {"phrase": found.phrase, **extra.pop("data", {})}
    return finding(found.span, message, path=found.info.path, rule=found.info.id, data=data, **extra)
