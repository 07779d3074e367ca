"""The `speclint` command: argument parsing and wiring only.

Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 a usage,
configuration or I/O error; when the reader of the output goes away early
(`speclint check | head -1`), the code the command would have returned, or
141 (128 + SIGPIPE, what a shell reports for a process that SIGPIPE ended)
instead of 0. No traceback reaches the terminal unless `--verbose` is given.
Anything printed that comes from a repository (file names, configuration
values) is escaped (`specdsl.cli.report.escape`).

The top of the stack: may import anything, the language server included (to
start it); nothing imports it.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import sys
from typing import Sequence

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
#: A write to a pipe whose reader has gone: 128 + SIGPIPE, as shells report it.
EXIT_BROKEN_PIPE = 128 + 13


def _columns() -> int:
    """The terminal's width as `shutil.get_terminal_size` works it out, without importing shutil.

    argparse imports shutil (and with it bz2 and lzma) for this number each
    time it makes a help formatter, which `add_argument` does: milliseconds of
    every cold start.
    """
    try:
        columns = int(os.environ["COLUMNS"])
        if columns > 0:
            return columns
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


class _Formatter(argparse.HelpFormatter):
    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one clear line on a usage error."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # noqa: D401 - argparse API
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message}\n(see `{self.prog} --help`)\n")


def _codes(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    check.add_argument(
        "--format",
        choices=["full", "concise", "json", "sarif", "github"],
        help="report format (default: full on a terminal, concise otherwise)",
    )
    check.add_argument("--select", type=_codes, help="comma-separated codes, prefixes or names to run")
    check.add_argument("--ignore", type=_codes, help="comma-separated codes, prefixes or names to skip")
    check.add_argument("--extend-select", type=_codes, help="codes to run in addition to the selection")
    check.add_argument("--fail-on", choices=["error", "warning", "info"], help="lowest severity that fails (default: warning)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument(
        "--only-specs",
        action="store_true",
        help="of the files named, lint only those a folder walk would (the pre-commit hook: a README is not a spec)",
    )
    check.add_argument("--statistics", action="store_true", help="show the number of findings per code instead of the findings")
    check.add_argument(
        "--show-rules",
        action="store_true",
        help="first list the rules read from each file, as `speclint rules` does (full and concise formats)",
    )
    check.add_argument("--config", help="use this configuration file instead of the nearest one")
    check.add_argument("--output-file", "-o", help="write the report to this file")
    check.add_argument("--no-cache", action="store_true", help="do not read or write .speclint_cache/")
    check.add_argument("--baseline", metavar="FILE", help="report only findings that this baseline does not list")
    check.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE and exit 0")
    check.add_argument("--jobs", "-j", type=int, help="parallel worker processes (default: one per core)")
    check.add_argument(
        "--semantic",
        action="store_true",
        help="also run the semantic tier (C002, and C003, R003, V001 by meaning); needs pip install 'speclint[semantic]'",
    )
    check.add_argument(
        "--judge",
        action="store_true",
        help="let the model endpoint named by `judge:` in the configuration decide C002's candidates "
        "(sends those rule pairs over the network; implies --semantic)",
    )


def _fix_arguments(fix: argparse.ArgumentParser) -> None:
    fix.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    fix.add_argument("--diff", action="store_true", help="write nothing; show the changes")
    fix.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes that need the author's attention (stubs, precedence lines)")
    fix.add_argument("--select", type=_codes, help="only fix findings of these codes")
    fix.add_argument("--config", help="use this configuration file instead of the nearest one")


def _rule_arguments(rule: argparse.ArgumentParser) -> None:
    rule.add_argument("code", nargs="?", metavar="CODE", help="a check code or name, e.g. R001 or missing-rationale")
    rule.add_argument("--all", action="store_true", help="list every check")
    rule.add_argument("--format", choices=["text", "json"], help="output format (default: text)")
    rule.add_argument("--config", help="the configuration whose custom checks and plugins to include (default: the nearest one)")


def _rules_arguments(rules: argparse.ArgumentParser) -> None:
    rules.add_argument("paths", nargs="+", metavar="PATH", help="spec files (folders are walked as `check` walks them)")
    rules.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="text: one line per rule (line, origin, id, first words); json: id, line, column, end, origin, level, hard, text, subrules",
    )
    rules.add_argument("--config", help="use this configuration file instead of the nearest one")
    rules.add_argument(
        "--unread",
        action="store_true",
        help="also list the passages of Markdown and prompt files not read as rules, each with why (a description, "
        "a question, a pointer, code …)",
    )


def _stats_arguments(stats: argparse.ArgumentParser) -> None:
    stats.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    stats.add_argument("--format", choices=["text", "json"], help="default: tables on a terminal, json otherwise")
    stats.add_argument("--config", help="use this configuration file instead of the nearest one")


def _init_arguments(init: argparse.ArgumentParser) -> None:
    init.add_argument("path", nargs="?", default=".speclint.yaml", help="where to write it (default: .speclint.yaml)")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")


def _diff_arguments(diff: argparse.ArgumentParser) -> None:
    diff.add_argument("old", metavar="OLD")
    diff.add_argument("new", metavar="NEW")
    diff.add_argument("--format", choices=["text", "json"], default="text")
    diff.add_argument("--config", help="use this configuration file instead of the nearest one")


def _convert_arguments(convert: argparse.ArgumentParser) -> None:
    convert.add_argument("path", metavar="FILE.md")
    convert.add_argument("-o", "--output", metavar="OUT", help="write the .mspec here (default: standard output)")
    convert.add_argument("--config", help="use this configuration file instead of the nearest one")


def _export_arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument("paths", nargs="+", metavar="PATH")
    export.add_argument("--format", choices=["json", "yaml", "jsonl"], default="json")
    export.add_argument("-o", "--output", metavar="OUT", help="write the records here (default: standard output)")
    export.add_argument("--config", help="use this configuration file instead of the nearest one")


def _lsp_arguments(lsp: argparse.ArgumentParser) -> None:
    lsp.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default and only transport)")


def _fmt_arguments(fmt: argparse.ArgumentParser) -> None:
    fmt.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    fmt.add_argument("--check", action="store_true", help="write nothing; list the files that would change (`Would reformat: PATH`) and exit 1 if any")
    fmt.add_argument("--diff", action="store_true", help="write nothing; show the diff of each file that would change (with --check: and exit 1 if any)")
    fmt.add_argument("--wrap", type=int, metavar="WIDTH", help="re-wrap prose at this width (default: keep line breaks)")
    fmt.add_argument("--config", help="use this configuration file instead of the nearest one")


def _report_arguments(report: argparse.ArgumentParser) -> None:
    report.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    report.add_argument("-o", "--output", default="speclint-report.html", metavar="FILE", help="where to write the page (default: speclint-report.html)")
    since = report.add_mutually_exclusive_group()
    since.add_argument("--baseline", metavar="FILE", help="show what is new, fixed and changed since this baseline (`check --write-baseline`)")
    since.add_argument("--against", metavar="OLD", help="show what is new, fixed and changed since this older version of PATH (a file, or a folder)")
    report.add_argument("--title", default="speclint review report", help="the page's title")
    report.add_argument("--select", type=_codes, help="comma-separated codes, prefixes or names to run")
    report.add_argument("--ignore", type=_codes, help="comma-separated codes, prefixes or names to skip")
    report.add_argument("--extend-select", type=_codes, help="codes to run in addition to the selection")
    report.add_argument("--config", help="use this configuration file instead of the nearest one")


#: The subcommands, in the order `--help` lists them: (help, the function adding its arguments).
_SUBCOMMANDS = {
    "check": ("lint spec files and folders", _check_arguments),
    "fix": ("apply the safe fixes of the findings", _fix_arguments),
    "rule": ("explain a check (or list them all)", _rule_arguments),
    "rules": ("list the rules read from spec files: where each is and what it was read from", _rules_arguments),
    "stats": ("rationale coverage, vagueness and conflicts per file and section", _stats_arguments),
    "init": ("write a commented .speclint.yaml with every option", _init_arguments),
    "diff": ("rule-level changes between two versions of a spec", _diff_arguments),
    "convert": ("write a Markdown spec as .mspec", _convert_arguments),
    "export": ("the resolved spec as records for data pipelines", _export_arguments),
    "lsp": ("start the language server (stdio)", _lsp_arguments),
    "fmt": ("rewrite specs in the canonical layout", _fmt_arguments),
    "report": ("write a self-contained HTML review report (per-section charts, every finding, what changed)", _report_arguments),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with `command`, only that subcommand gets its arguments.

    Without `command` (`--help`, a typo) every subcommand is listed, for the
    help and the error; a command line for `command` needs neither the others'
    arguments nor their parsers, and making them (13 argument parsers, each
    asking gettext for its headings) costs a cold `speclint check` a few
    milliseconds.
    """
    from .. import __version__

    parser = _Parser(prog="speclint", description="Lint model specs: rules, rationales, vagueness, conflicts.")
    parser.add_argument("--version", action="version", version=f"speclint {__version__}")
    parser.add_argument("--verbose", action="store_true", help="show tracebacks of internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (help_, add_arguments) in _SUBCOMMANDS.items():
        if command is None or command == name:
            add_arguments(sub.add_parser(name, help=help_))
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The subcommand a command line names: its first word that is not an option (the top-level options take no value)."""
    for word in argv:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word if word in _SUBCOMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    # A short-lived process: the cyclic collector would only slow parsing down.
    gc.disable()
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(_command_in(argv))
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    if hasattr(sys.stdout, "reconfigure"):
        # A character the output's encoding lacks (a file name that is not UTF-8) is written as an escape, not a crash.
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        try:
            code = COMMANDS[args.command](args)
            sys.stdout.flush()  # a reader that went away shows here, not as a traceback when the interpreter exits
            return code
        finally:
            _cache_notes()
    except KeyboardInterrupt:
        print("speclint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as error:  # the last line of defence: no traceback for users
        from ..workspace.config import ConfigError
        from ..workspace.runner import UsageError
        from ..core.sources import SourceError

        if isinstance(error, (ConfigError, UsageError, SourceError)):
            _say("error", error)
            return EXIT_ERROR
        if args.verbose:
            raise
        missing = _missing_dependency(error)
        if missing:
            _say("error", f"the package that provides the module `{missing}` is not installed in this Python "
                          f"({sys.executable}), and speclint needs it; install speclint with its dependencies "
                          "(`pip install --force-reinstall speclint`, or `pip install -e .` in a checkout)")
            return EXIT_ERROR
        _say("internal error", f"{type(error).__name__}: {error}")
        print("Run again with --verbose for the traceback, and please report it.", file=sys.stderr)
        return EXIT_ERROR


def _missing_dependency(error: BaseException) -> str | None:
    """The module of another package whose absence `error` reports (a speclint installed
    without its dependencies), or None: speclint's own modules missing are a bug to report."""
    name = getattr(error, "name", None) if isinstance(error, ModuleNotFoundError) else None
    if not name or name.split(".")[0] in ("specdsl", "lsp"):
        return None
    return name


def _say(kind: str, message: object) -> None:
    """`speclint: KIND: message` on stderr, the message escaped: it may name a file or quote a configuration."""
    print(f"speclint: {kind}: {_escape(str(message))}", file=sys.stderr)


def _escape(text: str) -> str:
    """`specdsl.cli.report.escape`, imported when something is printed."""
    from .report import escape

    return escape(text)


def _cache_notes() -> None:
    """Say on stderr, once, that a cache could not be used (`check` says it with its
    other notes; `fmt`, `fix`, `stats` and `export` read configurations through it too)."""
    cachefs = sys.modules.get("specdsl.core.cachefs")
    for message in cachefs.take_notes() if cachefs else ():
        _say("note", message)


def _quiet_stdout() -> None:
    """Point stdout at the null device: what is still buffered for a reader that has gone is dropped quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


# ---------------------------------------------------------------- commands


def _use_color(stream, output_file: str | None) -> bool:
    if output_file or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def cmd_check(args) -> int:
    from .report import summary
    from ..workspace.runner import UsageError, run

    _register_checks(args.paths, args.config, cache=not args.no_cache)
    for flag in ("select", "ignore", "extend_select"):
        if not getattr(args, flag):
            continue
        from ..linting.linter import unknown_codes

        bad = unknown_codes(getattr(args, flag))
        if bad:
            raise UsageError(f"--{flag.replace('_', '-')}: `{bad[0]}` is not a check code, prefix or name (see `speclint rule --all`)")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs: give a number of worker processes of at least 1")
    if args.statistics and args.format not in (None, "concise", "full", "json"):
        raise UsageError(f"--statistics: counts are text or json, not {args.format}")
    if args.output_file == "":
        raise UsageError("--output-file: give a file name")
    if args.show_rules and args.format in ("json", "sarif", "github"):
        raise UsageError(f"--show-rules: the list is text, not {args.format} (`speclint rules --format json FILE` gives it as JSON)")
    overrides = {
        k: v
        for k, v in (
            ("select", args.select),
            ("ignore", args.ignore),
            ("extend_select", args.extend_select),
            ("semantic", args.semantic or args.judge),
            ("judge", args.judge),
        )
        if v
    }
    outcome = run(
        args.paths,
        explicit_config=args.config,
        overrides=overrides or None,
        use_cache=not args.no_cache,
        jobs=args.jobs,
        progress=True,
        only_specs=args.only_specs,
    )
    for message in outcome.errors:
        _say("error", message)
    for message in outcome.notes:
        _say("note", message)
    fmt = args.format or ("full" if sys.stdout.isatty() and not args.output_file else "concise")
    read = {r.path for r in outcome.results}
    unreadable = [path for path in outcome.files if path not in read]
    empty = _no_rules(outcome.results, args.config)
    if fmt != "json":  # JSON says it in its summary; never an annotation in a CI log
        for message in _no_rules_notes(empty):
            _say("note", message)
    diagnostics = outcome.diagnostics
    if args.write_baseline:
        from ..workspace.baseline import write

        count = write(args.write_baseline, diagnostics)
        print(f"wrote {count} finding{'s' if count != 1 else ''} to {_escape(args.write_baseline)}", file=sys.stderr)
        return EXIT_ERROR if outcome.errors else EXIT_OK
    matched = 0
    if args.baseline:
        from ..workspace.baseline import BaselineError, new_findings

        try:
            diagnostics, matched = new_findings(args.baseline, diagnostics)
        except BaselineError as error:
            raise UsageError(str(error)) from None
    info = summary(diagnostics, len(read), outcome.rules, outcome.tier, unreadable=unreadable, no_rules=empty)
    if matched:
        info["baseline"] = matched
    out = io.StringIO() if args.output_file else sys.stdout  # a report file is written whole, at the end
    if outcome.errors:
        status = EXIT_ERROR
    elif not args.exit_zero and _fails(diagnostics, args.fail_on, args.config):
        status = EXIT_FINDINGS
    else:
        status = EXIT_OK
    try:
        if args.show_rules:
            _write_rules(out, [path for path in outcome.files if path in read], args.config, _width() if out is sys.stdout else None)
        _write_report(out, fmt, diagnostics, info, args)
    except BrokenPipeError:  # the reader stopped early (`| head`): the verdict stands, and is never success
        _quiet_stdout()
        return status or EXIT_BROKEN_PIPE
    if out is not sys.stdout:
        from ..core.sources import write_atomic

        write_atomic(args.output_file, out.getvalue())
    return status


def _no_rules(results, explicit_config: str | None) -> list[str]:
    """The files linted that gave no rule: a Markdown or prompt file where the
    reader found no statement to check, an empty `.mspec`. A `.mspec` that only
    includes others (an index, its rules in the files it names) is not one."""
    out = []
    for result in results:
        if result.rules:
            continue
        if result.path.endswith(".mspec") and _includes(result.path, explicit_config):
            continue
        out.append(result.path)
    return out


def _includes(path: str, explicit_config: str | None) -> bool:
    """Whether the `.mspec` file at `path` includes another (read again: it has no rules, so it is short)."""
    from ..core.sources import SourceError
    from ..syntax.ast import Include
    from ..tools.readout import read

    try:
        return any(True for _ in read(path, explicit_config).items_of(Include))
    except SourceError:
        return False


#: How many files with no rules are named one by one before the rest are counted.
NO_RULES_NAMED = 5


def _no_rules_notes(paths: list[str]) -> list[str]:
    """One note per file that gave no rule (`report.readout.no_rules`); past
    `NO_RULES_NAMED` of them, one line counting the others."""
    if not paths:
        return []
    from .report.readout import no_rules

    notes = [no_rules(path) for path in paths[:NO_RULES_NAMED]]
    rest = len(paths) - NO_RULES_NAMED
    if rest > 0:
        notes.append(f"{rest} more file{'s' if rest != 1 else ''} gave no rules (`speclint check --format json` lists them under summary.no_rules)")
    return notes


def _write_rules(out, files: list[str], explicit_config: str | None, width: int | None) -> None:
    """`check --show-rules`: the rules read from each file (`report.readout`), a blank line after each file."""
    from ..core.sources import SourceError
    from .report.readout import write_listing
    from ..tools.readout import entries, read

    for path in files:
        try:
            spec = read(path, explicit_config)
        except SourceError as error:  # changed since it was linted
            _say("error", error)
            continue
        write_listing(out, path, entries(spec), width=width)
        out.write("\n")


def _write_report(out, fmt: str, diagnostics, info: dict, args) -> None:
    """The report of `check` in format `fmt`, to `out` (flushed, so that a broken pipe shows here)."""
    from .report import json_text, summary_line, write_concise, write_json

    if args.statistics:
        _write_statistics(out, diagnostics, fmt)
    elif fmt == "json":
        write_json(out, diagnostics, info)
    elif fmt == "sarif":
        from .. import __version__
        from .report.sarif import to_sarif

        out.write(json_text(to_sarif(diagnostics, tool_version=__version__, base_dir=os.getcwd())))
        out.write("\n")
    elif fmt == "github":
        from .report.github import write_github

        write_github(out, diagnostics, base_dir=os.getcwd())
    elif fmt == "full":
        from .report.full import write_full

        sources = {}
        for d in diagnostics:
            if d.path and d.path not in sources:
                try:
                    sources[d.path] = open(d.path, encoding="utf-8").read()
                except (OSError, UnicodeDecodeError):
                    pass
        width = _width() if out is sys.stdout else None
        write_full(out, diagnostics, sources, color=_use_color(out, args.output_file), width=width, info=info)
    else:
        write_concise(out, diagnostics)
        print(summary_line(info), file=out)
    out.flush()


def _fails(diagnostics, fail_on: str | None, explicit_config: str | None) -> bool:
    """Whether a finding reaches `--fail-on`, or else the `fail-on` of its own file's configuration."""
    from ..workspace.config import config_for
    from ..core.spans import Severity

    thresholds: dict[str | None, int] = {}
    for d in diagnostics:
        if d.path not in thresholds:
            level = fail_on or (config_for(d.path, explicit_config).fail_on if d.path else "warning")
            thresholds[d.path] = Severity(level).rank
        if d.severity.rank >= thresholds[d.path]:
            return True
    return False


def _write_statistics(out, diagnostics, fmt: str) -> None:
    from collections import Counter

    counts = Counter((d.code, d.name) for d in diagnostics)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if fmt == "json":
        import json

        json.dump([{"code": c, "name": n, "count": k} for (c, n), k in rows], out, indent=2)
        out.write("\n")
        return
    for (code, name), count in rows:
        out.write(f"{count:6d}  {code}  {name}\n")
    out.write(f"{sum(counts.values()):6d}  total\n")


def cmd_fix(args) -> int:
    from ..workspace.config import config_for
    from ..linting.fixes import fix_text
    from ..workspace.options import file_linter as linter
    from ..tools.format import iter_changed
    from ..linting.linter import unknown_codes
    from ..workspace.runner import UsageError
    from ..core.sources import SourceError, read_source

    _register_checks(args.paths, args.config)
    bad = unknown_codes(args.select or [])
    if bad:
        raise UsageError(f"--select: `{bad[0]}` is not a check code, prefix or name")
    files = _collect(args)
    fixed_total = files_changed = errors = 0
    overrides = {"select": args.select} if args.select else None
    for path in files:
        loaded = config_for(path, args.config)
        try:
            original = read_source(path, loaded.max_file_size)
        except SourceError as error:
            _say("error", error)
            errors += 1
            continue
        # Every fix is applied in memory and kept only if it clears its finding,
        # adds no syntax error and keeps every rule (see specdsl.linting.fixes).
        run = fix_text(original, linter(path, args.config, overrides), unsafe=args.unsafe_fixes, path=path)
        for d, reason in run.refused:
            note = "" if args.unsafe_fixes else " (please report this)"
            _say("note", f"{path}:{d.span.line}: {d.code}: not fixed: the fix would {reason}{note}")
        text, count = run.text, len(run.applied)
        if text == original:
            continue
        if args.diff:
            sys.stdout.writelines(map(_diff_line, iter_changed(original, text, path, "fixed")))
        elif not _rewrite(path, text):
            errors += 1
            continue
        files_changed += 1
        fixed_total += count
    verb = "would fix" if args.diff else "fixed"
    print(f"{verb} {fixed_total} finding{'s' if fixed_total != 1 else ''} in {files_changed} file{'s' if files_changed != 1 else ''}", file=sys.stderr)
    return EXIT_ERROR if errors else EXIT_OK


def cmd_fmt(args) -> int:
    from ..workspace.config import config_for
    from ..tools.format import FormatError, format_text, iter_changed
    from ..core.sources import SourceError, read_source

    if args.wrap is not None:
        _check_wrap(args.wrap)
    for path in args.paths:
        if os.path.isfile(path) and not path.endswith(".mspec"):
            _say("note", f"{path}: not formatted: fmt lays out .mspec files (`speclint convert` turns a Markdown spec into one)")
    files = [f for f in _collect(args) if f.endswith(".mspec")]
    changed = errors = 0
    for path in files:
        loaded = config_for(path, args.config)
        wrap = args.wrap
        if wrap is None and isinstance(loaded.config.format.wrap, int):
            wrap = loaded.config.format.wrap
        try:
            text = read_source(path, loaded.max_file_size)
            new = format_text(text, path, wrap=wrap)
        except (SourceError, FormatError) as error:
            message = str(error)
            _say("error", message if message.startswith(path) else f"{path}: cannot format: {message}")
            errors += 1
            continue
        if new == text:
            continue
        if args.diff:
            sys.stdout.writelines(map(_diff_line, iter_changed(text, new, path)))
        elif args.check:
            print(f"Would reformat: {_escape(path)}")
        elif _rewrite(path, new):
            print(f"formatted {_escape(path)}", file=sys.stderr)
        else:
            errors += 1
            continue
        changed += 1
    verb = "would be reformatted" if args.check or args.diff else "reformatted"
    print(f"{changed} file{'s' if changed != 1 else ''} {verb}, {len(files) - changed - errors} unchanged", file=sys.stderr)
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if args.check and changed else EXIT_OK


def _rewrite(path: str, text: str) -> bool:
    """Write a fixed or formatted spec back in one step, its byte-order mark kept;
    False, said on stderr, when it cannot be written."""
    from ..core.sources import SourceError, bom_of, write_atomic

    try:
        write_atomic(path, bom_of(path) + text)
    except SourceError as error:
        _say("error", error)
        return False
    return True


def _diff_line(line: str) -> str:
    """A line of a unified diff as shown: its text escaped, its line ending kept (LF, or CRLF
    which is harmless). A line that ends in another line break (a lone CR, NEL, U+2028…,
    which `splitlines` also splits at) shows it escaped, then ends with LF."""
    end = "\r\n" if line.endswith("\r\n") else "\n"
    body = line[: -len(end)] if line.endswith(end) else line
    return _escape(body) + end


def _check_wrap(width: int) -> None:
    """`--wrap` takes the widths that `format: wrap:` in a configuration takes."""
    from pydantic import ValidationError

    from ..workspace.runner import UsageError
    from ..workspace.settings import FormatConfig

    try:
        FormatConfig(wrap=width)
    except ValidationError as error:
        raise UsageError(f"--wrap: {error.errors()[0]['msg'].removeprefix('Value error, ')}") from None


def _register_checks(paths, explicit: str | None, cache: bool = True) -> None:
    """The custom checks and plugins of the configurations of `paths` (the current
    folder's when none), known before codes on the command line are checked."""
    from ..workspace.config import config_for, configure

    configure(cache=cache)
    for path in paths or ["."]:
        target = os.path.join(path, "x.mspec") if os.path.isdir(path) else path
        config_for(target, explicit).register_checks()


def cmd_rule(args) -> int:
    from .. import checks
    from .report.rules import write_rule, write_rules_json, write_rules_table
    from ..workspace.runner import UsageError

    _register_checks([], args.config)  # the project's custom checks and plugins are documented too
    registry = checks.load()
    fmt = args.format or "text"
    color = _use_color(sys.stdout, None)
    width = _width()
    if args.all or not args.code:
        if fmt == "json":
            write_rules_json(sys.stdout, list(registry.values()))
        else:
            write_rules_table(sys.stdout, list(registry.values()), color=color, width=width)
        return EXIT_OK
    check = checks.get(args.code)
    if check is None:
        raise UsageError(f"`{args.code}` is not a check code or name (see `speclint rule --all`)")
    if fmt == "json":
        write_rules_json(sys.stdout, [check])
    else:
        write_rule(sys.stdout, check, color=color, width=width)
    return EXIT_OK


def _width() -> int | None:
    if not sys.stdout.isatty():
        return None
    import shutil

    return shutil.get_terminal_size().columns


def cmd_rules(args) -> int:
    """`speclint rules PATH…`: what was read as a rule from each file, so that an
    author can see what the checks will see (DESIGN, "The Markdown front end").

    Text: one block per file (`report.readout`): each rule's line, origin
    (heading, list item, lead-in, sentence, tag, table row; `mspec` in a
    `.mspec` file), id and first words, subrules indented under their rule.
    JSON: `{"version": 1, "files": [{"path", "format", "count", "rules": […]}],
    "unreadable": [path, …]}`, each rule as `tools.readout.Entry.to_json` says.
    With `--unread`, each file also says how it was read (`"reading"`: "prose",
    "markup", or null for `.mspec`) and the passages not read as rules
    (`"unread"`: line, column, end, reason, text; `tools.readout.unread`), from the one reading.
    Exit codes: 0, or 2 when a file could not be read (the others are listed).
    """
    from ..core.sources import SourceError
    from .report.readout import write_listing, write_unread
    from ..tools.readout import count, entries, load, unread

    files = _collect(args)
    width = _width()
    documents, unreadable = [], []
    for path in files:
        try:
            text, spec, stats = load(path, args.config)
        except SourceError as error:
            _say("error", error)
            unreadable.append(path)
            continue
        found = entries(spec)
        reading, passages = unread(text, stats) if args.unread else (None, ())
        if args.format == "json":
            rules = [entry.to_json() for entry in found]
            record = {"path": path, "format": spec.source_format, "count": count(found), "rules": rules}
            if args.unread:
                record["reading"] = reading
                record["unread"] = [u.to_json() for u in passages]
            documents.append(record)
            continue
        if documents:
            sys.stdout.write("\n")
        write_listing(sys.stdout, path, found, width=width)
        if args.unread:
            write_unread(sys.stdout, reading, passages, width=width)
        documents.append(path)  # a blank line between two files
    if args.format == "json":
        from .report import json_text

        sys.stdout.write(json_text({"version": 1, "files": documents, "unreadable": unreadable}) + "\n")
    return EXIT_ERROR if unreadable else EXIT_OK


def cmd_stats(args) -> int:
    import json

    from ..linting.linter import lint_model
    from ..workspace.options import model_for, options_from
    from ..tools.stats import compute, render_rich, render_text

    results = []
    for path in _collect(args):
        model, loaded = model_for(path, args.config)
        diagnostics = lint_model(model, options_from(loaded, path))
        results.append(compute(model, diagnostics))
    fmt = args.format or ("text" if sys.stdout.isatty() else "json")
    if fmt == "json":
        from .report import json_safe

        sys.stdout.write(json_safe(json.dumps({"version": 1, "files": [r.to_json() for r in results]}, indent=2)))
        sys.stdout.write("\n")
    elif sys.stdout.isatty():
        render_rich(results, sys.stdout)
    else:
        sys.stdout.write(render_text(results))
    return EXIT_OK


def cmd_init(args) -> int:
    from .init import render
    from ..workspace.runner import UsageError
    from ..core.sources import write_atomic

    if os.path.exists(args.path) and not args.force:
        raise UsageError(f"{args.path} exists; use --force to overwrite it")
    write_atomic(args.path, render())
    print(f"wrote {_escape(args.path)}", file=sys.stderr)
    return EXIT_OK


def cmd_diff(args) -> int:
    import json

    from ..workspace.options import model_for
    from ..tools.diff import diff, render_text

    old, _ = model_for(args.old, args.config)
    new, _ = model_for(args.new, args.config)
    changes = diff(old, new)
    if args.format == "json":
        counts: dict[str, int] = {}
        for c in changes:
            counts[c.kind] = counts.get(c.kind, 0) + 1
        from .report import json_safe

        document = {"version": 1, "old": args.old, "new": args.new, "changes": [c.to_json() for c in changes], "summary": counts}
        sys.stdout.write(json_safe(json.dumps(document, indent=2)))
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(changes, args.old, args.new))
    return EXIT_OK


def cmd_convert(args) -> int:
    from ..workspace.config import config_for
    from ..tools.convert import convert
    from ..model.frontends import detect
    from ..workspace.runner import UsageError
    from ..core.sources import SourceError, read_source

    if not os.path.exists(args.path):
        raise UsageError(f"{args.path}: no such file or directory")
    if detect(args.path) != "markdown":
        raise UsageError(f"{args.path}: not a Markdown file (.md, .markdown)")
    loaded = config_for(args.path, args.config)
    try:
        text = read_source(args.path, loaded.max_file_size)
    except SourceError as error:
        raise UsageError(str(error)) from None
    _emit(convert(text, args.path, levels=list(loaded.levels)), args.output)
    return EXIT_OK


def cmd_export(args) -> int:
    from ..tools.export import export
    from ..workspace.options import model_for

    models = [model_for(p, args.config)[0] for p in _collect(args)]
    for m in models:
        errors = [d for d in m.spec.diagnostics if d.code == "S001"]
        if errors:
            _say("warning", f"{m.root.path}: {len(errors)} syntax error(s); the records hold what could be read")
    text = export(models[0] if len(models) == 1 else models, args.format)
    if args.format != "yaml" and not args.output:
        from .report import json_safe

        text = json_safe(text)  # the same records; nothing in them acts on a terminal or a CI log
    _emit(text, args.output)
    return EXIT_OK


def _collect(args) -> list[str]:
    """The files a command works on (see `runner.collect`), saying on stderr
    which ones a folder walk skipped (links that lead out of the workspace)."""
    from ..workspace.runner import collect

    notes: list[str] = []
    files = collect(args.paths, args.config, notes)
    for message in notes:
        _say("note", message)
    return files


def _emit(text: str, output: str | None) -> None:
    """A command's output: to `output` (written atomically, and said so on
    stderr), or to stdout."""
    if output:
        from ..core.sources import write_atomic

        write_atomic(output, text)
        print(f"wrote {_escape(output)}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def cmd_report(args) -> int:
    """`speclint report`: the HTML page of `tools.report_html`, written atomically.
    Exit codes: 0 written, 2 a usage error or a file that could not be read (the page is written without it)."""
    from ..linting.linter import unknown_codes
    from ..tools import report_html
    from ..workspace.baseline import BaselineError
    from ..workspace.runner import UsageError

    for flag in ("select", "ignore", "extend_select"):
        bad = unknown_codes(getattr(args, flag) or [])
        if bad:
            raise UsageError(f"--{flag.replace('_', '-')}: `{bad[0]}` is not a check code, prefix or name (see `speclint rule --all`)")
    if not args.output:
        raise UsageError("--output: give a file name")
    overrides = {k: getattr(args, k) for k in ("select", "ignore", "extend_select") if getattr(args, k)} or None
    errors: list[str] = []
    reports = report_html.gather(args.paths, args.config, overrides, errors)
    for message in errors:
        _say("error", message)
    try:
        if args.baseline:
            delta = report_html.against_baseline(reports, args.baseline)
        elif args.against:
            delta = report_html.against_version(reports, args.paths, args.against, args.config, overrides)
        else:
            delta = None
    except BaselineError as error:
        raise UsageError(str(error)) from None
    _emit(report_html.render(reports, delta, title=args.title, unreadable=errors), args.output)
    return EXIT_ERROR if errors else EXIT_OK


def cmd_lsp(args) -> int:
    from ..lsp.server import main as serve

    return serve()


COMMANDS = {
    "rule": cmd_rule,
    "rules": cmd_rules,
    "stats": cmd_stats,
    "init": cmd_init,
    "diff": cmd_diff,
    "convert": cmd_convert,
    "export": cmd_export,
    "lsp": cmd_lsp,
    "check": cmd_check,
    "fix": cmd_fix,
    "fmt": cmd_fmt,
    "report": cmd_report,
}

