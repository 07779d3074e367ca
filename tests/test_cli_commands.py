"""End-to-end tests of every command and format, through the installed `speclint`."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLES, REFERENCE

FLAWED = EXAMPLES / "flawed" / "support-assistant.mspec"
CODING = EXAMPLES / "coding-agent.mspec"


@pytest.fixture
def project(tmp_path):
    """A small project: a clean spec, the flawed one, a .gitignore'd draft."""
    shutil.copy(CODING, tmp_path / "agent.mspec")
    shutil.copy(FLAWED, tmp_path / "support.mspec")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "wip.mspec").write_text("rule W: unfinished\n")
    (tmp_path / ".gitignore").write_text("drafts/\n")
    (tmp_path / ".git").mkdir()  # a repository root for .gitignore lookup
    return tmp_path


def test_full_format_shows_source_and_caret(project, run):
    result = run("check", "--format", "full", str(project / "support.mspec"), env={"NO_COLOR": "1"})
    assert result.returncode == 1
    out = result.stdout
    assert "\x1b[" not in out  # NO_COLOR: plain text
    assert "C001" in out and "^" in out
    assert "Never share the booking reference" in out  # the source line is shown


def test_concise_lines(project, run):
    result = run("check", "--format", "concise", str(project / "support.mspec"))
    lines = [l for l in result.stdout.splitlines() if l.startswith(str(project))]
    assert len(lines) > 20
    for line in lines:
        path, line_no, col, rest = line.split(":", 3)
        assert line_no.isdigit() and col.isdigit() and rest.strip()[:4].isalnum()
        assert rest.split(" ", 3)[2] in ("[error]", "[warning]", "[info]"), line


def test_gitignore_is_respected_when_walking(project, run):
    result = run("check", "--format", "json", "--exit-zero", str(project))
    data = json.loads(result.stdout)
    paths = {d["path"] for d in data["diagnostics"]}
    assert not any("wip.mspec" in p for p in paths)
    assert data["summary"]["files"] == 2


def test_sarif_validates_against_the_official_schema(project, run):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((DATA / "schemas" / "sarif-schema-2.1.0.json").read_text())
    result = run("check", "--format", "sarif", str(project / "support.mspec"))
    assert result.returncode == 1
    sarif = json.loads(result.stdout)
    jsonschema.validate(sarif, schema)
    run0 = sarif["runs"][0]
    rule_ids = {r["id"] for r in run0["tool"]["driver"]["rules"]}
    assert {"C001", "R001", "V002"} <= rule_ids
    assert all(r["ruleId"] in rule_ids for r in run0["results"])
    assert all(r["helpUri"].endswith(r["id"]) for r in run0["tool"]["driver"]["rules"])


def test_github_annotations(project, run):
    result = run("check", "--format", "github", str(project / "support.mspec"))
    lines = result.stdout.splitlines()
    assert any(l.startswith("::error file=") and "title=C001" in l for l in lines)
    assert any(l.startswith("::warning file=") for l in lines)
    assert any(l.startswith("::notice file=") for l in lines)


def test_statistics(project, run):
    result = run("check", "--statistics", "--format", "concise", str(project / "support.mspec"))
    assert result.returncode == 1
    rows = dict(l.split()[1:3][::-1] for l in result.stdout.splitlines() if l.split()[1:2] != ["total"])
    assert rows["missing-rationale"] == "R001"


def test_baseline_reports_only_new_findings(project, run):
    spec = project / "support.mspec"
    baseline = project / ".speclint-baseline.json"
    result = run("check", "--write-baseline", str(baseline), str(spec))
    assert result.returncode == 0 and baseline.exists()
    assert run("check", "--baseline", str(baseline), str(spec)).returncode == 0
    # move a rule to the end of its section: its findings stay known
    text = spec.read_text()
    block = "  rule CD6 [level: user]: Give adequate notice before putting a customer on hold.\n"
    assert block in text
    spec.write_text(text.replace(block, "") + "\n" + block.replace("  rule", "rule"))
    moved = run("check", "--format", "json", "--baseline", str(baseline), str(spec))
    assert json.loads(moved.stdout)["diagnostics"] == [], moved.stdout
    # a new defect is reported
    spec.write_text(spec.read_text() + "\nrule NEW1: Respond in a timely manner.\n")
    new = run("check", "--format", "json", "--baseline", str(baseline), str(spec))
    codes = {(d["code"], d["rule"]) for d in json.loads(new.stdout)["diagnostics"]}
    assert ("R001", "NEW1") in codes and ("V002", "NEW1") in codes
    assert all(rule == "NEW1" for _, rule in codes)


def test_corrupt_baseline_is_a_clear_error(project, run):
    bad = project / "baseline.json"
    bad.write_text("{not json")
    result = run("check", "--baseline", str(bad), str(project / "agent.mspec"))
    assert result.returncode == 2 and "not valid JSON" in result.stderr and "Traceback" not in result.stderr


def test_cache_makes_a_rerun_fast_and_survives_corruption(project, run):
    spec = project / "agent.mspec"
    first = run("check", "--format", "json", str(spec))
    cache = project / ".speclint_cache"
    entries = list(cache.rglob("*.json"))
    assert entries and (cache / ".gitignore").exists()
    for entry in entries:
        entry.write_text("{corrupt")
    second = run("check", "--format", "json", str(spec))
    assert second.returncode == first.returncode == 0
    assert json.loads(second.stdout)["diagnostics"] == json.loads(first.stdout)["diagnostics"]
    # rewritten: each entry is its MAC (a line) and then the result
    assert all(json.loads(e.read_bytes().partition(b"\n")[2])["deps"] is not None for e in cache.rglob("*.json"))


def test_cache_is_invalidated_by_an_edit_and_by_included_files(tmp_path, run):
    (tmp_path / "shared.mspec").write_text("rule S1: Cite sources.\n  rationale: Readers trust claims they can check.\n")
    main = tmp_path / "main.mspec"
    main.write_text('include "shared.mspec"\nrule M1: Answer briefly.\n  rationale: Users read short answers.\n  see: S1\n')
    assert run("check", str(main)).returncode == 0
    (tmp_path / "shared.mspec").write_text("rule S2: Cite sources.\n  rationale: Readers trust claims they can check.\n")
    result = run("check", "--format", "concise", str(main))
    assert result.returncode == 1 and "S003" in result.stdout  # S1 is gone from the include
    assert run("check", "--no-cache", "--format", "concise", str(main)).stdout == result.stdout


def test_rule_docs(run):
    one = run("rule", "R001")
    assert one.returncode == 0
    for section in ("What it finds", "Why it matters", "Example", "Fix"):
        assert section in one.stdout
    by_name = run("rule", "missing-rationale")
    assert by_name.stdout == one.stdout
    listing = run("rule", "--all")
    assert "C001" in listing.stdout and "conflicting-rules" in listing.stdout
    data = json.loads(run("rule", "--all", "--format", "json").stdout)
    codes = {r["code"] for r in data}
    assert {"S001", "R001", "V001", "C001", "M001"} <= codes
    r005 = next(r for r in data if r["code"] == "R005")
    assert r005["options"][0]["name"] == "min-subrules" and r005["options"][0]["default"] == 3
    bad = run("rule", "Z999")
    assert bad.returncode == 2 and "not a check code" in bad.stderr


def test_stats(project, run):
    data = json.loads(run("stats", str(project / "support.mspec")).stdout)
    f = data["files"][0]
    assert f["rules"] == 28 and 0 < f["rationale_coverage"] < 100
    assert f["hard_without_own_rationale"] == 1 and f["conflicts"] >= 1
    assert {s["name"] for s in f["sections"]} >= {"Identity and privacy", "Conduct"}
    text = run("stats", "--format", "text", str(project / "support.mspec")).stdout
    assert "rationale" in text and "Conduct" in text


def test_init_writes_every_option_and_refuses_to_overwrite(tmp_path, run):
    result = run("init", cwd=tmp_path)
    assert result.returncode == 0
    text = (tmp_path / ".speclint.yaml").read_text()
    for key in ("select:", "ignore:", "severity:", "per-path-ignores:", "fail-on:", "min-subrules:", "semantic:"):
        assert key in text
    assert text.count("#") > 15  # commented
    (tmp_path / "a.mspec").write_text("rule A: Cite sources.\n  rationale: Readers trust what they can check.\n")
    assert run("check", "a.mspec", cwd=tmp_path).returncode == 0  # the written config is valid
    again = run("init", cwd=tmp_path)
    assert again.returncode == 2 and "--force" in again.stderr


def test_new_files_get_the_usual_permissions(tmp_path):
    """A file written anew (`init`, `convert -o`, `export -o`) is not left with the
    temporary file's owner-only 0600; an existing file keeps its own mode."""
    import subprocess
    import sys

    code = (
        "import os, sys; os.umask(0o022); from specdsl.core.sources import write_atomic; "
        "write_atomic(sys.argv[1], 'new'); write_atomic(sys.argv[2], b'bytes'); "
        "os.chmod(sys.argv[1], 0o640); write_atomic(sys.argv[1], 'again')"
    )
    new, other = tmp_path / "new.txt", tmp_path / "other.bin"
    subprocess.run([sys.executable, "-c", code, str(new), str(other)], check=True)
    assert os.stat(other).st_mode & 0o777 == 0o644 and other.read_bytes() == b"bytes"
    assert os.stat(new).st_mode & 0o777 == 0o640 and new.read_text() == "again"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.txt", "other.bin"]


def test_diff(tmp_path, run):
    old = tmp_path / "old.mspec"
    new = tmp_path / "new.mspec"
    old.write_text(REFERENCE.read_text())
    text = REFERENCE.read_text()
    text = text.replace("rule GP2 [level: root]", "rule GP3 [level: root]")
    text = text.replace("Act only within", "Act strictly within")
    text = text.replace("rule SP3 [hard, level: root]", "rule SP3 [level: system]")
    text = text.replace(
        "    rationale: Oversight depends on accurate reports; an assistant that hides\n"
        "      or distorts what it does leaves its principals unable to correct it.\n",
        "",
    )
    text += "\n  rule GP4: Say when you are unsure.\n"
    new.write_text(text)
    data = json.loads(run("diff", "--format", "json", str(old), str(new)).stdout)
    kinds = {(c["kind"], c["rule"]) for c in data["changes"]}
    assert kinds == {
        ("renamed", "GP3"),
        ("reworded", "SP2"),
        ("level-changed", "SP3"),
        ("hardness-changed", "SP3"),
        ("rationale-dropped", "GP1"),
        ("added", "GP4"),
    }
    text_out = run("diff", str(old), str(new)).stdout
    assert "GP2 renamed to GP3" in text_out and "rationale dropped" in text_out


def test_fix_applies_safe_fixes_only_and_is_idempotent(tmp_path, run):
    spec = tmp_path / "s.mspec"
    spec.write_text(
        "# speclint: ignore[R001, V002] reason: drafted quickly\n"
        "rule A: Answer briefly.\n  rationale: Users read short answers.\n"
    )
    result = run("fix", "--diff", str(spec))
    assert "-# speclint: ignore[R001, V002]" in result.stdout
    assert run("fix", str(spec)).returncode == 0
    assert "ignore" not in spec.read_text()
    assert run("fix", str(spec)).stderr.startswith("fixed 0 findings")
    bare = tmp_path / "bare.mspec"
    bare.write_text("rule B: Answer briefly.\n")
    run("fix", str(bare))
    assert bare.read_text() == "rule B: Answer briefly.\n"  # a stub is not a safe fix
    run("fix", "--unsafe-fixes", str(bare))
    assert "rationale: TODO" in bare.read_text()


MARKDOWN_HEAD = "---\nspeclint:\n  levels: [user]\n---\n# Spec\n\n## Be honest {#honest authority=user}\n\n"


def _rule_ids(run, path) -> list[str]:
    out = run("export", "--format", "jsonl", str(path)).stdout
    return [json.loads(line)["id"] for line in out.splitlines()]


def test_fix_removes_a_markdown_comment_line_without_joining_paragraphs(tmp_path, run):
    spec = tmp_path / "s.md"
    spec.write_text(
        MARKDOWN_HEAD + "Never invent a citation, because readers check sources.\n"
        "<!-- speclint: ignore[V004] reason: the list is closed -->\n"
        "Never invent a quote, because readers trust quotes.\n"
    )
    before = _rule_ids(run, spec)
    assert before == ["honest", "honest.1", "honest.2"]
    assert run("fix", str(spec)).stderr.startswith("fixed 1 finding")
    text = spec.read_text()
    assert "speclint:" not in text.split("---")[2]
    assert "sources.\n\nNever invent a quote" in text  # a blank line keeps the paragraphs apart
    assert _rule_ids(run, spec) == before


def test_fix_leaves_text_that_shares_a_line_with_a_markdown_comment(tmp_path, run):
    # The sentence after the comment is raw HTML to the Markdown reader; without
    # the comment it would become a new rule. The fix is offered, not applied.
    spec = tmp_path / "s.md"
    original = MARKDOWN_HEAD + "The assistant is honest because trust matters.\n\n<!-- speclint: ignore[V004] reason: closed list --> Never invent a citation.\n"
    spec.write_text(original)
    found = json.loads(run("check", "--format", "json", "--select", "S007,V004", str(spec)).stdout)["diagnostics"]
    assert [d["code"] for d in found] == ["S007"] and found[0]["fix"]["safe"] is False
    (edit,) = found[0]["fix"]["edits"]
    assert edit["range"]["start"]["line"] == edit["range"]["end"]["line"] == 11
    run("fix", str(spec))
    assert spec.read_text() == original
    run("fix", "--unsafe-fixes", str(spec))
    assert spec.read_text().endswith("matters.\n\nNever invent a citation.\n")


def test_fix_never_changes_the_rules(tmp_path, run, monkeypatch):
    # Whatever a fix does, `fix` leaves a file be rather than change its rules.
    from specdsl import cli
    from specdsl.linting import fixes
    from specdsl.core.diagnostics import Edit, Fix, make_span

    spec = tmp_path / "s.mspec"
    original = "# speclint: ignore[R001] reason: drafted quickly\nrule A: Answer briefly.\n  rationale: Users read short answers.\n"
    spec.write_text(original)
    real = fixes.apply_fixes

    def renaming(text, diagnostics, **kwargs):
        bad = Fix.make(message="rename", edits=[Edit.make(span=make_span(2, 6, 54, 2, 7, 55), new_text="B")])
        return real(text, [d.replace(fix=bad) for d in diagnostics], **kwargs)

    monkeypatch.setattr(fixes, "apply_fixes", renaming)
    assert cli.main(["fix", str(spec)]) == 0
    assert spec.read_text() == original


def test_fmt_and_fix_count_only_the_files_they_could_write(tmp_path, monkeypatch, capsys):
    from specdsl import cli
    from specdsl.core import sources

    messy = "# speclint: ignore[V002] reason: drafted\nrule A:  Tell  the truth.\n  rationale: Users trust us.\n"
    for name in ("a.mspec", "locked.mspec"):
        (tmp_path / name).write_text(messy)
    real = sources.write_atomic

    def refusing(path, text):
        if str(path).endswith("locked.mspec"):
            raise sources.SourceError(str(path), "cannot write: read-only file system")
        real(path, text)

    monkeypatch.setattr(sources, "write_atomic", refusing)
    assert cli.main(["fix", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "locked.mspec: cannot write: read-only file system" in err and err.endswith("fixed 1 finding in 1 file\n"), err
    assert (tmp_path / "locked.mspec").read_text() == messy and "ignore" not in (tmp_path / "a.mspec").read_text()
    assert cli.main(["fmt", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "locked.mspec: cannot write" in err and err.endswith("1 file reformatted, 0 unchanged\n"), err
    assert f"formatted {tmp_path / 'a.mspec'}" in err and f"formatted {tmp_path / 'locked.mspec'}" not in err
    assert (tmp_path / "locked.mspec").read_text() == messy


def test_each_file_fails_the_run_by_its_own_configuration(tmp_path, run):
    # The same findings, in either order of the paths: b's `fail-on: info` counts.
    for folder, level in (("a", "error"), ("b", "info")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / ".speclint.yaml").write_text(f"fail-on: {level}\n")
        (tmp_path / folder / "x.mspec").write_text("rule A1: Do it.\n")
    assert run("check", "--no-cache", "a", "b", cwd=tmp_path).returncode == 1
    assert run("check", "--no-cache", "b", "a", cwd=tmp_path).returncode == 1
    assert run("check", "--no-cache", "a", cwd=tmp_path).returncode == 0


def test_fmt_and_fix_write_through_a_symlink(tmp_path, run):
    real = tmp_path / "real.mspec"
    real.write_text("# speclint: ignore[V002] reason: drafted\nrule A:  Tell  the truth.\n  rationale: Users trust us.\n")
    link = tmp_path / "link.mspec"
    link.symlink_to("real.mspec")
    assert run("fmt", str(link)).returncode == 0
    assert link.is_symlink() and "rule A: Tell  the truth." in real.read_text()
    assert run("fix", str(link)).returncode == 0
    assert link.is_symlink() and "ignore" not in real.read_text()


def test_fmt_and_fix_keep_a_byte_order_mark(tmp_path, run):
    spec = tmp_path / "s.mspec"
    spec.write_bytes(b"\xef\xbb\xbf# speclint: ignore[V002] reason: drafted\nrule A:  Tell the truth.\n  rationale: Users trust us.\n")
    run("fmt", str(spec))
    run("fix", str(spec))
    assert spec.read_bytes() == b"\xef\xbb\xbfrule A: Tell the truth.\n  rationale: Users trust us.\n"


def test_fmt_says_what_it_does_not_format_and_takes_the_configured_widths(tmp_path, run):
    (tmp_path / "t.md").write_text("# T\n")
    result = run("fmt", str(tmp_path / "t.md"))
    assert result.returncode == 0 and "t.md: not formatted" in result.stderr
    spec = tmp_path / "s.mspec"
    spec.write_text("rule A: Tell the truth.\n")
    for width in ("0", "-5", "401"):
        result = run("fmt", "--wrap", width, str(spec))
        assert result.returncode == 2 and "between 20 and 400 columns" in result.stderr, result.stderr
    assert spec.read_text() == "rule A: Tell the truth.\n"


def test_statistics_come_as_text_or_json_only(project, run):
    for fmt in ("sarif", "github"):
        result = run("check", "--statistics", "--format", fmt, "support.mspec", cwd=project)
        assert result.returncode == 2 and "--statistics" in result.stderr
    counts = json.loads(run("check", "--statistics", "--format", "json", "support.mspec", cwd=project).stdout)
    assert counts and all(set(row) == {"code", "name", "count"} for row in counts)


def test_no_color_and_colour_on_request(project, run):
    plain = run("check", "--format", "full", str(project / "support.mspec"), env={"NO_COLOR": "1"})
    forced = run("check", "--format", "full", str(project / "support.mspec"), env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in plain.stdout and "\x1b[" in forced.stdout


def test_lsp_command_is_wired(run):
    result = run("lsp", "--help")
    assert result.returncode == 0 and "--stdio" in result.stdout


def test_unreadable_inputs(tmp_path, run):
    (tmp_path / "folder.mspec").mkdir()
    (tmp_path / "folder.mspec" / "inner.mspec").write_text("rule A: Answer briefly.\n  rationale: Users read short answers.\n")
    os.symlink(tmp_path / "gone.mspec", tmp_path / "dangling.mspec")
    result = run("check", str(tmp_path / "dangling.mspec"))
    assert result.returncode == 2 and "no such file or directory" in result.stderr
    # a directory that looks like a spec is walked, not read as a file
    assert run("check", str(tmp_path / "folder.mspec")).returncode == 0
    blob = tmp_path / "blob.mspec"
    blob.write_bytes(b"\xff\xfe\x00\x00binary")
    result = run("check", str(blob))
    assert result.returncode == 2 and "binary" in result.stderr and "Traceback" not in result.stderr


def test_convert_and_export(tmp_path, run):
    source = DATA / "corpus" / "anti-scheming-spec" / "anti_scheming_spec_abridged.md"
    out = tmp_path / "anti.mspec"
    result = run("convert", str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr
    converted = out.read_text()
    assert "rule AS1: No covert actions" in converted
    # the converted spec is valid .mspec with the same rules
    assert run("check", "--select", "S001", str(out)).returncode == 0
    stdout = run("convert", str(source)).stdout
    assert stdout == converted
    records = [json.loads(line) for line in run("export", "--format", "jsonl", str(out)).stdout.splitlines()]
    assert [r["id"] for r in records][:3] == ["AS1", "AS2", "AS3"]
    as2 = next(r for r in records if r["id"] == "AS2")
    assert any(ref["id"] == "AS1" for ref in as2["references"])
    as_json = json.loads(run("export", "--format", "json", str(source)).stdout)
    assert {r["id"] for r in as_json["records"] if r["kind"] == "rule"} >= {"AS1", "GP4"}
    yaml_out = run("export", "--format", "yaml", str(out)).stdout
    assert "id: AS1" in yaml_out
    bad = run("convert", str(out))
    assert bad.returncode == 2 and "not a Markdown file" in bad.stderr


def test_results_made_by_other_code_of_the_same_version_are_not_reused(tmp_path):
    """An editable install or a checkout changes speclint's code and lexicons without changing
    its version: the results cache is keyed by what its files are, too."""
    import os

    from specdsl.workspace import cache, runner
    from specdsl.workspace.config import load_config

    lexicons = tmp_path / "lexicons"
    lexicons.mkdir()
    (lexicons / "vague.txt").write_text("appropriate\n")
    (lexicons / "notes.md").write_text("not code\n")
    before = cache.files_stamp([tmp_path])
    (lexicons / "notes.md").write_text("still not code, but longer\n")
    assert cache.files_stamp([tmp_path]) == before  # only code and data files count
    (lexicons / "vague.txt").write_text("appropriate\nreasonable\n")
    os.utime(lexicons / "vague.txt", ns=(1, 2))
    assert cache.files_stamp([tmp_path]) != before
    # and the key of every cached result holds the stamp of the installed package
    assert cache.code_stamp() in runner._cache_material(load_config(None), None)
