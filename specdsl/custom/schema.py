"""The schema of `custom-checks:` entries: pydantic models, one per kind.

The kinds follow Vale's rule kinds where Vale has one (`existence`,
`substitution`, `occurrence`, with Vale's key names `tokens`, `swap`, `max`,
`min`), and add two structural ones for specs (`require`, `forbid`). Imported
only when a configuration is validated (it loads pydantic).
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

#: What part of a rule a text check reads.
Scope = Literal["text", "rationale", "examples", "all"]
#: What a structural check can ask of a rule.
Feature = Literal["rationale", "own-rationale", "example", "level", "hard", "see", "overrides", "tags"]
KINDS = ("existence", "substitution", "occurrence", "require", "forbid")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


class Rules(_Strict):
    """`rules:`: which rules a custom check looks at (every condition given must hold)."""

    section: str | None = Field(None, description="a glob on the title of any enclosing section, case-insensitive (`Safety*`)")
    level: str | None = Field(None, description="the rule's authority level (its own or inherited)")
    tag: str | None = Field(None, description="a tag the rule carries")
    hard: bool | None = Field(None, description="true: only `hard` rules; false: only rules that are not hard")
    subrules: bool = Field(True, description="false: only top-level rules, not their subrules")


class _Check(_Strict):
    code: str = Field(json_schema_extra={"pattern": r"^X\d{3}$"}, description="X and three digits, e.g. X001")
    name: str | None = Field(
        None,
        pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$",
        description="a kebab-case name to select it by (default: custom-x001)",
    )
    message: str = Field(
        min_length=1,
        description="what a finding says; `{found}`, `{expected}`, `{count}`, `{rule}` and `{missing}` are filled in where the kind has them",
    )
    severity: Literal["error", "warning", "info"] = Field("warning", description="the severity of its findings")
    link: str | None = Field(None, pattern=r"^https?://\S+$", description="a page that explains the house rule")
    rules: Rules = Field(default_factory=Rules, description="which rules it looks at (default: every rule and subrule)")

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        import re

        if not re.fullmatch(r"X\d{3}", value):
            raise ValueError(f"`{value}`: a custom check's code is X and three digits, e.g. X001")
        return value

    @property
    def check_name(self) -> str:
        return self.name or f"custom-{self.code.lower()}"


class Existence(_Check):
    """Words, phrases or a regular expression that must not occur."""

    kind: Literal["existence"]
    tokens: list[Annotated[str, Field(min_length=1)]] = Field([], description="words or phrases, matched as whole words")
    pattern: str | None = Field(None, min_length=1, description="a regular expression (Python `regex` syntax)")
    ignorecase: bool = Field(True, description="match regardless of case")
    scope: Scope = Field("text", description="rule text (with when/unless), rationale, examples, or all")

    @model_validator(mode="after")
    def _compiles(self):
        if self.pattern:
            from .run import compile_pattern

            compile_pattern(self.pattern, self.ignorecase)
        return self

    @model_validator(mode="after")
    def _something(self):
        if not self.tokens and not self.pattern:
            raise ValueError("an existence check needs `tokens` (words or phrases) or a `pattern`")
        return self


class Substitution(_Check):
    """Use this word instead of that: each finding has a safe fix."""

    kind: Literal["substitution"]
    swap: dict[str, str] = Field(min_length=1, description="observed word or phrase -> the one to write instead")
    ignorecase: bool = Field(True, description="match regardless of case")
    scope: Scope = Field("text", description="rule text (with when/unless), rationale, examples, or all")

    @field_validator("swap")
    @classmethod
    def _non_empty(cls, value: dict[str, str]) -> dict[str, str]:
        for observed, expected in value.items():
            if not observed.strip() or not expected.strip():
                raise ValueError("each `swap` entry maps a non-empty word or phrase to a non-empty one")
        return value


class Occurrence(_Check):
    """At most / at least so many words, sentences or characters per rule."""

    kind: Literal["occurrence"]
    count: Literal["words", "sentences", "characters"] = Field("words", description="what is counted")
    max: int | None = Field(None, ge=0, description="report a rule with more than this many")
    min: int | None = Field(None, ge=0, description="report a rule with fewer than this many")
    scope: Scope = Field("text", description="rule text (with when/unless), rationale, examples, or all")

    @model_validator(mode="after")
    def _bounds(self):
        if self.max is None and self.min is None:
            raise ValueError("an occurrence check needs `max`, `min` or both")
        if self.max is not None and self.min is not None and self.min > self.max:
            raise ValueError(f"`min` ({self.min}) is more than `max` ({self.max})")
        return self


class Bounds(_Strict):
    min: int | None = Field(None, ge=0, description="at least this many subrules")
    max: int | None = Field(None, ge=0, description="at most this many subrules")


class _Structural(_Check):
    has: list[Feature] = Field([], description="what the rule has: rationale (own or inherited), own-rationale, example, level, hard, see, overrides, tags")
    subrule_count: Bounds | None = Field(None, alias="subrule-count", description="bounds on the number of direct subrules")

    @model_validator(mode="after")
    def _predicate(self):
        if not self.has and self.subrule_count is None:
            raise ValueError(f"a {self.kind} check needs `has` (what a rule has) or `subrule-count` bounds")
        return self


class Require(_Structural):
    """Every selected rule must satisfy the predicate."""

    kind: Literal["require"]


class Forbid(_Structural):
    """No selected rule may satisfy the predicate."""

    kind: Literal["forbid"]


CustomCheck = Annotated[Union[Existence, Substitution, Occurrence, Require, Forbid], Field(discriminator="kind")]
MODELS = {"existence": Existence, "substitution": Substitution, "occurrence": Occurrence, "require": Require, "forbid": Forbid}
