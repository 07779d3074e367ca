"""The last stage: the rules and sections read, made into the AST.

Links to a section's anchor are dropped (navigation); the `_RuleB`/`_SecB`
under construction become the AST's `Rule` and `Section` (a rule's subrules
before it, without recursion), and automatic subrule ids are numbered
PARENT.N as the `.mspec` parser numbers them; the document becomes a `Spec`.
"""

from __future__ import annotations

from pathlib import PurePath

from ..syntax.ast import Header, RefList, Rule, Section, Spec
from ..syntax.transformer import number_subrules
from .doc import Doc
from .state import _RuleB, _SecB


def build(doc: Doc, body: list) -> Spec:
    """The `Spec` of a document whose top-level items (sections, rules, terms) are `body`."""
    _resolve_links(doc)
    header = doc.header
    if doc.levels is not None:
        if header is None:
            span = doc.levels.span
            header = Header.make(span=span, title=_title_from_path(doc.path), title_span=span, entries=[doc.levels])
        else:
            header = Header.make(span=header.span, title=header.title, title_span=header.title_span, entries=[doc.levels])
    return Spec.make(
        span=doc.span(0, len(doc.text)),
        header=header,
        body=_finish_body(doc, body),
        directives=doc.directives,
        diagnostics=doc.diagnostics,
        source_format="markdown",
    )


def _title_from_path(path: str | None) -> str:
    if not path:
        return "Untitled spec"
    return PurePath(path).stem or "Untitled spec"


def _resolve_links(doc: Doc) -> None:
    """Links to an anchor that is a section's, not a rule's, are navigation."""
    for rule in doc.all_rules:
        if not rule.links:
            continue
        kept = []
        for ref in rule.links:
            if ref.value not in doc.rule_ids and ref.value in doc.anchors:
                doc.stats.section_links += 1
                continue
            kept.append(ref)
        rule.links = kept


def _finish_body(doc: Doc, body: list) -> list:
    out = []
    for item in body:
        if isinstance(item, _SecB):
            out.append(_finish_section(doc, item))
        elif isinstance(item, _RuleB):
            rule = _freeze(doc, item)
            number_subrules(rule)  # PARENT.N, as the `.mspec` parser numbers them
            out.append(rule)
        else:
            out.append(item)
    return out


def _finish_section(doc: Doc, sec: _SecB) -> Section:
    return Section.make(
        span=doc.span(sec.start, max(sec.end, sec.start)),
        title=sec.title,
        title_span=sec.title_span or doc.span(sec.start, sec.start),
        body=_finish_body(doc, sec.body),
    )


def _freeze(doc: Doc, top: _RuleB) -> Rule:
    # depth-first without recursion: build children before parents
    order: list[_RuleB] = []
    stack = [top]
    while stack:
        rule = stack.pop()
        order.append(rule)
        stack.extend(c for c in rule.body if isinstance(c, _RuleB))
    built: dict[int, Rule] = {}
    for rule in reversed(order):
        body = []
        for child in rule.body:
            body.append(built[id(child)] if isinstance(child, _RuleB) else child)
        if rule.links:
            refs = sorted(rule.links, key=lambda r: r.span.offset)
            body.append(RefList.make(span=refs[0].span.to(refs[-1].span), kind="link", refs=refs))
        end = max(rule.end, rule.start)
        for child in body:
            end = max(end, child.span.end_offset)
        built[id(rule)] = Rule.make(
            span=doc.span(rule.start, end),
            kind=rule.kind,
            id=rule.id,
            id_span=rule.id_span if rule.id_span is not None else doc.span(rule.start, rule.start),
            auto_id=rule.auto_id,
            attributes=rule.attributes,
            attributes_span=rule.attributes_span,
            text=rule.text,
            origin=rule.origin,
            body=body,
        )
    return built[id(top)]
