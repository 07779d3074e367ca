"""Document symbols (sections > rules > subrules, terms) and workspace symbols.

A rule's symbol says what it was read from, as `speclint rules` does (see
`specdsl.tools.readout`): in a Markdown or prompt file read as prose, the
outline shows which heading, list item or sentence became which rule."""

from __future__ import annotations

from lsprotocol import types

from specdsl.syntax.ast import Include, Precedence, Rule, Section, Term
from specdsl.tools.readout import one_line, origin_of


def rule_detail(rule: Rule, source_format: str) -> str:
    """A rule symbol's detail: what it was read from (as `speclint rules` says it:
    heading, list item, lead-in, sentence, tag, table row; `mspec` in a `.mspec`
    file), its level and `hard` if it has them, then its first words:
    `list item · level user · hard · Never share the booking reference.`"""
    parts = [origin_of(rule, source_format)]
    if rule.level:
        parts.append(f"level {rule.level}")
    if rule.hard:
        parts.append("hard")
    text = one_line(rule.text.text) if rule.text else ""
    if text:
        parts.append(text[:80] + ("…" if len(text) > 80 else ""))
    return " · ".join(parts)


def _rule_symbol(rule: Rule, index, source_format: str) -> types.DocumentSymbol:
    return types.DocumentSymbol(
        name=rule.id,
        kind=types.SymbolKind.Method if rule.kind == "subrule" else types.SymbolKind.Class,
        range=index.range(rule.span),
        selection_range=index.range(rule.id_span),
        detail=rule_detail(rule, source_format),
        children=[_rule_symbol(sub, index, source_format) for sub in rule.subrules] or None,
    )


def _items(body, index, source_format: str) -> list[types.DocumentSymbol]:
    out = []
    for item in body:
        if isinstance(item, Section):
            out.append(
                types.DocumentSymbol(
                    name=item.title or "(untitled section)",
                    kind=types.SymbolKind.Namespace,
                    range=index.range(item.span),
                    selection_range=index.range(item.title_span),
                    children=_items(item.body, index, source_format) or None,
                )
            )
        elif isinstance(item, Rule):
            out.append(_rule_symbol(item, index, source_format))
        elif isinstance(item, Term):
            out.append(
                types.DocumentSymbol(
                    name=item.name,
                    kind=types.SymbolKind.Constant,
                    range=index.range(item.span),
                    selection_range=index.range(item.name_span),
                    detail=(item.definition.text[:80] if item.definition else None),
                )
            )
        elif isinstance(item, Precedence):
            out.append(
                types.DocumentSymbol(
                    name="precedence",
                    kind=types.SymbolKind.Property,
                    range=index.range(item.span),
                    selection_range=index.range(item.span),
                    detail=" > ".join(r.value for r in item.order),
                )
            )
        elif isinstance(item, Include):
            out.append(
                types.DocumentSymbol(
                    name=f"include {item.path}",
                    kind=types.SymbolKind.File,
                    range=index.range(item.span),
                    selection_range=index.range(item.path_span),
                )
            )
    return out


def document_symbols(view) -> list[types.DocumentSymbol]:
    spec = view.spec
    symbols = _items(spec.body, view.index, spec.source_format)
    if spec.header is not None:
        symbols.insert(
            0,
            types.DocumentSymbol(
                name=spec.header.title or "spec",
                kind=types.SymbolKind.File,
                range=view.index.range(spec.header.span),
                selection_range=view.index.range(spec.header.title_span),
            ),
        )
    return symbols


def workspace_symbols(query: str, specs) -> list[types.WorkspaceSymbol]:
    """`specs`: (uri, spec, index) of every spec file the server knows."""
    q = query.casefold()
    out = []
    for uri, spec, index in specs:
        for rule in spec.rules():
            text = rule.text.text if rule.text else ""
            if not q or q in rule.id.casefold() or q in text.casefold():
                out.append(
                    types.WorkspaceSymbol(
                        name=rule.id,
                        kind=types.SymbolKind.Class,
                        location=types.Location(uri=uri, range=index.range(rule.id_span)),
                        container_name=text[:60] or None,
                    )
                )
        for term in spec.items_of(Term):
            if not q or q in term.name.casefold():
                out.append(
                    types.WorkspaceSymbol(
                        name=term.name,
                        kind=types.SymbolKind.Constant,
                        location=types.Location(uri=uri, range=index.range(term.name_span)),
                    )
                )
    return out[:500]
