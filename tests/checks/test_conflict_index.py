"""The conflict index compares rules whose scopes may meet, not every pair of one action.

Counts of compared pairs, not times: the work is what `_pairs_compared` counts.
"""

from __future__ import annotations

from specdsl.linting.linter import LintOptions, lint_model
from specdsl.model.model import build_model
from specdsl.syntax.parser import parse


def _lint(text: str):
    model = build_model(parse(text, "a.mspec"), path="a.mspec", text=text)
    found = lint_model(model, LintOptions(select=["C001", "C004"]))
    return model, found


def _teams(n: int, opposite_in: set[int]) -> str:
    """n rules about one act, each for its own team; the ones in `opposite_in` get an opposite in their team."""
    lines = []
    for i in range(n):
        lines.append(f"rule T{i}: Export the audit log before each release in team Q{i}.\n  rationale: Auditors need it.\n")
        if i in opposite_in:
            lines.append(f"rule N{i}: Do not export the audit log before each release in team Q{i}.\n  rationale: It is private.\n")
    return "".join(lines)


def test_rules_of_one_act_in_many_places_are_compared_only_within_their_place():
    model, found = _lint(_teams(600, {10, 300, 590}))
    pairs = {frozenset((d.rule, r.rule)) for d in found if d.code == "C001" for r in d.related}
    assert pairs == {frozenset((f"T{i}", f"N{i}")) for i in (10, 300, 590)}
    # 603 rules of one act: each meets only the opposite rules of its own team
    assert model.__dict__["_pairs_compared"] <= 10


def test_a_place_that_holds_the_other_is_still_compared():
    # "in a team" (no name) is not placed apart from "in team Q7": the pairs are compared and conflict
    text = _teams(50, set()) + "rule ALL: Never export the audit log before each release in a team.\n  rationale: Logs stay here.\n"
    model, found = _lint(text)
    assert any(d.rule == "ALL" and d.code == "C001" for d in found)
    assert model.__dict__["_pairs_compared"] >= 50


def test_rules_without_the_slot_meet_every_place():
    # the prohibition names no team: it covers all of them (an undeclared exception or a conflict with each)
    text = _teams(40, set()) + "rule NO: Never export the audit log.\n  rationale: Logs stay here.\n"
    model, found = _lint(text)
    named = {r.rule for d in found if d.rule == "NO" for r in d.related}
    assert {f"T{i}" for i in range(40)} <= named
