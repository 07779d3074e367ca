"""The VS Code extension in a real VS Code.

Runs `vscode-extension/e2e/run.sh`: it type-checks, lints and unit-tests the
extension, builds its .vsix, opens the examples in code-server (VS Code in the
browser) with the extension installed and drives the UI with Debian's
Chromium: diagnostics in the Problems panel, hover, quick fix, outline,
commands, settings, restart after a crash, and activation in under a second.

It installs nothing. It needs Node 20, npm and Chromium, the extension's npm
packages and code-server (under `.cache/vscode-e2e/`): `bash scripts/test`
installs them all before it runs pytest; without them the test fails and
says so. Screenshots and logs: `.cache/vscode-e2e/artifacts/`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "vscode-extension" / "e2e" / "run.sh"
TIMEOUT_S = 25 * 60
# run.sh's exit status when something it needs is missing (it names it).
MISSING = 3


def test_vscode_extension_end_to_end():
    cache = Path(os.environ.get("SPECLINT_E2E_CACHE", ROOT / ".cache" / "vscode-e2e"))
    artifacts = Path(os.environ.get("SPECLINT_E2E_ARTIFACTS", cache / "artifacts"))
    artifacts.mkdir(parents=True, exist_ok=True)
    log = artifacts / "e2e.log"
    env = dict(
        os.environ,
        SPECLINT_PYTHON=sys.executable,
        SPECLINT_E2E_CACHE=str(cache),
        SPECLINT_E2E_ARTIFACTS=str(artifacts),
    )
    try:
        proc = subprocess.run(
            ["bash", str(SCRIPT)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=TIMEOUT_S,
        )
        output = proc.stdout
    except subprocess.TimeoutExpired as error:
        output = error.stdout.decode() if isinstance(error.stdout, bytes) else (error.stdout or "")
        log.write_text(output, encoding="utf-8")
        pytest.fail(
            f"the VS Code end-to-end test did not finish in {TIMEOUT_S // 60} minutes; log: {log}\n"
            + "\n".join(output.splitlines()[-40:]),
            pytrace=False,
        )
    log.write_text(output, encoding="utf-8")
    if proc.returncode == MISSING:
        pytest.fail("\n".join(line for line in output.splitlines() if line.startswith("[e2e]")), pytrace=False)
    if proc.returncode != 0:
        steps = [line for line in output.splitlines() if "✓" in line or "✗" in line]
        tail = output.splitlines()[-40:]
        pytest.fail(
            f"the VS Code end-to-end test failed (exit code {proc.returncode}).\n"
            f"Log: {log}\nScreenshots and VS Code's logs: {artifacts}\n\n"
            + ("Steps:\n" + "\n".join(steps) + "\n\n" if steps else "")
            + "Last lines:\n"
            + "\n".join(tail),
            pytrace=False,
        )
    assert "vscode-e2e:" in output and " 0 failed" in output, output[-2000:]
    for name in ("problems.png", "hover.png"):
        assert (artifacts / name).stat().st_size > 10_000, f"{name} was not saved"
