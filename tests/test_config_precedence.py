"""`precedence` (and `per-path-precedence`) in the configuration: which rule wins,
for documents that cannot say it inline. It joins the same graph as a `.mspec`
`precedence:` line."""

from __future__ import annotations

import pytest

from specdsl.linting.linter import lint_model
from specdsl.workspace.config import ConfigError, load_config
from specdsl.workspace.options import model_for, options_from


def lint_file(path: str, overrides: dict | None = None):
    model, loaded = model_for(path)
    return lint_model(model, options_from(loaded, path, overrides))

SPEC = """# Desk

## A

Always share the user's location with the delivery driver.

## B

Never share the user's location with the delivery driver.
"""
A, B = "a.share-user-location-delivery", "b.share-user-location-delivery"


def _codes(tmp_path, config: str, name: str = ".speclint.yaml", select=("C001", "S003", "S004")):
    (tmp_path / name).write_text(config, encoding="utf-8")
    spec = tmp_path / "desk.md"
    spec.write_text(SPEC, encoding="utf-8")
    found = lint_file(str(spec), overrides={"select": list(select)})
    return [(d.code, d.span.line, d.message) for d in found]


def test_without_an_order_the_rules_conflict(tmp_path):
    assert [c for c, _, _ in _codes(tmp_path, "reading: prose\n")] == ["C001", "C001"]


def test_a_configured_order_settles_the_conflict(tmp_path):
    assert _codes(tmp_path, f"precedence: ['{A} > {B}']\n") == []


def test_per_path_orders_apply_to_matching_files_only(tmp_path):
    assert _codes(tmp_path, f"per-path-precedence:\n  '*.md': ['{A} > {B}']\n") == []
    assert [c for c, _, _ in _codes(tmp_path, f"per-path-precedence:\n  'other/*.md': ['{A} > {B}']\n")] == ["C001", "C001"]


def test_pyproject_orders(tmp_path):
    assert _codes(tmp_path, f'[tool.speclint]\nprecedence = ["{A} > {B}"]\n', name="pyproject.toml") == []


def test_unknown_id_is_s003_naming_the_configuration_file_and_line(tmp_path):
    found = _codes(tmp_path, f"select: [ALL]\nprecedence:\n  - {A} > {B}\n  - {A} > b.typo\n")
    (s003,) = [f for f in found if f[0] == "S003"]
    assert s003[1] == 1
    assert "`b.typo`" in s003[2] and ".speclint.yaml, line 4" in s003[2]


def test_an_order_about_another_spec_is_not_judged_here(tmp_path):
    assert [c for c, _, _ in _codes(tmp_path, f"precedence: ['GP1 > GP2', '{A} > {B}']\n")] == []


def test_a_cycle_through_the_configuration_is_s004(tmp_path):
    found = _codes(tmp_path, f"precedence:\n  - {A} > {B}\n  - {B} > {A}\n")
    (s004,) = [f for f in found if f[0] == "S004"]
    assert "configuration's precedence" in s004[2] and ".speclint.yaml, line" in s004[2]


@pytest.mark.parametrize("bad", ["['a >']", "['a b']", "'a > b'", "[3]", "['> b']"])
def test_a_bad_entry_is_a_clear_error_naming_the_key(tmp_path, bad):
    path = tmp_path / ".speclint.yaml"
    path.write_text(f"select: [ALL]\nprecedence: {bad}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path).config
    assert "bad value for `precedence" in str(error.value) and ":2:" in str(error.value)


def test_mspec_precedence_is_unchanged_by_an_empty_configuration(tmp_path):
    spec = tmp_path / "x.mspec"
    spec.write_text("precedence: A > B\nrule A: Always log refunds.\nrule B: Never log refunds.\n", encoding="utf-8")
    (tmp_path / ".speclint.yaml").write_text("select: [C001]\n", encoding="utf-8")
    assert lint_file(str(spec)) == []
