"""Every check against its cases: precision and recall of at least 0.9 each,
hard negatives for every check, and the fixes the cases expect."""

from __future__ import annotations

import pytest
from harness import CASES, all_cases, category_table, load_cases, markdown_table, run_case, score

from specdsl import checks

MIN_PRECISION = 0.9
MIN_RECALL = 0.9
#: Codes whose findings come from the parser or the linter, tested elsewhere too.
CASES_REQUIRED = [c for c in checks.load() if checks.get(c).tier in ("lexical", "linter") and c != "S001"]

OUTCOMES = [run_case(c) for c in all_cases()]
TABLE = score(OUTCOMES)


def test_every_check_has_cases_with_hard_negatives():
    missing = [code for code in CASES_REQUIRED if not (CASES / f"{code}.yaml").exists()]
    assert not missing, f"no case file for {missing}"
    for code in CASES_REQUIRED:
        cases = load_cases(CASES / f"{code}.yaml")
        positives = [c for c in cases if not c.negative]
        negatives = [c for c in cases if c.negative]
        assert len(positives) >= 3, f"{code}: at least 3 cases that must be flagged"
        assert len(negatives) >= 3, f"{code}: at least 3 hard negatives"


@pytest.mark.parametrize("code", sorted(TABLE))
def test_precision_and_recall(code):
    row = TABLE[code]
    problems = [f"{o.case.name}: {p}" for o in OUTCOMES if o.case.code == code for p in o.problems]
    detail = "\n".join(problems)
    assert row["precision"] >= MIN_PRECISION, f"{code} precision {row['precision']:.2f}\n{detail}"
    assert row["recall"] >= MIN_RECALL, f"{code} recall {row['recall']:.2f}\n{detail}"


@pytest.mark.parametrize("code", sorted(TABLE))
def test_fixes_are_what_the_cases_expect(code):
    problems = [
        f"{o.case.name}: {p}"
        for o in OUTCOMES
        if o.case.code == code
        for p in o.problems
        if "the fix gives" in p or "expected a fix" in p or "expected no fix" in p
    ]
    assert not problems, "\n".join(problems)


def test_print_table(capsys):
    with capsys.disabled():
        print("\n" + markdown_table(TABLE))


def test_the_readme_gives_the_conflict_categories_as_measured():
    """The README's table of conflict cases per category is what the cases give today."""
    readme = (CASES.parent.parent.parent / "README.md").read_text(encoding="utf-8")
    table = category_table(OUTCOMES)
    assert table in readme, "README, 'Conflicts read scopes': put in this table\n" + table


def test_the_readme_gives_the_case_figures_as_measured():
    """The README's table of cases per check ("How precise the checks are") is what the cases give today."""
    readme = (CASES.parent.parent.parent / "README.md").read_text(encoding="utf-8")
    table = markdown_table(TABLE)
    assert table in readme, "README, 'How precise the checks are': put in this table\n" + table
