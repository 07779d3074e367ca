"""The settings the stages below the workspace read, as plain data with their defaults.

The checks, the semantic tier and the linter read a few settings through
`SpecModel.config`: the extra vague terms and the allowed terms, and the
semantic tier's switch, model and thresholds. When a lint is given a
configuration, that is the workspace's pydantic `Config` (which has these
attributes and more); when it is not, the model answers with `DEFAULTS`,
made here without importing the configuration's schema or pydantic.
`tests/test_config.py` checks that these defaults are the configuration's.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class SemanticSettings:
    """`semantic:` as the tier reads it."""

    enabled: bool = False
    model: str | None = None
    conflict_threshold: float = 0.55
    duplicate_threshold: float = 0.69
    circular_threshold: float = 0.63
    delegation_threshold: float = 0.49


@dataclass(frozen=True)
class Settings:
    """The configuration's defaults, as far as the checks and the tier read them."""

    vague_terms: tuple[str, ...] = ()
    allowed_terms: tuple[str, ...] = ()
    semantic: SemanticSettings = field(default_factory=SemanticSettings)

    def with_semantic(self, enabled: bool) -> "Settings":
        """These settings with the semantic tier turned on or off."""
        if self.semantic.enabled == enabled:
            return self
        return replace(self, semantic=replace(self.semantic, enabled=enabled))


DEFAULTS = Settings()
