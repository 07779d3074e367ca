"""The test suite never changes the machine: `bash scripts/test` installs what
the end-to-end tests drive (Debian packages, the extension's npm packages,
code-server), saying so, before it runs pytest; pytest installs nothing.

Each test here runs on a machine made without those tools: a PATH with every
program of this one except the editors, Chromium, Node and the package
managers, whose places are taken by stand-ins that only record their calls.
`id -u` answers 0 there, as in CI and containers, where an installer would
have the rights to run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# What the end-to-end tests drive, and every way to install something.
INSTALLERS = ("apt-get", "apt", "aptitude", "dpkg", "sudo", "npm", "npx", "pip", "pip3", "curl", "wget", "snap")
TOOLS = ("nvim", "emacs", "chromium", "chromium-browser", "rg", "node", "nodejs", "code-server")
HIDDEN = set(INSTALLERS) | set(TOOLS)


def machine_without_tools(tmp_path: Path, *, uid: int = 0) -> tuple[dict[str, str], Path]:
    """An environment whose PATH lacks the tools, and the file where the
    stand-in installers write each call they get (one line each)."""
    calls = tmp_path / "installer-calls.log"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in INSTALLERS:
        stand_in = bin_dir / name
        stand_in.write_text(f'#!/bin/sh\nprintf \'%s\\n\' "{name} $*" >>"{calls}"\nexit 0\n')
        stand_in.chmod(0o755)
    real_id = shutil.which("id")
    fake_id = bin_dir / "id"
    fake_id.write_text(f'#!/bin/sh\nif [ "$1" = -u ]; then echo {uid}; else exec "{real_id}" "$@"; fi\n')
    fake_id.chmod(0o755)
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if not os.path.isdir(folder):
            continue
        for entry in os.scandir(folder):
            name = entry.name
            if name in HIDDEN or name.startswith(("pip", "python3-")) or (bin_dir / name).exists():
                continue
            (bin_dir / name).symlink_to(entry.path)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "SPECLINT_E2E_")) and key != "SPECLINT_SKIP_SYSTEM"
    }
    env["PATH"] = str(bin_dir)
    env["SPECLINT_E2E_CACHE"] = str(tmp_path / "e2e-cache")
    return env, calls


def recorded(calls: Path) -> list[str]:
    return calls.read_text().splitlines() if calls.exists() else []


def test_end_to_end_tests_fail_naming_the_install_command_and_install_nothing(tmp_path):
    env, calls = machine_without_tools(tmp_path)
    report = tmp_path / "report.xml"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-o", "addopts=", f"--junitxml={report}",
         "tests/vscode", "tests/editors"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert recorded(calls) == [], f"the tests ran installers: {recorded(calls)}\n{proc.stdout[-3000:]}"
    outcomes = {}
    for case in ET.parse(report).iter("testcase"):
        failure = case.find("failure")
        outcomes[case.get("name")] = (
            "skipped" if case.find("skipped") is not None else "error" if case.find("error") is not None else "failed" if failure is not None else "passed",
            failure.get("message", "") if failure is not None else "",
        )
    assert set(outcomes) == {"test_vscode_extension_end_to_end", "test_neovim_headless", "test_emacs_eglot"}, proc.stdout[-3000:]
    for name, (outcome, message) in outcomes.items():
        assert outcome == "failed", f"{name} {outcome} instead of failing: {message}"
        assert "bash scripts/test" in message, f"{name} does not name the command that installs what it needs: {message}"
    assert "apt-get install -y --no-install-recommends neovim" in outcomes["test_neovim_headless"][1]
    assert "elpa-eglot" in outcomes["test_emacs_eglot"][1]
    vscode = outcomes["test_vscode_extension_end_to_end"][1]
    assert "Chromium is not installed" in vscode and "Node.js 20 is not installed" in vscode, vscode
    assert "chromium" in vscode.split("apt-get install", 1)[1], vscode
    assert proc.returncode == 1, proc.stdout[-3000:]


def run_scripts_test(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run scripts/test in an empty checkout, with a virtual environment whose
    Python fails: if the script ever went past the Debian packages, it would
    stop there instead of installing or testing anything."""
    checkout = tmp_path / "checkout"
    (checkout / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "test", checkout / "scripts" / "test")
    shutil.copy(ROOT / "pyproject.toml", checkout / "pyproject.toml")
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text("#!/bin/sh\nexit 1\n")
    python.chmod(0o755)
    return subprocess.run(
        ["bash", "scripts/test"],
        cwd=checkout,
        env=dict(env, SPECLINT_VENV=str(venv)),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_scripts_test_without_root_or_sudo_names_the_packages_and_stops(tmp_path):
    env, calls = machine_without_tools(tmp_path, uid=1000)
    for name in ("sudo", "npm"):
        (tmp_path / "bin" / name).unlink()
    proc = run_scripts_test(tmp_path, env)
    assert proc.returncode == 1, proc.stderr
    assert recorded(calls) == []
    assert "needs root, and sudo is not installed" in proc.stderr
    line = next(line for line in proc.stderr.splitlines() if "apt-get install" in line)
    for package in ("neovim", "emacs-nox", "elpa-eglot", "chromium", "ripgrep", "nodejs", "npm"):
        assert package in line.split(), (package, line)
    assert "SPECLINT_SKIP_SYSTEM=1 bash scripts/test" in proc.stderr
    assert "2/4" not in proc.stderr, "it went on past the Debian packages"


@pytest.mark.parametrize(
    ("uid", "prefix"),
    [(0, []), (1000, ["sudo", "env", "DEBIAN_FRONTEND=noninteractive"])],
    ids=["root", "user-with-sudo"],
)
def test_scripts_test_installs_only_what_is_missing_and_says_so(tmp_path, uid, prefix):
    env, calls = machine_without_tools(tmp_path, uid=uid)
    (tmp_path / "bin" / "npm").unlink()
    proc = run_scripts_test(tmp_path, env)
    made = recorded(calls)
    assert len(made) == 2, made
    assert made[0].split() == [*prefix, "apt-get", "update", "-qq"], made
    install = made[1].split()
    assert install[: len(prefix) + 5] == [*prefix, "apt-get", "install", "-y", "-q", "--no-install-recommends"], made
    for package in ("neovim", "emacs-nox", "elpa-eglot", "chromium", "ripgrep", "nodejs", "npm"):
        assert package in install, (package, made)
        assert f"missing {package}: " in proc.stderr, proc.stderr
    for program in ("g++", "make"):
        there = shutil.which(program, path=env["PATH"]) is not None
        assert (program in install) is not there, (program, "found" if there else "missing", made)
    assert " ".join(install) in proc.stderr, "the install command is not shown"
    # It went on to the virtual environment (whose Python here fails) and stopped there.
    assert "2/4" in proc.stderr and proc.returncode == 1, proc.stderr
