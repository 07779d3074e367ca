"""Grammar rules to AST nodes: one method per rule of `grammar/spec.lark`.

The methods run inside the LALR parser as it reduces (Lark's inline
transformer), so no parse tree is built. Each node's span is computed from the
tokens and child nodes it is made of.
"""

from __future__ import annotations

from typing import Any

from .ast import (
    Attribute,
    Comment,
    Condition,
    Directive,
    Example,
    ExampleItem,
    Header,
    Include,
    Levels,
    MetaEntry,
    Name,
    Precedence,
    Prose,
    Rationale,
    Reference,
    RefList,
    Rule,
    Section,
    Term,
)
from ..core.diagnostics import Span, make_span


class Token:
    """A lexed token: what the parser's callbacks receive for a terminal."""

    __slots__ = ("type", "value", "start_pos", "line", "column", "end_line", "end_column", "end_pos")

    def __init__(self, type_, value, start_pos, line, column, end_line, end_column, end_pos):
        self.type = type_
        self.value = value
        self.start_pos = start_pos
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.end_pos = end_pos

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {self.value!r})"


def put(node, **fields) -> None:
    """Set fields of a node under construction."""
    for name, value in fields.items():
        setattr(node, name, value)


class SyntaxProblem(Exception):
    """Text the grammar accepts but the format does not (an unknown attribute …)."""

    def __init__(self, message: str, start: int | None = None, end: int | None = None):
        super().__init__(message)
        self.message = message
        self.start = start
        self.end = end


def tok_span(tok: Token) -> Span:
    return make_span(tok.line, tok.column, tok.start_pos, tok.end_line, tok.end_column, tok.end_pos)


def span_of(first: Any, last: Any) -> Span:
    """The span from the start of `first` to the end of `last` (tokens or nodes)."""
    a = tok_span(first) if isinstance(first, Token) else first.span
    if last is first:
        return a
    b = tok_span(last) if isinstance(last, Token) else last.span
    return a.to(b)


def unquote(token: Token) -> str:
    """The value of a quoted string: `\\"` is a quote and `\\\\` a backslash; any
    other backslash is itself (`"C:\\Users"` is the path it looks like)."""
    body = token.value[1:-1]
    if "\\" not in body:
        return body
    out, i = [], 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body) and body[i + 1] in '"\\':
            out.append(body[i + 1])
            i += 2
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


def _quoted_span(token: Token) -> Span:
    return span_of(token, token)


def _prose_of(children: list) -> Prose | None:
    return next((c for c in children if isinstance(c, Prose)), None)


class SpecBuilder:
    """Builds AST nodes while the parser reduces."""

    # -- prose ---------------------------------------------------------------
    def prose(self, children: list[Token]) -> Prose:
        parts: list[str] = []
        breaks: list[int] = []
        first = last = None
        size = 0
        pending = None
        for tok in children:
            if tok.type == "CONT":
                pending = tok.value
                continue
            if first is None:
                first = tok
                parts.append(tok.value)
                size = len(tok.value)
            elif pending == "\n\n":
                parts.append("\n\n" + tok.value)
                size += 2 + len(tok.value)
            else:
                breaks.append(size)
                parts.append(" " + tok.value)
                size += 1 + len(tok.value)
            pending = None
            last = tok
        return Prose.make(span=span_of(first, last), text="".join(parts), breaks=breaks)

    # -- header --------------------------------------------------------------
    def header(self, children: list) -> Header:
        kw, title = children[0], children[1]
        entries = [c for c in children[2:] if isinstance(c, (MetaEntry, Levels))]
        return Header.make(
            span=span_of(kw, entries[-1] if entries else title),
            title=unquote(title),
            title_span=_quoted_span(title),
            entries=entries,
        )

    def levels(self, children: list) -> Levels:
        kw = children[0]
        names = [Name.make(span=tok_span(t), value=t.value) for t in children[1:] if t.type == "NAME"]
        return Levels.make(span=span_of(kw, names[-1]), names=names)

    def meta_entry(self, children: list) -> MetaEntry:
        key = children[0]
        value = _prose_of(children)
        return MetaEntry.make(
            span=span_of(key, value or key), key=key.value.rstrip(": \t"), value=value
        )

    # -- top-level statements ------------------------------------------------
    def term(self, children: list) -> Term:
        kw, name = children[0], children[1]
        definition = _prose_of(children)
        return Term.make(
            span=span_of(kw, definition or name),
            name=unquote(name),
            name_span=_quoted_span(name),
            definition=definition,
        )

    def precedence(self, children: list) -> Precedence:
        kw = children[0]
        order = [Reference.make(span=tok_span(t), value=t.value) for t in children[1:] if t.type == "ID"]
        return Precedence.make(span=span_of(kw, order[-1]), order=order)

    def include(self, children: list) -> Include:
        kw, path = children
        return Include.make(span=span_of(kw, path), path=unquote(path), path_span=_quoted_span(path))

    def section(self, children: list) -> Section:
        kw, title = children[0], children[1]
        body = [c for c in children[2:] if not isinstance(c, Token)]
        return Section.make(
            span=span_of(kw, body[-1] if body else title),
            title=unquote(title),
            title_span=_quoted_span(title),
            body=body,
        )

    # -- rules ---------------------------------------------------------------
    def build_rule(self, kind: str, children: list) -> Rule:
        kw = children[0]
        rid = None
        attributes: list[Attribute] = []
        attributes_span = None
        text = None
        body = []
        for c in children[1:]:
            if isinstance(c, Token):
                if c.type == "ID":
                    rid = c
            elif isinstance(c, tuple):
                attributes, attributes_span = c
            elif isinstance(c, Prose):
                text = c
            else:
                body.append(c)
        end = body[-1] if body else text or (attributes_span and _Spanned(attributes_span)) or rid or kw
        rule = Rule.make(
            span=span_of(kw, end),
            kind=kind,
            id=rid.value if rid else "",
            id_span=tok_span(rid) if rid else tok_span(kw),
            auto_id=rid is None,
            attributes=attributes,
            attributes_span=attributes_span,
            text=text,
            body=body,
        )
        if kind == "rule":
            number_subrules(rule)
        return rule

    def rule(self, children: list) -> Rule:
        return self.build_rule("rule", children)

    def subrule(self, children: list) -> Rule:
        return self.build_rule("subrule", children)

    def attributes(self, children: list) -> tuple[list[Attribute], Span]:
        merged: list[Attribute] = []
        seen: dict[str, Attribute] = {}
        for attr in children:
            if isinstance(attr, Token):
                # a bare name: one more tag for the `tags:` just before it
                tags = seen.get("tags")
                if tags is not None and merged[-1] is not tags:
                    raise SyntaxProblem(
                        f"`{attr.value}` comes after `{merged[-1].key}`, so it is not read as a tag; "
                        f"list every tag right after `tags:` and put `tags:` last, "
                        f"e.g. `[{merged[-1].key}, tags: …, {attr.value}]`",
                        attr.start_pos,
                        attr.end_pos,
                    )
                if tags is None:
                    raise SyntaxProblem(
                        f"unknown attribute `{attr.value}`: a rule takes "
                        "`hard`, `level: NAME`, `priority: N` and `tags: a, b`",
                        attr.start_pos,
                        attr.end_pos,
                    )
                tags.values.append(Name.make(span=tok_span(attr), value=attr.value))
                put(tags, span=tags.span.to(tok_span(attr)))
                continue
            if attr.key in seen:
                raise SyntaxProblem(
                    f"the attribute `{attr.key}` is given twice",
                    attr.span.offset,
                    attr.span.end_offset,
                )
            seen[attr.key] = attr
            merged.append(attr)
        return merged, span_of(children[0], children[-1])

    def attr_hard(self, children: list) -> Attribute:
        return Attribute.make(span=tok_span(children[0]), key="hard")

    def build_keyed(self, key: str, children: list) -> Attribute:
        k, v = children
        return Attribute.make(span=span_of(k, v), key=key, values=[Name.make(span=tok_span(v), value=v.value)])

    def attr_level(self, children: list) -> Attribute:
        return self.build_keyed("level", children)

    def attr_priority(self, children: list) -> Attribute:
        return self.build_keyed("priority", children)

    def attr_tags(self, children: list) -> Attribute:
        return self.build_keyed("tags", children)

    def attr_tag(self, children: list) -> Token:
        # a bare name; `attributes` attaches it to the `tags:` before it
        return children[0]

    def rationale(self, children: list) -> Rationale:
        text = _prose_of(children)
        return Rationale.make(span=span_of(children[0], text or children[0]), text=text)

    def build_condition(self, kind: str, children: list) -> Condition:
        text = _prose_of(children)
        return Condition.make(span=span_of(children[0], text or children[0]), kind=kind, text=text)

    def when(self, children: list) -> Condition:
        return self.build_condition("when", children)

    def unless(self, children: list) -> Condition:
        return self.build_condition("unless", children)

    def build_reflist(self, kind: str, children: list) -> RefList:
        refs = [Reference.make(span=tok_span(t), value=t.value) for t in children[1:] if t.type == "ID"]
        return RefList.make(span=span_of(children[0], refs[-1]), kind=kind, refs=refs)

    def overrides(self, children: list) -> RefList:
        return self.build_reflist("overrides", children)

    def see(self, children: list) -> RefList:
        return self.build_reflist("see", children)

    def example(self, children: list) -> Example:
        kw = children[0]
        text = _prose_of(children)
        items = [c for c in children[1:] if isinstance(c, ExampleItem)]
        end = items[-1] if items else text or kw
        return Example.make(span=span_of(kw, end), text=text, items=items)

    def build_example_item(self, kind: str, children: list) -> ExampleItem:
        text = _prose_of(children)
        return ExampleItem.make(span=span_of(children[0], text or children[0]), kind=kind, text=text)

    def prompt(self, children: list) -> ExampleItem:
        return self.build_example_item("prompt", children)

    def good(self, children: list) -> ExampleItem:
        return self.build_example_item("good", children)

    def bad(self, children: list) -> ExampleItem:
        return self.build_example_item("bad", children)

    def note(self, children: list) -> ExampleItem:
        return self.build_example_item("note", children)

    # -- document ------------------------------------------------------------
    def start(self, children: list) -> tuple[Header | None, list]:
        # The parser wraps this in a Spec with the comments and diagnostics.
        header = children[0] if children and isinstance(children[0], Header) else None
        return header, (children[1:] if header else children)

    # -- comments ------------------------------------------------------------
    def comment(self, children: list) -> Directive | Comment | None:
        if len(children) == 2 and isinstance(children[1], Directive):
            directive = children[1]
            put(directive, span=span_of(children[0], directive))
            return directive
        return None

    def directive(self, children: list) -> Directive:
        scope = children[0]
        codes = [Name.make(span=tok_span(t), value=t.value) for t in children[1:] if isinstance(t, Token) and t.type == "CODE"]
        reason = next((c for c in children if isinstance(c, tuple)), None)
        end = reason[1] if reason else codes[-1]
        return Directive.make(
            span=span_of(scope, end),
            scope="ignore-file" if scope.type == "IGNORE_FILE" else "ignore",
            codes=codes,
            reason=reason[0] if reason else None,
        )

    def reason(self, children: list) -> tuple[str | None, Token]:
        text = children[1].value if len(children) > 1 else None
        return (text, children[-1])


class _Spanned:
    """Adapts a bare span to `span_of`."""

    def __init__(self, span: Span):
        self.span = span


def number_subrules(rule: Rule) -> None:
    """Give each unlabeled subrule the id PARENT.N (N counts all the parent's subrules).

    Parents first (a child's id is built on its parent's), without recursion:
    subrules may nest thousands of levels deep. Both front ends number with it
    (the Markdown reader once a rule is built, see `markdown.build`)."""
    work = [rule]
    while work:
        parent = work.pop()
        n = 0
        for child in parent.body:
            if isinstance(child, Rule):
                n += 1
                if child.auto_id:
                    put(child, id=f"{parent.id}.{n}")
                work.append(child)
