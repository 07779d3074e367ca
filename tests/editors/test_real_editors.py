"""Real editors as clients: headless Neovim (built-in LSP client) and Emacs
with eglot open the flawed example and receive speclint's diagnostics.

They need Debian's neovim, emacs-nox and elpa-eglot, which `bash scripts/test`
installs; the tests never install them, and fail saying so when they are
missing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FLAWED = ROOT / "examples" / "flawed" / "support-assistant.mspec"
SPECLINT = shutil.which("speclint")


def expected_codes() -> set[str]:
    from specdsl import lint

    return {d.code for d in lint(FLAWED.read_text(encoding="utf-8"), str(FLAWED))}


INSTALL = "run `bash scripts/test`, which installs it, or as root: apt-get install -y --no-install-recommends {}"


def need(program: str, package: str) -> str:
    """The path of `program`, or a failure naming the command that installs it."""
    path = shutil.which(program)
    if path is None:
        pytest.fail(f"{program} is not installed: " + INSTALL.format(package), pytrace=False)
    return path


def need_eglot(emacs: str) -> None:
    """Emacs 28 has no eglot of its own: Debian's elpa-eglot brings it."""
    probe = subprocess.run([emacs, "--batch", "--eval", "(require 'eglot)"], capture_output=True, timeout=60)
    if probe.returncode != 0:
        pytest.fail("Emacs cannot load eglot: " + INSTALL.format("elpa-eglot"), pytrace=False)


@pytest.fixture
def spec(tmp_path):
    target = tmp_path / "support-assistant.mspec"
    shutil.copy(FLAWED, target)
    (tmp_path / ".git").mkdir()
    return target


def test_neovim_headless(spec, tmp_path):
    nvim = need("nvim", "neovim")
    out = tmp_path / "nvim.json"
    hover_line = next(i for i, line in enumerate(spec.read_text().splitlines()) if "rule ID1" in line)
    env = dict(os.environ, SPEC=str(spec), OUT=str(out), SPECLINT=SPECLINT or "speclint", HOVER_LINE=str(hover_line), HOVER_CHAR="8")
    subprocess.run(
        [nvim, "--headless", "-u", "NONE", "-i", "NONE", "-c", f"luafile {HERE / 'nvim_check.lua'}"],
        env=env,
        timeout=120,
        capture_output=True,
        cwd=tmp_path,
    )
    data = json.loads(out.read_text())
    assert data["ok"], data
    codes = {d["code"] for d in data["diagnostics"]}
    assert codes == expected_codes()
    assert all(d["source"] == "speclint" for d in data["diagnostics"])
    c001 = [d for d in data["diagnostics"] if d["code"] == "C001"]
    assert [d["line"] for d in c001] == [29, 36]
    assert "**ID1**" in data["hover"] and "hard" in data["hover"]


def test_emacs_eglot(spec, tmp_path):
    emacs = need("emacs", "emacs-nox elpa-eglot")
    need_eglot(emacs)
    out = tmp_path / "emacs.json"
    env = dict(os.environ, SPEC=str(spec), OUT=str(out), SPECLINT=SPECLINT or "speclint", HOME=str(tmp_path))
    subprocess.run(
        [emacs, "--batch", "-l", str(HERE / "eglot_check.el")],
        env=env,
        timeout=180,
        capture_output=True,
        cwd=tmp_path,
    )
    data = json.loads(out.read_text())
    assert data.get("server") is True, data
    messages = [d["message"] for d in data["diagnostics"]]
    codes = {m.split("[", 1)[1].split("]", 1)[0] for m in messages if "[" in m}
    assert codes == expected_codes()
    s002 = next(d for d in data["diagnostics"] if "[S002]" in d["message"])
    assert s002["line"] == 126 and s002["type"] == "eglot-error"
