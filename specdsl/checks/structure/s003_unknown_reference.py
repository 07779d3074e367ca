"""S003 unknown-reference."""

from __future__ import annotations

from typing import Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...model.model import SpecModel
from ..base import check, finding
from ..wording import advice, in_prose


def _suggest(name: str, known: list[str]) -> str:
    import difflib  # only for a reference that is unknown

    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


@check("S003", "unknown-reference", Severity.ERROR)
def unknown_reference(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        A `see:`, `overrides:` or `precedence:` entry, or a Markdown link to
        `#id`, that names no rule of the spec or of the files it includes; and
        a `level:` that is not one of the levels the spec declares. (A
        Markdown or prompt document that declares no levels at all uses its
        level names, such as `authority=root`, as plain names: they are not
        reported.)

    Why it matters:
        A reference to nothing resolves nothing: an `overrides:` that names a
        renamed rule no longer settles the conflict it was written for, and a
        misspelt level gives a rule no place in the chain of command.

    Example:
        precedence: SP1 > SP4      # there is no rule SP4

    Fix:
        Name an existing rule (the message suggests the closest id), or
        declare the level in the header's `levels:` line.
    """
    ids = list(model.by_id)
    for ref in model.references:
        if ref.target is None:
            where = {"see": "`see:`", "overrides": "`overrides:`", "precedence": "`precedence:`", "link": "a link"}[ref.kind]
            yield finding(
                ref.ref.span,
                f"{where} names `{ref.ref.value}`, which is not {advice(model, ref.path, 'this-spec')}{_suggest(ref.ref.value, ids)}",
                path=ref.path,
                rule=ref.owner.id if ref.owner else None,
            )
    for order in model.configured:
        unknown = [i for i in order.ids if i not in model.by_id]
        # an order of the whole configuration may be about another spec: only one that
        # names some rule of this spec (or is meant for this file) is judged here
        if not unknown or (len(unknown) == len(order.ids) and not order.scoped):
            continue
        for name in unknown:
            yield finding(
                model.first_line_span(),
                f"{order.where} names `{name}`, which is not {advice(model, model.root.path, 'this-spec')}"
                f"{_suggest(name, ids)}",
                path=model.root.path,
            )
    declared = model.levels
    for info in model.rules:
        for attr in info.rule.attributes:
            if attr.key != "level" or not attr.values:
                continue
            name = attr.values[0]
            if name.value in declared:
                continue
            if declared:
                message = (
                    f"unknown level `{name.value}`{_suggest(name.value, declared)}; "
                    f"the spec declares {' > '.join(declared)}"
                )
            elif in_prose(model, info.path):
                # A Markdown or prompt document that declares no levels uses its level names
                # (`authority=root`) as names: nothing to check them against, no finding.
                continue
            else:
                message = (
                    f"the level `{name.value}` is used, but the spec declares no levels; "
                    + advice(model, info.path, "no-levels")
                )
            yield finding(name.span, message, path=info.path, rule=info.id)
