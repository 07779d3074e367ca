"""Plugins (entry-point group `speclint.checks`) and shared configurations (`extend`).

The example package in examples/plugins/ is installed (`pip install --target`,
no network, no dependencies) into a temporary folder put on PYTHONPATH; speclint
then finds its plugin and its shared configuration as a user's would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from specdsl.workspace.config import ConfigError, load_config

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "plugins" / "speclint-house"
MUSTS = "rule A1: You must greet, you must verify, and you must log the call.\n  rationale: Calls are audited.\n"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    build = tmp_path_factory.mktemp("build")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--target", str(target), str(EXAMPLE)],
        capture_output=True, text=True, timeout=300, env={**os.environ, "TMPDIR": str(build)},
    )
    assert done.returncode == 0, done.stderr
    return {"PYTHONPATH": str(target)}


def test_a_plugin_loads_only_when_named(tmp_path, run, installed):
    (tmp_path / "s.mspec").write_text(MUSTS)
    unnamed = json.loads(run("check", "--no-cache", "--format", "json", "s.mspec", cwd=tmp_path, env=installed).stdout)
    assert "HSE101" not in {d["code"] for d in unnamed["diagnostics"]}
    (tmp_path / ".speclint.yaml").write_text("plugins: [house]\n")
    named = json.loads(run("check", "--no-cache", "--format", "json", "s.mspec", cwd=tmp_path, env=installed).stdout)
    found = [d for d in named["diagnostics"] if d["code"] == "HSE101"]
    assert [(d["name"], d["rule"], d["severity"]) for d in found] == [("must-stacking", "A1", "warning")]


def test_a_plugin_is_selected_suppressed_and_documented(tmp_path, run, installed):
    (tmp_path / ".speclint.yaml").write_text("plugins: [house]\n")
    (tmp_path / "s.mspec").write_text(MUSTS)
    only = json.loads(run("check", "--no-cache", "--format", "json", "--select", "HSE", "s.mspec", cwd=tmp_path, env=installed).stdout)
    assert [d["code"] for d in only["diagnostics"]] == ["HSE101"]
    ignored = run("check", "--no-cache", "--format", "json", "--ignore", "must-stacking", "s.mspec", cwd=tmp_path, env=installed)
    assert "HSE101" not in ignored.stdout
    (tmp_path / "s.mspec").write_text("# speclint: ignore[HSE101] reason: a script read aloud\n" + MUSTS)
    quiet = json.loads(run("check", "--no-cache", "--format", "json", "s.mspec", cwd=tmp_path, env=installed).stdout)
    assert not [d for d in quiet["diagnostics"] if d["code"] in ("HSE101", "S007")]
    doc = run("rule", "HSE101", cwd=tmp_path, env=installed)
    assert doc.returncode == 0 and "must-stacking" in doc.stdout and "Split the rule" in doc.stdout


def test_a_plugin_not_installed_is_a_clear_error(tmp_path, run):
    (tmp_path / ".speclint.yaml").write_text("select: [ALL]\nplugins: [nonesuch]\n")
    (tmp_path / "s.mspec").write_text(MUSTS)
    result = run("check", "--no-cache", "s.mspec", cwd=tmp_path)
    assert result.returncode == 2
    assert ".speclint.yaml:2:" in result.stderr and "`nonesuch`" in result.stderr and "Traceback" not in result.stderr


def test_extend_a_configuration_an_installed_package_ships(tmp_path, run, installed):
    (tmp_path / ".speclint.yaml").write_text("extend: package:speclint_house\nselect: [X, HSE]\n")
    (tmp_path / "s.mspec").write_text(MUSTS.replace("the call", "the Acme call"))
    found = json.loads(run("check", "--no-cache", "--format", "json", "s.mspec", cwd=tmp_path, env=installed).stdout)
    assert sorted(d["code"] for d in found["diagnostics"]) == ["HSE101", "X100"]


# ---------------------------------------------------------------- extend


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_the_extending_file_wins_and_which_lists_add(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / "shared" / "base.yaml", """\
select: [R, V]
extend-select: [C003]
ignore: [V004]
severity: {V002: warning, R001: info}
custom-checks:
  - {code: X001, kind: existence, message: base, tokens: [Acme]}
  - {code: X002, kind: existence, message: kept, tokens: [Globex]}
""")
    config = write(tmp_path / "team" / ".speclint.yaml", """\
extend: ../shared/base.yaml
ignore: [V003]
extend-select: [C002]
severity: {R001: error}
custom-checks:
  - {code: X001, kind: existence, message: team, tokens: [Initech]}
""")
    loaded = load_config(config).config
    assert loaded.select == ["R", "V"]  # from the base
    assert loaded.ignore == ["V003"]  # replaced
    assert loaded.extend_select == ["C003", "C002"]  # added
    assert loaded.severity == {"V002": "warning", "R001": "error"}  # merged, the extending file wins
    assert [(c.code, c.message) for c in loaded.custom_checks] == [("X001", "team"), ("X002", "kept")]
    assert load_config(config).bases == [(tmp_path / "shared" / "base.yaml").resolve()]


def test_a_change_in_the_base_is_seen(tmp_path):
    (tmp_path / ".git").mkdir()
    base = write(tmp_path / "base.yaml", "ignore: [V004]\n")
    config = write(tmp_path / "sub" / ".speclint.yaml", "extend: ../base.yaml\n")
    assert load_config(config).config.ignore == ["V004"]
    base.write_text("ignore: [V003]\n")
    os.utime(base, (os.stat(base).st_atime, os.stat(base).st_mtime + 5))
    assert load_config(config).config.ignore == ["V003"]


def error_of(config: Path) -> str:
    with pytest.raises(ConfigError) as raised:
        load_config(config)
    return str(raised.value)


def test_a_cycle_a_missing_base_and_a_bad_entry_in_a_base(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / "a.yaml", "extend: b.yaml\n")
    write(tmp_path / "b.yaml", "select: [R]\nextend: a.yaml\n")
    message = error_of(tmp_path / "a.yaml")
    assert "b.yaml:2:" in message and "cycle" in message
    message = error_of(write(tmp_path / "c.yaml", "extend: nowhere.yaml\n"))
    assert "c.yaml:1:" in message and "no such configuration file" in message
    write(tmp_path / "bad-base.yaml", "select: [R]\nfail-on: never\n")
    message = error_of(write(tmp_path / "d.yaml", "extend: bad-base.yaml\n"))
    assert "bad-base.yaml:2:" in message and "fail-on" in message


def test_extend_stays_in_the_workspace(tmp_path):
    outside = write(tmp_path / "elsewhere" / "base.yaml", "select: [R]\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    message = error_of(write(repo / ".speclint.yaml", "extend: ../elsewhere/base.yaml\n"))
    assert "leads out of the workspace" in message
    message = error_of(write(repo / ".speclint.yaml", f"extend: {outside}\n"))
    assert "leads out of the workspace" in message
    (repo / "link.yaml").symlink_to(outside)
    message = error_of(write(repo / ".speclint.yaml", "extend: link.yaml\n"))
    assert "leads out of the workspace" in message
    message = error_of(write(repo / ".speclint.yaml", "extend: package:no_such_package_here\n"))
    assert "no installed package `no_such_package_here`" in message
    message = error_of(write(repo / ".speclint.yaml", "extend: package:json/../../etc/passwd\n"))
    assert "leads out of the package" in message
