"""The installed `speclint` executable, driven as a user would."""

from __future__ import annotations

import json

from conftest import REFERENCE

CLEAN = (
    "rule A: Cite a source for each factual claim.\n"
    "  rationale: Readers can then check each claim, so their trust rests on evidence.\n"
)
BROKEN = (
    "rule A [hard, levle: root]: Text.\n"
    "rule B: Answer in the language of the question.\n"
    "  rationale: Users read answers best in their own language.\n"
    "  see: Z\n"
)


def test_reference_is_clean(run):
    result = run("check", str(REFERENCE))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings in 1 file, 8 rules" in result.stdout


def test_findings_exit_1_and_concise_lines(tmp_path, run):
    f = tmp_path / "b.mspec"
    f.write_text(BROKEN)
    result = run("check", str(f))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{f}:1:15: S001 [error] unknown attribute `levle:`; a rule takes `hard`, `level: NAME`, `priority: N` and `tags: a, b`, separated by commas"
    assert lines[1].startswith(f"{f}:4:8: S003 [error] `see:` names `Z`")
    assert "Found 2 findings (2 errors)" in lines[-1]


def test_json_contract(tmp_path, run):
    f = tmp_path / "b.mspec"
    f.write_text(BROKEN)
    result = run("check", "--format", "json", str(f))
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["version"] == 1
    first = data["diagnostics"][0]
    assert set(first) == {"path", "code", "name", "severity", "message", "rule", "range", "related", "fix"}
    assert first["range"] == {"start": {"line": 1, "column": 15}, "end": {"line": 1, "column": 20}}
    assert first["code"] == "S001" and first["name"] == "syntax-error" and first["severity"] == "error"
    second = data["diagnostics"][1]
    assert second["rule"] == "B"
    assert data["summary"]["by_severity"] == {"error": 2, "warning": 0, "info": 0}
    assert data["summary"]["by_code"] == {"S001": 1, "S003": 1}
    assert data["summary"]["files"] == 1 and data["summary"]["tier"] == "lexical"


def test_folders_are_walked(tmp_path, run):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.mspec").write_text(CLEAN)
    (tmp_path / "b.mspec").write_text(CLEAN)
    (tmp_path / "notes.txt").write_text("not a spec")
    result = run("check", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings in 2 files" in result.stdout


def test_usage_errors_exit_2_with_one_line(tmp_path, run):
    for args, expected in [
        (["check", str(tmp_path / "missing.mspec")], "no such file or directory"),
        (["check", str(tmp_path)], "no spec files"),
        (["check", "--select", "Q123", str(REFERENCE)], "`Q123` is not a check code"),
        (["check", "--fail-on", "fatal", str(REFERENCE)], "invalid choice"),
        (["frobnicate"], "invalid choice"),
    ]:
        result = run(*args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert expected in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_a_folder_without_a_spec_counts_the_markdown_the_configuration_does_not_exclude(tmp_path, run):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".speclint.yaml").write_text('exclude: ["vendor"]\n')
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "theirs.md").write_text("# Theirs\n")
    (tmp_path / "guide.md").write_text("# Guide\n")
    result = run("check", str(tmp_path))
    assert result.returncode == 2, result.stderr
    assert "1 Markdown file is not read as specs by default" in result.stderr and "guide.md" in result.stderr, result.stderr


def test_a_walk_that_finds_a_spec_does_not_match_the_markdown_it_passes_over_against_exclude(tmp_path, monkeypatch):
    # Which Markdown a folder walk passed over matters only for the message of a folder without a spec.
    from specdsl.workspace import runner
    from specdsl.workspace.config import LoadedConfig

    (tmp_path / ".git").mkdir()
    (tmp_path / ".speclint.yaml").write_text('exclude: ["vendor"]\n')
    (tmp_path / "a.mspec").write_text(CLEAN)
    for i in range(20):
        (tmp_path / f"page{i}.md").write_text("# Page\n")
    asked: list[str] = []
    real = LoadedConfig.excluded
    monkeypatch.setattr(LoadedConfig, "excluded", lambda self, file: asked.append(str(file)) or real(self, file))
    assert runner.collect([str(tmp_path)]) == [str(tmp_path / "a.mspec")]
    assert asked == [str(tmp_path / "a.mspec")]


def test_select_ignore_and_fail_on(tmp_path, run):
    f = tmp_path / "b.mspec"
    f.write_text(BROKEN)
    assert run("check", "--ignore", "S", str(f)).returncode == 0
    only = run("check", "--select", "S003", str(f))
    assert only.returncode == 1 and "S001" not in only.stdout and "S003" in only.stdout
    assert run("check", "--exit-zero", str(f)).returncode == 0


def test_malformed_config_is_a_clear_error(tmp_path, run):
    (tmp_path / ".speclint.yaml").write_text("select: [S]\nignroe: [S001]\n")
    (tmp_path / "a.mspec").write_text(CLEAN)
    result = run("check", str(tmp_path / "a.mspec"))
    assert result.returncode == 2
    assert ".speclint.yaml:2: unknown key `ignroe`" in result.stderr
    (tmp_path / ".speclint.yaml").write_text("fail-on: sometimes\n")
    result = run("check", str(tmp_path / "a.mspec"))
    assert result.returncode == 2 and ".speclint.yaml:1: bad value for `fail-on`" in result.stderr
    (tmp_path / ".speclint.yaml").write_text("select: [S\n")
    result = run("check", str(tmp_path / "a.mspec"))
    assert result.returncode == 2 and "invalid YAML" in result.stderr


def test_output_file(tmp_path, run):
    out = tmp_path / "report.json"
    result = run("check", "--format", "json", "--output-file", str(out), str(REFERENCE))
    assert result.returncode == 0 and result.stdout == ""
    assert json.loads(out.read_text())["diagnostics"] == []


COMMAND_LINES = [
    ["check", "--format", "json", "--select", "R,V001", "-j", "2", "--no-cache", "--show-rules", "a.mspec", "b"],
    ["--verbose", "check"],
    ["fix", "--diff", "--unsafe-fixes", "x.mspec"],
    ["rule", "R001", "--format", "json"],
    ["rules", "AGENTS.md", "--format", "json", "--config", "c.yaml"],
    ["stats", "--format", "text", "."],
    ["init", "--force", "conf.yaml"],
    ["diff", "old.mspec", "new.mspec", "--format", "json"],
    ["convert", "spec.md", "-o", "spec.mspec"],
    ["export", "a.mspec", "--format", "jsonl"],
    ["lsp", "--stdio"],
    ["fmt", "--check", "--wrap", "80", "check"],  # a path named like a command
    ["report", "specs", "-o", "r.html", "--against", "old", "--select", "R"],
]


def test_the_parser_for_one_command_reads_its_lines_like_the_full_parser():
    from specdsl.cli import _SUBCOMMANDS, _command_in, build_parser

    assert {line[0] if line[0] != "--verbose" else line[1] for line in COMMAND_LINES} == set(_SUBCOMMANDS)
    for line in COMMAND_LINES:
        command = _command_in(line)
        assert command == (line[1] if line[0] == "--verbose" else line[0])
        assert build_parser(command).parse_args(line) == build_parser().parse_args(line), line
    assert _command_in(["--version"]) is None and _command_in(["chek"]) is None


def test_help_and_typos_still_list_every_command(run):
    listed = run("--help").stdout
    for name in ("check", "fix", "rule", "stats", "init", "diff", "convert", "export", "lsp", "fmt", "report"):
        assert f"    {name} " in listed, name
    assert "--no-cache" in run("check", "--help").stdout
    typo = run("chek")
    assert typo.returncode == 2 and "invalid choice: 'chek'" in typo.stderr and "'fmt'" in typo.stderr


def test_the_command_runs_as_a_module():
    # the VS Code extension's `speclint.interpreter` setting runs `<python> -m specdsl.cli lsp`
    import subprocess
    import sys

    from specdsl import __version__

    done = subprocess.run([sys.executable, "-m", "specdsl.cli", "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert __version__ in done.stdout
