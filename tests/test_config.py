"""Configuration: discovery, validation, the defaults a cached run uses without pydantic."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from specdsl.workspace import config as config_module
from specdsl.workspace.config import HOT_DEFAULTS, ConfigError, LoadedConfig, check_options, configure, find_config, load_config
from specdsl.workspace.settings import Config


def config_error(path, text: str) -> str:
    """The message of the `ConfigError` that loading `text` as the file `path` gives."""
    path.write_text(text)
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    return str(raised.value)


def test_hot_defaults_match_the_schema():
    defaults = Config()
    for name, value in HOT_DEFAULTS.items():
        assert getattr(defaults, name) == value, name


def test_unvalidated_defaults_equal_the_validated_ones():
    made, validated = Config.defaults(), Config.model_validate({})
    assert made == validated and made.model_dump() == validated.model_dump()
    assert made.select is not Config.defaults().select  # mutable defaults are not shared


def test_the_models_plain_defaults_are_the_configurations():
    """A lint without a configuration reads `model.defaults.DEFAULTS` (no pydantic): the same values."""
    from dataclasses import fields

    from specdsl.model.defaults import DEFAULTS

    config = Config.defaults()
    for f in fields(DEFAULTS):
        if f.name == "semantic":
            for g in fields(DEFAULTS.semantic):
                assert getattr(DEFAULTS.semantic, g.name) == getattr(config.semantic, g.name), g.name
        else:
            assert list(getattr(DEFAULTS, f.name)) == getattr(config, f.name), f.name
    assert DEFAULTS.with_semantic(True).semantic.enabled and not DEFAULTS.semantic.enabled


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


def test_a_cached_run_of_a_named_file_imports_only_what_it_uses(tmp_path):
    """A named spec whose result is cached needs no dataclasses (`inspect`, `ast`: milliseconds
    of a pre-commit hook's cold start) and no prompt reader (the walk's choice of files is not made)."""
    spec = tmp_path / "a.mspec"
    spec.write_text("rule A: Cite sources.\n  rationale: Readers trust what they can check.\n")
    (tmp_path / ".git").mkdir()
    avoided = ("dataclasses", "inspect", "specdsl.prompts", "specdsl.model.frontends")
    code = (
        "import sys; from specdsl.cli import main; main(['check', '--format', 'concise', {!r}]); "
        "print(sorted(m for m in {!r} if m in sys.modules))"
    ).format(str(spec), avoided)
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert second.stdout.strip().splitlines()[-1] == "[]", second.stdout + second.stderr


def test_validated_configuration_is_cached_and_still_correct(tmp_path):
    cfg = tmp_path / ".speclint.yaml"
    cfg.write_text("ignore: [V002]\nfail-on: error\nper-path-ignores: {'drafts/*': [R001]}\nexclude: [archive]\n")
    first = load_config(cfg)
    assert first.fail_on == "error" and first.config.ignore == ["V002"]
    cached = list((tmp_path / ".speclint_cache").rglob("config-*.json"))
    assert len(cached) == 1
    from specdsl.workspace import config as module

    module._load_cached.cache_clear()
    again = load_config(cfg)
    assert isinstance(again, LoadedConfig) and again._config is None  # read back without validating
    assert again.fail_on == "error"
    assert again.ignored_codes_for(tmp_path / "drafts" / "x.mspec") == ["R001"]
    assert again.excluded(tmp_path / "archive" / "old.mspec")
    assert again.config.ignore == ["V002"]  # the full model when a check needs it


def test_includes_and_the_cache_stay_in_the_configuration_folder_else_the_git_root(tmp_path, monkeypatch):
    from specdsl.workspace.cache import cache_root
    from specdsl.workspace.config import config_for, workspace_root

    spec = tmp_path / "repo" / "specs" / "deep" / "a.mspec"
    spec.parent.mkdir(parents=True)
    spec.write_text("rule A: Cite sources.\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    # neither: includes stay in the file's folder, the cache goes in the current one
    assert workspace_root(spec, config_for(spec)) == spec.parent.resolve()
    assert cache_root(str(spec), config_for(spec)) == elsewhere
    # a git root above the file: both there
    (tmp_path / "repo" / ".git").mkdir()
    assert workspace_root(spec, config_for(spec)) == cache_root(str(spec), config_for(spec)) == (tmp_path / "repo").resolve()
    # a configuration nearer than the git root: both in its folder
    (tmp_path / "repo" / "specs" / ".speclint.yaml").write_text("fail-on: info\n")
    loaded = config_for(spec)
    assert workspace_root(spec, loaded) == cache_root(str(spec), loaded) == (tmp_path / "repo" / "specs").resolve()


def test_a_run_finds_the_configuration_once_per_folder_and_a_linked_file_its_own(tmp_path, monkeypatch):
    from specdsl.workspace import runner

    flawed = "rule A1: Do the appropriate thing.\n"  # R001 (no rationale) and V002 ("appropriate")
    repo = tmp_path / "repo"
    for folder in ("a", "b", "c"):
        (repo / folder).mkdir(parents=True)
    (repo / ".git").mkdir()
    (repo / "a" / ".speclint.yaml").write_text("ignore: [V002]\n")
    (repo / "c" / ".speclint.yaml").write_text("ignore: [R001]\n")
    for name in ("a/x.mspec", "a/y.mspec", "a/z.mspec", "b/plain.mspec", "c/target.mspec"):
        (repo / name).write_text(flawed)
    (repo / "b" / "link.mspec").symlink_to(repo / "c" / "target.mspec")
    calls: list[str] = []
    real = runner.config_for
    monkeypatch.setattr(runner, "config_for", lambda path, explicit=None: calls.append(str(path)) or real(path, explicit))

    result = runner.run([str(repo / "a"), str(repo / "b")], use_cache=False, jobs=1)
    codes = {}
    for d in result.diagnostics:
        codes.setdefault(d.path.removeprefix(str(repo) + "/"), set()).add(d.code)
    assert codes == {"a/x.mspec": {"R001"}, "a/y.mspec": {"R001"}, "a/z.mspec": {"R001"},
                     "b/link.mspec": {"V002"}, "b/plain.mspec": {"R001", "V002"}}
    # each walk once, then each folder's files once (a linked file on its own): not once per file
    assert len(calls) == 5, calls


def test_the_files_of_a_configuration_share_its_digest_and_an_edit_makes_their_results_stale(tmp_path, monkeypatch):
    import os

    from specdsl.core import cachefs
    from specdsl.workspace import cache, runner

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))  # the key that seals entries
    monkeypatch.setattr(cachefs, "_key", [])
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".git").mkdir()
    config = repo / ".speclint.yaml"
    config.write_text("fail-on: info\n")
    for name in ("x", "y", "z"):
        (repo / f"{name}.mspec").write_text("rule A1: Do the appropriate thing.\n")
    digests: list[str] = []
    real = cache.file_digest
    monkeypatch.setattr(cache, "file_digest", lambda path: digests.append(str(path)) or real(path))

    first = runner.run([str(repo)], jobs=1)
    assert first.cached == 0 and {d.code for d in first.diagnostics} == {"R001", "V002"}
    assert digests == [str(config)]  # once for its three files
    assert runner.run([str(repo)], jobs=1).cached == 3
    config.write_text("fail-on: info\nignore: [V002]\n")
    os.utime(config, (time.time() + 5, time.time() + 5))
    edited = runner.run([str(repo)], jobs=1)
    assert edited.cached == 0 and {d.code for d in edited.diagnostics} == {"R001"}
    cachefs.take_notes()


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


def test_yaml_aliases_cannot_blow_up_a_configuration(tmp_path):
    """Nine aliases of nine aliases … ("billion laughs"): reading stops at a limit, quickly."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdefg", "bcdefgh"):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    started = time.monotonic()
    message = config_error(tmp_path / ".speclint.yaml", "\n".join(lines) + "\n")
    assert time.monotonic() - started < 5
    assert message == (
        f"{tmp_path / '.speclint.yaml'}:6: `f` is too large: more than 100,000 values once its YAML aliases are expanded"
    )


def test_deeply_nested_yaml_is_a_configuration_error(tmp_path):
    message = config_error(tmp_path / ".speclint.yaml", "exclude: " + "[" * 5000 + "]" * 5000 + "\n")
    assert message.endswith(".speclint.yaml: is nested too deeply to be a configuration")


@pytest.mark.parametrize(
    "text, found",
    [
        ("[tool]\nspeclint = {select = ['V001']}\n", True),
        ("tool.speclint.select = ['V001']\n", True),
        ("[tool.speclint]\nselect = ['V001']\n", True),
        ("[project]\ndependencies = ['speclint']\n", False),
        ("# [tool.speclint] is not used here\n[tool.ruff]\nselect = ['E']\n", False),
    ],
)
def test_pyproject_discovery_reads_the_toml(tmp_path, text, found):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(text)
    spec = tmp_path / "a.mspec"
    assert (find_config(spec) == pyproject) is found
    if found:
        assert load_config(pyproject).config.select == ["V001"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[project]\nname = 'x'\ntool = 5\n", None),  # `project.tool`: not ours, and not wrong
        ("tool = 5\n", ":1: `tool` must be a table"),
        ("[project]\nname = 'x'\n\n[tool]\nspeclint = 5\n", ":5: `tool.speclint` must be a table of settings"),
        ("tool.speclint = ['V001']\n", ":1: `tool.speclint` must be a table of settings"),
    ],
)
def test_pyproject_tool_and_its_speclint_key_must_be_tables(tmp_path, text, expected):
    pyproject = tmp_path / "pyproject.toml"
    if expected is None:
        pyproject.write_text(text)
        assert load_config(pyproject).config.select == ["ALL"]
    else:
        assert f"{pyproject}{expected}" in config_error(pyproject, text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[tool]\nruff.select = ['E']\nspeclint.select = ['NOPE']\n", ":3: bad value for `select`"),
        ("tool.speclint.fail-on = 'never'\n", ":1: bad value for `fail-on`"),
        ("[tool.speclint]\nselect = ['V001']\n\n[tool.speclint.checks.R005]\nmin-subrules = 1\n", ":5: bad value for `checks.R005.min-subrules`"),
        ("[tool.speclint]\nper-path-ignores = {'*.mspec' = ['R001', 'bogus']}\n", ":2: bad value for `per-path-ignores.*.mspec`"),
    ],
)
def test_pyproject_errors_name_the_line_in_any_toml_spelling(tmp_path, text, expected):
    pyproject = tmp_path / "pyproject.toml"
    assert f"{pyproject}{expected}" in config_error(pyproject, text)


def test_without_the_cache_nothing_is_read_or_written(tmp_path):
    cfg = tmp_path / ".speclint.yaml"
    cfg.write_text("ignore: [V002]\n")
    configure(cache=False)
    try:
        loaded = load_config(cfg)
        assert loaded.config.ignore == ["V002"] and not (tmp_path / ".speclint_cache").exists()
        configure(cache=True)
        config_module._load_cached.cache_clear()
        load_config(cfg)  # writes the validated form
        assert list((tmp_path / ".speclint_cache").rglob("config-*.json"))
        configure(cache=False)
        config_module._load_cached.cache_clear()
        assert load_config(cfg)._config is not None  # validated again, not read back
    finally:
        configure(cache=True)


def test_per_path_ignores_take_only_known_codes(tmp_path):
    cfg = tmp_path / ".speclint.yaml"
    message = config_error(cfg, "per-path-ignores:\n  'drafts/*': [R001, V]\n  '*.mspec': [R0001, bogus]\n")
    assert message == f"{cfg}:3: bad value for `per-path-ignores.*.mspec`: `R0001` is not a check code, prefix or name"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("fail-on: error\nchecks:\n  R005: {min-subrules: 1}\n",
         ":3: bad value for `checks.R005.min-subrules`: Input should be greater than or equal to 2"),
        ("checks:\n  R005:\n    min-subrules: 3\n  ZZZ9: {}\n", ":4: `checks.ZZZ9`: `ZZZ9` is not a check code"),
        ("checks:\n  R005:\n    minimum: 3\n", ":3: unknown key `checks.R005.minimum`; known keys here: min-subrules"),
        ("checks:\n  R001: {strict: true}\n", ":2: unknown key `checks.R001.strict`; this takes no options"),
    ],
)
def test_check_option_errors_name_the_line(tmp_path, text, expected):
    cfg = tmp_path / ".speclint.yaml"
    assert config_error(cfg, text) == f"{cfg}{expected}"


def test_check_options_find_the_line_of_a_configuration_read_from_the_cache(tmp_path):
    cfg = tmp_path / ".speclint.yaml"
    cfg.write_text("checks:\n  R003: {}\n  R005:\n    min-subrules: 1\n")
    with pytest.raises(ConfigError, match=r"\.speclint\.yaml:4: bad value for `checks\.R005\.min-subrules`"):
        check_options({"R003": {}, "R005": {"min-subrules": 1}}, cfg)


def test_a_bad_check_option_through_the_cli(tmp_path, run):
    (tmp_path / ".speclint.yaml").write_text("checks:\n  R005: {min-subrules: 1}\n")
    (tmp_path / "a.mspec").write_text("rule A: Cite sources.\n  rationale: Readers trust what they can check.\n")
    result = run("check", str(tmp_path / "a.mspec"))
    assert result.returncode == 2
    assert result.stderr == (
        f"speclint: error: {tmp_path / '.speclint.yaml'}:2: bad value for `checks.R005.min-subrules`: "
        "Input should be greater than or equal to 2\n"
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("semantic: yes\n", "bad value for `semantic`: use true or false, or a mapping of its options: enabled, model,"),
        ("semantic: [on]\n", "bad value for `semantic`: use true or false, or a mapping of its options: enabled, model,"),
        ("format: 80\n", "bad value for `format`: must be a mapping of options: wrap"),
        ("format: {wrap: wide}\n", "bad value for `format.wrap`: use `preserve` or a width in columns (a number from 20 to 400)"),
        ("format: {wrap: true}\n", "bad value for `format.wrap`: use `preserve` or a width in columns (a number from 20 to 400)"),
    ],
)
def test_keys_that_hold_options_say_what_they_take(tmp_path, text, expected):
    cfg = tmp_path / ".speclint.yaml"
    message = config_error(cfg, text)
    assert message.startswith(f"{cfg}:1: {expected}")
    assert "Config" not in message and "instance of" not in message


def test_no_cache_writes_nothing_beside_the_configuration(tmp_path, run):
    (tmp_path / ".speclint.yaml").write_text("ignore: [V002]\n")
    (tmp_path / "a.mspec").write_text("rule A: Cite sources.\n  rationale: Readers trust what they can check.\n")
    assert run("check", "--no-cache", str(tmp_path / "a.mspec")).returncode == 0
    assert not (tmp_path / ".speclint_cache").exists()
    assert run("check", str(tmp_path / "a.mspec")).returncode == 0
    assert (tmp_path / ".speclint_cache").exists()


@pytest.mark.parametrize(
    "name, text, line, said",
    [
        (".speclint.yaml", "select: [R]\nfail_on: warning\n", 2, "`fail_on` is spelt `fail-on`"),
        (".speclint.yaml", "semantic:\n  enabled: false\n  conflict_threshold: 0.8\n", 3,
         "`semantic.conflict_threshold` is spelt `semantic.conflict-threshold`"),
        (".speclint.yaml", "checks:\n  R005:\n    min_subrules: 4\n", 3, "`checks.R005.min_subrules` is spelt `checks.R005.min-subrules`"),
        ("pyproject.toml", '[tool.speclint]\nfail_on = "warning"\n', 2, "`fail_on` is spelt `fail-on`"),
    ],
)
def test_a_key_spelt_with_underscores_is_refused_with_its_spelling(tmp_path, name, text, line, said):
    """Every key reads one way: `fail_on` is not silently taken as `fail-on`; the error names file, line and spelling."""
    (tmp_path / name).write_text(text)
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path / name)
    assert str(error.value) == f"{(tmp_path / name).resolve()}:{line}: {said} (keys use hyphens, not underscores)"
