"""What stands at a position: a rule id, a reference to one, a term, a level."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from specdsl.syntax.ast import Levels, Prose, Term, iter_statements
from specdsl.core.spans import Span


@dataclass(frozen=True)
class Target:
    kind: str  # "rule", "reference", "term", "term-use", "level"
    name: str
    span: Span  # the characters of the name (without quotes for terms)
    path: str | None


def _inner(span: Span) -> Span:
    """A quoted name's span without its quotes."""
    return Span(span.line, span.column + 1, span.offset + 1, span.end_line, span.end_column - 1, span.end_offset - 1)


def targets(view) -> Iterator[Target]:
    """Every named thing defined or used in the view's document."""
    model, path = view.model, view.path
    for info in model.rules:
        if info.path == path and not info.rule.auto_id:
            yield Target("rule", info.id, info.rule.id_span, path)
        if info.path == path:
            for attr in info.rule.attributes:
                if attr.key == "level":
                    for name in attr.values:
                        yield Target("level", name.value, name.span, path)
    for ref in model.references:
        if ref.path == path:
            yield Target("reference", ref.ref.value, ref.ref.span, path)
    doc = next((d for d in model.documents if d.path == path), None)
    if doc is None:
        return
    for node in iter_statements(doc.spec):
        if isinstance(node, Term):
            yield Target("term", node.name, _inner(node.name_span) if doc.spec.source_format == "mspec" else node.name_span, path)
        elif isinstance(node, Levels):
            for name in node.names:
                yield Target("level", name.value, name.span, path)


def target_at(view, offset: int) -> Target | None:
    for target in targets(view):
        if target.span.offset <= offset <= target.span.end_offset:
            return target
    return term_use_at(view, offset)


def term_pattern(names: list[str]) -> re.Pattern | None:
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def prose_nodes(spec) -> Iterator[Prose]:
    for node in iter_statements(spec):
        for value in node.field_values():
            if isinstance(value, Prose):
                yield value


def term_uses(view, names: list[str]) -> Iterator[tuple[str, int, int]]:
    """(term name, start, end) of whole-word uses of terms in the document's prose."""
    pattern = term_pattern(names)
    if pattern is None:
        return
    text = view.text
    for prose in prose_nodes(view.spec):
        region = text[prose.span.offset : prose.span.end_offset]
        for m in pattern.finditer(region):
            name = next((n for n in names if n.casefold() == m.group(0).casefold()), m.group(0))
            yield name, prose.span.offset + m.start(), prose.span.offset + m.end()


def term_use_at(view, offset: int) -> Target | None:
    names = [term.name for term, _ in view.model.terms.values()]
    for name, start, end in term_uses(view, names):
        if start <= offset <= end:
            return Target("term-use", name, _span_at(view, start, end), view.path)
    return None


def _span_at(view, start: int, end: int) -> Span:
    a, b = view.index.position(start), view.index.position(end)
    # Span columns are code points; recompute them from the line starts
    sa = view.index.starts[a.line]
    sb = view.index.starts[b.line]
    return Span(a.line + 1, start - sa + 1, start, b.line + 1, end - sb + 1, end)
