"""Configuration: `.speclint.yaml` or `[tool.speclint]` in `pyproject.toml`.

The nearest file walking up from a spec wins. Keys are validated by a
pydantic model; an unknown key or a bad value is a `ConfigError` that names
the file, the line and the key. Nothing in a configuration file is executed.
"""

from __future__ import annotations

import fnmatch
import itertools
import os
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .walk import git_root

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError


CONFIG_NAMES = (".speclint.yaml", ".speclint.yml")
PYPROJECT = "pyproject.toml"


class ConfigError(Exception):
    """A configuration file that cannot be used; the message says where and why."""


#: Finds the line (1-based) of a key in a configuration file, given its path of keys.
Locate = Callable[[list], int | None]

#: More values than any real configuration holds. YAML aliases let a few lines
#: stand for billions of values ("billion laughs"); reading one stops here.
MAX_VALUES = 100_000


#: Defaults of the settings a cached run needs, so that it can run without
#: importing pydantic (tests/test_config.py checks them against `Config()`).
HOT_DEFAULTS: dict[str, Any] = {
    "max_file_size": 10 * 1024 * 1024,
    "max_rules": 20_000,
    "exclude": [],
    "markdown": [],
    "fail_on": "warning",
    "per_path_ignores": {},
    "levels": [],
    "reading": "auto",
    "per_path_reading": {},
    "precedence": [],
    "per_path_precedence": {},
    "custom_checks": [],
    "plugins": [],
}


class LoadedConfig:
    """A configuration and where it came from.

    `config` is the validated pydantic `Config`, built when first needed; the
    few settings a cached run reads (`max_file_size`, `exclude`, `markdown`,
    `fail_on`, `per_path_ignores`, `levels`) are available without it.
    """

    def __init__(self, config=None, path: Path | None = None, data: dict | None = None, bases: list[Path] | None = None):
        self._config = config
        self._data = data
        self.path = path
        #: The configurations this one extends (`extend:`), the deepest first.
        self.bases: list[Path] = list(bases or [])
        self.base_stamp = tuple(_mtime(base) for base in self.bases)

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
            return self._data[name] if name in self._data else HOT_DEFAULTS[name]
        return HOT_DEFAULTS[name]

    def register_checks(self) -> None:
        """Make this configuration's custom checks and plugins known to the check
        registry (`specdsl.custom`), which validating it does; a configuration
        without any is not validated for it (a cached run stays without pydantic)."""
        if self._config is None and (self.value("custom_checks") or self.value("plugins")):
            self.config

    @property
    def is_default(self) -> bool:
        """No configuration file: every setting has its default."""
        return self._config is None and self._data is None and self.path is None

    max_file_size = property(lambda self: self.value("max_file_size"))
    max_rules = property(lambda self: self.value("max_rules"))
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

    def reading_for(self, file: str | os.PathLike) -> str:
        """How the Markdown or prompt file `file` is read: `per-path-reading`'s first matching glob, else `reading`."""
        per_path = self.value("per_path_reading")
        if per_path:
            rel = _relative(file, self.root)
            for pattern, reading in per_path.items():
                if _glob_match(rel, pattern):
                    return reading
        return self.value("reading")

    def precedence_for(self, file: str | os.PathLike) -> list:
        """The configuration's `precedence` orders, then `per-path-precedence`'s for every
        glob that matches `file`, as `model.ConfiguredOrder`s (their lines found when asked)."""
        orders = self.value("precedence")
        per_path = self.value("per_path_precedence")
        if not orders and not per_path:
            return []
        from ..model.model import ConfiguredOrder

        name = self.path.name if self.path else "configuration"
        locate = _locator(self.path)
        found = [
            ConfiguredOrder(tuple(p.strip() for p in value.split(">")), name, ("precedence", i), locate, scoped=False)
            for i, value in enumerate(orders)
        ]
        if per_path:
            rel = _relative(file, self.root)
            for pattern, values in per_path.items():
                if _glob_match(rel, pattern):
                    found.extend(
                        ConfiguredOrder(tuple(p.strip() for p in value.split(">")), name, ("per-path-precedence", pattern, i), locate, scoped=True)
                        for i, value in enumerate(values)
                    )
        return found

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
    """Whether a pyproject.toml has a `tool.speclint` table, in any of TOML's spellings.

    One that is not valid TOML but mentions speclint counts too: loading it says what is wrong."""
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "speclint" not in text:  # most pyproject files are not about us: no need to parse them
        return False
    import tomllib

    try:
        tool = tomllib.loads(text).get("tool")
    except (tomllib.TOMLDecodeError, RecursionError):
        return True
    return isinstance(tool, dict) and "speclint" in tool


#: Whether validated configurations are read from and written to `.speclint_cache/`.
_use_cache = True


def configure(*, cache: bool) -> None:
    """Whether validated configurations are kept in `.speclint_cache/` beside the
    configuration file (`speclint check --no-cache` turns it off: nothing is read
    from or written to that folder)."""
    global _use_cache
    _use_cache = cache


def load_config(path: str | os.PathLike | None) -> LoadedConfig:
    """Read and validate a configuration file (None gives the defaults)."""
    if path is None:
        return LoadedConfig(None, None)
    p = Path(path).resolve()
    loaded = _load_cached(str(p), _mtime(p))
    if loaded.bases and tuple(_mtime(base) for base in loaded.bases) != loaded.base_stamp:
        _load_cached.cache_clear()  # a configuration it extends changed since: read the chain again
        loaded = _load_cached(str(p), _mtime(p))
    return loaded


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


def _validated_cache(p: Path) -> tuple[str, str] | None:
    """The name of the cache entry that holds the validated form of a configuration
    file (in `.speclint_cache/v1/` beside it), and its key."""
    from .cache import digest

    try:
        content = p.read_bytes()
    except OSError:
        return None
    from .. import __version__

    key = digest(__version__.encode() + b"\0" + content)
    return f"config-{key[:32]}.json", key


#: The largest validated configuration read back from the cache.
_MAX_CACHED_CONFIG = 4 * 1024 * 1024


@lru_cache(maxsize=32)
def _load_cached(path: str, mtime: float) -> LoadedConfig:
    """A configuration: from the cache of validated configurations, else validated now.

    An entry is used only when this user's key seals it (see `cachefs`): a
    repository that commits one cannot skip the validation."""
    p = Path(path)
    cached = _validated_cache(p) if _use_cache else None
    if cached is not None:
        data = _read_validated(p.parent, *cached)
        if data is not None and _bases_unchanged(data.get("bases")):
            return LoadedConfig(None, p, data["config"], [Path(base) for base, _ in data.get("bases") or []])
    config, bases = _validate(p)
    if cached is not None:
        from .cache import file_digest

        sealed_bases = [[str(base), file_digest(base)] for base in bases]
        _write_validated(p.parent, *cached, config.model_dump(mode="json", by_alias=False), sealed_bases)
    return LoadedConfig(config, p, None, bases)


def _bases_unchanged(bases) -> bool:
    """Whether the configurations a cached one extends still have the content it was validated with."""
    if not bases:
        return bases is None or bases == []
    from .cache import file_digest

    try:
        return all(file_digest(Path(path)) == digest for path, digest in bases)
    except (TypeError, ValueError):
        return False


def _read_validated(root: Path, name: str, key: str) -> dict | None:
    import json

    from .cache import LAYOUT, TOUCH_AFTER
    from ..core.cachefs import CACHE_DIR, Refused, open_cache, refused_note, unseal

    try:
        top = open_cache(root, create=False)
        if top is None:
            return None
        with top, top.sub(LAYOUT) as folder:
            raw = folder.read(name, _MAX_CACHED_CONFIG, touch_after=TOUCH_AFTER)
    except Refused as error:
        refused_note(error, root / CACHE_DIR, writing=False)
        return None
    except OSError:
        return None
    body = unseal(f"config\0{key}", raw) if raw is not None else None
    try:
        data = json.loads(body) if body is not None else None
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) and data.get("key") == key and isinstance(data.get("config"), dict) else None


def _write_validated(root: Path, name: str, key: str, config: dict, bases: list | None = None) -> None:
    import json

    from .cache import LAYOUT
    from ..core.cachefs import CACHE_DIR, open_cache, refused_note, seal

    body = {"key": key, "config": config, "bases": bases or []}
    sealed = seal(f"config\0{key}", json.dumps(body).encode("utf-8", "surrogatepass"))
    if sealed is None:
        return  # no key: said once
    try:
        with open_cache(root, create=True) as top, top.sub(LAYOUT, create=True) as folder:
            folder.write(name, sealed)
    except OSError as error:  # a read-only checkout: validated again next time
        refused_note(error, root / CACHE_DIR, writing=True)


def _validate(p: Path):
    """The validated configuration at `p` (merged over the ones it extends), and the
    paths of those bases."""
    from .extend import chain, merge

    files = chain(p, _read_mapping, _where, ConfigError)
    merged: dict = {}
    for path, data, locate in files:  # each file on its own: an error names its file and line
        _validate_one(data, path, locate)
        merged = merge(merged, data)
    config = _validate_one(merged, p, files[-1][2]) if len(files) > 1 else _validate_one(files[0][1], p, files[0][2])
    return config, [path for path, _, _ in files[:-1]]


def _read_mapping(p: Path):
    data, locate = _read(p)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{p}:1: the configuration must be a mapping of keys to values")
    return data, locate


def _validate_one(data: dict, p: Path, locate: Locate):
    from pydantic import ValidationError

    from .settings import Config

    _check_spelling(data, Config, p, locate)
    _check_custom(data, p, locate)
    try:
        config = Config.model_validate(data)
    except ValidationError as error:
        raise _invalid(error, Config, p, locate) from None
    check_options(config.checks, p, locate)  # before the configuration is cached as valid
    return config


def _check_custom(data: dict, p: Path, locate: Locate) -> None:
    """Each `custom-checks:` entry validated by the model of its kind, so that an error
    names the entry's line and the keys its kind takes."""
    from pydantic import ValidationError

    from ..custom.schema import KINDS, MODELS

    entries = data.get("custom-checks")
    if not isinstance(entries, list):
        return  # not a list: the configuration's own validation says so
    codes: dict[str, int] = {}
    for i, entry in enumerate(entries):
        where = _where(p, locate(["custom-checks", i]))
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: `custom-checks[{i}]` must be a mapping with `code`, `kind` and `message`")
        kind = entry.get("kind")
        if kind not in MODELS:
            known = ", ".join(KINDS)
            raise ConfigError(f"{_where(p, locate(['custom-checks', i, 'kind']) or locate(['custom-checks', i]))}: "
                              f"`custom-checks[{i}].kind` must be one of {known}")
        _check_spelling(entry, MODELS[kind], p, locate, ["custom-checks", i])
        try:
            MODELS[kind].model_validate(entry)
        except ValidationError as error:
            raise _invalid(error, MODELS[kind], p, locate, prefix=["custom-checks", i]) from None
        code = entry["code"]
        if code in codes:
            raise ConfigError(f"{where}: `custom-checks[{i}]`: the code {code} is already defined by `custom-checks[{codes[code]}]`")
        codes[code] = i


def check_options(raw: dict, path: Path | None, locate: Locate | None = None) -> dict:
    """The options of the checks named under `checks:`, each validated by its check's
    model: {code: options}. A bad code or value is a `ConfigError` that names the
    file, the line (found by `locate`, else by reading `path` again) and the key."""
    from pydantic import ValidationError

    from .. import checks

    if locate is None:
        locate = _locator(path)
    result = {}
    for code, values in raw.items():
        check = checks.get(code)
        if check is None:
            where = _where(path, locate(["checks", code]))
            raise ConfigError(f"{where}: `checks.{code}`: `{code}` is not a check code")
        _check_spelling(values or {}, check.options, path, locate, ["checks", code])
        try:
            result[check.code] = check.options.model_validate(values or {})
        except ValidationError as error:
            raise _invalid(error, check.options, path, locate, prefix=["checks", code]) from None
    return result


def _check_spelling(data: Any, model: type[BaseModel], path: Path | None, locate: Locate, prefix: list[str] | None = None) -> None:
    """Refuse a key spelt with the Python name of its field (`fail_on`) instead of the
    configuration's spelling (`fail-on`), at every depth, naming the file, the line and
    the right spelling. pydantic would take both (fields are also populated by name),
    and a configuration must read one way only."""
    from pydantic import BaseModel

    if not isinstance(data, dict):
        return
    for key, value in data.items():
        for name, field in model.model_fields.items():
            if key == name and field.alias and field.alias != name:
                loc = [*(prefix or []), str(key)]
                where = _where(path, locate(loc))
                spelt = ".".join(map(str, [*(prefix or []), field.alias]))
                raise ConfigError(f"{where}: `{'.'.join(map(str, loc))}` is spelt `{spelt}` (keys use hyphens, not underscores)")
            if key in (name, field.alias) and isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel):
                _check_spelling(value, field.annotation, path, locate, [*(prefix or []), str(key)])


def _invalid(
    error: ValidationError, model: type[BaseModel], path: Path | None, locate: Locate, prefix: list[str] | None = None
) -> ConfigError:
    """The first problem pydantic found in a `model`, said without pydantic's words."""
    first = error.errors()[0]
    inner = [str(x) for x in first["loc"]]
    loc = [*(prefix or []), *inner]
    key = ".".join(map(str, loc)) if loc else "(top level)"
    where = _where(path, locate(loc))
    if first["type"] == "extra_forbidden":
        known = _known_keys(model, inner[:-1])
        allowed = f"known keys here: {known}" if known else "this takes no options"
        return ConfigError(f"{where}: unknown key `{key}`; {allowed}")
    if first["type"] == "model_type":  # "a valid dictionary or instance of <class>"
        return ConfigError(f"{where}: bad value for `{key}`: must be a mapping of options: {_known_keys(model, inner)}")
    message = first["msg"].removeprefix("Value error, ")
    return ConfigError(f"{where}: bad value for `{key}`: {message}")


def _where(path: Path | None, line: int | None) -> str:
    if path is None:
        return "configuration"
    return f"{path}:{line}" if line else str(path)


def _known_keys(model: type[BaseModel], loc: list[str]) -> str:
    """The keys of the (nested) model at `loc`, as a configuration file spells them."""
    fields = _fields_at(model, loc)
    return ", ".join(sorted(f.alias or n for n, f in fields.items()))


def _fields_at(model: type[BaseModel], loc: list[str]) -> dict:
    from pydantic import BaseModel

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


def _read(p: Path) -> tuple[Any, Locate]:
    """A configuration file's content as plain data, and how to find a key's line in it."""
    return _read_pyproject(p) if p.name == PYPROJECT else _read_yaml(p)


def _locator(path: Path | None) -> Locate:
    """A `Locate` that reads `path` only when asked (an error is being reported)."""

    def locate(loc: list) -> int | None:
        if path is None:
            return None
        try:
            return _read(path)[1](loc)
        except ConfigError:
            return None

    return locate


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
    except RecursionError:
        raise ConfigError(f"{p}: is nested too deeply to be a configuration") from None

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

    if not isinstance(data, dict):
        return data, locate  # `_validate` says what is wrong with it
    counter = itertools.count(1)
    plain = {}
    for key, value in data.items():
        try:
            plain[str(key)] = _plain(value, counter)
        except _TooLarge:
            raise ConfigError(
                f"{_where(p, locate([key]))}: `{key}` is too large: more than {MAX_VALUES:,} values "
                "once its YAML aliases are expanded"
            ) from None
    return plain, locate


class _TooLarge(Exception):
    """A configuration with more than `MAX_VALUES` values."""


def _plain(value: Any, counter: Iterator[int]) -> Any:
    """ruamel's round-trip containers as plain dicts and lists.

    Every use of an alias becomes a copy, so each value converted is counted
    (`counter` is shared by the calls for one file), up to `MAX_VALUES`."""
    if next(counter) > MAX_VALUES:
        raise _TooLarge
    if isinstance(value, dict):
        return {str(k): _plain(v, counter) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, counter) for v in value]
    return value


def _read_pyproject(p: Path):
    import tomllib

    try:
        text = p.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{p}: invalid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{p}: is nested too deeply to be a configuration") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{p}: cannot read: {error}") from None
    keys = _toml_keys(text)
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{_where(p, _toml_line(keys, ['tool']))}: `tool` must be a table, e.g. `[tool.speclint]`")
    section = tool.get("speclint", {})
    if not isinstance(section, dict):
        raise ConfigError(
            f"{_where(p, _toml_line(keys, ['tool', 'speclint']))}: `tool.speclint` must be a table of settings, "
            'e.g. `[tool.speclint]` with `select = ["V001"]` under it'
        )

    def locate(loc) -> int | None:
        return _toml_line(keys, ["tool", "speclint", *map(str, loc)], shortest=2)

    return section, locate


#: A TOML key: bare or quoted parts joined by dots (`tool.speclint`, `"*.mspec"`).
#: Patterns are compiled when first used (by `re`'s cache): most runs never use them.
_TOML_KEY_PART = r""""[^"]*"|'[^']*'|[\w-]+"""
_TOML_KEY = rf"(?:{_TOML_KEY_PART})(?:\s*\.\s*(?:{_TOML_KEY_PART}))*"
_TOML_TABLE = rf"\s*\[\[?\s*({_TOML_KEY})\s*\]"
_TOML_ASSIGNMENT = rf"\s*({_TOML_KEY})\s*="


def _toml_keys(text: str) -> list[tuple[int, list[str]]]:
    """The tables and keys of a TOML text, by line: (line number, full path of the key)."""
    keys, table = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if match := re.match(_TOML_TABLE, line):
            table = _toml_parts(match.group(1))
            keys.append((number, table))
        elif match := re.match(_TOML_ASSIGNMENT, line):
            keys.append((number, table + _toml_parts(match.group(1))))
    return keys


def _toml_parts(dotted: str) -> list[str]:
    return [part.strip("\"'").replace("_", "-") for part in re.findall(_TOML_KEY_PART, dotted)]


def _toml_line(keys: list[tuple[int, list[str]]], path: list[str], shortest: int = 1) -> int | None:
    """The line of the key at `path`, else of its nearest ancestor of at least
    `shortest` parts (an inline table or array that holds it)."""
    path = [part.replace("_", "-") for part in path]
    best, depth = None, shortest - 1
    for number, key in keys:
        if len(key) > depth and path[: len(key)] == key:
            best, depth = number, len(key)
    return best


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
    return git_root(here) or here


def __getattr__(name: str):
    # the schema lives in settings.py and loads pydantic: import it on demand
    if name in ("Config", "FormatConfig", "SemanticConfig"):
        from . import settings

        return getattr(settings, name)
    raise AttributeError(name)
