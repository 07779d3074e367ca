"""The semantic tier in the language server: loaded in the background, used once ready.

The embedding model takes seconds to load, and an editor must not wait for
it. So a document is always linted on the lexical tier first; when the tier
is asked for (the client's `semantic.enabled`, or `semantic: true` in the
configuration) and installed, a background thread loads the model and
embeds the open specs' texts, then every open spec is linted again with the
tier on (its findings added, the R001 findings it withdraws taken away).
From then on each lint runs both tiers: an edit embeds only the texts it
changed (the vectors of the others are in memory), so the tier adds
milliseconds, not seconds.

The state is reported to the client: `speclint.serverInfo` answers it and a
`speclint/status` notification announces every change, so a status bar can
say "lexical", "semantic" or "loading". If the tier is asked for but not
installed, the user is told once, with the command that installs it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Callable

log = logging.getLogger("speclint.lsp")

#: The states of the tier in this server process.
OFF, LOADING, READY, UNAVAILABLE, FAILED = "off", "loading", "ready", "unavailable", "failed"


@dataclass
class SemanticTier:
    """Whether the semantic tier can run, and loading it once, off the event loop."""

    state: str = OFF
    reason: str | None = None
    model_path: str | None = None
    #: called (from any thread) when the state changes
    on_change: Callable[[], None] = lambda: None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _told: bool = False

    def request(self, model_path: str | None, cache_dir: str | None, prepare: Callable[[], None]) -> bool:
        """The tier is wanted for a document: True when it can run now. Otherwise
        start loading it (once) and return False; `prepare` runs on the loading
        thread once the model is in (to embed the open specs' texts)."""
        with self._lock:
            if self.state == READY and model_path == self.model_path:
                return True
            if self.state == LOADING:
                return False
            if self.state in (UNAVAILABLE, FAILED) and model_path == self.model_path:
                return False
            from specdsl import semantic

            self.model_path = model_path
            reason = semantic.unavailable_reason(model_path)
            if reason is not None:
                self.state, self.reason = UNAVAILABLE, reason
                changed = True
            else:
                # the model runs in a child process: loading and encoding never hold
                # this process's interpreter lock while the user types
                semantic.configure(cache_dir=cache_dir, remote=True)
                self.state, self.reason = LOADING, None
                thread = threading.Thread(target=self._load, args=(model_path, prepare), daemon=True)
                thread.name = "speclint-semantic"
                thread.start()
                changed = True
        if changed:
            self.on_change()
        return False

    def _load(self, model_path: str | None, prepare: Callable[[], None]) -> None:
        from specdsl import semantic

        try:
            semantic.warm_up(model_path)
        except Exception as error:  # not installed properly, a broken model: stay lexical
            log.warning("the semantic tier did not load: %s", error)
            with self._lock:
                self.state, self.reason = FAILED, f"the semantic tier did not load: {error}"
            self.on_change()
            return
        try:
            prepare()
        except Exception:  # embedding ahead of time is an optimisation only
            log.exception("embedding the open specs failed")
        with self._lock:
            if self.model_path == model_path:
                self.state = READY
        self.on_change()

    def tell_once(self) -> str | None:
        """The message for the user when the tier was asked for and cannot run (once)."""
        with self._lock:
            if self.state in (UNAVAILABLE, FAILED) and not self._told:
                self._told = True
                return f"speclint: {self.reason}. Until then the lexical tier runs."
        return None

    def info(self, requested: bool) -> dict:
        """What `speclint.serverInfo` and `speclint/status` say about the tier."""
        if not requested:
            tier = "lexical"
        elif self.state == READY:
            tier = "semantic"
        elif self.state == LOADING:
            tier = "loading"
        else:
            tier = "lexical"
        return {
            "tier": tier,
            "semantic": {"requested": requested, "state": self.state if requested else OFF, "reason": self.reason},
        }
