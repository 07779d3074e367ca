"""Configuration: discovery, validation, the defaults a cached run uses without pydantic."""

from __future__ import annotations

import subprocess
import sys

from specdsl.config import HOT_DEFAULTS, LoadedConfig, find_config, load_config
from specdsl.settings import Config


def test_hot_defaults_match_the_schema():
    defaults = Config()
    for name, value in HOT_DEFAULTS.items():
        assert getattr(defaults, name) == value, name


def test_unvalidated_defaults_equal_the_validated_ones():
    made, validated = Config.defaults(), Config.model_validate({})
    assert made == validated and made.model_dump() == validated.model_dump()
    assert made.select is not Config.defaults().select  # mutable defaults are not shared


def test_a_run_without_configuration_builds_no_schema(tmp_path):
    """A run without a configuration file validates nothing, so it never loads what validation needs."""
    spec = tmp_path / "a.mspec"
    spec.write_text("rule A: Cite sources.\n  rationale: Readers trust what they can check.\n")
    (tmp_path / ".git").mkdir()
    avoided = ("pydantic.plugin._loader", "importlib.metadata", "importlib.resources", "tempfile", "shutil", "difflib", "pkgutil")
    code = (
        "import sys; from specdsl.cli import main; main(['check', '--no-cache', '--format', 'concise', {!r}]); "
        "print(sorted(m for m in {!r} if m in sys.modules))"
    ).format(str(spec), avoided)
    # -S: no site hooks (an editable install's finder imports some of these itself)
    out = subprocess.run([sys.executable, "-S", "-c", "import sys; sys.path[:0] = {!r}; {}".format(sys.path, code)], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr


def test_a_cached_run_does_not_import_pydantic(tmp_path):
    spec = tmp_path / "a.mspec"
    spec.write_text("rule A: Cite sources.\n  rationale: Readers trust what they can check.\n")
    (tmp_path / ".git").mkdir()
    code = (
        "import sys; from specdsl.cli import main; main(['check', '--format', 'concise', {!r}]); "
        "print('pydantic' in sys.modules, 'lark' in sys.modules)"
    ).format(str(spec))
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert second.stdout.strip().splitlines()[-1] == "False False", second.stdout + second.stderr


def test_validated_configuration_is_cached_and_still_correct(tmp_path):
    cfg = tmp_path / ".speclint.yaml"
    cfg.write_text("ignore: [V002]\nfail-on: error\nper-path-ignores: {'drafts/*': [R001]}\nexclude: [archive]\n")
    first = load_config(cfg)
    assert first.fail_on == "error" and first.config.ignore == ["V002"]
    cached = list((tmp_path / ".speclint_cache").rglob("config-*.json"))
    assert len(cached) == 1
    from specdsl import config as module

    module._load_cached.cache_clear()
    again = load_config(cfg)
    assert isinstance(again, LoadedConfig) and again._config is None  # read back without validating
    assert again.fail_on == "error"
    assert again.ignored_codes_for(tmp_path / "drafts" / "x.mspec") == ["R001"]
    assert again.excluded(tmp_path / "archive" / "old.mspec")
    assert again.config.ignore == ["V002"]  # the full model when a check needs it


def test_discovery_walks_up_and_prefers_speclint_yaml(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.speclint]\nignore = ['V002']\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep / "x.mspec") == tmp_path / "pyproject.toml"
    assert load_config(find_config(deep / "x.mspec")).config.ignore == ["V002"]
    (tmp_path / "a" / ".speclint.yaml").write_text("ignore: [R001]\n")
    assert find_config(deep / "x.mspec") == tmp_path / "a" / ".speclint.yaml"


def test_pyproject_errors_name_the_line(tmp_path, run):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n\n[tool.speclint]\nfail-on = 'never'\n")
    (tmp_path / "a.mspec").write_text("rule A: Cite sources.\n  rationale: Readers trust what they can check.\n")
    result = run("check", str(tmp_path / "a.mspec"))
    assert result.returncode == 2
    assert "pyproject.toml:5: bad value for `fail-on`" in result.stderr


def test_per_path_ignores_and_vague_terms_through_the_cli(tmp_path, run):
    (tmp_path / ".speclint.yaml").write_text(
        "per-path-ignores: {'drafts/*': [R001]}\nvague-terms: [swiftly]\nseverity: {V002: warning}\n"
    )
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.mspec").write_text("rule D: Answer briefly.\n")
    (tmp_path / "main.mspec").write_text("rule M: Answer swiftly.\n  rationale: Users wait, so speed shows respect.\n")
    out = run("check", "--format", "concise", str(tmp_path)).stdout
    assert "d.mspec" not in out  # R001 ignored under drafts/
    assert "main.mspec:1:16: V002" in out
