"""Fixes that keep the spec (issue 14, finding 8; issue 19).

`fmt` keeps a no-break space that is a suppression's whole reason; and the fix
of a suppression without a reason takes all of it, `]` included.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import specdsl
from specdsl import cli
from specdsl.fixes import apply_fix


@pytest.fixture(autouse=True)
def _collector():
    yield
    gc.enable()  # `cli.main` turns the cyclic collector off for its short-lived process


def fix(path: Path, *flags: str, capsys=None) -> str:
    """Run `speclint fix FLAGS PATH`; its message on stderr."""
    assert cli.main(["fix", *flags, str(path)]) == 0
    return capsys.readouterr().err if capsys is not None else ""


# ---------------------------------------------------------------- finding 8


def test_fmt_keeps_a_no_break_space_that_is_a_whole_reason(tmp_path, capsys):
    spec = tmp_path / "s.mspec"
    text = "# speclint: ignore[V002] reason:\u00a0\nrule A1: Give an appropriate answer.\n  rationale: Users need answers they can use.\n"
    spec.write_text(text, encoding="utf-8")
    assert [d.code for d in specdsl.lint(text, str(spec))] == []
    assert cli.main(["fmt", str(spec)]) == 0
    assert spec.read_text(encoding="utf-8") == text
    assert [d.code for d in specdsl.lint(spec.read_text(encoding="utf-8"), str(spec))] == []


def test_fmt_lines_up_comments_and_keeps_their_characters():
    from specdsl.format import format_text

    text = "rule A1: Give an answer.\n      #\u00a0a note\u00a0 \n  rationale: Users need answers they can use.\n"
    assert format_text(text, "s.mspec") == "rule A1: Give an answer.\n  #\u00a0a note\u00a0\n  rationale: Users need answers they can use.\n"


# ---------------------------------------------------------------- issue 19


def test_removing_a_suppression_without_a_reason_takes_its_closing_bracket(tmp_path, capsys):
    spec = tmp_path / "s.mspec"
    text = "# speclint: ignore[V002]\nrule A1: Give an answer.\n  rationale: Users need answers they can use.\n"
    spec.write_text(text)
    found = {d.code: d for d in specdsl.lint(text, str(spec))}
    assert text[found["S008"].span.offset : found["S008"].span.end_offset] == "# speclint: ignore[V002]"
    assert apply_fix(text, found["S007"].fix) == text.split("\n", 1)[1]
    err = fix(spec, "--unsafe-fixes", capsys=capsys)
    assert err.endswith("fixed 1 finding in 1 file\n")
    assert spec.read_text() == text.split("\n", 1)[1]
