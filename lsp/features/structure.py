"""Folding ranges and selection ranges, from the tree's spans."""

from __future__ import annotations

from lsprotocol import types

from specdsl.syntax.ast import Example, Node, Prose, Rule, Section, iter_statements


def folding_ranges(view) -> list[types.FoldingRange]:
    out = []
    seen = set()

    def add(start_line: int, end_line: int, kind=None):
        if end_line > start_line and (start_line, end_line) not in seen:
            seen.add((start_line, end_line))
            out.append(types.FoldingRange(start_line=start_line - 1, end_line=end_line - 1, kind=kind))

    spec = view.spec
    if spec.header is not None:
        add(spec.header.span.line, spec.header.span.end_line)
    for node in iter_statements(spec):
        if isinstance(node, (Section, Rule, Example)):
            add(node.span.line, node.span.end_line)
        for value in node.field_values():
            if isinstance(value, Prose):
                add(value.span.line, value.span.end_line)
    # runs of comment lines
    comments = sorted(c.span.line for c in spec.comments)
    start = prev = None
    for line in comments:
        if start is None:
            start = prev = line
        elif line == prev + 1:
            prev = line
        else:
            add(start, prev, types.FoldingRangeKind.Comment)
            start = prev = line
    if start is not None:
        add(start, prev, types.FoldingRangeKind.Comment)
    return out


def _chain(view, offset: int) -> list[Node]:
    """The nodes containing `offset`, outermost first."""
    chain: list[Node] = []

    def visit(nodes):
        for node in nodes:
            if node.span.offset <= offset <= node.span.end_offset:
                chain.append(node)
                children = []
                for value in node.field_values():
                    if isinstance(value, Node):
                        children.append(value)
                    elif isinstance(value, list):
                        children.extend(v for v in value if isinstance(v, Node))
                visit(children)
                return

    top = ([view.spec.header] if view.spec.header else []) + list(view.spec.body)
    visit(top)
    return chain


def selection_ranges(view, positions: list[types.Position]) -> list[types.SelectionRange]:
    out = []
    whole = types.Range(start=view.index.position(0), end=view.index.position(len(view.text)))
    for position in positions:
        offset = view.index.offset(position)
        parent = types.SelectionRange(range=whole)
        for node in _chain(view, offset):
            parent = types.SelectionRange(range=view.index.range(node.span), parent=parent)
        # the word under the cursor, innermost
        start = end = offset
        text = view.text
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_.-"):
            start -= 1
        while end < len(text) and (text[end].isalnum() or text[end] in "_.-"):
            end += 1
        if end > start:
            parent = types.SelectionRange(
                range=types.Range(start=view.index.position(start), end=view.index.position(end)), parent=parent
            )
        out.append(parent)
    return out
