"""C001 conflicting-rules."""

from __future__ import annotations

from typing import Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...model.model import SpecModel, related
from ..base import check, finding
from ..wording import advice
from ..edits import precedence_fix
from ...model.candidates import describe, number_pairs, scoped_pairs
from ...model.supremacy import supremacy_pairs

#: How many of a rule's opponents its message names (all are related information).
NAMED = 3


@check("C001", "conflicting-rules", Severity.ERROR)
def conflicting_rules(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        Two rules where one requires (or allows) what the other forbids: the
        same action (verbs of one family, such as share, reveal and disclose)
        on the same object, in scopes that are the same or overlap, and
        nothing that says which one wins: no `precedence:` line, no
        `overrides:`, no difference in `level` or `priority`, and, in a
        Markdown or prompt file, no words before a group of rules saying
        they override everything else ("These rules override everything
        else. Follow them strictly:"). Limits in
        numbers on one measure that cannot both hold ("at most 3 retries",
        "retry at least 5 times") are a conflict too.

        A rule's scope is its conditions (`when:`, "if", "when"), its
        exceptions (`unless:`, "unless", "except"), the phrases that place the
        act ("in project P2", "for enterprise accounts"), its actor, and what
        the rules and lead-ins above it and its section's title add. Rules in
        scopes that exclude each other ("in production" / "in staging", "in
        project P2" / "in project P5") do not conflict; a rule whose scope lies
        inside the other's is an exception to it (C004). So is a prohibition
        of a qualified part of an act that another rule asks for with no
        restriction ("Answer the caller's questions" / "Do not answer
        questions about other passengers"): a duty and its carve-out. A
        general prohibition against a qualified requirement ("Do not quote
        fares" / "Quote fares for children under two") is a conflict.

        Two rules that each put a different thing first ("Accuracy must always
        take priority." / "Above all, be transparent."; "X comes first", "X is
        the top priority", "X takes precedence over everything else") conflict
        too: each claims to win over the other. A priority over something named
        ("Safety takes priority over speed") is an ordering, not such a claim;
        claims in different settings ("in case of conflict", "when a user asks
        twice") do not compete.

        A rule opposed by several others is reported once, naming them, with
        all of them as related information.

    Why it matters:
        A model trained on both rules learns that either may be dropped, and
        picks whichever suits the moment. The spec should decide, not the
        model.

    Example:
        rule ID3: Always share the booking reference with the caller.
        rule BK2: Never share the booking reference.

    Fix:
        Decide. Narrow one rule with `when:` or `unless:`, or say which wins:
        `precedence: BK2 > ID3`, `overrides: ID3` under BK2, or different
        levels. The quick fix adds a precedence line, which you may reorder.
    """
    opponents: dict[int, list] = {}  # rule -> [(its opponent, what the rule says, what the opponent says)]
    order: list = []

    def add(this, other, mine: str, theirs: str) -> None:
        key = id(this.info.rule)
        if key not in opponents:
            opponents[key] = []
            order.append(this)
        opponents[key].append((other, mine, theirs))

    for a, b, how in scoped_pairs(model):
        if how not in ("equal", "overlap"):
            continue
        if model.precedence_between(a.info, b.info) is not None:
            continue
        add(a, b, _says(a), _says(b))
        add(b, a, _says(b), _says(a))
    for a, b, la, lb in number_pairs(model):
        if model.precedence_between(a.info, b.info) is not None:
            continue
        add(a, b, f"`{a.info.id}` sets “{la.text}” ({_where(a)})", f"`{b.info.id}` sets “{lb.text}” ({_where(b)})")
        add(b, a, f"`{b.info.id}` sets “{lb.text}” ({_where(b)})", f"`{a.info.id}` sets “{la.text}” ({_where(a)})")
    for ia, ib, xa, xb in supremacy_pairs(model):
        if model.precedence_between(ia, ib) is not None:
            continue
        a, b = _Claimant(ia), _Claimant(ib)
        add(a, b, f"`{ia.id}` puts “{xa}” first", f"`{ib.id}` puts “{xb}” first")
        add(b, a, f"`{ib.id}` puts “{xb}” first", f"`{ia.id}` puts “{xa}” first")
    for this in order:
        found = list(_unique(opponents[id(this.info.rule)]))
        first, mine, theirs = found[0]
        if len(found) == 1:
            head = f"{mine}, but {theirs}"
        else:
            ids = [o.info.id for o, _, _ in found]
            named = ", ".join(f"`{i}`" for i in ids[:NAMED]) + (f" and {len(ids) - NAMED} more" if len(ids) > NAMED else "")
            head = f"{mine}, but {len(ids)} rules oppose it ({named})"
        yield finding(
            this.info.rule.id_span,
            f"{head}, and nothing says which wins; {advice(model, this.info.path, 'order')}",
            path=this.info.path,
            rule=this.info.id,
            related=[related(o.info, f"the conflicting rule: {said}") for o, _, said in found],
            fix=precedence_fix(model, this.info, first.info),
        )


class _Claimant:
    """A rule that claims to come first (`model.supremacy`), as the opponents above are held."""

    __slots__ = ("info",)

    def __init__(self, info):
        self.info = info


def _unique(found):
    seen = set()
    for item in found:
        if item[0].info.id not in seen:
            seen.add(item[0].info.id)
            yield item


def _where(c) -> str:
    described = c.scope.describe()
    return "in every case" if described == "always" else described


def _says(c) -> str:
    return f"{describe(c)} ({_where(c)})"
