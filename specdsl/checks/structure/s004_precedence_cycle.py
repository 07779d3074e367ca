"""S004 precedence-cycle."""

from __future__ import annotations

from typing import Iterator

from ...core.diagnostics import Diagnostic, Related, Severity
from ...model.model import ConfiguredEdge, SpecModel
from ..base import check, finding


@check("S004", "precedence-cycle", Severity.ERROR)
def precedence_cycle(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        Rules that take precedence over each other in a circle, through
        `precedence:` lines, `overrides:` entries and the configuration's
        `precedence` orders: A above B and B above A,
        or A above B above C above A.

    Why it matters:
        Precedence exists to settle conflicts. In a cycle every rule wins and
        loses at once, so the conflicts it was meant to settle stay open, and
        a model trained on the spec learns that the order is negotiable.

    Example:
        precedence: SP1 > SP2
        rule SP2: …
          overrides: SP1

    Fix:
        Decide which rule wins and remove the statement that says otherwise.
    """
    for group in model.precedence_cycles():
        members = set(group)
        edges = [
            (a, b)
            for a in group
            for b in sorted(model.above.get(a, ()))
            if b in members
        ]
        chain = " > ".join(group + [group[0]]) if len(group) > 1 else f"{group[0]} > {group[0]}"
        first_node, first_path = model.edge_source[edges[0]]
        others = [
            Related.make(path=model.edge_source[e][1], rule=e[0], span=model.edge_source[e][0].span,
                    message=f"{e[0]} is placed above {e[1]} here")
            for e in edges[1:]
        ]
        configured = sorted({model.edge_source[e][0].order.where for e in edges if isinstance(model.edge_source[e][0], ConfiguredEdge)})
        through = f" (through {'; '.join(configured)})" if configured else ""
        yield finding(
            first_node.span,
            f"precedence cycle: {chain}{through}; each of these rules is placed above another that is above it",
            path=first_path,
            rule=edges[0][0],
            related=others,
        )
