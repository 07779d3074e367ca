"""What the server knows about the workspace: documents, their models, their findings.

A *run* lints one root document together with the files it includes; its
findings are kept per file. The findings published for a file are those of
every run whose model contains it, so a conflict between a rule in `a.mspec`
and a rule in the `b.mspec` it includes appears in both files. When a file
changes, every run that contains it is done again.

Everything here is plain Python over `specdsl`: no protocol, so the feature
functions and the tests can use it without a server.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from specdsl.frontends import MARKDOWN_SUFFIXES, MSPEC_SUFFIXES

from .positions import LineIndex


@dataclass
class View:
    """One document as the features see it: its text, tree, model and findings."""

    uri: str
    path: str
    text: str
    version: int | None
    spec: object
    model: object
    index: LineIndex
    diagnostics: list = field(default_factory=list)


@dataclass
class Run:
    root: str
    version: int | None
    text: str
    model: object
    by_path: dict[str, list] = field(default_factory=dict)
    semantic: bool = False


def is_spec_path(path: str, markdown: bool) -> bool:
    suffix = os.path.splitext(path)[1].lower()
    return suffix in MSPEC_SUFFIXES or (markdown and suffix in MARKDOWN_SUFFIXES)


class Store:
    """Runs by root file, and which files each run's model contains."""

    def __init__(self) -> None:
        self.runs: dict[str, Run] = {}
        self.lock = threading.Lock()

    def put(self, run: Run) -> set[str]:
        """Keep a run; returns the files whose findings may have changed."""
        with self.lock:
            old = self.runs.get(run.root)
            self.runs[run.root] = run
            touched = set(run.by_path)
            if old is not None:
                touched |= set(old.by_path)
            return touched

    def drop(self, root: str) -> set[str]:
        with self.lock:
            old = self.runs.pop(root, None)
            return set(old.by_path) if old else set()

    def roots_containing(self, path: str) -> list[str]:
        with self.lock:
            return [r.root for r in self.runs.values() if path in r.by_path and r.root != path]

    def diagnostics_for(self, path: str) -> list:
        """The findings of `path` from every run that contains it, each once."""
        with self.lock:
            runs = [r for r in self.runs.values() if path in r.by_path]
        seen: set[tuple] = set()
        out = []
        for run in sorted(runs, key=lambda r: r.root != path):
            for d in run.by_path.get(path, []):
                key = (d.code, d.span, d.message)
                if key not in seen:
                    seen.add(key)
                    out.append(d)
        out.sort(key=lambda d: (d.span.offset, d.code))
        return out

    def run_for(self, path: str) -> Run | None:
        with self.lock:
            return self.runs.get(path)


_INCREMENTAL = None


def parse_document(text: str, path: str):
    """Parse an editor buffer: .mspec block by block (see specdsl.incremental), Markdown whole."""
    global _INCREMENTAL
    from specdsl.frontends import detect, parse_any

    if detect(path) != "mspec":
        return parse_any(text, path)
    if _INCREMENTAL is None:
        from specdsl.incremental import IncrementalParser

        _INCREMENTAL = IncrementalParser()
    return _INCREMENTAL.parse(text, path)


def lint_run(
    path: str,
    text: str,
    version: int | None,
    *,
    loader: Callable[[Path], str],
    severity: dict[str, str] | None = None,
    semantic: bool = False,
) -> Run:
    """Lint `path` (with `text`) and the files it includes; findings for all of them.

    `semantic` runs the semantic tier too (the caller has loaded it)."""
    from specdsl.gcpause import paused_gc

    with paused_gc():
        return _lint_run(path, text, version, loader=loader, severity=severity, semantic=semantic)


def _lint_run(path: str, text: str, version: int | None, *, loader, severity, semantic) -> Run:
    from specdsl.config import config_for, workspace_root
    from specdsl.linter import lint_model
    from specdsl.model import build_model
    from specdsl.runner import options_from
    from specdsl.spans import Severity

    loaded = config_for(path)
    options = options_from(loaded, path)
    options.all_documents = True
    # The server decides whether the semantic tier runs (only once its model is
    # loaded, never blocking an edit on it), whatever the configuration says.
    if options.config is not None and options.config.semantic.enabled != semantic:
        cfg = options.config
        options.config = cfg.model_copy(update={"semantic": cfg.semantic.model_copy(update={"enabled": semantic})})
    dropped = set()
    for code, value in (severity or {}).items():
        if value == "off":
            dropped.add(code.upper())
        elif value == "hint":
            options.severity[code.upper()] = Severity.INFO
        else:
            options.severity[code.upper()] = Severity(value)
    if dropped:
        options.ignore = list(options.ignore) + sorted(dropped)
    spec = parse_document(text, path)
    model = build_model(spec, path=path, text=text, workspace=workspace_root(path, loaded), loader=loader)
    if not model.levels and loaded.levels:
        model.levels = list(loaded.levels)
    diagnostics = lint_model(model, options)
    by_path: dict[str, list] = {doc.path: [] for doc in model.documents if doc.path}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    return Run(root=path, version=version, text=text, model=model, by_path=by_path, semantic=semantic)


def view_of(uri: str, path: str, text: str, version: int | None, store: Store, encoding: str, loader) -> View:
    """A view of a document: the latest run's if it is current, else a fresh parse (no checks)."""
    run = store.run_for(path)
    if run is not None and run.text == text:
        model = run.model
    else:
        from specdsl.config import config_for, workspace_root
        from specdsl.model import build_model

        loaded = config_for(path)
        model = build_model(parse_document(text, path), path=path, text=text, workspace=workspace_root(path, loaded), loader=loader)
        if not model.levels and loaded.levels:
            model.levels = list(loaded.levels)
    return View(
        uri=uri,
        path=path,
        text=text,
        version=version,
        spec=model.root.spec,
        model=model,
        index=LineIndex(text, encoding),
        diagnostics=store.diagnostics_for(path),
    )
