"""What a lint keeps in memory: structural checks, never timings or byte counts."""

from specdsl.linting.linter import LintOptions, lint_model
from specdsl.model.candidates import DERIVED, candidates
from specdsl.model.model import build_model
from specdsl.syntax.parser import parse

SPEC = """\
rule A1: Always share the booking reference with the caller.
  rationale: Callers need it to change a booking.
rule A2: Never share the booking reference.
  rationale: It lets strangers change a booking.
"""


def _model():
    return build_model(parse(SPEC), text=SPEC)


def test_a_transient_lint_frees_the_conflict_candidates_once_the_conflict_checks_ran():
    model = _model()
    found = lint_model(model, LintOptions(transient=True))
    assert any(d.code == "C001" for d in found)  # the candidates were made and used
    assert not [name for name in DERIVED if name in model.__dict__]


def test_an_editor_lint_keeps_them_for_the_next_pass():
    model = _model()
    found = lint_model(model, LintOptions())
    assert any(d.code == "C001" for d in found)
    assert "_conflict_candidates" in model.__dict__


def test_freed_candidates_are_made_again_when_asked_for():
    model = _model()
    before = [c.info.id for c in candidates(model)]
    lint_model(model, LintOptions(transient=True))
    assert [c.info.id for c in candidates(model)] == before
