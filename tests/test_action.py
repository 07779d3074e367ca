"""The GitHub Action (`action.yml`), run step by step as the runner runs a composite action.

No `act` and no network: the steps are read from action.yml, their `${{ … }}`
expressions (`inputs.*`, `steps.*.outputs.*`) worked out from the inputs and
the outputs of earlier steps, their `if:` conditions evaluated, and each
`run:` script executed with `bash --noprofile --norc -eo pipefail` (the
runner's `shell: bash`) in a temporary repository, with `GITHUB_OUTPUT` a
file. A step that `uses:` another action (setup-python, upload-sarif,
upload-artifact) is not run; the test checks what it would be given. `python`
is a stand-in that records its arguments, so the install step's pip command is
checked without installing anything; `speclint` is this checkout's.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
ACTION = ROOT / "action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")

FLAWED = """spec "Support assistant"

section "Refunds":
  rule RF1: Tell the customer why a refund was refused.
    rationale: Customers who know the reason can fix the problem.
  rule RF2: Never tell the customer why a refund was refused.
    rationale: Reasons teach abusers how to pass the checks.

section "Tone":
  rule TN1: Use good judgment about tone where possible.
"""


def action() -> dict:
    return YAML(typ="safe").load(ACTION.read_text(encoding="utf-8"))


class Runner:
    """Runs the steps of action.yml for given inputs, as the Actions runner would."""

    def __init__(self, workspace: Path, tmp_path: Path, inputs: dict[str, str]):
        spec = action()
        self.inputs = {name: str(entry.get("default", "")) for name, entry in spec["inputs"].items()}
        unknown = set(inputs) - set(self.inputs)
        assert not unknown, f"not inputs of the action: {unknown}"
        self.inputs.update(inputs)
        self.steps = spec["runs"]["steps"]
        self.workspace = workspace
        self.outputs: dict[str, dict[str, str]] = {}
        self.used: list[tuple[str, dict]] = []  # the actions a run would call, with their inputs
        self.logs: list[subprocess.CompletedProcess] = []
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir()
        self.pip_calls = tmp_path / "python-calls.log"
        python = bin_dir / "python"
        python.write_text(f'#!/bin/sh\n{{ printf \'%s\\t\' "$@"; echo; }} >>"{self.pip_calls}"\n')
        python.chmod(0o755)
        self.path = os.pathsep.join([str(bin_dir), os.path.dirname(sys.executable), os.environ.get("PATH", "")])
        self.tmp = tmp_path

    def value(self, expression: str) -> str:
        parts = expression.split(".")
        if parts[0] == "inputs" and len(parts) == 2:
            return self.inputs[parts[1]]
        if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
            return self.outputs.get(parts[1], {}).get(parts[3], "")
        raise AssertionError(f"action.yml uses an expression this test (and a reader) does not expect: {expression}")

    def substitute(self, text: str) -> str:
        return EXPRESSION.sub(lambda m: self.value(m.group(1)), text)

    def condition(self, text: str | None) -> bool:
        if text is None:
            return True
        result = True
        for clause in EXPRESSION.sub(r"\1", text).split("&&"):
            m = re.fullmatch(r"\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*", clause)
            assert m, f"a condition this test does not read: {text}"
            left = self.value(m.group(1))
            result = result and ((left == m.group(3)) == (m.group(2) == "=="))
        return result

    def run(self) -> int:
        """Every step in turn; the exit code of the first that fails, or 0."""
        for step in self.steps:
            if not self.condition(step.get("if")):
                continue
            if "uses" in step:
                self.used.append((step["uses"], {k: self.substitute(str(v)) for k, v in (step.get("with") or {}).items()}))
                continue
            assert step.get("shell") == "bash", step
            assert "${{" not in step["run"], "an expression pasted into a script: pass it through env"
            output = self.tmp / f"output-{len(self.logs)}"
            output.write_text("")
            env = {k: v for k, v in os.environ.items() if not k.startswith(("INPUT_", "GITHUB_"))}
            env.update({k: self.substitute(str(v)) for k, v in (step.get("env") or {}).items()})
            env.update(PATH=self.path, GITHUB_OUTPUT=str(output), GITHUB_WORKSPACE=str(self.workspace), NO_COLOR="1")
            script = self.tmp / f"step-{len(self.logs)}.sh"
            script.write_text(step["run"])
            proc = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=self.workspace,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            self.logs.append(proc)
            if step.get("id"):
                self.outputs[step["id"]] = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
            if proc.returncode != 0:
                return proc.returncode
        return 0

    def pip_arguments(self) -> list[str]:
        """The arguments of the last call of `python` (the install step's pip), one word each."""
        return self.pip_calls.read_text().splitlines()[-1].rstrip("\t").split("\t")

    @property
    def stdout(self) -> str:
        return "".join(p.stdout for p in self.logs)


@pytest.fixture
def repo(tmp_path):
    workspace = tmp_path / "repo"
    (workspace / "specs").mkdir(parents=True)
    (workspace / "specs" / "support.mspec").write_text(FLAWED, encoding="utf-8")
    return workspace


def test_the_action_annotates_writes_sarif_and_the_report_and_fails_on_findings(repo, tmp_path):
    runner = Runner(repo, tmp_path, {"paths": "specs", "report": "true", "upload-sarif": "true", "version": "0.1.0"})
    assert runner.run() == 1
    assert runner.pip_arguments() == ["-m", "pip", "install", "--disable-pip-version-check", "--quiet", "speclint==0.1.0"]
    annotations = [line for line in runner.stdout.splitlines() if line.startswith("::")]
    assert any(line.startswith("::error file=specs/support.mspec,line=4,") and "C001" in line for line in annotations), annotations
    assert any(line.startswith("::warning file=specs/support.mspec,line=10,") and "V001" in line for line in annotations), annotations
    assert runner.outputs["check"] == {"exit-code": "1", "sarif": "speclint.sarif", "report": "speclint-report.html"}
    sarif = json.loads((repo / "speclint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert {"C001", "V001"} <= {r["ruleId"] for r in results}
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "specs/support.mspec" for r in results)
    page = (repo / "speclint-report.html").read_text(encoding="utf-8")
    assert "specs/support.mspec" in page and "Refunds" in page and '<div class="pair">' in page
    assert [u for u, _ in runner.used] == ["actions/setup-python@v5", "github/codeql-action/upload-sarif@v3", "actions/upload-artifact@v4"]
    assert runner.used[0][1] == {"python-version": "3.11"}
    assert runner.used[1][1]["sarif_file"] == "speclint.sarif"
    assert runner.used[2][1]["path"] == "speclint-report.html"
    assert "speclint check exited 1" in runner.logs[-1].stdout


def test_arguments_and_defaults(repo, tmp_path):
    (repo / "specs" / "support.mspec").write_text(FLAWED.replace("about tone where possible", "in a friendly tone").replace("Use good judgment", "Be"))
    runner = Runner(repo, tmp_path, {"paths": "specs", "args": "--fail-on error --ignore C001"})
    assert runner.run() == 0  # no error left: the verdict step passes
    assert runner.pip_arguments()[-1] == "speclint"  # no version: the latest
    assert runner.outputs["check"]["exit-code"] == "0"
    assert not any("C001" in line for line in runner.stdout.splitlines())
    assert [u for u, _ in runner.used] == ["actions/setup-python@v5"]  # no upload asked for
    assert not (repo / "speclint-report.html").exists()


def test_inputs_stay_values_never_code(repo, tmp_path):
    runner = Runner(repo, tmp_path, {"paths": "specs/*.mspec $(touch pwned) `touch pwned2`", "version": "git+https://example.invalid/speclint;touch pwned3"})
    assert runner.run() == 2  # `$(touch`, `specs/*.mspec` and the rest are paths that do not exist: a usage error
    assert not list(repo.glob("pwned*")) and not list(tmp_path.glob("pwned*"))
    assert runner.pip_arguments()[-1] == "git+https://example.invalid/speclint;touch pwned3"  # one argument for pip
    assert "no such file or directory" in "".join(p.stderr for p in runner.logs)


def test_no_expression_is_pasted_into_a_script():
    for step in action()["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]
