"""What `speclint check DIR` reads (issue 16, folders): `.mspec` files and agent
instruction files by default (`AGENTS.md`, `CLAUDE.md`, `copilot-instructions.md`
under `.github/`, `*.prompt.md`, `.cursorrules`), other Markdown only when the
configuration's `markdown:` globs name it; a folder with Markdown but no spec
says how to include it; `--only-specs` applies the same choice to named files."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_speclint

AGENT = "# Agent\n\n- Never delete the user's files.\n- Use good judgment when editing.\n"
NOT_A_SPEC = "# Tool\n\nContributors must never:\n\n- push to main\n- skip review\n"


def _project(root: Path) -> Path:
    (root / ".git").mkdir(parents=True)
    (root / "AGENTS.md").write_text(AGENT)
    (root / "CLAUDE.md").write_text(AGENT)
    (root / ".cursorrules").write_text("Never run shell commands as root.\n")
    (root / ".rules").write_text("* Never commit secrets.\n")  # Zed's rules file
    (root / ".cursor" / "rules").mkdir(parents=True)
    (root / ".cursor" / "rules" / "style.mdc").write_text("---\nalwaysApply: true\n---\n\n- Never use wildcard imports.\n")
    (root / ".github" / "prompts").mkdir(parents=True)
    (root / ".github" / "copilot-instructions.md").write_text(AGENT)
    (root / ".github" / "prompts" / "review.prompt.md").write_text(AGENT)
    (root / ".hidden").mkdir()
    (root / ".hidden" / "AGENTS.md").write_text(AGENT)  # other hidden folders stay unread
    (root / "README.md").write_text(NOT_A_SPEC)
    (root / "docs").mkdir()
    (root / "docs" / "guide.md").write_text(NOT_A_SPEC)
    (root / "policy.mspec").write_text("rule A: Answer in two sentences or fewer.\n  rationale: Users read short answers.\n")
    return root


def _linted(result) -> set[str]:
    data = json.loads(result.stdout)
    assert data["summary"]["files"] >= 1
    return {Path(d["path"]).as_posix() for d in data["diagnostics"]}


def test_a_folder_walk_reads_specs_and_agent_files_not_other_markdown(tmp_path):
    root = _project(tmp_path / "p")
    result = run_speclint("check", ".", "--format", "json", "--exit-zero", cwd=root)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"]["files"] == 8
    paths = _linted(result)
    assert {
        "AGENTS.md", "CLAUDE.md", ".cursorrules", ".rules", ".cursor/rules/style.mdc",
        ".github/copilot-instructions.md", ".github/prompts/review.prompt.md",
    } <= {p.removeprefix("./") for p in paths}
    assert not any(p.endswith(("README.md", "guide.md")) or ".hidden" in p for p in paths)


def test_an_html_page_is_linted_when_named_or_configured_never_by_a_walk(tmp_path):
    root = _project(tmp_path / "p")
    (root / "docs" / "conduct.html").write_text("<ul>\n<li>Never shout at a passenger.</li>\n</ul>\n")
    walked = {p.removeprefix("./") for p in _linted(run_speclint("check", ".", "--format", "json", "--exit-zero", cwd=root))}
    assert not any(p.endswith(".html") for p in walked)
    named = run_speclint("check", "docs/conduct.html", "--format", "json", "--exit-zero", cwd=root)
    assert json.loads(named.stdout)["summary"]["rules"] == 1, named.stdout + named.stderr
    (root / ".speclint.yaml").write_text('markdown: ["docs/*.html"]\n')
    configured = {p.removeprefix("./") for p in _linted(run_speclint("check", ".", "--format", "json", "--exit-zero", cwd=root))}
    assert "docs/conduct.html" in configured


def test_markdown_named_by_the_configuration_is_read(tmp_path):
    root = _project(tmp_path / "p")
    (root / ".speclint.yaml").write_text('markdown: ["docs/*.md"]\n')
    result = run_speclint("check", ".", "--format", "json", "--exit-zero", cwd=root)
    paths = {p.removeprefix("./") for p in _linted(result)}
    assert "docs/guide.md" in paths and "README.md" not in paths


def test_a_folder_of_markdown_without_a_spec_says_how_to_include_it(tmp_path):
    root = tmp_path / "docs"
    root.mkdir()
    (root / "README.md").write_text(NOT_A_SPEC)
    (root / "guide.md").write_text(NOT_A_SPEC)
    result = run_speclint("check", str(root))
    assert result.returncode == 2
    assert "no spec files" in result.stderr
    assert "GEMINI.md" in result.stderr and "*.instructions.md" in result.stderr and ".windsurfrules" in result.stderr  # every name a walk reads
    assert "2 Markdown files are not read as specs" in result.stderr and "markdown:" in result.stderr
    assert "Traceback" not in result.stderr


def test_only_specs_lints_the_named_files_a_walk_would(tmp_path):
    root = _project(tmp_path / "p")
    both = run_speclint("check", "--only-specs", "--format", "json", "--exit-zero", "README.md", "AGENTS.md", cwd=root)
    assert {p.removeprefix("./") for p in _linted(both)} == {"AGENTS.md"}
    # without the flag, a file named is linted as named
    named = run_speclint("check", "--format", "json", "--exit-zero", "README.md", cwd=root)
    assert json.loads(named.stdout)["summary"]["files"] == 1
    nothing = run_speclint("check", "--only-specs", "--format", "json", "README.md", cwd=root)
    assert nothing.returncode == 0, nothing.stderr
    assert json.loads(nothing.stdout)["summary"]["files"] == 0
