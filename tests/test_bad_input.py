"""Bad input never raises and never prints a traceback: it gets a clear message."""

from __future__ import annotations

import os

import pytest

from specdsl import lint, parse


def test_empty_file():
    spec = parse("")
    assert spec.diagnostics == [] and list(spec.rules()) == []
    assert lint("") == []


def test_only_blank_lines_and_comments():
    assert parse("\n\n   \n# a comment\n   # another\n").diagnostics == []


def test_binary_file_is_refused_by_the_cli(tmp_path, run):
    f = tmp_path / "blob.mspec"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = run("check", str(f))
    assert result.returncode == 2
    assert "binary file" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_invalid_utf8_names_the_position(tmp_path, run):
    f = tmp_path / "latin1.mspec"
    f.write_bytes("rule A: caf\xe9 au lait\n".encode("latin-1"))
    result = run("check", str(f))
    assert result.returncode == 2
    assert "latin1.mspec:1:12: is not valid UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_50_mb_file_is_refused_with_the_limit(tmp_path, run):
    f = tmp_path / "huge.mspec"
    line = "rule R: " + "x" * 90 + "\n"
    with open(f, "w") as handle:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    assert os.path.getsize(f) > 50 * 1024 * 1024
    result = run("check", str(f))
    assert result.returncode == 2
    assert "more than the limit of 10 MB" in result.stderr
    assert "max-file-size" in result.stderr


def test_tabs_mixed_with_spaces():
    text = "rule A: one\n\tsubrule A.1: tab\n  subrule A.2: spaces\n"
    spec = parse(text)
    assert any("mixes tabs and spaces" in d.message for d in spec.diagnostics)
    assert [r.id for r in spec.rules()][0] == "A"


def test_tabs_only_indentation_is_fine():
    spec = parse("rule A: one\n\tsubrule A.1: tab\n\t\tsubrule A.1.1: two tabs\n")
    assert spec.diagnostics == []
    assert [r.id for r in spec.rules()] == ["A", "A.1", "A.1.1"]


def test_500_deep_nesting():
    lines = ["rule R0: top"]
    for depth in range(1, 501):
        lines.append("  " * depth + f"subrule: level {depth}")
    text = "\n".join(lines) + "\n"
    spec = parse(text)
    assert spec.diagnostics == []
    ids = [r.id for r in spec.rules()]
    assert len(ids) == 501
    assert ids[-1] == "R0" + ".1" * 500
    assert all(d.code != "S001" for d in lint(text))
    from specdsl.tools.format import format_text

    assert format_text(text) == text


def test_500_deep_sections():
    lines = []
    for depth in range(500):
        lines.append("  " * depth + f'section "S{depth}":')
    lines.append("  " * 500 + "rule R: deep")
    text = "\n".join(lines) + "\n"
    spec = parse(text)
    assert spec.diagnostics == []
    assert [r.id for r in spec.rules()] == ["R"]


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x01\x02",
        "rule",
        "rule A",
        "rule A:",
        "[[[[",
        "   indented first line",
        "section \"unterminated:\n  rule A: x",
        "\ufeffrule A: bom",
        "rule A: x\r\n  rationale: crlf\r\n",
        "\u2028rule A: odd line separator",
        "# speclint: ignore[",
        "rule A: x\n" * 3 + "\t \t rule B: x\n",
    ],
)
def test_garbage_never_raises(text):
    spec = parse(text)
    for d in spec.diagnostics:
        assert 1 <= d.span.line and 1 <= d.span.column
        assert 0 <= d.span.offset <= d.span.end_offset <= len(text)
    lint(text)


def test_include_errors(tmp_path):
    (tmp_path / "ok.mspec").write_text("rule I1: included rule\n  rationale: because it is shared.\n")
    main = tmp_path / "main.mspec"
    text = (
        'include "ok.mspec"\n'
        'include "missing.mspec"\n'
        'include "../outside.mspec"\n'
        'include "main.mspec"\n'
        "rule M1: main rule\n  see: I1\n"
    )
    main.write_text(text)
    (tmp_path.parent / "outside.mspec").write_text("rule O: x\n")
    diags = lint(text, str(main), workspace=str(tmp_path))
    s006 = [d for d in diags if d.code == "S006"]
    messages = [d.message for d in s006]
    assert len(s006) == 3, messages
    assert "no such file" in messages[0]
    assert "outside the workspace" in messages[1]
    assert "include cycle: main.mspec -> main.mspec" in messages[2]
    assert not any(d.code == "S003" for d in diags)  # I1 resolved through the include


def test_include_cycle_through_two_files(tmp_path):
    (tmp_path / "a.mspec").write_text('include "b.mspec"\nrule A: a\n')
    (tmp_path / "b.mspec").write_text('include "a.mspec"\nrule B: b\n')
    text = (tmp_path / "a.mspec").read_text()
    diags = lint(text, str(tmp_path / "a.mspec"), workspace=str(tmp_path))
    assert any(d.code == "S006" for d in diags) is False  # the cycle is in b.mspec, not a's own lines
    from specdsl.linting.linter import LintOptions

    everywhere = lint(text, str(tmp_path / "a.mspec"), workspace=str(tmp_path), options=LintOptions(all_documents=True))
    cycle = [d for d in everywhere if d.code == "S006"]
    assert len(cycle) == 1 and "a.mspec -> b.mspec -> a.mspec" in cycle[0].message
    assert cycle[0].path.endswith("b.mspec")


def test_an_included_file_gets_the_checks_a_named_file_gets(tmp_path):
    # A pipe would block the read for ever; a NUL byte is a binary file.
    os.mkfifo(tmp_path / "pipe.mspec")
    (tmp_path / "blob.mspec").write_bytes(b"rule B1: Do \x00 it.\n")
    text = 'include "pipe.mspec"\ninclude "blob.mspec"\nrule M1: main rule\n'
    diags = lint(text, str(tmp_path / "main.mspec"), workspace=str(tmp_path))
    messages = [d.message for d in diags if d.code == "S006"]
    assert len(messages) == 2, messages
    assert "not a regular file" in messages[0]
    assert "binary file" in messages[1]


def test_a_symlink_loop_in_a_folder_is_skipped(tmp_path, run):
    (tmp_path / "good.mspec").write_text("rule A: Answer briefly.\n")
    os.symlink("l1.mspec", tmp_path / "l2.mspec")
    os.symlink("l2.mspec", tmp_path / "l1.mspec")
    result = run("check", "--no-cache", "--format", "concise", str(tmp_path))
    assert result.returncode == 1, result.stderr
    assert "good.mspec:1:6: R001" in result.stdout
    assert "internal error" not in result.stderr


@pytest.mark.parametrize("target", ["missing-dir/out.txt", "a-dir"])
def test_a_report_file_that_cannot_be_written_is_a_clear_error(tmp_path, run, target):
    (tmp_path / "a-dir").mkdir()
    spec = tmp_path / "s.mspec"
    spec.write_text("rule A: Answer briefly.\n")
    for args in (("check", "-o", target, "s.mspec"), ("check", "--write-baseline", target, "s.mspec"), ("export", "s.mspec", "-o", target)):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 2, args
        assert result.stderr.startswith(f"speclint: error: {target}: cannot write: "), result.stderr
        assert "internal error" not in result.stderr and ".tmp" not in result.stderr
    assert run("check", "-o", "", "s.mspec", cwd=tmp_path).returncode == 2


def test_a_small_size_limit_is_said_in_bytes(tmp_path, run):
    (tmp_path / ".speclint.yaml").write_text("max-file-size: 10\n")
    (tmp_path / "s.mspec").write_text("rule A: Answer briefly.\n")
    result = run("check", str(tmp_path / "s.mspec"))
    assert result.returncode == 2
    assert "is 24 bytes, more than the limit of 10 bytes for one spec" in result.stderr


def test_a_source_error_crosses_processes_intact():
    # Files are linted in worker processes; their errors come back pickled.
    import pickle

    from specdsl.core.sources import SourceError

    error = pickle.loads(pickle.dumps(SourceError("a.mspec", "is a directory")))
    assert str(error) == "a.mspec: is a directory" and error.reason == "is a directory"


def test_a_dependency_missing_is_said_with_how_to_install_it(tmp_path):
    """speclint installed without its dependencies (`pip install --no-deps`): the command says
    which module is missing and how to install them, not "internal error … please report it"."""
    import subprocess
    import sys

    shadow = tmp_path / "shadow" / "snowballstemmer"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'snowballstemmer'\", name='snowballstemmer')\n"
    )
    spec = tmp_path / "desk.mspec"
    spec.write_text("rule D1: Never quote fares.\n")
    env = dict(os.environ, PYTHONPATH=str(shadow.parent))
    done = subprocess.run([sys.executable, "-m", "specdsl.cli", "check", str(spec)], capture_output=True, text=True,
                          env=env, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "`snowballstemmer` is not installed" in done.stderr
    assert "pip install" in done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
