"""Semantic tokens: keywords, ids, references, levels, attributes, terms,
titles, comments and directives."""

from __future__ import annotations

from lsprotocol import types

from specdsl.syntax.ast import (
    Condition,
    Example,
    ExampleItem,
    Header,
    Include,
    Levels,
    MetaEntry,
    Precedence,
    Rationale,
    RefList,
    Rule,
    Section,
    Term,
    iter_statements,
)

TOKEN_TYPES = ["keyword", "class", "variable", "enumMember", "property", "string", "comment", "macro", "type", "decorator"]
TOKEN_MODIFIERS = ["declaration", "readonly"]
LEGEND = types.SemanticTokensLegend(token_types=TOKEN_TYPES, token_modifiers=TOKEN_MODIFIERS)
T = {name: i for i, name in enumerate(TOKEN_TYPES)}
DECLARATION = 1


#: The nodes that open with their keyword, which is their `kind`.
_OPENED_BY_KIND = (Rule, Section, Term, Include, Precedence, Rationale, Example, Condition, ExampleItem, RefList, Levels)


def _keyword(node) -> str | None:
    if isinstance(node, Header):
        return "spec"  # the header's node kind is "header"; it opens with `spec`
    return node.kind if isinstance(node, _OPENED_BY_KIND) else None


def semantic_tokens(view) -> types.SemanticTokens:
    if view.spec.source_format != "mspec":
        return types.SemanticTokens(data=[])
    raw: list[tuple[int, int, int, int, int]] = []  # offset, length, type, modifiers
    text = view.text

    def add(offset: int, end: int, kind: str, modifiers: int = 0):
        if end > offset:
            raw.append((offset, end - offset, T[kind], modifiers))

    spec = view.spec
    for node in iter_statements(spec):
        word = _keyword(node)
        if word and text.startswith(word, node.span.offset):
            add(node.span.offset, node.span.offset + len(word), "keyword")
        if isinstance(node, MetaEntry):
            add(node.span.offset, node.span.offset + len(node.key), "property")
        if isinstance(node, Rule):
            if not node.auto_id:
                add(node.id_span.offset, node.id_span.end_offset, "class", DECLARATION)
            for attr in node.attributes:
                add(attr.span.offset, attr.span.offset + len(attr.key), "decorator")
                for value in attr.values:
                    kind = "enumMember" if attr.key == "level" else "string" if attr.key == "tags" else "property"
                    add(value.span.offset, value.span.end_offset, kind)
        elif isinstance(node, (Section, Header)):
            add(node.title_span.offset, node.title_span.end_offset, "string")
        elif isinstance(node, Term):
            add(node.name_span.offset, node.name_span.end_offset, "type", DECLARATION)
        elif isinstance(node, Include):
            add(node.path_span.offset, node.path_span.end_offset, "string")
        elif isinstance(node, (Precedence, RefList)):
            for ref in node.order if isinstance(node, Precedence) else node.refs:
                add(ref.span.offset, ref.span.end_offset, "variable")
        elif isinstance(node, Levels):
            for name in node.names:
                add(name.span.offset, name.span.end_offset, "enumMember", DECLARATION)
    for comment in spec.comments:
        add(comment.span.offset, comment.span.end_offset, "comment")
    for directive in spec.directives:
        add(directive.span.offset, directive.span.end_offset, "macro")
    raw.sort()
    data: list[int] = []
    prev_line = prev_char = 0
    for offset, length, kind, modifiers in raw:
        start = view.index.position(offset)
        end = view.index.position(offset + length)
        if end.line != start.line:
            continue  # tokens do not span lines here
        delta_line = start.line - prev_line
        delta_char = start.character - prev_char if delta_line == 0 else start.character
        data += [delta_line, delta_char, end.character - start.character, kind, modifiers]
        prev_line, prev_char = start.line, start.character
    # directives overlap comments: drop a token that starts where the previous did
    return types.SemanticTokens(data=_dedupe(data))


def _dedupe(data: list[int]) -> list[int]:
    out: list[int] = []
    for i in range(0, len(data), 5):
        chunk = data[i : i + 5]
        if out and chunk[0] == 0 and chunk[1] == 0:
            # same start as the token before: keep the later (more specific) one
            out[-5:] = [out[-5], out[-4], chunk[2], chunk[3], chunk[4]]
            continue
        out += chunk
    return out
