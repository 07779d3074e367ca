"""The speclint language server (pygls): thin handlers over `lsp.features`.

Diagnostics are pushed (`textDocument/publishDiagnostics`) after each open,
change and save, linted on a worker thread. The first edit after a quiet
moment is linted at once; edits that come faster than `debounceMs` are
gathered and linted once, and a run whose document changed meanwhile is
dropped. Files that include an edited file, or that it includes, are linted
with it, and findings are published to every file they concern.

Only JSON-RPC goes to stdout: logging goes to stderr, and every handler turns
an unexpected error into an empty answer and a log line, never a crash.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import logging
import os
import re
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument

from specdsl import __version__
from specdsl.core.sources import read_source

from .features import actions, completion, diagnostics, editing, hover, navigation, structure, symbols, tokens
from .options import ServerOptions, parse_options
from .positions import LineIndex
from .protocol import Protocol, QuietRefusals
from .semantic import SemanticTier
from .state import Store, forget_document, is_spec_path, lint_run, parse_document, prepare_embeddings, refine, view_of, with_semantic

log = logging.getLogger("speclint.lsp")


#: A line with its end, as LSP counts lines: only CR LF, LF and CR end one.
_LSP_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _lsp_lines(document: TextDocument) -> tuple[str, ...]:
    return tuple(_LSP_LINE.findall(document.source))


# pygls splits a document into lines with str.splitlines, which also breaks at
# U+2028, U+0085, a form feed and more: an edit on a line after one of those
# would land on the wrong line, and the server's text would differ from the
# editor's. Positions are counted as the protocol counts them.
TextDocument.lines = property(_lsp_lines)

#: How deep the server recurses, and the stack of its lint threads: room for
#: a few thousand levels of nesting (Python's defaults stop near 200).
RECURSION_LIMIT = 20_000
THREAD_STACK = 64 * 1024 * 1024

#: A URI scheme at the start of a "path": a document with no file (`untitled:`).
#: Two letters at least, so that a Windows drive (`C:`) is a path.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:")


class SpeclintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "speclint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental, protocol_cls=Protocol
        )
        self.options = ServerOptions()
        self.store = Store()
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="speclint-lint")
        # the semantic pass of a lint runs apart, after the lexical findings are out
        self.semantic_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="speclint-semantic")
        self.semantic_runs: dict[str, object] = {}  # root -> its latest semantic pass
        self.lexical_runs: dict[str, object] = {}  # root -> its latest lexical run
        self.semantic_tasks: dict[str, asyncio.Task] = {}
        # set while no lexical lint runs: the semantic pass waits for it at its
        # checkpoints, so that it never slows the diagnostics of a keystroke
        self.lexical_idle = threading.Event()
        self.lexical_idle.set()
        self.lexical_busy = 0
        self.pending: dict[str, asyncio.TimerHandle] = {}
        #: The running lints: the loop keeps only weak references to its tasks.
        self.lint_tasks: set[asyncio.Task] = set()
        self.last_lint: dict[str, float] = {}
        self.semantic = SemanticTier(on_change=self._semantic_changed)
        self.semantic_requested = False  # some open spec asks for the tier
        self.loop: asyncio.AbstractEventLoop | None = None
        self.idle_collect: asyncio.TimerHandle | None = None
        self.lints_since_collect = 0

    def start_io(self, stdin=None, stdout=None) -> None:
        """Serve on stdin/stdout, reading messages with `framing.serve` instead of
        pygls's reader: a frame with a bad header is answered and skipped, a huge
        one refused without being held, and the server goes on reading."""
        from pygls.io_ import StdoutWriter

        from .framing import max_message_bytes, serve

        self._stop_event = threading.Event()
        self.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
        try:
            asyncio.run(
                serve(self._stop_event, stdin or sys.stdin.buffer, self.protocol, self.thread_pool, max_message_bytes())
            )
        except BrokenPipeError:
            log.error("the connection to the client is lost: shutting down")
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.shutdown()

    # -- documents ---------------------------------------------------------------
    def path_of(self, uri: str) -> str:
        """A document's file path; an `untitled:` buffer's URI is its own path."""
        return to_fs_path(uri) or uri

    def uri_of(self, path: str | None) -> str:
        if not path:
            return ""
        if _SCHEME.match(path):  # no file: an unsaved buffer, say
            return path
        return from_fs_path(path)

    def document(self, uri: str):
        """The open document at `uri`, however the client escaped it (pygls keys
        documents by the unescaped URI: `My%20Specs` and `My Specs` are one)."""
        return self.workspace.text_documents.get(unquote(uri))

    def documents(self) -> list:
        """The open documents; each keeps the URI its client gave it."""
        return list(self.workspace.text_documents.values())

    def is_spec(self, uri: str) -> bool:
        """Whether the document at `uri` is linted: the editor lints what `speclint
        check .` lints (`runner.spec_selected` with the file's configuration: `.mspec`,
        agent instruction and prompt files such as AGENTS.md, CLAUDE.md,
        .cursorrules and *.prompt.md, the Markdown its `markdown:` globs name, and
        never what its `exclude:` names), and any other Markdown file when the
        client asks (the `markdown` setting), unless excluded. A buffer with no
        file (`untitled:`), or under a configuration that cannot be read, is
        judged by its name alone."""
        from specdsl.model.frontends import MARKDOWN_SUFFIXES
        from specdsl.prompts.kinds import is_default_spec
        from specdsl.workspace.config import ConfigError, config_for
        from specdsl.workspace.runner import spec_selected

        path = self.path_of(uri)
        if _SCHEME.match(path):
            return is_spec_path(path, markdown=self.options.markdown)
        try:
            loaded = config_for(path)
        except ConfigError:  # the lint says what is wrong with it
            return is_spec_path(path, markdown=self.options.markdown) or is_default_spec(path)
        if spec_selected(path, loaded):
            return True
        markdown = self.options.markdown and os.path.splitext(path)[1].lower() in MARKDOWN_SUFFIXES
        return markdown and not loaded.excluded(path)

    def text_of(self, path: str) -> str | None:
        """An open editor buffer's text, else the file on disk."""
        uri = self.uri_of(path)
        doc = self.document(uri)
        if doc is not None:
            return doc.source
        try:
            return Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def loader(self, path: Path) -> str:
        uri = self.uri_of(str(path))
        doc = self.document(uri)
        if doc is not None:
            return doc.source
        return read_source(path)  # as the command line reads an included file

    def encoding(self) -> str:
        return self.workspace.position_encoding or types.PositionEncodingKind.Utf16

    def index_for(self, path: str | None) -> LineIndex | None:
        if path is None:
            return None
        text = self.text_of(path)
        return LineIndex(text, self.encoding()) if text is not None else None

    def indexes(self):
        """`index_for` for one answer, which reads and indexes each file once: an
        answer may place hundreds of spans in the same files (the related places
        of the findings it publishes, the references of a rule), and an index
        goes over the whole text of its file."""
        return functools.cache(self.index_for)

    def location_of(self, path: str | None, span, index_for=None) -> types.Location | None:
        index = (index_for or self.index_for)(path)
        if index is None:
            return None
        return types.Location(uri=self.uri_of(path), range=index.range(span))

    def view(self, uri: str):
        doc = self.workspace.get_text_document(uri)  # pygls unescapes the URI itself
        return view_of(uri, self.path_of(uri), doc.source, doc.version, self.store, self.encoding(), self.loader)

    # -- the semantic tier ---------------------------------------------------------
    def wants_semantic(self, path: str) -> tuple[bool, str | None, str | None]:
        """Whether the tier is asked for this file (client setting or configuration),
        its model path and where its vectors are cached."""
        from specdsl.workspace.cache import CACHE_DIR, cache_root
        from specdsl.workspace.config import config_for
        from specdsl.workspace.options import semantic_settings

        loaded = config_for(path)
        on, model = semantic_settings(loaded, {"semantic": self.options.semantic.enabled})
        return on, model, os.path.join(str(cache_root(path, loaded)), CACHE_DIR) if on else None

    def semantic_ready_for(self, path: str) -> bool:
        on, model, cache_dir = self.wants_semantic(path)
        self.semantic_requested = self.semantic_requested or on
        if not on:
            return False
        ready = self.semantic.request(model, cache_dir, self._embed_open_specs)
        message = self.semantic.tell_once()
        if message:
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=message))
        return ready

    def _embed_open_specs(self) -> None:
        """On the loading thread: embed the open specs' texts ahead of their lints."""
        for doc in self.documents():
            uri = doc.uri
            if not self.is_spec(uri):
                continue
            path = self.path_of(uri)
            if self.wants_semantic(path)[0]:
                prepare_embeddings(path, doc.source, loader=self.loader)

    def _semantic_changed(self) -> None:
        """From any thread: tell the client, and lint again once the tier is in."""
        loop = self.loop
        if loop is None or loop.is_closed():
            return

        def on_loop():
            self.notify_status()
            if self.semantic.state == "ready":
                self.relint_all()
            elif self.semantic.state == "failed":
                message = self.semantic.tell_once()
                if message:
                    self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=message))

        loop.call_soon_threadsafe(on_loop)

    def server_info(self) -> dict:
        info = {"version": __version__}
        info.update(self.semantic.info(self.semantic_requested or self.options.semantic.enabled))
        info["options"] = self.options.model_dump(by_alias=True)
        return info

    def notify_status(self) -> None:
        self.protocol.notify("speclint/status", self.server_info())

    # -- linting -----------------------------------------------------------------
    def schedule(self, uri: str) -> None:
        """Lint soon: at once after a quiet moment, else when the edits pause."""
        loop = self.loop = asyncio.get_running_loop()
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        quiet = time.monotonic() - self.last_lint.get(uri, 0.0)
        delay = 0.0 if quiet * 1000 >= self.options.debounce_ms else self.options.debounce_ms / 1000
        self.pending[uri] = loop.call_later(delay, self._start_lint, uri)

    def _start_lint(self, uri: str) -> None:
        task = asyncio.ensure_future(self.lint(uri))
        self.lint_tasks.add(task)
        task.add_done_callback(self.lint_tasks.discard)

    async def lint(self, uri: str) -> None:
        self.pending.pop(uri, None)
        doc = self.document(uri)
        if doc is None:
            return
        self.last_lint[uri] = time.monotonic()
        path, text, version = self.path_of(uri), doc.source, doc.version
        self.lexical_busy += 1
        self.lexical_idle.clear()
        try:
            await self._lint(uri, path, text, version)
        finally:
            self.lexical_busy -= 1
            if self.lexical_busy == 0:
                self.lexical_idle.set()

    async def _lint(self, uri: str, path: str, text: str, version: int) -> None:
        roots = [path] + [r for r in self.store.roots_containing(path) if r != path]
        loop = asyncio.get_running_loop()
        touched: set[str] = set()
        semantic_roots: list[tuple[str, str, int | None]] = []
        for root in roots:
            root_text = text if root == path else self.text_of(root)
            if root_text is None:
                continue
            try:
                semantic = self.semantic_ready_for(root)
            except Exception:  # the lexical tier runs whatever happens to the other
                log.exception("the semantic tier for %s", root)
                semantic = False
            job = functools.partial(
                lint_run,
                root,
                root_text,
                version if root == path else None,
                loader=self.loader,
                severity=dict(self.options.severity),
            )
            try:
                run = await loop.run_in_executor(self.pool, job)
            except Exception:  # a bug must not take the editor down
                log.exception("linting %s failed", root)
                continue
            current = self.document(uri)
            if current is None or current.version != version:
                return  # stale: a newer edit is scheduled
            if not self.is_spec(uri):
                return  # no longer a spec (the configuration changed meanwhile): withdrawn, not published
            self.lexical_runs[root] = run
            if semantic:
                # until the semantic pass of this version is done, the findings of the last
                # one stay where their rules are unchanged (no flicker while typing)
                run = with_semantic(run, self.semantic_runs.get(root))
                semantic_roots.append((root, root_text, version if root == path else None))
            else:
                self.semantic_runs.pop(root, None)
            touched |= self.store.put(run)
        for p in touched | {path}:
            self.publish(p)
        for root, root_text, root_version in semantic_roots:
            self.schedule_semantic(uri, version, root, root_text, root_version)
        self.collect_when_idle()

    #: Seconds of quiet after a lint before its semantic pass starts.
    SEMANTIC_DELAY_S = 0.25

    def schedule_semantic(self, uri: str, version: int, root: str, text: str, root_version: int | None) -> None:
        """After the lexical findings are out: lint `root` with the semantic tier too,
        when the user pauses, and publish it if the document has not changed since:
        the tier's findings added, and the lexical R001 findings it withdraws taken
        away (`state.refine`), as `speclint check --semantic` reports the text."""
        previous = self.semantic_tasks.pop(root, None)
        if previous is not None:
            previous.cancel()

        async def later():
            from specdsl.linting.linter import LintCancelled  # loaded by the first lint anyway

            await asyncio.sleep(self.SEMANTIC_DELAY_S)
            current = self.document(uri)
            if current is None or current.version != version:
                return

            def checkpoint() -> None:
                # from the semantic thread: stop when stale, give way to a lexical lint
                while True:
                    doc = self.document(uri)
                    if doc is None or doc.version != version:
                        raise LintCancelled
                    if self.lexical_idle.wait(0.05):
                        return

            lexical = self.lexical_runs.get(root)
            parsed = lexical.model.root.spec if lexical is not None and lexical.text == text else None
            job = functools.partial(
                lint_run, root, text, root_version, loader=self.loader,
                severity=dict(self.options.severity), semantic=True, checkpoint=checkpoint, spec=parsed,
            )
            try:
                run = await asyncio.get_running_loop().run_in_executor(self.semantic_pool, job)
            except LintCancelled:
                return  # a newer edit: its own pass follows
            except Exception:
                log.exception("the semantic pass over %s failed", root)
                return
            current = self.document(uri)
            if current is None or current.version != version or self.semantic.state != "ready":
                return  # stale, or the tier failed meanwhile
            if not self.wants_semantic(root)[0]:
                return  # turned off meanwhile
            lexical = self.lexical_runs.get(root)
            if lexical is None or lexical.text != text:
                return
            self.semantic_runs[root] = refine(lexical, run)
            for p in self.store.put(with_semantic(lexical, run)):
                self.publish(p)

        task = asyncio.ensure_future(later())
        self.semantic_tasks[root] = task
        task.add_done_callback(lambda t: self.semantic_tasks.pop(root, None) if self.semantic_tasks.get(root) is t else None)

    # -- memory ----------------------------------------------------------------------
    #: Seconds without a lint after which the cyclic garbage collector runs.
    IDLE_COLLECT_S = 1.0
    #: Lints after which it runs even if the user never pauses.
    COLLECT_EVERY = 50

    def collect_when_idle(self) -> None:
        """The cyclic collector is off in the server (`main`): a full collection over
        a large spec's trees takes tens of milliseconds, and must not land between
        a keystroke and its diagnostics. It runs here instead, when editing pauses."""
        loop = self.loop
        if loop is None:
            return
        self.lints_since_collect += 1
        if self.idle_collect is not None:
            self.idle_collect.cancel()
        if self.lints_since_collect >= self.COLLECT_EVERY:
            self.collect()
        else:
            self.idle_collect = loop.call_later(self.IDLE_COLLECT_S, self.collect)

    def forget(self, path: str) -> None:
        """Let go of what the caches keep for a closed document: now, and again
        after the lints running meanwhile (they may keep some of it once more)."""
        forget_document(path)
        for pool in (self.pool, self.semantic_pool):
            try:
                pool.submit(forget_document, path)
            except RuntimeError:  # shutting down
                pass

    def collect(self) -> None:
        self.idle_collect = None
        self.lints_since_collect = 0
        gc.collect()

    def publish(self, path: str) -> None:
        index_for = self.indexes()
        index = index_for(path)
        if index is None:
            return
        doc = self.document(self.uri_of(path))
        uri = doc.uri if doc is not None else self.uri_of(path)  # the client's own spelling of it
        items = [diagnostics.to_lsp(d, index, index_for, self.uri_of) for d in self.store.diagnostics_for(path)]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=items, version=doc.version if doc else None)
        )

    def relint_all(self) -> None:
        """Lint every open spec again (the settings or a configuration changed); an
        open document that is no longer a spec (now excluded, say) loses its findings."""
        for doc in self.documents():
            if self.is_spec(doc.uri):
                self.last_lint.pop(doc.uri, None)
                self.schedule(doc.uri)
            elif self.path_of(doc.uri) in self.store.runs:
                self.withdraw(doc.uri)

    def withdraw(self, uri: str) -> None:
        """Stop linting the document at `uri` (closed, or no longer a spec): its
        pending lint cancelled, its runs and caches let go, and its findings (and
        those it caused in the files it includes) cleared in the editor."""
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        self.last_lint.pop(uri, None)
        path = self.path_of(uri)
        self.lexical_runs.pop(path, None)
        self.semantic_runs.pop(path, None)
        task = self.semantic_tasks.pop(path, None)
        if task is not None:
            task.cancel()
        self.forget(path)
        touched = self.store.drop(path)
        for p in touched:
            self.publish(p)
        if path not in touched:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


server = SpeclintServer()


def safe(default=None):
    """Wrap a handler: an unexpected error is logged and answered with `default`."""

    def wrap(fn):
        if asyncio.iscoroutinefunction(fn):

            @functools.wraps(fn)
            async def run_async(ls, params):
                try:
                    return await fn(ls, params)
                except Exception:
                    log.exception("%s failed", fn.__name__)
                    return default

            return run_async

        @functools.wraps(fn)
        def run(ls, params):
            try:
                return fn(ls, params)
            except Exception:
                log.exception("%s failed", fn.__name__)
                return default

        return run

    return wrap


def _spec_view(ls: SpeclintServer, uri: str):
    if not ls.is_spec(uri) or ls.document(uri) is None:
        return None
    return ls.view(uri)


# ---------------------------------------------------------------- lifecycle


@server.feature(types.INITIALIZE)
@safe()
def on_initialize(ls: SpeclintServer, params: types.InitializeParams):
    options, problem = parse_options(params.initialization_options)
    ls.options = options
    ls._init_problem = problem


@server.feature(types.INITIALIZED)
@safe()
def on_initialized(ls: SpeclintServer, params):
    problem = getattr(ls, "_init_problem", None)
    if problem:
        ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=problem))
    capabilities = ls.client_capabilities
    watch = capabilities.workspace and capabilities.workspace.did_change_watched_files
    if watch and watch.dynamic_registration:
        registration = types.Registration(
            id="speclint-config-watch",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[
                    types.FileSystemWatcher(glob_pattern="**/.speclint.yaml"),
                    types.FileSystemWatcher(glob_pattern="**/.speclint.yml"),
                    types.FileSystemWatcher(glob_pattern="**/pyproject.toml"),
                    types.FileSystemWatcher(glob_pattern="**/*.mspec"),
                ]
            ),
        )
        ls.client_register_capability(types.RegistrationParams(registrations=[registration]))


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
@safe()
def on_configuration(ls: SpeclintServer, params: types.DidChangeConfigurationParams):
    settings = params.settings
    if settings is None:
        return
    options, problem = parse_options(settings)
    changed = options.semantic.enabled != ls.options.semantic.enabled
    ls.options = options
    if changed:
        ls.semantic_requested = False  # asked again by the next lints
        ls.notify_status()
    if problem:
        ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=problem))
    ls.relint_all()


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
@safe()
def on_watched(ls: SpeclintServer, params):
    ls.relint_all()


# ---------------------------------------------------------------- documents


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
@safe()
def on_open(ls: SpeclintServer, params: types.DidOpenTextDocumentParams):
    if ls.is_spec(params.text_document.uri):
        ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
@safe()
def on_change(ls: SpeclintServer, params: types.DidChangeTextDocumentParams):
    if ls.is_spec(params.text_document.uri):
        ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
@safe()
def on_save(ls: SpeclintServer, params: types.DidSaveTextDocumentParams):
    if ls.is_spec(params.text_document.uri):
        ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
@safe()
def on_close(ls: SpeclintServer, params: types.DidCloseTextDocumentParams):
    ls.withdraw(params.text_document.uri)


# ---------------------------------------------------------------- features


@server.feature(types.TEXT_DOCUMENT_HOVER)
@safe()
def on_hover(ls: SpeclintServer, params: types.HoverParams):
    view = _spec_view(ls, params.text_document.uri)
    return hover.hover(view, params.position) if view else None


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
@safe()
def on_definition(ls: SpeclintServer, params: types.DefinitionParams):
    view = _spec_view(ls, params.text_document.uri)
    return navigation.definition(view, params.position, ls.location_of) if view else None


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
@safe(default=[])
def on_references(ls: SpeclintServer, params: types.ReferenceParams):
    view = _spec_view(ls, params.text_document.uri)
    if view is None:
        return []
    location_of = functools.partial(ls.location_of, index_for=ls.indexes())
    return navigation.references(view, params.position, params.context.include_declaration, location_of)


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
@safe()
def on_prepare_rename(ls: SpeclintServer, params: types.PrepareRenameParams):
    view = _spec_view(ls, params.text_document.uri)
    return navigation.prepare_rename(view, params.position) if view else None


@server.feature(types.TEXT_DOCUMENT_RENAME)
def on_rename(ls: SpeclintServer, params: types.RenameParams):
    from pygls.exceptions import JsonRpcInvalidParams

    view = _spec_view(ls, params.text_document.uri)
    if view is None:
        return None
    try:
        return navigation.rename(view, params.position, params.new_name, ls.indexes(), ls.uri_of)
    except navigation.RenameError as error:
        raise JsonRpcInvalidParams(str(error)) from None
    except Exception:
        log.exception("rename failed")
        return None


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
@safe(default=[])
def on_document_symbol(ls: SpeclintServer, params: types.DocumentSymbolParams):
    view = _spec_view(ls, params.text_document.uri)
    return symbols.document_symbols(view) if view else []


@server.feature(types.WORKSPACE_SYMBOL)
@safe(default=[])
def on_workspace_symbol(ls: SpeclintServer, params: types.WorkspaceSymbolParams):
    return symbols.workspace_symbols(params.query, _workspace_specs(ls))


def _workspace_specs(ls: SpeclintServer):
    """(uri, spec, index) of open specs and the .mspec files of the workspace folders."""
    from specdsl.model.frontends import parse_any

    seen: set[str] = set()
    for doc in ls.documents():
        uri = doc.uri
        if ls.is_spec(uri):
            seen.add(ls.path_of(uri))
            yield uri, parse_document(doc.source, ls.path_of(uri)), LineIndex(doc.source, ls.encoding())
    roots = [ls.path_of(f.uri) for f in (ls.workspace.folders or {}).values()]
    if not roots and ls.workspace.root_path:
        roots = [ls.workspace.root_path]
    from specdsl.workspace.walk import walk

    count = 0
    for root in roots:
        for path in walk(root, lambda p: p.endswith(".mspec")):
            if os.path.abspath(path) in seen or count > 2000:
                continue
            count += 1
            text = ls.text_of(path)
            if text is None:
                continue
            yield ls.uri_of(os.path.abspath(path)), parse_any(text, path), LineIndex(text, ls.encoding())


@server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
@safe(default=[])
def on_folding(ls: SpeclintServer, params: types.FoldingRangeParams):
    view = _spec_view(ls, params.text_document.uri)
    return structure.folding_ranges(view) if view else []


@server.feature(types.TEXT_DOCUMENT_SELECTION_RANGE)
@safe(default=[])
def on_selection(ls: SpeclintServer, params: types.SelectionRangeParams):
    view = _spec_view(ls, params.text_document.uri)
    return structure.selection_ranges(view, params.positions) if view else []


@server.feature(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, tokens.LEGEND)
@safe(default=types.SemanticTokens(data=[]))
def on_tokens(ls: SpeclintServer, params: types.SemanticTokensParams):
    view = _spec_view(ls, params.text_document.uri)
    return tokens.semantic_tokens(view) if view else types.SemanticTokens(data=[])


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=[":", " ", ",", ">", "["]),
)
@safe(default=types.CompletionList(is_incomplete=False, items=[]))
def on_completion(ls: SpeclintServer, params: types.CompletionParams):
    view = _spec_view(ls, params.text_document.uri)
    return completion.completions(view, params.position) if view else None


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL, types.CodeActionKind.SourceFixAll],
    ),
)
@safe(default=[])
def on_code_action(ls: SpeclintServer, params: types.CodeActionParams):
    view = _spec_view(ls, params.text_document.uri)
    if view is None:
        return []
    return actions.code_actions(view, params.range, params.context.only, ls.indexes(), ls.uri_of)


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
@safe(default=[])
def on_formatting(ls: SpeclintServer, params: types.DocumentFormattingParams):
    view = _spec_view(ls, params.text_document.uri)
    return editing.format_document(view, _wrap(view)) if view else []


@server.feature(types.TEXT_DOCUMENT_RANGE_FORMATTING)
@safe(default=[])
def on_range_formatting(ls: SpeclintServer, params: types.DocumentRangeFormattingParams):
    view = _spec_view(ls, params.text_document.uri)
    return editing.format_range(view, params.range, _wrap(view)) if view else []


def _wrap(view) -> int | None:
    from specdsl.workspace.config import config_for

    wrap = config_for(view.path).config.format.wrap
    return wrap if isinstance(wrap, int) else None


@server.feature(types.TEXT_DOCUMENT_CODE_LENS)
@safe(default=[])
def on_code_lens(ls: SpeclintServer, params: types.CodeLensParams):
    if not ls.options.code_lens:
        return []
    view = _spec_view(ls, params.text_document.uri)
    return editing.code_lenses(view) if view else []


def _command_args(args: tuple) -> list:
    """A command's arguments, however the client sent them: `[uri, …]`, `[[uri, …]]` or nothing."""
    flat: list = []
    for a in args:
        if isinstance(a, (list, tuple)):
            flat.extend(a)
        elif a is not None:
            flat.append(a)
    return flat


def safe_command(fn):
    """Like `safe`, for `workspace/executeCommand` handlers (any number of arguments)."""

    # Not functools.wraps: pygls reads the handler's signature to spread the
    # arguments, and must see `*args`, not the wrapped function's.
    def run(ls, *args):
        try:
            return fn(ls, _command_args(args))
        except Exception:
            log.exception("%s failed", fn.__name__)
            return None

    run.__name__ = run.__qualname__ = fn.__name__
    run.__doc__ = fn.__doc__
    return run


@server.command("speclint.stats")
@safe_command
def cmd_stats(ls: SpeclintServer, args: list):
    """Rationale coverage and the rest for the documents given (or all open specs)."""
    from specdsl.tools.stats import compute

    uris = [a for a in args if isinstance(a, str)] or [d.uri for d in ls.documents() if ls.is_spec(d.uri)]
    out = []
    for uri in uris:
        run = ls.store.run_for(ls.path_of(uri))
        if run is not None:
            out.append(compute(run.model, ls.store.diagnostics_for(run.root)).to_json())
    return out


@server.command("speclint.serverInfo")
@safe_command
def cmd_info(ls: SpeclintServer, args: list):
    """The version, the tier that runs (`lexical`, `semantic`, or `loading` while the
    semantic tier's model loads), why the semantic tier does not run, the options,
    and the estimated bytes each cache holds and may hold (`caches`, see `specdsl.core.memo`)."""
    from specdsl.core.memo import accounted, bounds

    limits = bounds()
    return {**ls.server_info(), "caches": {name: {"bytes": n, "bound": limits[name]} for name, n in accounted().items()}}


def main() -> int:
    """`speclint lsp`: serve on stdin/stdout."""
    logging.basicConfig(stream=sys.stderr, level=os.environ.get("SPECLINT_LOG_LEVEL", "WARNING"))
    # The server lives for hours and lints a new text on every keystroke: its
    # caches keep to the bounds meant for that (a few tens of MB in all).
    from specdsl.core import memo

    memo.long_lived()
    # The cyclic garbage collector runs when editing pauses (collect_when_idle),
    # never in the middle of a lint; everything else is freed as usual.
    gc.disable()
    # The semantic pass runs beside the lint of a keystroke and the event loop. A
    # thread that wants the interpreter lock waits for the holder to let go of it at
    # most this long (Python's default is 5 ms): a keystroke's lint and its publishing
    # are then not slowed by whole slices of a semantic pass running meanwhile.
    sys.setswitchinterval(0.0005)
    # Specs nest as deep as their authors like (the command line takes 500 levels of
    # subrules): trees are parsed, copied, walked and sent to the client by recursion.
    # The lint threads get a stack to match (they are started after this).
    sys.setrecursionlimit(RECURSION_LIMIT)
    threading.stack_size(THREAD_STACK)
    # Nothing but protocol may reach stdout: route stray prints to stderr.
    stdout = sys.stdout.buffer
    sys.stdout = sys.stderr
    logging.getLogger("pygls.protocol.json_rpc").addFilter(QuietRefusals())
    server.start_io(stdin=sys.stdin.buffer, stdout=stdout)
    return server.protocol.exit_code
