"""A folder walk stays in the workspace: a repository is untrusted input.

A pull request can commit symbolic links. When speclint walks a folder
(`check`, `fmt`, `fix`, `stats`, `export` of a folder), a link to a file
outside the workspace (or into `.git/`) is skipped with a note naming it:
nothing outside is read into a report, and nothing outside is rewritten.
Links that stay inside the workspace still work, and a file the user names
on the command line is taken as named, through a link too.

Each test builds a small hostile repository in `tmp_path` and drives the
installed `speclint`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

#: Badly laid out, with a suppression that suppresses nothing: `fmt` and `fix` would both rewrite it.
UNTIDY = "# speclint: ignore[V002] reason: drafted\nrule A:  Tell  the truth, SECRET-IN-SPEC.\n  rationale: Users trust us.\n"
CLEAN = "rule B: Answer in two sentences or fewer.\n  rationale: Users read short answers.\n"


def hostile_repo(tmp_path: Path) -> Path:
    """repo/ (a git work tree) with links out of it; the files they lead to beside it."""
    (tmp_path / "outside.mspec").write_text(UNTIDY)
    (tmp_path / "passwd").write_text("root:x:0:0:SECRET-IN-PASSWD:/root:/bin/bash\n")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "far.mspec").write_text(UNTIDY)
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".git" / "config").write_text('[http]\n\textraheader = AUTHORIZATION: basic SECRET-IN-GIT\n')
    (repo / "ok.mspec").write_text(CLEAN)
    os.symlink("../outside.mspec", repo / "link.mspec")
    os.symlink("../passwd", repo / "pw.mspec")
    os.symlink(tmp_path / "outside.mspec", repo / "absolute.mspec")
    os.symlink(".git/config", repo / "git.mspec")
    (repo / "sub").mkdir()
    os.symlink("../../outside.mspec", repo / "sub" / "up.mspec")
    os.symlink("../elsewhere", repo / "linked-folder")
    return repo


SKIPPED = ["link.mspec", "pw.mspec", "absolute.mspec", "git.mspec", os.path.join("sub", "up.mspec")]


def test_check_of_a_folder_reads_nothing_outside_the_workspace(tmp_path, run):
    repo = hostile_repo(tmp_path)
    result = run("check", "--no-cache", "--format", "concise", ".", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SECRET" not in result.stdout + result.stderr
    assert "in 1 file" in result.stdout
    notes = [line for line in result.stderr.splitlines() if line.startswith("speclint: note: ")]
    assert sorted(notes) == sorted(
        f"speclint: note: {name}: skipped: "
        + ("a symbolic link into .git/" if name == "git.mspec" else "a symbolic link to a file outside the workspace (repo/)")
        for name in SKIPPED
    ), result.stderr
    report = json.loads(run("check", "--no-cache", "--format", "json", ".", cwd=repo).stdout)
    assert report["summary"]["files"] == 1 and report["diagnostics"] == []


def test_fmt_and_fix_of_a_folder_never_write_outside_but_do_inside(tmp_path, run):
    repo = hostile_repo(tmp_path)
    # a link inside the workspace, found by walking a subfolder: still followed
    (repo / "shared").mkdir()
    (repo / "shared" / "real.mspec").write_text(UNTIDY)
    (repo / "specs").mkdir()
    os.symlink("../shared/real.mspec", repo / "specs" / "alias.mspec")
    outside = [tmp_path / "outside.mspec", tmp_path / "passwd", tmp_path / "elsewhere" / "far.mspec"]
    before = {p: p.read_bytes() for p in outside}
    results = [run(*command, cwd=repo) for command in (("fmt", "."), ("fix", "."), ("fix", "--unsafe-fixes", "."), ("fmt", "specs"))]
    assert {p: p.read_bytes() for p in outside} == before
    for result in results[:3]:
        assert "internal error" not in result.stderr and "link.mspec: skipped" in result.stderr, result.stderr
    assert (repo / "specs" / "alias.mspec").is_symlink()
    assert (repo / "shared" / "real.mspec").read_text() == "rule A: Tell  the truth, SECRET-IN-SPEC.\n  rationale: Users trust us.\n"
    # Named on the command line, a link is the user's own choice: written through.
    assert run("fmt", "link.mspec", cwd=repo).returncode == 0
    assert "rule A: Tell  the truth" in (tmp_path / "outside.mspec").read_text()
    assert (repo / "link.mspec").is_symlink()


def test_stats_and_export_of_a_folder_leave_out_links_outside(tmp_path, run):
    repo = hostile_repo(tmp_path)
    stats = run("stats", "--format", "json", ".", cwd=repo)
    assert stats.returncode == 0, stats.stderr
    assert [f["name"] for f in json.loads(stats.stdout)["files"]] == ["ok.mspec"]
    export = run("export", "--format", "json", ".", cwd=repo)
    assert export.returncode == 0, export.stderr
    assert "SECRET" not in export.stdout
    assert [r["id"] for r in json.loads(export.stdout)["records"]] == ["B"]
    assert "pw.mspec: skipped" in stats.stderr and "pw.mspec: skipped" in export.stderr


def test_a_note_shows_a_hostile_link_name_escaped(tmp_path, run):
    repo = hostile_repo(tmp_path)
    name = "evil\n::error file=x.mspec::pwned\x1b[2J.mspec"
    os.symlink("../outside.mspec", repo / name)
    result = run("check", "--no-cache", "--format", "concise", ".", cwd=repo)
    assert "\x1b" not in result.stderr and "\n::error" not in result.stderr
    assert "speclint: note: evil\\n::error file=x.mspec::pwned\\x1b[2J.mspec: skipped:" in result.stderr


def test_a_gitignore_that_is_a_link_is_not_read(tmp_path, run):
    # git (since 2.32) reads no .gitignore that is a symbolic link: it could lead anywhere
    repo = hostile_repo(tmp_path)
    (tmp_path / "ignore-everything").write_text("*.mspec\n")
    os.symlink("../ignore-everything", repo / ".gitignore")
    result = run("check", "--no-cache", "--format", "json", ".", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["files"] == 1
