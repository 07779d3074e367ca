"""Custom checks from the configuration (`custom-checks:`): the cases of
`cases.yaml` (every kind: findings, hard negatives, bad configurations), and
that a custom check behaves like a built-in in every face: `--select`,
suppressions, severities, baselines, the output formats, `speclint rule`,
`speclint fix`, the published JSON schema."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from specdsl.linting.fixes import apply_fix
from specdsl.workspace.config import ConfigError, load_config
from specdsl.workspace.runner import lint_text

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CASES = YAML(typ="safe").load((HERE / "cases.yaml").read_text(encoding="utf-8"))["cases"]


def write_config(folder: Path, checks: list, extra: str = "") -> Path:
    """`.speclint.yaml` with one custom check per line, from line 2 (so a case can name the line)."""
    lines = ["custom-checks:"] + [f"  - {json.dumps(entry)}" for entry in checks]
    path = folder / ".speclint.yaml"
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case, tmp_path):
    config = write_config(tmp_path, case["checks"])
    if "error" in case:
        with pytest.raises(ConfigError) as raised:
            load_config(config)
        message = str(raised.value)
        assert message.startswith(str(config)), message
        for part in case["error"]:
            assert part in message, message
        return
    spec = tmp_path / case.get("file", "case.mspec")
    spec.write_text(case["spec"], encoding="utf-8")
    found = [d for d in lint_text(case["spec"], str(spec)) if d.code.startswith("X")]
    unmatched = list(found)
    missed = []
    for expected in case["expect"]:
        match = next(
            (
                d
                for d in unmatched
                if d.span.line == expected["line"]
                and d.code == expected["code"]
                and expected.get("rule", d.rule) == d.rule
                and expected.get("message", "") in d.message
            ),
            None,
        )
        if match is None:
            missed.append(expected)
            continue
        unmatched.remove(match)
        if "fixed" in expected:
            # it changes the author's words as the team's configuration says: safe, with its swap declared
            assert match.fix is not None and match.fix.safe and match.fix.swaps
            assert apply_fix(case["spec"], match.fix) == expected["fixed"]
    assert not missed and not unmatched, (missed, [(d.span.line, d.code, d.rule, d.message) for d in unmatched])


def test_every_kind_has_findings_negatives_and_bad_configurations():
    kinds = {}
    for case in CASES:
        for entry in case["checks"]:
            what = "error" if "error" in case else ("positive" if case["expect"] else "negative")
            kinds.setdefault(entry["kind"], set()).add(what)
    for kind in ("existence", "substitution", "occurrence", "require", "forbid"):
        assert kinds.get(kind, set()) >= {"positive", "negative", "error"}, kind


# ---------------------------------------------------------------- like a built-in

SPEC = """rule B1: Never recommend Acme products.
  rationale: We sell our own.
# speclint: ignore[X001] reason: the partnership page may name them
rule B2: Link to the Acme partnership page when asked.
  rationale: The partnership is public.
rule B3: Utilize plain words.
  rationale: Plain words are read faster.
"""
CONFIG = [
    {"code": "X001", "kind": "existence", "message": "Do not name competitors", "tokens": ["Acme"], "link": "https://example.com/house-style"},
    {"code": "X002", "kind": "substitution", "message": 'Write "{expected}"', "swap": {"utilize": "use"}, "severity": "info"},
]


@pytest.fixture
def project(tmp_path):
    write_config(tmp_path, CONFIG)
    (tmp_path / "spec.mspec").write_text(SPEC, encoding="utf-8")
    return tmp_path


def test_select_suppress_and_severity(project, run):
    result = run("check", "--no-cache", "--format", "json", "spec.mspec", cwd=project)
    found = json.loads(result.stdout)["diagnostics"]
    custom = [(d["code"], d["range"]["start"]["line"], d["severity"], d["name"]) for d in found if d["code"].startswith("X")]
    # B2's mention is suppressed by its comment; X002 has the severity its entry gives
    assert custom == [("X001", 1, "warning", "custom-x001"), ("X002", 6, "info", "custom-x002")]
    assert result.returncode == 1
    only = json.loads(run("check", "--no-cache", "--format", "json", "--select", "X002", "spec.mspec", cwd=project).stdout)
    assert [d["code"] for d in only["diagnostics"]] == ["X002"]
    ignored = json.loads(run("check", "--no-cache", "--format", "json", "--ignore", "custom-x001", "spec.mspec", cwd=project).stdout)
    assert "X001" not in {d["code"] for d in ignored["diagnostics"]}
    # a configured severity wins over the entry's
    (project / ".speclint.yaml").write_text((project / ".speclint.yaml").read_text() + "severity: {X001: error}\n")
    raised = json.loads(run("check", "--no-cache", "--format", "json", "spec.mspec", cwd=project).stdout)
    assert {d["code"]: d["severity"] for d in raised["diagnostics"]}["X001"] == "error"


def test_an_unused_suppression_of_a_custom_code_is_reported(project, run):
    (project / "spec.mspec").write_text(SPEC.replace("the Acme partnership", "the partnership"), encoding="utf-8")
    found = json.loads(run("check", "--no-cache", "--format", "json", "spec.mspec", cwd=project).stdout)["diagnostics"]
    assert any(d["code"] == "S007" and "X001" in d["message"] for d in found)


def test_sarif_github_and_text(project, run):
    sarif = json.loads(run("check", "--no-cache", "--format", "sarif", "spec.mspec", cwd=project).stdout)
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["X001"]["name"] == "custom-x001"
    assert rules["X001"]["helpUri"] == "https://example.com/house-style"
    assert "Do not name competitors" in rules["X001"]["fullDescription"]["text"]
    github = run("check", "--no-cache", "--format", "github", "spec.mspec", cwd=project).stdout
    assert "X001" in github and "::warning" in github
    text = run("check", "--no-cache", "spec.mspec", cwd=project).stdout
    assert "X001" in text and "X002" in text


def test_sarif_rules_from_cached_results(project, run):
    run("check", "spec.mspec", cwd=project)  # fills the cache
    sarif = json.loads(run("check", "--format", "sarif", "spec.mspec", cwd=project).stdout)
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["X001"]["name"] == "custom-x001"


def test_baseline_knows_custom_findings(project, run):
    assert run("check", "--no-cache", "--write-baseline", "base.json", "spec.mspec", cwd=project).returncode in (0, 1)
    again = run("check", "--no-cache", "--baseline", "base.json", "spec.mspec", cwd=project)
    assert again.returncode == 0, again.stdout + again.stderr
    (project / "spec.mspec").write_text(SPEC + "rule B4: Compare us with Acme.\n  rationale: Customers ask.\n")
    new = run("check", "--no-cache", "--format", "json", "--baseline", "base.json", "spec.mspec", cwd=project)
    assert [d["range"]["start"]["line"] for d in json.loads(new.stdout)["diagnostics"] if d["code"] == "X001"] == [8]


def test_rule_command_documents_it(project, run):
    shown = run("rule", "X001", cwd=project)
    assert shown.returncode == 0, shown.stderr
    assert "custom-x001" in shown.stdout and "Do not name competitors" in shown.stdout
    assert "https://example.com/house-style" in shown.stdout
    listed = run("rule", "--all", cwd=project).stdout
    assert "X002" in listed
    assert run("rule", "X001", cwd=project.parent).returncode == 2  # not this project's


def test_fix_applies_a_configured_substitution_in_rules_and_rationales_and_changes_nothing_else(tmp_path, run):
    write_config(tmp_path, [{"code": "X002", "kind": "substitution", "message": "m", "swap": {"utilize": "use"}, "scope": "all"}])
    spec = tmp_path / "spec.mspec"
    spec.write_text("rule B3: Utilize plain words.\n  rationale: Readers utilize plain words faster.\n\nrule B4: Keep it short.\n")
    result = run("fix", "spec.mspec", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    # the team chose this change: a safe fix, applied in a rule's own words (the capital kept) and in its rationale
    assert spec.read_text() == (
        "rule B3: Use plain words.\n  rationale: Readers use plain words faster.\n\nrule B4: Keep it short.\n"
    )
    assert "X002" not in run("check", "--no-cache", "--select", "X002", "spec.mspec", cwd=tmp_path).stdout


def test_the_fixers_guard_lets_only_the_swapped_words_differ():
    from specdsl.linting.fixes import _rules_kept

    before = [("B3", "Utilize plain words."), ("B4", "Keep it short.")]
    swapped = [("B3", "Use plain words."), ("B4", "Keep it short.")]
    assert _rules_kept(before, swapped, exact=True, swaps=[("Utilize", "Use")])
    assert not _rules_kept(before, swapped, exact=True)  # no swap declared: a changed rule
    # any other change is still refused: a word lost, a rule lost
    assert not _rules_kept(before, [("B3", "Use words."), ("B4", "Keep it short.")], exact=True, swaps=[("Utilize", "Use")])
    assert not _rules_kept(before, [("B3", "Use plain words.")], exact=True, swaps=[("Utilize", "Use")])
    # a swap is of whole words: "utilizer" is another word
    assert not _rules_kept([("A", "A utilizer.")], [("A", "A user.")], exact=True, swaps=[("utilize", "use")])


def test_a_code_another_configuration_defines_does_not_run(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    write_config(first, [{"code": "X050", "kind": "existence", "message": "no foo", "tokens": ["foo"]}])
    write_config(second, [{"code": "X051", "kind": "existence", "message": "no bar", "tokens": ["bar"]}])
    text = "rule A: Say foo and bar.\n  rationale: Both words matter.\n"
    (first / "s.mspec").write_text(text)
    (second / "s.mspec").write_text(text)
    assert {d.code for d in lint_text(text, str(first / "s.mspec"))} & {"X050", "X051"} == {"X050"}
    assert {d.code for d in lint_text(text, str(second / "s.mspec"))} & {"X050", "X051"} == {"X051"}


# ---------------------------------------------------------------- patterns with a time bound


def test_a_catastrophic_pattern_stops_within_its_bound(tmp_path, run):
    write_config(tmp_path, [{"code": "X060", "kind": "existence", "message": "m", "pattern": "(a|aa)+$"}])
    (tmp_path / "s.mspec").write_text("rule A: " + "a" * 60 + "!\n  rationale: A test of time.\n")
    started = time.monotonic()
    result = run("check", "--no-cache", "s.mspec", cwd=tmp_path)
    elapsed = time.monotonic() - started
    assert result.returncode == 2
    assert "X060" in result.stderr and "backtracks catastrophically" in result.stderr and "rule A" in result.stderr
    assert "Traceback" not in result.stderr
    assert elapsed < 60  # without the bound, 2^60 steps would never end


def test_the_same_pattern_is_fine_on_harmless_text(tmp_path):
    write_config(tmp_path, [{"code": "X060", "kind": "existence", "message": "m", "pattern": "(a|aa)+$"}])
    text = "rule A: Say aaa\n  rationale: A test.\n"
    (tmp_path / "s.mspec").write_text(text)
    assert [d.code for d in lint_text(text, str(tmp_path / "s.mspec")) if d.code.startswith("X")] == ["X060"]


# ---------------------------------------------------------------- the published schema


def test_the_published_schema_is_in_sync():
    from specdsl.workspace.settings import config_schema

    published = json.loads((ROOT / "specdsl" / "schemas" / "speclint-config.schema.json").read_text(encoding="utf-8"))
    assert published == config_schema(), "run `python -m specdsl.workspace.settings > specdsl/schemas/speclint-config.schema.json`"


def test_the_schema_accepts_the_cases_and_rejects_a_bad_entry():
    import jsonschema

    schema = json.loads((ROOT / "specdsl" / "schemas" / "speclint-config.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for case in CASES:
        if "error" not in case:
            validator.validate({"custom-checks": case["checks"]})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"custom-checks": [{"code": "X001", "kind": "conditional", "message": "m"}]})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"custom-checks": [{"code": "Y001", "kind": "existence", "message": "m", "tokens": ["a"]}]})


def test_a_workspace_without_configuration_runs_no_other_workspaces_custom_checks(tmp_path):
    # the language server may hold several workspaces: one's custom checks are registered in the
    # process; a file under no configuration file must not run them
    ours = tmp_path / "team"
    ours.mkdir()
    write_config(ours, [{"code": "X071", "kind": "existence", "message": "no Acme", "tokens": ["Acme"]}])
    (ours / "a.mspec").write_text("rule A: Never mention Acme.\n  rationale: Legal asked.\n")
    loose = tmp_path / "loose"
    loose.mkdir()
    (loose / ".git").mkdir()
    text = "rule B: Never mention Acme.\n  rationale: Competitors sue.\n"
    assert "X071" in {d.code for d in lint_text((ours / "a.mspec").read_text(), str(ours / "a.mspec"))}
    assert "X071" not in {d.code for d in lint_text(text, str(loose / "b.mspec"))}
    # and the options of a file without configuration leave it out, as a configuration's would
    from specdsl.workspace.config import LoadedConfig
    from specdsl.workspace.options import options_from

    assert "X071" in options_from(LoadedConfig(None, None), str(loose / "b.mspec")).ignore
