"""The shipped examples: the clean ones are clean, the flawed one has exactly
the defects it was written with (tests/data/flawed-support-assistant.expected)."""

from __future__ import annotations

import pytest
from conftest import DATA, EXAMPLES, REFERENCE

from specdsl import lint

FLAWED = EXAMPLES / "flawed" / "support-assistant.mspec"


@pytest.mark.parametrize("path", [REFERENCE, EXAMPLES / "coding-agent.mspec"], ids=lambda p: p.name)
def test_clean_examples_have_no_findings(path):
    assert lint(path.read_text(encoding="utf-8"), str(path)) == []


def test_the_clean_example_is_big_enough():
    from specdsl import parse

    spec = parse((EXAMPLES / "coding-agent.mspec").read_text(encoding="utf-8"))
    assert sum(1 for r in spec.rules() if r.kind == "rule") >= 30


def expected():
    out = []
    for line in (DATA / "flawed-support-assistant.expected").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, number, rule, _ = line.split("\t", 3)
        out.append((code, int(number), None if rule == "-" else rule))
    return sorted(out)


def test_flawed_example_has_exactly_its_defects():
    from specdsl.linting.linter import LintOptions

    # C003 is off by default (on real specs it was mostly judged wrong); the example shows it when asked for
    options = LintOptions(extend_select=["C003"])
    found = sorted(
        (d.code, d.span.line, d.rule) for d in lint(FLAWED.read_text(encoding="utf-8"), str(FLAWED), options=options)
    )
    want = expected()
    missing = [x for x in want if x not in found]
    extra = [x for x in found if x not in want]
    assert not missing and not extra, f"missing {missing}\nunexpected {extra}"


def test_every_check_family_is_exercised_by_the_flawed_example():
    codes = {code for code, _, _ in expected()}
    for family in "SRVCM":
        assert any(c.startswith(family) for c in codes), family
