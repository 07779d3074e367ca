"""Go to definition, find references and rename, for rule ids and terms."""

from __future__ import annotations

import re
from typing import Callable

from lsprotocol import types

from specdsl.tools.format import quote
from specdsl.core.spans import Span

from .locate import target_at, term_uses

ID_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*")


def _rule_def(model, name: str):
    info = model.rule(name)
    if info is None or info.rule.auto_id:
        return None
    return info


def definition(view, position, location_of: Callable[[str | None, Span], types.Location | None]):
    target = target_at(view, view.index.offset(position))
    if target is None:
        return None
    if target.kind in ("rule", "reference"):
        info = _rule_def(view.model, target.name)
        return location_of(info.path, info.rule.id_span) if info else None
    if target.kind in ("term", "term-use"):
        entry = view.model.terms.get(target.name.casefold())
        if entry is None:
            return None
        term, path = entry
        return location_of(path, term.name_span)
    return None


def _id_spans(model, name: str, with_children: bool):
    """(path, span, id) of a rule id's definition and uses (and of its subrules' ids)."""

    def matches(value: str) -> bool:
        return value == name or (with_children and value.startswith(name + "."))

    for info in model.rules:
        if not info.rule.auto_id and matches(info.id):
            yield info.path, info.rule.id_span, info.id, True
    for ref in model.references:
        if matches(ref.ref.value):
            yield ref.path, ref.ref.span, ref.ref.value, False


def references(view, position, include_declaration: bool, location_of) -> list[types.Location]:
    target = target_at(view, view.index.offset(position))
    if target is None:
        return []
    out = []
    if target.kind in ("rule", "reference"):
        for path, span, _, is_def in _id_spans(view.model, target.name, with_children=False):
            if is_def and not include_declaration:
                continue
            loc = location_of(path, span)
            if loc:
                out.append(loc)
    elif target.kind in ("term", "term-use"):
        entry = view.model.terms.get(target.name.casefold())
        if entry and include_declaration:
            loc = location_of(entry[1], entry[0].name_span)
            if loc:
                out.append(loc)
        for _, start, end in term_uses(view, [target.name]):
            out.append(types.Location(uri=view.uri, range=types.Range(start=view.index.position(start), end=view.index.position(end))))
    return out


def prepare_rename(view, position):
    target = target_at(view, view.index.offset(position))
    if target is None or target.kind not in ("rule", "reference", "term", "term-use"):
        return None
    if target.kind in ("rule", "reference") and view.model.rule(target.name) is None:
        return None
    return types.PrepareRenamePlaceholder(range=view.index.range(target.span), placeholder=target.name)


class RenameError(Exception):
    pass


def rename(view, position, new_name: str, index_for, uri_for) -> types.WorkspaceEdit | None:
    target = target_at(view, view.index.offset(position))
    if target is None:
        return None
    edits: dict[str, list[types.TextEdit]] = {}

    def add(path, span: Span, text: str):
        index = index_for(path)
        if index is None:
            return
        edits.setdefault(uri_for(path), []).append(types.TextEdit(range=index.range(span), new_text=text))

    if target.kind in ("rule", "reference"):
        if not ID_RE.fullmatch(new_name):
            raise RenameError(f"`{new_name}` is not a valid rule id (letters, digits, `_`, `-`, `.`; starting with a letter)")
        if view.model.rule(new_name) is not None and new_name != target.name:
            raise RenameError(f"a rule with the id `{new_name}` exists already")
        old = target.name
        for path, span, value, _ in _id_spans(view.model, old, with_children=True):
            add(path, span, new_name + value[len(old):])
    elif target.kind in ("term", "term-use"):
        # One line of text (no character that any reader takes for a line end), no quotes.
        if not new_name.strip() or '"' in new_name or new_name.splitlines() != [new_name]:
            raise RenameError("a term name is a non-empty phrase without quotes or line breaks")
        other = view.model.term(new_name)
        if other is not None and new_name.casefold() != target.name.casefold():
            raise RenameError(f"a term named \"{other.name}\" exists already")
        entry = view.model.terms.get(target.name.casefold())
        if entry is None:
            return None
        term, path = entry
        inner = Span(term.name_span.line, term.name_span.column + 1, term.name_span.offset + 1,
                     term.name_span.end_line, term.name_span.end_column - 1, term.name_span.end_offset - 1)
        add(path, inner, quote(new_name)[1:-1])  # a backslash at its end would escape the closing quote
        for _, start, end in term_uses(view, [target.name]):
            edits.setdefault(view.uri, []).append(
                types.TextEdit(range=types.Range(start=view.index.position(start), end=view.index.position(end)), new_text=new_name)
            )
    else:
        return None
    return types.WorkspaceEdit(changes=edits)
