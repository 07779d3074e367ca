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
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from specdsl.model.frontends import MARKDOWN_SUFFIXES, MSPEC_SUFFIXES

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
    #: Of a semantic pass: the (code, path, rule) of the lexical findings it withdraws
    #: (R001 with a reason near its rule), set by `refine` against the lexical run of its text.
    withdrawn: frozenset = frozenset()


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


#: One incremental parser per thread that parses (the lint thread, the semantic
#: pass's thread, the features on the event loop): a parser is not thread-safe.
#: They share the blocks they have parsed and placed (`_shared`), and each
#: thread that lints keeps its own findings (see `_reuse`).
_PARSERS = threading.local()
_SHARED: dict[str, object] = {}
_SHARED_LOCK = threading.Lock()
#: Every parser and findings cache made here, to forget a closed document in all.
_ALL: "weakref.WeakSet" = weakref.WeakSet()


def parse_document(text: str, path: str, loaded=None):
    """Parse an editor buffer: .mspec block by block (see specdsl.syntax.incremental),
    Markdown and prompts whole, read as their configuration (`loaded`, else the
    file's) says (`reading`, `per-path-reading`), as the command line reads them."""
    from specdsl.model.frontends import detect, parse_any

    if detect(path, text=text) == "mspec":
        return _parser().parse(text, path)
    if loaded is None:
        from specdsl.workspace.config import config_for

        loaded = config_for(path)
    return parse_any(text, path, reading=loaded.reading_for(path))


def _parser():
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        from specdsl.syntax.incremental import IncrementalParser

        parser = _PARSERS.parser = IncrementalParser(**_shared())
        with _SHARED_LOCK:
            _ALL.add(parser)
    return parser


def _shared() -> dict:
    """The parsed and placed blocks that every thread's parser shares."""
    with _SHARED_LOCK:
        if not _SHARED:
            from specdsl.syntax.incremental import BLOCK_BYTES, PLACED_BYTES
            from specdsl.core.memo import ByteLRU

            _SHARED["blocks"] = ByteLRU(BLOCK_BYTES, "parsed blocks")
            _SHARED["placed"] = ByteLRU(PLACED_BYTES, "placed blocks")
        return dict(_SHARED)


def forget_document(path: str) -> None:
    """Let go of what the parsers and findings caches keep for the document at
    `path` (it was closed): its placed blocks, its latest layout, its findings."""
    with _SHARED_LOCK:
        keepers = list(_ALL)
    for keeper in keepers:
        keeper.forget(path)


def _reuse(text: str, path: str) -> tuple | None:
    """What lets a lint of `path` keep the rule-local findings of the blocks it has
    seen (see `specdsl.linting.reuse`): this thread's findings cache and the layout of the
    parse of `text` just made, or None if it was not parsed block by block."""
    parser = getattr(_PARSERS, "parser", None)
    layout = parser.layout.get(path) if parser is not None else None
    if not layout or layout[-1][2] != len(text):
        return None
    cache = getattr(_PARSERS, "findings", None)
    if cache is None:
        from specdsl.linting.reuse import FindingsCache

        cache = _PARSERS.findings = FindingsCache()
        with _SHARED_LOCK:
            _ALL.add(cache)
    return cache, layout


def lint_run(
    path: str,
    text: str,
    version: int | None,
    *,
    loader: Callable[[Path], str],
    severity: dict[str, str] | None = None,
    semantic: bool = False,
    checkpoint: Callable[[], None] | None = None,
    spec: object | None = None,
) -> Run:
    """Lint `path` (with `text`) and the files it includes; findings for all of them.

    `semantic` runs only the checks the semantic tier adds to or withdraws from,
    with the tier on (the caller has loaded it), and keeps only the tier's own
    findings and those of the checks it withdraws from: the semantic pass that
    follows a lexical run (see `refine` and `with_semantic`). `checkpoint`
    is called now and then (see `LintOptions.checkpoint`). `spec` is `text` parsed
    already (by the lexical run the semantic pass follows)."""
    from specdsl.core.gcpause import paused_gc

    with paused_gc():
        return _lint_run(
            path, text, version, loader=loader, severity=severity, semantic=semantic, checkpoint=checkpoint, spec=spec
        )


def _lint_run(path: str, text: str, version: int | None, *, loader, severity, semantic, checkpoint, spec) -> Run:
    from specdsl.workspace.config import config_for
    from specdsl.workspace.options import options_from
    from specdsl.core.spans import Severity

    loaded = config_for(path)
    options = options_from(loaded, path)
    options.all_documents = True
    # The server decides whether the semantic tier runs (only once its model is
    # loaded, never blocking an edit on it), whatever the configuration says.
    if options.config is not None:
        options.config = options.config.with_semantic(semantic)
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
    if semantic:
        from specdsl.linting.linter import selected_checks
        from specdsl.semantic.evidence import REFINED_CODES, SEMANTIC_CODES

        codes = sorted({c.code for c in selected_checks(options)} & {*SEMANTIC_CODES, *REFINED_CODES})
        options.select, options.extend_select = codes or ["NONE"], []
    options.checkpoint = checkpoint
    if checkpoint is not None:
        checkpoint()
    if spec is None:
        spec = parse_document(text, path, loaded)
        if not semantic:
            options.reuse = _reuse(text, path)
    if checkpoint is not None:
        checkpoint()
    model = _editor_model(path, text, loader, loaded, spec)
    diagnostics = _lint_past_timeouts(model, options)
    if semantic:
        from specdsl.semantic.evidence import REFINED_CODES

        diagnostics = [d for d in diagnostics if d.data.get("tier") == "semantic" or d.code in REFINED_CODES]
    by_path: dict[str, list] = {doc.path: [] for doc in model.documents if doc.path}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    return Run(root=path, version=version, text=text, model=model, by_path=by_path, semantic=semantic)


def _lint_past_timeouts(model, options) -> list:
    """`lint_model`, except that a custom check whose pattern runs out of time on a
    rule (`PatternTimeout`) is shown as an error on that rule, and the lint goes on
    without that check: the command line stops there (a configuration to mend), but
    an editor keeps every other finding while its user mends the pattern."""
    from specdsl.custom.run import PatternTimeout
    from specdsl.linting.linter import lint_model
    from specdsl.core.diagnostics import Diagnostic
    from specdsl.core.spans import Severity

    stopped: list[PatternTimeout] = []
    while True:
        try:
            diagnostics = lint_model(model, options)
            break
        except PatternTimeout as error:
            if not error.code or error.code in options.ignore or len(stopped) > 50:
                raise
            stopped.append(error)
            options.ignore = list(options.ignore) + [error.code]
    for error in stopped:
        if error.span is not None:
            diagnostics.append(
                Diagnostic(code=error.code, message=str(error), span=error.span, severity=Severity.ERROR, path=error.path, rule=error.rule)
            )
    return diagnostics


def _editor_model(path: str, text: str, loader, loaded, spec=None):
    """The model of an editor buffer (`spec`, its parse if made already), with the
    files it includes and the configuration's levels for a spec without its own."""
    from specdsl.workspace.config import workspace_root
    from specdsl.model.model import build_model

    if spec is None:
        spec = parse_document(text, path, loaded)
    model = build_model(spec, path=path, text=text, workspace=workspace_root(path, loaded), loader=loader)
    if not model.levels and loaded.levels:
        model.levels = list(loaded.levels)
    return model


def prepare_embeddings(path: str, text: str, *, loader: Callable[[Path], str]) -> None:
    """Embed the texts the semantic tier will ask about in `path` (and what it includes),
    so that its first semantic lint finds them cached. Runs on the tier's loading thread."""
    from specdsl.workspace.config import config_for
    from specdsl.semantic import evidence

    loaded = config_for(path)
    model = _editor_model(path, text, loader, loaded)
    model.settings = loaded.config.with_semantic(True)
    model.__dict__["_semantic_codes"] = {*evidence.SEMANTIC_CODES, *evidence.REFINED_CODES}
    evidence.view(model)


def refine(lexical: Run, semantic: Run) -> Run:
    """Record on a semantic pass which findings of the lexical run of the same text it
    withdraws: those of the codes the tier only withdraws from (R001, see
    `evidence.REFINED_CODES`) that the pass, with the tier on, did not make."""
    from specdsl.semantic.evidence import REFINED_CODES

    kept = {(d.code, d.path, d.rule) for found in semantic.by_path.values() for d in found if d.code in REFINED_CODES}
    semantic.withdrawn = frozenset(
        key
        for found in lexical.by_path.values()
        for d in found
        if d.code in REFINED_CODES and d.rule is not None and (key := (d.code, d.path, d.rule)) not in kept
    )
    return semantic


def with_semantic(lexical: Run, semantic: Run | None) -> Run:
    """A lexical run with the findings of a semantic pass (`lint_run(semantic=True)`).

    A pass over the same text adds all its findings, and takes away the lexical
    findings it withdraws (`refine`: R001 on a prose rule whose reason a sentence
    near it gives), so that the result is what `speclint check --semantic` reports.
    A pass over an older text adds those whose rules, and the rules they point at,
    are word for word as they were, moved with their rules and without their
    fixes, and withdraws on the rules that are word for word as they were: while
    the user types, the semantic findings stay put instead of flickering, and the
    rest wait for the next pass. A semantic finding hides the lexical findings it
    supersedes on its rule (R003 hides R004), as in a single lint."""
    if semantic is None:
        return lexical
    from specdsl.semantic.evidence import REFINED_CODES

    same = semantic.text == lexical.text
    old_model, new_model = semantic.model, lexical.model
    places: dict[str, tuple | None] = {}

    def delta(rule_id: str | None, path: str | None):
        if same:
            return (0, 0)
        if rule_id is None:
            return None
        if rule_id not in places:
            places[rule_id] = _moved(old_model, new_model, rule_id, path)
        return places[rule_id]

    added: dict[str, list] = {}
    for path, found in semantic.by_path.items():
        for d in found:
            if d.code in REFINED_CODES:
                continue  # the tier only withdraws these: see `withdrawn`
            moved = delta(d.rule, d.path)
            if moved is None:
                continue
            if same:
                added.setdefault(path, []).append(d)
                continue
            related = []
            for r in d.related:
                other = delta(r.rule, r.path)
                if other is None:
                    break
                related.append(r.replace(span=r.span.moved(*other)))
            else:
                added.setdefault(path, []).append(
                    d.replace(span=d.span.moved(*moved), related=related, fix=None)
                )
    withdrawn = {key for key in semantic.withdrawn if delta(key[2], key[1]) is not None}
    if not added and not withdrawn:
        return lexical
    from specdsl import checks

    registry = checks.load()
    by_path = {
        path: [d for d in found if (d.code, d.path, d.rule) not in withdrawn] if withdrawn else list(found)
        for path, found in lexical.by_path.items()
    }
    for path, found in added.items():
        hidden = {(code, d.rule) for d in found for code in registry[d.code].supersedes if d.rule}
        kept = [d for d in by_path.get(path, []) if (d.code, d.rule) not in hidden]
        by_path[path] = kept + found
    return Run(root=lexical.root, version=lexical.version, text=lexical.text, model=lexical.model,
               by_path=by_path, semantic=True)


def _moved(old_model, new_model, rule_id: str, path: str | None) -> tuple[int, int] | None:
    """(offset delta, line delta) of a rule that is unchanged between two models, else None."""
    a, b = old_model.by_id.get(rule_id), new_model.by_id.get(rule_id)
    if a is None or b is None or a.path != b.path or a.path != path:
        return None
    old_text, new_text = old_model.text_of(a.path), new_model.text_of(b.path)
    if old_text is None or new_text is None:
        return None
    sa, sb = a.rule.span, b.rule.span
    if sa.column != sb.column or old_text[sa.offset : sa.end_offset] != new_text[sb.offset : sb.end_offset]:
        return None
    return sb.offset - sa.offset, sb.line - sa.line


def view_of(uri: str, path: str, text: str, version: int | None, store: Store, encoding: str, loader) -> View:
    """A view of a document: the latest run's if it is current, else a fresh parse (no checks)."""
    run = store.run_for(path)
    if run is not None and run.text == text:
        model = run.model
    else:
        from specdsl.workspace.config import config_for

        model = _editor_model(path, text, loader, config_for(path))
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
