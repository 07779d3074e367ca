"""The schemas of the checks' options: pydantic models, loaded only when needed.

A configuration's `checks:` block (`{R005: {min-subrules: 4}}`) is validated
against these models, and `speclint init` and `speclint rule` document them.
A lint without such a block never imports this module (nor pydantic): each
check declares its defaults as a plain mapping in its `@check(...)`, and
`Check.run` hands the check those (`tests/test_config.py` holds the two to
the same values).

A check with options names its model here by `"options:ClassName"` in its
`@check(..., options=...)`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class NoOptions(BaseModel):
    """A check without options."""

    model_config = ConfigDict(extra="forbid", defer_build=True)


class R003Options(BaseModel):
    """R003 circular-rationale."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    min_overlap: float = Field(
        0.75, alias="min-overlap", gt=0, le=1,
        description="share of the rationale's content words that must come from its rule",
    )
    max_new_words: int = Field(1, alias="max-new-words", ge=0, description="content words of its own a restating rationale may add")


class R005Options(BaseModel):
    """R005 subrules-without-values."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    min_subrules: int = Field(3, alias="min-subrules", ge=2, description="how many subrules make a rule need a rationale")
