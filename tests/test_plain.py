"""The AST, the diagnostics and a lint without configuration are plain Python:
slotted classes with equality, `repr`, `to_dict` and `replace`, and no pydantic
on the way (issue 20: a cold check should start as fast as a light linter)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from specdsl.core.diagnostics import Diagnostic, Edit, Fix, Related
from specdsl.core.spans import Severity, make_span
from specdsl.syntax.ast import Prose, Rule, Spec
from specdsl.syntax.parser import parse

SPAN = make_span(1, 1, 0, 1, 5, 4)
SPEC_TEXT = "rule A: Cite sources.\n  rationale: Readers trust what they can check.\n"


def test_nodes_and_findings_are_slotted():
    """A node holds only its slots (no per-object dictionary): a spec is millions of them."""
    spec = parse(SPEC_TEXT)
    rule = next(spec.rules())
    for value in (spec, rule, rule.text, Diagnostic(code="R001", message="m", span=SPAN)):
        assert not hasattr(value, "__dict__"), type(value).__name__
    with pytest.raises(TypeError):
        Prose(SPAN, "text")  # keyword-only, as the front ends and checks build them
    with pytest.raises(TypeError):
        Prose(span=SPAN, text="x", colour="red")  # no unknown fields


def test_equality_repr_and_replace():
    a = Prose(span=SPAN, text="Cite sources.")
    assert a == Prose.make(span=SPAN, text="Cite sources.") and a != Prose(span=SPAN, text="Cite them.")
    assert a.breaks == [] and a.breaks is not Prose(span=SPAN, text="x").breaks  # fresh mutable defaults
    assert repr(a).startswith("Prose(span=Span(line=1") and "text='Cite sources.'" in repr(a)
    b = a.replace(text="Cite them.")
    assert (b.text, b.span, a.text) == ("Cite them.", SPAN, "Cite sources.")
    fix = Fix(message="drop", edits=[Edit(span=SPAN, new_text="")])
    with pytest.raises(AttributeError):
        fix.message = "changed"  # fixes, edits and related places are frozen
    assert hash(Related(path=None, rule="A", span=SPAN, message="m")) == hash(Related(path=None, rule="A", span=SPAN, message="m"))


def test_to_dict():
    d = Diagnostic(
        code="C001", message="conflict", span=SPAN, severity=Severity.ERROR, rule="A",
        related=[Related(path="b.mspec", rule="B", span=SPAN, message="the other rule")],
        fix=Fix(message="add precedence", edits=[Edit(span=SPAN, new_text="precedence: A > B\n")]),
    )
    python = d.to_dict()
    assert python["severity"] is Severity.ERROR and python["span"] == SPAN
    assert python["related"][0] == {"path": "b.mspec", "rule": "B", "span": SPAN, "message": "the other rule"}
    as_json = d.to_dict(mode="json")
    assert as_json["severity"] == "error" and as_json["span"] == [1, 1, 0, 1, 5, 4]
    assert as_json["fix"] == {"message": "add precedence", "edits": [{"span": [1, 1, 0, 1, 5, 4], "new_text": "precedence: A > B\n", "path": None}], "safe": True, "swaps": []}
    spec = parse(SPEC_TEXT)
    tree = spec.to_dict(mode="json", exclude={"diagnostics"})
    assert "diagnostics" not in tree and tree["kind"] == "spec"
    (rule,) = tree["body"]
    assert rule["id"] == "A" and rule["text"]["text"] == "Cite sources."
    assert rule["body"][0]["kind"] == "rationale"
    assert Rule.make(**{**next(spec.rules()).to_dict(), "id": "A"}).id == "A"


def _modules_after(tmp_path, code: str) -> list[str]:
    (tmp_path / ".git").mkdir(exist_ok=True)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    return out.stdout.strip().splitlines()[-1:] or [out.stderr]


@pytest.mark.parametrize("fmt", ["concise", "json", "github"])
def test_a_check_without_configuration_imports_no_pydantic(tmp_path, fmt):
    """`speclint check` of a spec with no configuration file, without the results
    cache, runs every lexical check and loads no pydantic module."""
    spec = tmp_path / "a.mspec"
    spec.write_text(SPEC_TEXT + "rule B: Be appropriate where possible, etc.\n")
    code = (
        "import sys; from specdsl.cli import main\n"
        "try: main(['check', '--no-cache', '--format', {fmt!r}, {path!r}])\n"
        "except SystemExit as e: assert e.code == 1, e.code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))"
    ).format(fmt=fmt, path=str(spec))
    assert _modules_after(tmp_path, code) == ["[]"]


def test_the_lint_api_imports_no_pydantic(tmp_path):
    code = (
        "import sys, specdsl\n"
        "found = specdsl.lint(open({path!r}).read(), 'a.mspec')\n"
        "assert {{d.code for d in found}} >= {{'R001', 'V002', 'V003'}}, found\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))"
    )
    spec = tmp_path / "a.mspec"
    spec.write_text(SPEC_TEXT + "rule B: Be appropriate where possible, etc.\n")
    assert _modules_after(tmp_path, code.format(path=str(spec))) == ["[]"]


def test_check_defaults_are_their_schemas():
    """Each check's plain defaults (what a lint without `checks:` configuration
    uses) are the defaults of its options' pydantic schema."""
    from specdsl import checks

    for check in checks.load().values():
        schema = check.options.model_construct()
        plain = dict(check.defaults or ())
        assert plain == schema.model_dump(), check.code


def test_options_without_configuration_are_the_default_configurations(tmp_path):
    """The options a file without configuration gets (made without pydantic) are
    those the default `Config` gives."""
    from specdsl.workspace.config import LoadedConfig
    from specdsl.workspace.options import options_from
    from specdsl.workspace.settings import Config

    for overrides in ({}, {"semantic": True, "select": ["R"], "ignore": ["R002"], "extend_select": ["V"]}):
        plain = options_from(LoadedConfig(None, None), str(tmp_path / "a.mspec"), overrides)
        validated = options_from(LoadedConfig(Config.defaults(), None), str(tmp_path / "a.mspec"), overrides)
        for name in ("select", "ignore", "extend_select", "severity", "check_options", "all_documents"):
            assert getattr(plain, name) == getattr(validated, name), name
        for name in ("vague_terms", "allowed_terms"):
            assert list(getattr(plain.config, name)) == getattr(validated.config, name)
        assert plain.config.semantic.enabled == validated.config.semantic.enabled == bool(overrides)
