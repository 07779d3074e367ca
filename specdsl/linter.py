"""Running the checks: selection, suppressions, severities, order.

Every face (CLI, language server, pre-commit) calls `lint()` or
`lint_model()`; no check logic lives anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from . import checks
from .ast import Directive, Spec, iter_statements
from .diagnostics import Diagnostic, Edit, Fix, Severity, make_span
from .gcpause import paused_gc
from .model import Document, SpecModel, build_model

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
    #: the blocks the cache has not seen (see `specdsl.reuse`).
    reuse: tuple | None = None


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


def selected_checks(options: LintOptions) -> list[checks.Check]:
    registry = checks.load()
    chosen = []
    for check in registry.values():
        selected = matches(check.code, check.name, options.select) or matches(
            check.code, check.name, options.extend_select
        )
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
    from .frontends import parse_any

    with paused_gc():
        spec = parse_any(text, path, kind)
        model = build_model(spec, path=path, text=text, workspace=workspace, loader=loader)
        return lint_model(model, options)


def lint_model(model: SpecModel, options: LintOptions | None = None) -> list[Diagnostic]:
    """Run the selected checks over a built model."""
    options = options or LintOptions()
    model.__dict__["_checkpoint"] = options.checkpoint
    try:
        return _lint_model(model, options)
    finally:
        model.__dict__.pop("_checkpoint", None)


def _lint_model(model: SpecModel, options: LintOptions) -> list[Diagnostic]:
    registry = checks.load()
    if options.config is not None:
        model.settings = options.config
    chosen = selected_checks(options)
    chosen_codes = {c.code for c in chosen}
    model.checkpoint()
    semantic_on = _semantic_tier(model, chosen_codes)
    # the semantic tier compares rules across the spec: nothing is kept then
    blocks = options.reuse[0].start(model, options.reuse[1], chosen, options) if options.reuse and not semantic_on else None
    found: list[Diagnostic] = []
    if "S001" in chosen_codes:
        for doc in model.documents:
            found.extend(doc.spec.diagnostics)
    for check in chosen:
        if check.tier not in ("lexical", "semantic"):
            continue
        if check.tier == "semantic" and not semantic_on:
            continue
        model.checkpoint()
        if blocks is not None and check.code in blocks.codes:
            diagnostics = blocks.run(check, options.check_options.get(check.code))
        else:
            diagnostics = check.run(model, options.check_options.get(check.code))
        for diagnostic in diagnostics:
            _stamp(diagnostic, check)
            found.append(diagnostic)
    found = _drop_superseded(found, chosen)
    docs = model.documents if options.all_documents else [model.root]
    # A suppression of a code the semantic tier adds to is judged unused only
    # when the tier ran: a lexical run (pre-commit without the extra) must not
    # call the suppression of a semantic finding unused.
    judged = chosen_codes if semantic_on else chosen_codes - set(_SEMANTIC_CODES)
    result: list[Diagnostic] = []
    for doc in docs:
        own = [d for d in found if d.path == doc.path]
        result.extend(_suppress(doc, own, registry, judged))
    for d in result:
        override = options.severity.get(d.code)
        if override is not None:
            d.__dict__["severity"] = override
        d.data["fingerprint"] = fingerprint(model, d)
    result.sort(key=Diagnostic.sort_key)
    return result


class LintCancelled(Exception):
    """Raised by a `LintOptions.checkpoint` to stop a lint nobody waits for."""


#: The codes with findings from the semantic tier (see `specdsl.semantic`).
_SEMANTIC_CODES = ("C002", "C003", "R003", "V001")


def _semantic_tier(model: SpecModel, chosen_codes: set[str]) -> bool:
    """Whether the semantic tier runs for this lint: the configuration turns it on
    (`semantic: true` or `--semantic`), it is installed, and a check that uses it
    is selected. Records the tier that ran on the model (`model._tier`)."""
    settings = model.settings
    semantic = getattr(settings, "semantic", None)
    on = bool(getattr(semantic, "enabled", False)) and bool(chosen_codes & set(_SEMANTIC_CODES))
    model.__dict__["_semantic_error"] = None
    if on:
        from . import semantic as tier

        reason = tier.unavailable_reason(getattr(semantic, "model", None))
        if reason is None:
            from .semantic import evidence

            model.__dict__["_semantic_codes"] = chosen_codes & set(_SEMANTIC_CODES)
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


def fingerprint(model: SpecModel, d: Diagnostic) -> str:
    """What identifies a finding across edits: its code, its rule and the rule's
    words (or the words of its line), not its position. A baseline matches
    findings by fingerprint, so moving a rule does not bring its findings back."""
    import hashlib

    text = ""
    info = model.by_id.get(d.rule) if d.rule else None
    if info is not None and info.rule.text is not None:
        text = info.rule.text.text
    else:
        doc = next((x for x in model.documents if x.path == d.path), None)
        if doc is not None and doc.text:
            start = doc.text.rfind("\n", 0, d.span.offset) + 1
            end = doc.text.find("\n", d.span.offset)
            text = doc.text[start : end if end >= 0 else len(doc.text)]
    words = " ".join(text.split())
    return hashlib.sha1(f"{d.code}|{d.rule or ''}|{words}|{d.message if not d.rule else ''}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _drop_superseded(found: list[Diagnostic], chosen: list[checks.Check]) -> list[Diagnostic]:
    """Remove findings that a more specific finding on the same rule makes redundant."""
    rules = {c.code: c.supersedes for c in chosen if c.supersedes}
    if not rules:
        return found
    hidden: set[tuple] = set()
    for d in found:
        for code in rules.get(d.code, ()):
            hidden.add((code, d.path, d.rule))
    if not hidden:
        return found
    return [d for d in found if d.rule is None or (d.code, d.path, d.rule) not in hidden]


def _stamp(diagnostic: Diagnostic, check: checks.Check) -> None:
    values = diagnostic.__dict__
    if not values.get("code"):
        values["code"] = check.code
    values["name"] = check.name
    values["severity"] = check.severity


# ---------------------------------------------------------------- suppressions


def _covered_lines(spec: Spec, directive: Directive) -> tuple[int, int]:
    """The lines of the statement directly below a directive (with its block)."""
    below = directive.span.line
    best: tuple[int, int] | None = None
    for node in iter_statements(spec):
        line = node.span.line
        if line <= below:
            continue
        if best is None or line < best[0] or (line == best[0] and node.span.end_line > best[1]):
            best = (line, node.span.end_line)
    if best is None:
        return (below + 1, below)  # nothing below: covers nothing
    # only if nothing but comments and blank lines stand between
    return best


def _code_matches(pattern: str, diagnostic: Diagnostic) -> bool:
    return matches(diagnostic.code, diagnostic.name, [pattern])


def _suppress(doc: Document, diags: list[Diagnostic], registry, chosen_codes: set[str]) -> list[Diagnostic]:
    spec = doc.spec
    directives = spec.directives
    if not directives:
        return [d for d in diags if d.code not in LINTER_CODES]
    used: dict[tuple[int, int], bool] = {}
    scopes: list[tuple[Directive, tuple[int, int] | None]] = []
    for directive in directives:
        scope = None if directive.scope == "ignore-file" else _covered_lines(spec, directive)
        scopes.append((directive, scope))
    markdown = spec.source_format == "markdown"
    kept: list[Diagnostic] = []
    for d in diags:
        suppressed = False
        for di, (directive, scope) in enumerate(scopes):
            if scope is not None and not (scope[0] <= d.span.line <= scope[1]):
                continue
            for ci, code in enumerate(directive.codes):
                if _code_matches(code.value, d):
                    used[(di, ci)] = True
                    suppressed = True
        if not suppressed:
            kept.append(d)
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
        from .checks.edits import remove_comment

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
