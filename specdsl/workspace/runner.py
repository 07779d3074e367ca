"""Linting files on disk: finding them, their configuration, reading them safely.

The CLI and the pre-commit hook go through here; the language server lints
its open buffers with `linter.lint` directly.
"""

from __future__ import annotations

import os
from pathlib import Path

from typing import TYPE_CHECKING

from .config import ConfigError, LoadedConfig, config_for, configure, workspace_root
from .options import UsageError, model_for, options_from, semantic_settings  # noqa: F401  (the runner's API)
from ..core.sources import SourceError, read_source

if TYPE_CHECKING:
    from ..core.diagnostics import Diagnostic


# FileResult and RunResult are plain classes, not dataclasses: `dataclasses`
# (with `inspect`) is 6 ms of a cached run's cold start, which imports nothing else that needs it.
class FileResult:
    """One file's findings, its number of rules, and the tier that ran: "lexical" or "semantic"."""

    __slots__ = ("path", "diagnostics", "rules", "tier")

    def __init__(self, path: str, diagnostics: list[Diagnostic] | None = None, rules: int = 0, tier: str = "lexical"):
        self.path = path
        self.diagnostics = diagnostics if diagnostics is not None else []
        self.rules = rules
        self.tier = tier


def collect(paths: list[str], explicit_config: str | None = None, notes: list[str] | None = None, only_specs: bool = False) -> list[str]:
    """The spec files named by `paths`: files as given, folders walked (see `walk`).

    A walk stays in the workspace: a symbolic link found in a folder that leads
    out of it is skipped, with a line for `notes` saying so. A file named here
    is taken as named, through a link too: that is the user's choice.
    """
    files: list[str] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise UsageError(f"{raw}: no such file or directory")
        if p.is_file():
            if not only_specs or spec_selected(raw, config_for(raw, explicit_config)):
                files.append(raw)  # --only-specs (the pre-commit hook): a file a walk would lint
            continue
        if not p.is_dir():
            raise UsageError(f"{raw}: not a file or a directory")
        files.extend(_walk(p, raw, explicit_config, notes))
    seen: set[str] = set()
    unique = []
    for f in files:
        key = os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def spec_selected(path: str, loaded: LoadedConfig) -> bool:
    """Whether a folder walk lints `path` as a spec: `.mspec`, an agent instruction
    or rules file (see `prompts.kinds.is_default_spec`), or Markdown matched by the
    configuration's `markdown:` globs; never what the configuration excludes."""
    from ..model.frontends import MSPEC_SUFFIXES, READ_AS_MARKDOWN
    from ..prompts.kinds import is_default_spec
    from .config import _glob_match, _relative

    suffix = os.path.splitext(path)[1].lower()
    if suffix in MSPEC_SUFFIXES or is_default_spec(path):
        return not loaded.excluded(path)
    if suffix in READ_AS_MARKDOWN and loaded.markdown:
        rel = _relative(path, loaded.root)
        return any(_glob_match(rel, g) for g in loaded.markdown) and not loaded.excluded(path)
    return False


def _nothing_found(folder: str, markdown: list[str]) -> str:
    """Why a folder gave no spec, and how to lint what it has."""
    from ..core.sources import printable
    from ..prompts.kinds import default_spec_names

    what = f"{printable(folder)}: no spec files in this directory ({default_spec_names()})"
    if not markdown:
        return what
    count = f"{len(markdown)} Markdown file" + ("s are" if len(markdown) != 1 else " is")
    return (
        f"{what}; {count} not read as specs by default ({printable(markdown[0])}"
        + (", …" if len(markdown) > 1 else "")
        + "): name a file to lint it, or list its glob under `markdown:` in .speclint.yaml"
    )


def _walk(root: Path, shown: str, explicit_config: str | None, notes: list[str] | None) -> list[str]:
    """The specs in the folder `root` (named `shown` on the command line), or a
    `UsageError` that says why there is none and how to lint its Markdown."""
    from ..core.sources import printable
    from ..model.frontends import MARKDOWN_SUFFIXES
    from .walk import walk

    loaded = config_for(root / "x.mspec", explicit_config)
    markdown: list[str] = []  # passed over: said only when the folder has no spec

    def skipped(path: str, why: str) -> None:
        if notes is not None:
            notes.append(f"{printable(path)}: skipped: {why}")

    def wanted(path: str) -> bool:
        if spec_selected(path, loaded):
            return True
        if os.path.splitext(path)[1].lower() in MARKDOWN_SUFFIXES:
            markdown.append(path)
        return False

    found = list(walk(root, wanted, workspace=_walk_workspace(root, loaded), skipped=skipped))
    if not found:
        raise UsageError(_nothing_found(shown, [path for path in markdown if not loaded.excluded(path)]))
    return found


def _walk_workspace(root: Path, loaded: LoadedConfig) -> Path:
    """What a walk of `root` may read: the workspace its files' includes are
    confined to (the configuration's folder, else the git root, else `root`);
    the git root or `root` itself when a configuration named from elsewhere
    (`--config`) does not hold `root`."""
    home = workspace_root(root / "x.mspec", loaded).resolve()
    real = root.resolve()
    if real == home or home in real.parents:
        return home
    return workspace_root(root / "x.mspec")


def lint_text(text: str, path: str, explicit_config: str | None = None, overrides: dict | None = None) -> list[Diagnostic]:
    """Lint text as the content of the file at `path` (with that file's configuration)."""
    return _lint_with_deps(text, path, explicit_config, overrides)[0]


# ---------------------------------------------------------------- many files


class RunResult:
    """What `run` found: the files, a result for each one read, the errors of those
    that could not be, how many came from the cache, and `notes`: things to tell
    the user once (the semantic tier asked for but not run, and why)."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.results: list[FileResult] = []
        self.errors: list[str] = []
        self.cached = 0
        self.notes: list[str] = []

    @property
    def tier(self) -> str:
        """The tier that ran: "lexical", "semantic", or "mixed" when files differed."""
        tiers = {r.tier for r in self.results}
        if not tiers:
            return "lexical"
        return tiers.pop() if len(tiers) == 1 else "mixed"

    @property
    def diagnostics(self) -> list:
        out = [d for r in self.results for d in r.diagnostics]
        out.sort(key=lambda d: (d.path or "", d.span.offset, d.span.end_offset, d.code, d.message))
        return out

    @property
    def rules(self) -> int:
        return sum(r.rules for r in self.results)


def _cache_material(loaded: LoadedConfig, overrides: dict | None) -> str:
    import json

    from .. import __version__
    from .cache import code_stamp, file_digest

    config = f"{loaded.path}:{file_digest(loaded.path)}" if loaded.path else "defaults"
    # the configurations it extends, and the versions of the plugins it names, decide findings too
    bases = [f"{base}:{file_digest(base)}" for base in loaded.bases]
    plugins = loaded.value("plugins")
    if plugins:
        from ..custom.plugins import versions

        bases += versions(plugins)
    return json.dumps([__version__, code_stamp(), config, overrides or {}, *bases], sort_keys=True, default=str)


def _lint_job(job: tuple[str, str, str | None, dict | None]) -> dict:
    """Lint one file's text in a worker; returns plain data (picklable, cacheable)."""
    from ..core.records import dump

    path, text, explicit_config, overrides = job
    try:
        diagnostics, rules, deps, model = _lint_with_deps(text, path, explicit_config, overrides, with_model=True)
    except (ConfigError, TooManyRules) as error:
        return {"path": path, "error": str(error)}
    except Exception as error:  # a custom check's pattern that ran out of time
        from ..custom.run import PatternTimeout

        if isinstance(error, PatternTimeout):
            return {"path": path, "error": f"{path}: {error}"}
        raise
    return {
        "path": path,
        "diagnostics": [dump(d) for d in diagnostics],
        "rules": rules,
        "deps": deps,
        "tier": model.__dict__.get("_tier", "lexical"),
        "semantic_error": model.__dict__.get("_semantic_error"),
        # a pair the judge could not decide: not cached, so that the next run asks again
        "uncacheable": bool(model.__dict__.get("_judge_degraded")),
    }


class TooManyRules(Exception):
    """A spec with more rules than `max-rules`: refused before its checks run, so that the
    memory a run takes stays bounded (about 10 KB a rule) whatever the file holds."""


def _lint_with_deps(text: str, path: str, explicit_config: str | None, overrides: dict | None, with_model: bool = False):
    """Lint, and say which files the result depends on: every file an include asked
    for, read or not (a missing or unreadable include is fixed by creating or
    repairing that file, which must make a cached result stale)."""
    from ..linting.linter import lint_model
    from ..model.model import default_loader

    asked: list[str] = []

    def loader(target):
        asked.append(str(target))
        return default_loader(target)

    model, loaded = model_for(path, explicit_config, text, loader=loader)
    count = len(model.rules)
    if count > loaded.max_rules:
        raise TooManyRules(
            f"{path}: has {count:,} rules (with the files it includes), more than the {loaded.max_rules:,} "
            "speclint checks in one spec (`max-rules` in the configuration: each rule takes about 10 KB of memory "
            "to check); split it into several specs, or raise `max-rules`"
        )
    options = options_from(loaded, path, overrides)
    options.transient = True  # the model goes when this returns (see `LintOptions.transient`)
    diagnostics = lint_model(model, options)
    deps = list(dict.fromkeys(asked))
    rules = sum(1 for r in model.rules if r.path == path)
    if with_model:
        return diagnostics, rules, deps, model
    return diagnostics, rules, deps


def run(
    paths: list[str],
    *,
    explicit_config: str | None = None,
    overrides: dict | None = None,
    use_cache: bool = True,
    jobs: int | None = None,
    progress: bool = False,
    only_specs: bool = False,
) -> RunResult:
    """Lint every spec under `paths`: cached results first, the rest in parallel.
    With `only_specs`, a file named in `paths` is linted only if a walk would lint it."""
    configure(cache=use_cache)  # --no-cache: nothing read from or written to .speclint_cache/, configurations included
    if (overrides or {}).get("judge"):
        from ..semantic import judge

        judge.reset()  # max-pairs counts per run; a judge that failed last run is asked again
    result = RunResult()
    result.files = collect(paths, explicit_config, result.notes, only_specs=only_specs)
    caches: dict = {}  # ResultCache by root and material
    try:
        _lint_all(result, caches, explicit_config, overrides, use_cache, jobs, progress)
    finally:
        for cache in caches.values():
            cache.finish()  # prune when due
    from ..core.cachefs import take_notes

    for message in take_notes():  # a cache that could not be used, said once
        _note(result, message)
    return result


def _lint_all(result: RunResult, caches: dict, explicit_config, overrides, use_cache, jobs, progress) -> None:
    """`run`'s work: results into `result`, the caches it opened into `caches`."""
    from ..core.records import load

    if use_cache:  # (it loads hashlib and OpenSSL: 2-3 ms that --no-cache need not pay)
        from .cache import ResultCache, cache_root

    todo: list[tuple[str, str, ResultCache | None]] = []
    bounds: dict[str, tuple[Path, int]] = {}
    tiers: dict[str, str] = {}
    semantic_root: str | None = None
    config = _config_by_folder(explicit_config)
    materials: dict[LoadedConfig, str] = {}  # the files of a configuration share its digest
    for path in result.files:
        loaded = config(path)
        loaded.register_checks()  # custom checks and plugins: known to every reporter, cached results too
        try:
            text = read_source(path, loaded.max_file_size)
        except SourceError as error:
            result.errors.append(str(error))
            continue
        tier = tiers[path] = _tier_for(loaded, overrides, result)
        if tier == "semantic" and semantic_root is None:
            from .cache import cache_root

            semantic_root = str(cache_root(path, loaded))
        cache = None
        if use_cache:
            root = str(cache_root(path, loaded))
            material = materials.get(loaded)
            if material is None:
                material = materials[loaded] = _cache_material(loaded, overrides)
            material += f"\0tier={tier}"
            cache = caches.get(root + material)
            if cache is None:
                cache = caches[root + material] = ResultCache(root, material)
            bounds[path] = (workspace_root(path, loaded), loaded.max_file_size)
            hit = cache.get(path, text, *bounds[path])
            if hit is not None:
                result.results.append(
                    FileResult(
                        path=path, diagnostics=[load(d) for d in hit["diagnostics"]], rules=hit["rules"], tier=tier
                    )
                )
                result.cached += 1
                continue
        todo.append((path, text, cache))
    if semantic_root is not None and any(tiers.get(path) == "semantic" for path, _, _ in todo):
        from .. import semantic

        from .cache import CACHE_DIR

        # vectors are cached beside the results; --no-cache keeps them in memory only
        semantic.configure(cache_dir=os.path.join(semantic_root, CACHE_DIR) if use_cache else None)
        jobs = 1  # one process loads the model once; forked workers would each load it
    for job, outcome in zip(todo, _execute(todo, explicit_config, overrides, jobs, progress)):
        path, text, cache = job
        if "error" in outcome:
            raise ConfigError(outcome["error"])
        # a fallback announced by _tier_for is not a failure; a model that would not load is
        failed = outcome.get("semantic_error") if tiers.get(path) == "semantic" else None
        if failed:
            if (overrides or {}).get("semantic"):
                raise UsageError(f"--semantic: {failed}")
            _note(result, f"the semantic tier did not run: {failed}")
        if cache is not None and not failed and not outcome.get("uncacheable"):
            cache.put(path, text, outcome["diagnostics"], outcome["rules"], outcome["deps"], *bounds[path])
        result.results.append(
            FileResult(
                path=path,
                diagnostics=[load(d) for d in outcome["diagnostics"]],
                rules=outcome["rules"],
                tier=outcome.get("tier", "lexical"),
            )
        )


def _config_by_folder(explicit_config: str | None):
    """`config_for` for the files of one run, worked out once per folder: the
    nearest configuration above a file is the one above its folder (for a file
    that is a symbolic link, above the folder of the file it leads to)."""
    by_folder: dict[str, LoadedConfig] = {}

    def config(path: str) -> LoadedConfig:
        if os.path.islink(path):
            return config_for(path, explicit_config)
        folder = os.path.dirname(path)
        loaded = by_folder.get(folder)
        if loaded is None:
            loaded = by_folder[folder] = config_for(path, explicit_config)
        return loaded

    return config


def _tier_for(loaded: LoadedConfig, overrides: dict | None, result: RunResult) -> str:
    """The tier a file will be linted with. `--semantic` without the tier installed is
    a usage error; `semantic: true` in a configuration falls back to the lexical tier
    with a note."""
    requested, model = semantic_settings(loaded, overrides)
    if not requested:
        return "lexical"
    from .. import semantic

    reason = semantic.unavailable_reason(model)
    if reason is None:
        return "semantic"
    if (overrides or {}).get("semantic"):
        raise UsageError(f"--semantic: {reason}")
    _note(result, f"the configuration turns on the semantic tier, but {reason}; the lexical tier ran")
    return "lexical"


def _note(result: RunResult, message: str) -> None:
    if message not in result.notes:
        result.notes.append(message)


#: Below this many files to lint, one process does it (starting workers costs more).
PARALLEL_THRESHOLD = 8


def _execute(todo, explicit_config, overrides, jobs, progress):
    jobs_list = [(path, text, explicit_config, overrides) for path, text, _ in todo]
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    bar = _progress(len(jobs_list)) if progress and len(jobs_list) > 20 else None
    try:
        if workers > 1 and len(jobs_list) >= PARALLEL_THRESHOLD:
            yield from _parallel(jobs_list, workers, bar)
        else:
            for job in jobs_list:
                outcome = _lint_job(job)
                if bar:
                    bar.advance()
                yield outcome
    finally:
        if bar:
            bar.close()


def _parallel(jobs_list, workers, bar):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from ..linting import linter  # noqa: F401  (import before forking: workers inherit it)
    from ..checks import load

    load()
    context = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    chunk = max(1, min(16, len(jobs_list) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs_list)), mp_context=context) as pool:
        for outcome in pool.map(_lint_job, jobs_list, chunksize=chunk):
            if bar:
                bar.advance()
            yield outcome


class _Bar:
    def __init__(self, total: int):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("linting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True
        )
        self.task = self.progress.add_task("lint", total=total)
        self.progress.start()

    def advance(self) -> None:
        self.progress.advance(self.task)

    def close(self) -> None:
        self.progress.stop()


def _progress(total: int) -> _Bar | None:
    import sys

    if not sys.stderr.isatty():
        return None
    return _Bar(total)
