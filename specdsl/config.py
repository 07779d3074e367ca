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
from typing import Any


CONFIG_NAMES = (".speclint.yaml", ".speclint.yml")
PYPROJECT = "pyproject.toml"


class ConfigError(Exception):
    """A configuration file that cannot be used; the message says where and why."""


#: Defaults of the settings a cached run needs, so that it can run without
#: importing pydantic (tests/test_config.py checks them against `Config()`).
HOT_DEFAULTS: dict[str, Any] = {
    "max_file_size": 10 * 1024 * 1024,
    "exclude": [],
    "markdown": [],
    "fail_on": "warning",
    "per_path_ignores": {},
    "levels": [],
}


class LoadedConfig:
    """A configuration and where it came from.

    `config` is the validated pydantic `Config`, built when first needed; the
    few settings a cached run reads (`max_file_size`, `exclude`, `markdown`,
    `fail_on`, `per_path_ignores`, `levels`) are available without it.
    """

    def __init__(self, config=None, path: Path | None = None, data: dict | None = None):
        self._config = config
        self._data = data
        self.path = path

    @property
    def config(self):
        if self._config is None:
            from .settings import Config

            self._config = Config.model_validate(self._data) if self._data else Config.defaults()
        return self._config

    def value(self, name: str) -> Any:
        if self._config is not None:
            return getattr(self._config, name)
        if self._data is not None:
            return self._data[name]
        return HOT_DEFAULTS[name]

    max_file_size = property(lambda self: self.value("max_file_size"))
    fail_on = property(lambda self: self.value("fail_on"))
    markdown = property(lambda self: self.value("markdown"))
    levels = property(lambda self: self.value("levels"))

    @property
    def root(self) -> Path | None:
        return self.path.parent if self.path else None

    def ignored_codes_for(self, file: str | os.PathLike) -> list[str]:
        """Codes that per-path-ignores turn off for `file`."""
        per_path = self.value("per_path_ignores")
        if not per_path:
            return []
        rel = _relative(file, self.root)
        codes: list[str] = []
        for pattern, ignored in per_path.items():
            if _glob_match(rel, pattern):
                codes.extend(ignored)
        return codes

    def excluded(self, file: str | os.PathLike) -> bool:
        exclude = self.value("exclude")
        if not exclude:
            return False
        rel = _relative(file, self.root)
        return any(_glob_match(rel, p) for p in exclude)


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
        return LoadedConfig(None, None)
    p = Path(path).resolve()
    return _load_cached(str(p), _mtime(p))


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


def _validated_cache(p: Path) -> tuple[Path, str] | None:
    """Where the validated form of a configuration file is kept, and its key."""
    from .cache import CACHE_DIR, LAYOUT, digest

    try:
        content = p.read_bytes()
    except OSError:
        return None
    from . import __version__

    key = digest(__version__.encode() + b"\0" + content)
    return p.parent / CACHE_DIR / LAYOUT / f"config-{key[:32]}.json", key


@lru_cache(maxsize=32)
def _load_cached(path: str, mtime: float) -> LoadedConfig:
    """A configuration: from the cache of validated configurations, else validated now."""
    import json

    p = Path(path)
    cached = _validated_cache(p)
    if cached is not None:
        try:
            data = json.loads(cached[0].read_text(encoding="utf-8"))
            if data.get("key") == cached[1]:
                return LoadedConfig(None, p, data["config"])
        except (OSError, ValueError, KeyError, AttributeError):
            pass
    config = _validate(p)
    if cached is not None:
        try:
            from .sources import write_atomic

            cached[0].parent.mkdir(parents=True, exist_ok=True)
            dumped = config.model_dump(mode="json")
            write_atomic(cached[0], json.dumps({"key": cached[1], "config": dumped}))
        except OSError:
            pass
    return LoadedConfig(config, p)


def _validate(p: Path):
    from pydantic import ValidationError

    from .settings import Config

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
    from pydantic import BaseModel

    from .settings import Config

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


def __getattr__(name: str):
    # the schema lives in settings.py and loads pydantic: import it on demand
    if name in ("Config", "FormatConfig", "SemanticConfig"):
        from . import settings

        return getattr(settings, name)
    raise AttributeError(name)
