"""Code actions: the checker's fixes as quick fixes, "add a rationale", "add a
precedence line", "ignore this code here with a reason", and "fix all"."""

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
            if d.fix is not None:
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
            if fix is not None:
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
            from specdsl.fixes import apply_fixes

            result = apply_fixes(view.text, safe, path=view.path)
            if result.applied:
                whole = types.Range(start=view.index.position(0), end=view.index.position(len(view.text)))
                actions.append(
                    types.CodeAction(
                        title=f"Fix all safe speclint findings ({len(result.applied)})",
                        kind=FIX_ALL,
                        edit=types.WorkspaceEdit(changes={view.uri: [types.TextEdit(range=whole, new_text=result.text)]}),
                    )
                )
    return actions


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
    from specdsl.ast import iter_statements

    best = None
    for node in iter_statements(view.spec):
        if node.span.offset <= d.span.offset <= node.span.end_offset:
            if best is None or node.span.offset >= best.span.offset:
                best = node
    return best.span.line - 1 if best is not None else None
