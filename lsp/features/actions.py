"""Code actions: the checker's fixes as quick fixes, "add a rationale", "add a
precedence line", "ignore this code here with a reason", and "fix all".

A fix is offered only if applying it removes its finding and keeps the rest
(see `specdsl.linting.fixes.proves`): each one that is not plainly safe (taking a
comment line out of an `.mspec` file is) is applied to the buffer in memory
and linted again, once per text (the verdicts are kept for the latest texts,
since an editor asks again at every cursor move); "add a rationale" is parsed
again; "fix all" in Markdown proves its fixes as `speclint fix` does.
"""

from __future__ import annotations

from lsprotocol import types

from specdsl.checks.edits import STUB

FIX_ALL = "source.fixAll.speclint"


def _edit(view, index_for, uri_for, fix) -> types.WorkspaceEdit:
    changes: dict[str, list[types.TextEdit]] = {}
    for e in fix.edits:
        path = e.path or view.path
        index = index_for(path)
        if index is None:
            continue
        changes.setdefault(uri_for(path), []).append(types.TextEdit(range=index.range(e.span), new_text=e.new_text))
    return types.WorkspaceEdit(changes=changes)


def _overlaps(d, start: int, end: int) -> bool:
    return d.span.offset <= end and start <= max(d.span.end_offset, d.span.offset + 1)


def code_actions(view, rng: types.Range, only, index_for, uri_for) -> list[types.CodeAction]:
    start, end = view.index.span_offsets(rng)
    actions: list[types.CodeAction] = []
    wanted = set(only or [])

    def allowed(kind: str) -> bool:
        return not wanted or any(kind == w or kind.startswith(w + ".") for w in wanted)

    here = [d for d in view.diagnostics if _overlaps(d, start, end)]
    if allowed(types.CodeActionKind.QuickFix):
        for d in here:
            if d.fix is not None and _proven(view, d):
                actions.append(
                    types.CodeAction(
                        title=f"{d.fix.message} ({d.code})",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[_lsp_diag(view, d)],
                        edit=_edit(view, index_for, uri_for, d.fix),
                        is_preferred=d.fix.safe,
                    )
                )
            actions.append(_ignore_action(view, d))
        info = _rule_at(view, start)
        if info is not None and not info.own_rationales() and not any(d.code in ("R001", "R002", "R005") for d in here):
            from specdsl.checks.edits import child_line

            fix = child_line(view.model, info, STUB, "add a rationale")
            if fix is not None and _adds_rationale(view, info.id, fix):
                actions.append(
                    types.CodeAction(
                        title=f"Add a rationale to `{info.id}`",
                        kind=types.CodeActionKind.QuickFix,
                        edit=_edit(view, index_for, uri_for, fix),
                    )
                )
    if allowed(FIX_ALL) or allowed(types.CodeActionKind.SourceFixAll):
        safe = [d for d in view.diagnostics if d.fix is not None and d.fix.safe]
        if safe:
            result = _fix_all(view, safe)
            if result.applied and result.text != view.text:
                whole = types.Range(start=view.index.position(0), end=view.index.position(len(view.text)))
                actions.append(
                    types.CodeAction(
                        title=f"Fix all safe speclint findings ({len(result.applied)})",
                        kind=FIX_ALL,
                        edit=types.WorkspaceEdit(changes={view.uri: [types.TextEdit(range=whole, new_text=result.text)]}),
                    )
                )
    return actions


#: Verdicts on fixes, by document and text: (uri, text) -> {what: verdict}.
_VERDICTS: dict[tuple[str, str], dict] = {}


def _verdicts(view) -> dict:
    key = (view.uri, view.text)
    found = _VERDICTS.get(key)
    if found is None:
        for old in [k for k in _VERDICTS if k[0] == view.uri]:
            del _VERDICTS[old]  # an older text of this document
        if len(_VERDICTS) >= 4:
            _VERDICTS.pop(next(iter(_VERDICTS)))
        found = _VERDICTS[key] = {}
    return found


def _linted(view):
    """The lint of the buffer (made once per text) and the linter that made it."""
    from specdsl.workspace.options import file_linter as linter

    verdicts = _verdicts(view)
    if "lint" not in verdicts:
        lint = linter(view.path)
        verdicts["lint"] = (lint, lint(view.text))
    return verdicts["lint"]


def _plainly_safe(view, d) -> bool:
    """A safe fix of an `.mspec` file (taking out a suppression, or one code of it)
    cannot change a block: comments there are whole lines."""
    return d.fix.safe and not view.path.lower().endswith((".md", ".markdown"))


def _proven(view, d) -> bool:
    """Whether the fix of `d`, applied to the buffer, removes `d` and keeps the rest."""
    if _plainly_safe(view, d):
        return True
    from specdsl.linting.fixes import proves

    verdicts = _verdicts(view)
    key = ("fix", d.code, d.rule, d.message, d.span.offset, d.fix.message)
    if key not in verdicts:
        lint, before = _linted(view)
        verdicts[key] = proves(view.text, d, lint, before=before) is None
    return verdicts[key]


def _adds_rationale(view, rule_id: str, fix) -> bool:
    """Whether `fix` gives the rule `rule_id` a rationale and changes nothing else
    (no finding to clear here: a parse of the result is enough)."""
    from specdsl.linting.fixes import apply_fix, linted

    verdicts = _verdicts(view)
    key = ("rationale", rule_id, tuple((e.span.offset, e.new_text) for e in fix.edits))
    if key not in verdicts:
        from specdsl.model.frontends import parse_any
        from specdsl.workspace.config import config_for

        before = linted([], view.spec)
        reading = config_for(view.path).reading_for(view.path)  # as the view was read
        after = linted([], parse_any(apply_fix(view.text, fix), view.path, reading=reading))
        owner = [r for r in after.spec.rules() if r.id == rule_id]
        verdicts[key] = (
            after.syntax_errors <= before.syntax_errors
            and after.rules == before.rules
            and len(owner) == 1
            and bool(owner[0].rationales)
        )
    return verdicts[key]


def _fix_all(view, safe: list):
    """The buffer with the safe fixes applied: in `.mspec` all at once (they only
    take comment lines out), in Markdown each proven (see `specdsl.linting.fixes.fix_text`)."""
    from specdsl.linting.fixes import apply_fixes, fix_text

    if all(_plainly_safe(view, d) for d in safe):
        return apply_fixes(view.text, safe, path=view.path)
    verdicts = _verdicts(view)
    if "all" not in verdicts:
        lint, before = _linted(view)
        verdicts["all"] = fix_text(view.text, lint, path=view.path, before=before)
    return verdicts["all"]


def _lsp_diag(view, d) -> types.Diagnostic:
    return types.Diagnostic(range=view.index.range(d.span), message=d.message, code=d.code, source="speclint")


def _rule_at(view, offset: int):
    best = None
    for info in view.model.rules:
        if info.path == view.path and info.rule.span.offset <= offset <= info.rule.span.end_offset:
            if best is None or info.rule.span.offset >= best.rule.span.offset:
                best = info
    return best


def _ignore_action(view, d) -> types.CodeAction:
    """Insert `# speclint: ignore[CODE] reason: ` above the statement of the finding."""
    line = d.span.line - 1
    statement = _statement_line(view, d)
    if statement is not None:
        line = statement
    text = view.index.line_text(line)
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    position = types.Position(line=line, character=0)
    newline = "\r\n" if "\r\n" in view.text[:4096] else "\n"
    return types.CodeAction(
        title=f"Ignore {d.code} here (with a reason)",
        kind=types.CodeActionKind.QuickFix,
        edit=types.WorkspaceEdit(
            changes={
                view.uri: [
                    types.TextEdit(
                        range=types.Range(start=position, end=position),
                        new_text=f"{indent}# speclint: ignore[{d.code}] reason: TODO: say why it does not apply{newline}",
                    )
                ]
            }
        ),
    )


def _statement_line(view, d) -> int | None:
    """The 0-based line of the statement a finding is in (a rule, or the line itself)."""
    from specdsl.syntax.ast import iter_statements

    best = None
    for node in iter_statements(view.spec):
        if node.span.offset <= d.span.offset <= node.span.end_offset:
            if best is None or node.span.offset >= best.span.offset:
                best = node
    return best.span.line - 1 if best is not None else None
