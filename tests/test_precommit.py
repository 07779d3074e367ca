"""The pre-commit hooks, run by the real `pre-commit try-repo` against this checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

PRE_COMMIT = shutil.which("pre-commit", path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
CLEAN = (EXAMPLES / "coding-agent.mspec").read_text(encoding="utf-8")
FLAWED = (EXAMPLES / "flawed" / "support-assistant.mspec").read_text(encoding="utf-8")


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    if PRE_COMMIT is None:
        pytest.fail("pre-commit is not installed; install the dev extras")
    path = tmp_path_factory.mktemp("specs")
    git("init", "-q", cwd=path)
    git("config", "user.email", "t@example.invalid", cwd=path)
    git("config", "user.name", "t", cwd=path)
    (path / "clean.mspec").write_text(CLEAN)
    (path / "flawed.mspec").write_text(FLAWED)
    (path / "messy.mspec").write_text("rule   A:  Cite sources.\n  rationale: Readers check, so trust grows.\n")
    git("add", ".", cwd=path)
    git("commit", "-qm", "specs", cwd=path)
    return path


def try_repo(hook: str, *files: str, cwd: Path):
    env = dict(os.environ)
    # the hook environments are built once and kept beside the checkout (ignored by git)
    env["PRE_COMMIT_HOME"] = str(ROOT / ".cache" / "pre-commit")
    return subprocess.run(
        [PRE_COMMIT, "try-repo", str(ROOT), hook, "--files", *files],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


def test_check_hook_fails_on_the_flawed_spec(repo):
    result = try_repo("speclint", "flawed.mspec", cwd=repo)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "flawed.mspec:" in result.stdout and "C001" in result.stdout


def test_check_hook_passes_on_the_clean_spec(repo):
    result = try_repo("speclint", "clean.mspec", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_fmt_hook_rewrites_a_messy_spec(repo):
    result = try_repo("speclint-fmt", "messy.mspec", cwd=repo)
    assert result.returncode == 1  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in result.stdout
    assert (repo / "messy.mspec").read_text().startswith("rule A: Cite sources.\n")
    again = try_repo("speclint-fmt", "messy.mspec", cwd=repo)
    assert again.returncode == 0, again.stdout


def test_check_hook_lints_agent_files_but_not_the_readme(repo):
    # a project's own README is not a spec, even with a list that reads like rules (issue 19)
    (repo / "README.md").write_text("# Tool\n\nContributors must never:\n\n- push to main\n- skip review\n")
    (repo / "AGENTS.md").write_text("# Agent\n\n- Never delete the user's files.\n- Use good judgment when editing.\n")
    result = try_repo("speclint", "README.md", "AGENTS.md", cwd=repo)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "AGENTS.md:" in result.stdout and "README.md:" not in result.stdout
    alone = try_repo("speclint", "README.md", cwd=repo)
    assert alone.returncode == 0, alone.stdout + alone.stderr
