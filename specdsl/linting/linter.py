"""Running the checks: selection, suppressions, severities, order.

Every face (CLI, language server, pre-commit) calls `lint()` or
`lint_model()`; no check logic lives anywhere else.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from .. import checks
from ..syntax.ast import Directive, Spec, iter_statements
from ..core.diagnostics import Diagnostic, Edit, Fix, Severity, make_span
from ..core.gcpause import paused_gc
from ..model.model import Document, SpecModel, build_model

#: Findings made outside the check functions.
LINTER_CODES = ("S007", "S008")


@dataclass
class LintOptions:
    """What to run and how to report it (the configuration file fills this in)."""

    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    #: Per-check options, by code: a pydantic model of the check's options class.
    check_options: dict[str, Any] = field(default_factory=dict)
    #: Also report findings in included files (the language server does).
    all_documents: bool = False
    #: The whole configuration (vague terms, allowed terms, thresholds …).
    config: Any = None
    #: Called between checks and every few rules of the semantic tier's work; it
    #: may block (to give way) or raise (to stop a lint that is no longer wanted).
    checkpoint: Callable[[], None] | None = None
    #: An editor's re-lint: (a `reuse.FindingsCache`, the root document's block
    #: layout from `IncrementalParser.layout`); rule-local checks then run only on
    #: the blocks the cache has not seen (see `specdsl.linting.reuse`).
    reuse: tuple | None = None
    #: The configuration's precedence orders for this file (`model.ConfiguredOrder`s):
    #: they join the model's precedence graph before the checks run.
    precedence: list = field(default_factory=list)
    #: The configuration's `judge:` when the run asked for it (`speclint check --judge`):
    #: C002 then asks that endpoint about its candidates (see `semantic.judge`). Never
    #: set from a configuration alone.
    judge: Any = None
    #: The model is dropped after this lint (`lint()`, `speclint check`): what only
    #: some checks read (the conflict checks' candidates and pairs) is freed as
    #: soon as the last of them ran, which lowers the peak memory of a large spec.
    #: An editor keeps its model for the semantic pass and leaves this off.
    transient: bool = False


def matches(code: str, name: str, patterns: Iterable[str]) -> bool:
    """Whether a code is selected by any of `patterns` (codes, prefixes, names, ALL)."""
    for pattern in patterns:
        p = pattern.strip()
        if not p:
            continue
        if p.upper() == "ALL" or code.startswith(p.upper()) or p.lower() == name:
            return True
    return False


def unknown_codes(patterns: Iterable[str]) -> list[str]:
    """The entries of `patterns` that name no check (by code, prefix, name or ALL)."""
    registry = checks.load()
    names = {c.name for c in registry.values()} | {a for c in registry.values() for a in c.aliases}
    bad = []
    for pattern in patterns:
        p = pattern.strip()
        if p.upper() == "ALL" or p.lower() in names or any(code.startswith(p.upper()) for code in registry):
            continue
        bad.append(pattern)
    return bad


def named(check: checks.Check, patterns: Iterable[str]) -> bool:
    """Whether `patterns` name this check by itself: its code, name or an alias (not ALL, not a prefix)."""
    names = {check.code, check.name, *check.aliases}
    return any(p.strip().upper() == check.code or p.strip().lower() in names for p in patterns)


def selected_checks(options: LintOptions) -> list[checks.Check]:
    registry = checks.load()
    chosen = []
    for check in registry.values():
        if check.default:
            selected = matches(check.code, check.name, options.select) or matches(
                check.code, check.name, options.extend_select
            )
        else:  # off by default: only a selection that names it
            selected = named(check, options.select) or named(check, options.extend_select)
        if selected and not matches(check.code, check.name, options.ignore):
            chosen.append(check)
    return chosen


def lint(
    text: str,
    path: str | None = None,
    *,
    options: LintOptions | None = None,
    workspace: str | None = None,
    loader: Callable | None = None,
    kind: str | None = None,
) -> list[Diagnostic]:
    """Lint one document (with the files it includes); returns its diagnostics, sorted.

    `text` is the document's content and `path` its file name (used to find
    the front end, to resolve includes and in the diagnostics). Bad input never
    raises: it becomes diagnostics.
    """
    from ..model.frontends import parse_any

    with paused_gc():
        spec = parse_any(text, path, kind)
        model = build_model(spec, path=path, text=text, workspace=workspace, loader=loader)
        return lint_model(model, dataclasses.replace(options or LintOptions(), transient=True))


def lint_model(model: SpecModel, options: LintOptions | None = None) -> list[Diagnostic]:
    """Run the selected checks over a built model."""
    options = options or LintOptions()
    model.__dict__["_checkpoint"] = options.checkpoint
    model.__dict__["_judge"] = options.judge
    try:
        return _lint_model(model, options)
    finally:
        model.__dict__.pop("_checkpoint", None)
        model.__dict__.pop("_judge", None)
        model.__dict__.pop("_listing", None)


def lint_semantic(model: SpecModel, options: LintOptions | None = None) -> list[Diagnostic]:
    """Lint a model with the semantic tier on, whatever the configuration says.

    Returns the whole result (lexical and semantic findings, suppressions
    applied): what an editor publishes once the tier is ready. Blocks while
    the model loads or texts are embedded; call it off the event loop.
    Raises `semantic.SemanticUnavailable` when the tier cannot run.
    """
    import dataclasses

    from .. import semantic as tier

    options = options or LintOptions()
    config = options.config if options.config is not None else model.config
    reason = tier.unavailable_reason(getattr(config.semantic, "model", None))
    if reason:
        raise tier.SemanticUnavailable(reason)
    on = config.with_semantic(True)
    result = lint_model(model, dataclasses.replace(options, config=on))
    error = model.__dict__.get("_semantic_error")
    if error:
        raise tier.SemanticUnavailable(error)
    return result


def _lint_model(model: SpecModel, options: LintOptions) -> list[Diagnostic]:
    registry = checks.load()
    if options.config is not None:
        model.settings = options.config
    if options.precedence:
        model.add_configured(options.precedence)
    chosen = selected_checks(options)
    chosen_codes = {c.code for c in chosen}
    model.checkpoint()
    semantic_on = _semantic_tier(model, chosen_codes)
    # the semantic tier compares rules across the spec: nothing is kept then
    blocks = options.reuse[0].start(model, options.reuse[1], chosen, options) if options.reuse and not semantic_on else None
    docs = model.documents if options.all_documents else [model.root]
    # A suppression of a code the semantic tier adds to is judged unused only
    # when the tier ran: a lexical run (pre-commit without the extra) must not
    # call the suppression of a semantic finding unused.
    # Conversely, a run with the tier on does not judge the suppressions of the codes
    # whose findings it only withdraws (R001): the lexical run still needs them.
    judged = chosen_codes - set(_REFINED_CODES) if semantic_on else chosen_codes - set(_SEMANTIC_CODES)
    kept = _Findings(docs, chosen)
    if "S001" in chosen_codes:
        for doc in model.documents:
            for diagnostic in doc.spec.diagnostics:
                kept.add(diagnostic)
    model.__dict__["_listing"] = kept  # after `blocks`: the checks it runs see every finding
    order = [c for c in run_order(chosen) if c.tier == "lexical" or (c.tier == "semantic" and semantic_on)]
    from ..model import candidates as _candidates

    readers = {c.code for c in order} & _candidates.USERS if options.transient and not semantic_on else set()
    for check in order:
        model.checkpoint()
        kept.current = check
        if blocks is not None and check.code in blocks.codes:
            diagnostics = blocks.run(check, options.check_options.get(check.code))
        else:
            diagnostics = check.run(model, options.check_options.get(check.code))
        for diagnostic in diagnostics:
            if type(diagnostic) is checks.Omitted:
                kept.omitted(diagnostic)
                continue
            _stamp(diagnostic, check, model)
            kept.add(diagnostic)
        if check.code in readers:
            readers.discard(check.code)
            if not readers:
                _candidates.release(model)
    kept.current = None
    result = kept.result(registry, judged)
    fingerprints: dict[tuple, str] = {}
    for d in result:
        override = options.severity.get(d.code)
        if override is not None:
            d.severity = override
        d.data["fingerprint"] = fingerprint(model, d, fingerprints)
    result.sort(key=Diagnostic.sort_key)
    return result


#: At most this many findings of one code are listed on one rule (or, for
#: findings on no rule, in one file); one more finding of that code says how
#: many others there are. A rule with more is written in a way a list of every
#: place will not help with, and a spec of hostile size (a megabyte line of
#: "appropriate") must not make millions of findings.
MAX_PER_RULE = 20
#: At most this many findings of one code are listed in one file (a file of
#: a hundred thousand rules without a rationale), then one more says how many
#: others there are: the memory of a lint is bounded by what it shows.
MAX_PER_FILE = 10_000


def run_order(chosen: list[checks.Check]) -> list[checks.Check]:
    """The checks in the order they run: a check that supersedes others (R002
    supersedes R001) before them, so that each finding can be judged the moment
    it is made; otherwise by code."""
    depth: dict[str, int] = {}

    def level(code: str, seen: tuple = ()) -> int:
        if code not in depth:
            above = [level(c.code, seen + (code,)) + 1 for c in chosen if code in c.supersedes and c.code not in seen]
            depth[code] = max(above, default=0)
        return depth[code]

    return sorted(chosen, key=lambda c: (level(c.code), c.code))  # a superseded check after those above it


class _Findings:
    """The findings of one lint, kept as they are made.

    Each finding is judged at once: dropped if its file is not reported or a
    more specific finding supersedes it (the checks run in `run_order`),
    suppressed by a comment (which is then used), or kept, up to
    `MAX_PER_RULE` of one code on one rule and `MAX_PER_FILE` in one file;
    the others are only counted. So memory holds the findings that will be
    shown, not all that were made.
    """

    def __init__(self, docs: list[Document], chosen: list[checks.Check]):
        self.suppressions = {doc.path: _Suppressions(doc) for doc in docs}
        self.supersedes = {c.code: c.supersedes for c in chosen if c.supersedes}
        self.hidden: set[tuple] = set()
        self.kept: list[Diagnostic] = []
        self.counts: dict[tuple, int] = {}
        #: per (code, path, rule) beyond MAX_PER_RULE: [how many, the first of them]
        self.more: dict[tuple, list] = {}
        self.file_counts: dict[tuple, int] = {}
        #: per (code, path) beyond MAX_PER_FILE: [how many, the first of them]
        self.file_more: dict[tuple, list] = {}
        #: the check whose findings come in now
        self.current: checks.Check | None = None
        #: a note for `prose.phrase_omitted`: (a text, a check, an `Omitted`)
        self.counting: tuple | None = None

    def only_counted(self, path: str | None, rule: str | None, first_line: int, last_line: int) -> bool:
        """Whether a finding of the running check on `rule`, on lines
        `first_line`..`last_line`, would only be counted (see `checks.only_counted`)."""
        check = self.current
        if check is None:
            return False
        suppressions = self.suppressions.get(path)
        if suppressions is None:
            return True  # a file not reported: dropped
        if (check.code, path, rule) not in self.more and (check.code, path) not in self.file_more:
            return False
        return not suppressions.may_touch(check.code, check.name, first_line, last_line)

    def omitted(self, o) -> None:
        """Count a finding a check left out because `only_counted` said so."""
        code = self.current.code
        for hidden in self.supersedes.get(code, ()):
            self.hidden.add((hidden, o.path, o.rule))
        if o.path not in self.suppressions or (code, o.path, o.rule) in self.hidden:
            return
        if (code, o.path) in self.file_more:
            self.file_more[(code, o.path)][0] += o.count
        else:
            self.more[(code, o.path, o.rule)][0] += o.count

    def add(self, d: Diagnostic) -> None:
        for code in self.supersedes.get(d.code, ()):
            self.hidden.add((code, d.path, d.rule))
        if d.path not in self.suppressions or d.code in LINTER_CODES:
            return
        if d.rule is not None and (d.code, d.path, d.rule) in self.hidden:
            return  # a more specific finding on the rule says it (R002 over R001)
        if self.suppressions[d.path].suppressed(d):
            return
        where = (d.code, d.path)
        in_file = self.file_counts.get(where, 0) + 1
        self.file_counts[where] = in_file
        if in_file > MAX_PER_FILE:
            if where in self.file_more:
                self.file_more[where][0] += 1
            else:
                self.file_more[where] = [1, d]
            return
        key = (d.code, d.path, d.rule)
        n = self.counts.get(key, 0) + 1
        self.counts[key] = n
        if n <= MAX_PER_RULE:
            self.kept.append(d)
        elif key in self.more:
            self.more[key][0] += 1
        else:
            self.more[key] = [1, d]

    def result(self, registry, judged: set[str]) -> list[Diagnostic]:
        out = self.kept
        for count, first in self.more.values():
            out.append(_more_finding(first, count))
        for count, first in self.file_more.values():
            out.append(_more_finding(first, count, in_file=True))
        for suppressions in self.suppressions.values():
            out.extend(suppressions.findings(registry, judged))
        return out


def _more_finding(first: Diagnostic, count: int, in_file: bool = False) -> Diagnostic:
    """The finding that stands for `count` findings left out, at the first of them."""
    noun = "finding" if count == 1 else "findings"
    if in_file:
        message = (
            f"{count:,} more {first.code} {noun} in this file are not listed; "
            f"speclint lists at most {MAX_PER_FILE:,} of one kind in one file"
        )
    else:
        where = f"`{first.rule}`" if first.rule else "this file"
        message = (
            f"{count:,} more {first.code} {noun} in {where} are not listed; "
            f"speclint lists at most {MAX_PER_RULE} of one kind on one rule"
        )
    return Diagnostic.make(
        code=first.code,
        name=first.name,
        severity=first.severity,
        message=message,
        span=first.span,
        path=first.path,
        rule=None if in_file else first.rule,
        data={"omitted": count},
    )


class LintCancelled(Exception):
    """Raised by a `LintOptions.checkpoint` to stop a lint nobody waits for."""


#: The codes with findings from the semantic tier (see `specdsl.semantic`).
_SEMANTIC_CODES = ("C002", "C003", "R003", "V001")
#: The codes whose findings the semantic tier only withdraws (`evidence.REFINED_CODES`).
_REFINED_CODES = ("R001",)


def _semantic_tier(model: SpecModel, chosen_codes: set[str]) -> bool:
    """Whether the semantic tier runs for this lint: the configuration turns it on
    (`semantic: true` or `--semantic`), it is installed, and a check that uses it
    is selected. Records the tier that ran on the model (`model._tier`)."""
    settings = model.settings
    semantic = getattr(settings, "semantic", None)
    tier_codes = set(_SEMANTIC_CODES) | set(_REFINED_CODES)
    on = bool(getattr(semantic, "enabled", False)) and bool(chosen_codes & tier_codes)
    model.__dict__["_semantic_error"] = None
    if on:
        from .. import semantic as tier

        reason = tier.unavailable_reason(getattr(semantic, "model", None))
        if reason is None:
            from ..semantic import evidence

            model.__dict__["_semantic_codes"] = chosen_codes & tier_codes
            try:
                evidence.view(model)  # embed everything the selected checks need, in one batch
            except LintCancelled:
                raise
            except tier.SemanticUnavailable as error:
                reason = str(error)
            except Exception as error:  # a broken install or backend: the lexical tier still runs
                reason = f"the semantic tier failed ({type(error).__name__}: {error})"
        if reason is not None:
            model.__dict__["_semantic_error"] = reason
            on = False
    model.__dict__["_semantic_active"] = on
    requested = bool(getattr(semantic, "enabled", False))
    model.__dict__["_tier"] = "semantic" if on or (requested and not model.__dict__["_semantic_error"]) else "lexical"
    return on


def fingerprint(model: SpecModel, d: Diagnostic, cache: dict | None = None) -> str:
    """What identifies a finding across edits: its code, its rule and the rule's
    words (or the words of its line), not its position. A baseline matches
    findings by fingerprint, so moving a rule does not bring its findings back.

    `cache` (one dict per lint) keeps what is worked out per rule and per line:
    the findings of one long rule read its text once."""
    import hashlib

    info = model.by_id.get(d.rule) if d.rule else None
    if info is not None and info.rule.text is not None:
        key: tuple = (d.code, d.rule)
        place = ("rule", d.rule)
        message = ""
    else:
        doc = next((x for x in model.documents if x.path == d.path), None)
        start = end = -1
        if doc is not None and doc.text:
            start = doc.text.rfind("\n", 0, d.span.offset) + 1
            end = doc.text.find("\n", d.span.offset)
        place = ("line", d.path, start)
        message = d.message if not d.rule else ""
        key = (d.code, d.rule, place, message)
    if cache is not None and key in cache:
        return cache[key]
    words = cache.get(place) if cache is not None else None
    if words is None:
        text = ""
        if info is not None and info.rule.text is not None:
            text = info.rule.text.text
        elif place[2] >= 0:
            text = doc.text[place[2] : end if end >= 0 else len(doc.text)]
        words = " ".join(text.split())
        if cache is not None:
            cache[place] = words
    value = hashlib.sha1(f"{d.code}|{d.rule or ''}|{words}|{message}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
    if cache is not None:
        cache[key] = value
    return value


def _stamp(diagnostic: Diagnostic, check: checks.Check, model: SpecModel) -> None:
    if not diagnostic.code:
        diagnostic.code = check.code
    diagnostic.name = check.name
    diagnostic.severity = check.severity
    if check.prose_severity is not None and model.in_prose(diagnostic.path):
        diagnostic.severity = check.prose_severity


# ---------------------------------------------------------------- suppressions


def _covered_lines(directive: Directive, statements: tuple[list[int], list[int]]) -> tuple[int, int]:
    """The lines of the statement directly below a directive (with its block).

    `statements` is `_statement_lines` of the directive's document, worked out
    once for all of its directives."""
    below = directive.span.line
    lines, ends = statements
    k = bisect_right(lines, below)
    if k == len(lines):
        return (below + 1, below)  # nothing below: covers nothing
    # only if nothing but comments and blank lines stand between
    return lines[k], ends[k]


def _statement_lines(spec: Spec) -> tuple[list[int], list[int]]:
    """The lines where statements start, in order, each with the last line of the
    longest statement that starts there."""
    last: dict[int, int] = {}
    for node in iter_statements(spec):
        line, end = node.span.line, node.span.end_line
        if end > last.get(line, end - 1):
            last[line] = end
    lines = sorted(last)
    return lines, [last[line] for line in lines]


def _code_matches(pattern: str, diagnostic: Diagnostic) -> bool:
    return matches(diagnostic.code, diagnostic.name, [pattern])


class _Suppressions:
    """The suppression comments of one document: which findings they suppress,
    and which of them suppress nothing.

    A comment covers the lines of the statement below it; statements nest, so
    the ranges nest too, and the comments that cover a line are found by a
    binary search and a walk up the ranges that hold it, not by asking every
    comment of the file about every finding."""

    def __init__(self, doc: Document):
        self.doc = doc
        spec = doc.spec
        below = _statement_lines(spec) if spec.directives else ([], [])
        self.scopes: list[tuple[Directive, tuple[int, int] | None]] = [
            (directive, None if directive.scope == "ignore-file" else _covered_lines(directive, below))
            for directive in spec.directives
        ]
        self.used: dict[tuple[int, int], bool] = {}
        self.file_wide = [di for di, (_, scope) in enumerate(self.scopes) if scope is None]
        ranges = sorted(
            (scope[0], -scope[1], di) for di, (_, scope) in enumerate(self.scopes) if scope is not None and scope[0] <= scope[1]
        )
        self.starts = [start for start, _, _ in ranges]
        self.ends = [-end for _, end, _ in ranges]
        self.which = [di for _, _, di in ranges]
        #: per range, the nearest range that holds it (-1: none)
        self.parent: list[int] = []
        self.nested = True
        open_ranges: list[int] = []
        for i, (start, end) in enumerate(zip(self.starts, self.ends)):
            while open_ranges and self.ends[open_ranges[-1]] < start:
                open_ranges.pop()
            if open_ranges and self.ends[open_ranges[-1]] < end:
                self.nested = False  # ranges that cross (never from a parser): ask them all
            self.parent.append(open_ranges[-1] if open_ranges else -1)
            open_ranges.append(i)

    def _covering(self, line: int) -> Iterator[int]:
        """The directives whose scope holds `line`."""
        yield from self.file_wide
        if not self.nested:
            yield from (self.which[i] for i in range(len(self.starts)) if self.starts[i] <= line <= self.ends[i])
            return
        i = bisect_right(self.starts, line) - 1
        while i >= 0:
            if self.ends[i] >= line:
                yield self.which[i]
            i = self.parent[i]

    def may_touch(self, code: str, name: str, first_line: int, last_line: int) -> bool:
        """Whether a comment may suppress a finding of `code` on lines
        `first_line`..`last_line` (True when unsure)."""
        if not self.scopes:
            return False
        for di in self.file_wide:
            if any(matches(code, name, [c.value]) for c in self.scopes[di][0].codes):
                return True
        i = bisect_right(self.starts, last_line) - 1
        if i >= 0 and self.starts[i] >= first_line:
            return True  # a scope starts among those lines
        return any(di not in self.file_wide for di in self._covering(first_line))

    def suppressed(self, d: Diagnostic) -> bool:
        """Whether a comment suppresses `d` (each comment that does is then used)."""
        if not self.scopes:
            return False
        suppressed = False
        for di in self._covering(d.span.line):
            for ci, code in enumerate(self.scopes[di][0].codes):
                if _code_matches(code.value, d):
                    self.used[(di, ci)] = True
                    suppressed = True
        return suppressed

    def findings(self, registry, chosen_codes: set[str]) -> list[Diagnostic]:
        """Findings about the comments themselves: unknown codes, unused
        suppressions (S007), suppressions without a reason (S008)."""
        return _directive_findings(self.doc, self.scopes, self.used, registry, chosen_codes)


def _directive_findings(doc: Document, scopes, used, registry, chosen_codes: set[str]) -> list[Diagnostic]:
    spec = doc.spec
    markdown = spec.source_format == "markdown"
    kept: list[Diagnostic] = []
    # findings about the directives themselves
    extra: list[Diagnostic] = []
    known = set(registry)
    names = {c.name for c in registry.values()}
    for di, (directive, _) in enumerate(scopes):
        unused_codes = []
        for ci, code in enumerate(directive.codes):
            value = code.value
            is_known = (
                value.upper() == "ALL"
                or value.lower() in names
                or any(k.startswith(value.upper()) for k in known)
            )
            if not is_known:
                extra.append(_linter_finding(
                    "S007", code.span, f"`{value}` is not a speclint code; this suppression suppresses nothing",
                    doc.path, _remove_code_fix(directive, ci, doc.text, markdown=markdown),
                ))
                continue
            # a code whose check did not run cannot be judged unused
            ran = any(
                k in chosen_codes
                and _code_matches_check(value, registry[k])
                and (k not in LINTER_CODES or value.upper() == k or value.lower() == registry[k].name)
                for k in known
            )
            if not used.get((di, ci)) and ran:
                unused_codes.append(ci)
        for ci in unused_codes:
            code = directive.codes[ci]
            extra.append(_linter_finding(
                "S007", code.span,
                f"`{code.value}` is suppressed here but there is no such finding to suppress",
                doc.path,
                _remove_code_fix(directive, ci, doc.text, all_unused=len(unused_codes) == len(directive.codes), markdown=markdown),
            ))
        if not directive.reason:
            extra.append(_linter_finding(
                "S008", directive.span,
                "this suppression gives no reason; add `reason: …` saying why the finding does not apply",
                doc.path, None,
            ))
    for d in extra:
        if d.code not in chosen_codes:
            continue
        # S007/S008 obey only file-wide suppressions
        if any(s is None and any(_code_matches(c.value, d) for c in di.codes) for di, s in scopes):
            continue
        kept.append(d)
    return kept


def _code_matches_check(pattern: str, check) -> bool:
    p = pattern.strip()
    return p.upper() == "ALL" or check.code.startswith(p.upper()) or p.lower() in (check.name, *check.aliases)


def _linter_finding(code: str, span, message: str, path, fix) -> Diagnostic:
    check = checks.get(code)
    return Diagnostic.make(
        code=code, name=check.name, severity=check.severity, message=message, span=span, path=path, fix=fix
    )


def _remove_code_fix(directive: Directive, index: int, text: str, all_unused: bool = False, markdown: bool = False) -> Fix | None:
    """Remove one code from a directive, or the whole comment when none is left."""
    if not text:
        return None
    if all_unused or len(directive.codes) == 1:
        from ..checks.edits import remove_comment

        edit, alone = remove_comment(directive.span, text, markdown=markdown)
        # Text beside a Markdown comment is read as raw HTML with it; without
        # the comment it becomes a paragraph, perhaps a new rule: the author
        # decides (the fix is offered, not applied by `speclint fix`).
        return Fix.make(message="remove the unused suppression", edits=[edit], safe=alone)
    code = directive.codes[index]
    # remove the code and the comma next to it
    if index + 1 < len(directive.codes):
        start, end = code.span.offset, directive.codes[index + 1].span.offset
        start_col, end_col = code.span.column, directive.codes[index + 1].span.column
    else:
        prev = directive.codes[index - 1]
        start, end = prev.span.end_offset, code.span.end_offset
        start_col, end_col = prev.span.end_column, code.span.end_column
    line = code.span.line
    return Fix.make(
        message=f"remove `{code.value}` from the suppression",
        edits=[Edit.make(span=make_span(line, start_col, start, line, end_col, end), new_text="")],
    )
