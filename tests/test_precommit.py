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


def try_repo(hook: str, *files: str, cwd: Path, ref: str | None = None):
    env = dict(os.environ)
    # the hook environments are built once and kept beside the checkout (ignored by git)
    env["PRE_COMMIT_HOME"] = str(ROOT / ".cache" / "pre-commit")
    return subprocess.run(
        [PRE_COMMIT, "try-repo", str(ROOT), hook, *(["--ref", ref] if ref else []), "--files", *files],
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
    # a conflict (C001) is an error in an agent file too; R001, V001 and V003 findings there are info
    (repo / "AGENTS.md").write_text("# Agent\n\n- Never delete the user's files.\n- Delete the user's files after each run.\n")
    result = try_repo("speclint", "README.md", "AGENTS.md", cwd=repo)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "AGENTS.md:" in result.stdout and "README.md:" not in result.stdout
    alone = try_repo("speclint", "README.md", cwd=repo)
    assert alone.returncode == 0, alone.stdout + alone.stderr


def _readme_snippet() -> tuple[str, list[str]]:
    """The rev and the hook ids of the README's `.pre-commit-config.yaml` snippet, as written."""
    import re

    from ruamel.yaml import YAML

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "repos:" in b and "speclint" in b)
    (entry,) = YAML(typ="safe").load(block)["repos"]
    return str(entry["rev"]), [h["id"] for h in entry["hooks"]]


def test_the_readme_snippet_works_at_its_documented_rev(repo):
    from specdsl import __version__

    rev, hooks = _readme_snippet()
    assert rev == f"v{__version__}", f"the README's pre-commit snippet names {rev}, the package is {__version__}"
    assert hooks == ["speclint", "speclint-fmt"]
    tags = subprocess.run(["git", "tag", "--list"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    if tags:
        assert rev in tags, f"the README's pre-commit snippet names rev {rev}, which this repository does not have: git tag {rev}"
    else:
        rev = "HEAD"  # a clone made without tags cannot show the release's tag: the hooks as of this commit
    for hook in hooks:
        result = try_repo(hook, "clean.mspec", cwd=repo, ref=rev)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Passed" in result.stdout
    flawed = try_repo("speclint", "flawed.mspec", cwd=repo, ref=rev)
    assert flawed.returncode == 1 and "C001" in flawed.stdout, flawed.stdout + flawed.stderr
