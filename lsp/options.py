"""The language server's options: initialization options and client settings.

Both arrive as JSON from the client (`initializationOptions`, and the
`speclint` section of `workspace/didChangeConfiguration`). They are validated
here; bad values fall back to the defaults and the server tells the user
once with `window/showMessage`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class SemanticOptions(BaseModel):
    model_config = ConfigDict(extra="ignore")

    enabled: bool = False


class ServerOptions(BaseModel):
    """What a client may set (VS Code: the `speclint.*` settings)."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    semantic: SemanticOptions = SemanticOptions()
    #: severity overrides by code, on top of the configuration file's
    severity: dict[str, Literal["error", "warning", "info", "hint", "off"]] = {}
    #: milliseconds to wait after an edit before linting when edits come fast
    debounce_ms: int = Field(150, alias="debounceMs", ge=0, le=5000)
    #: lint Markdown files as specs (they are only when this is true or they
    #: match the configuration's `markdown` globs)
    markdown: bool = False
    #: show code lenses above rules
    code_lens: bool = Field(True, alias="codeLens")


def parse_options(raw: Any) -> tuple[ServerOptions, str | None]:
    """Options from client JSON, and a message for the user if some were bad."""
    if raw is None:
        return ServerOptions(), None
    if isinstance(raw, dict) and "speclint" in raw:
        raw = raw["speclint"]
        if raw is None:
            return ServerOptions(), None
    if not isinstance(raw, dict):
        return ServerOptions(), "speclint: the settings sent by the editor are not an object; using the defaults"
    try:
        return ServerOptions.model_validate(raw), None
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(x) for x in first["loc"])
        return (
            ServerOptions(),
            f"speclint: ignoring the editor settings: `{key}`: {first['msg']}; using the defaults",
        )
