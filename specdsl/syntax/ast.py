"""The abstract syntax tree of a model spec.

Both front ends (the `.mspec` grammar and the Markdown reader) produce these
nodes. Every node carries the exact source span it was read from, so a
diagnostic, a fix, a hover or a rename can point at the right characters.

Lines and columns are 1-based, offsets 0-based; columns and offsets count
Unicode code points (the LSP layer converts to UTF-16). An end position is
exclusive.
"""

from __future__ import annotations

from dataclasses import field
from typing import Iterator, Literal, Union

from ..core.diagnostics import Diagnostic, Span
from ..core.plain import Plain, plain_class

#: Every node class is a slotted, keyword-only dataclass (see `specdsl.core.plain`):
#: a spec is up to millions of nodes, and a node costs only its slots.
node = plain_class


@node
class Node(Plain):
    """Base of every AST node.

    Nodes are built by the front ends (`Node.make(**fields)` or the class
    itself, by keyword) from values of the right types; nothing validates
    them at run time. `tests/test_reference.py` checks the trees the front
    ends build against the annotations below.
    """

    span: Span


@node
class Prose(Node):
    """Bare text written by the author.

    `text` holds the author's words exactly; the lines of a multi-line prose
    are joined with one space, and a blank line between them (a paragraph
    break) is kept as two newlines. `breaks` lists the offsets in `text` where
    the author broke a line, so the formatter can keep the author's layout.
    """

    kind: Literal["prose"] = "prose"
    text: str
    breaks: list[int] = field(default_factory=list)


@node
class Name(Node):
    """A name that stands for something else: a rule id in `see:`, a level."""

    kind: Literal["name"] = "name"
    value: str


@node
class Reference(Name):
    """A use of a rule id (in `see:`, `overrides:`, `precedence:`, a link)."""

    kind: Literal["reference"] = "reference"  # type: ignore[assignment]


@node
class Comment(Node):
    """A whole-line comment, kept for the formatter."""

    kind: Literal["comment"] = "comment"
    text: str
    indent: int


@node
class Directive(Node):
    """A `# speclint: ignore[…] reason: …` comment."""

    kind: Literal["directive"] = "directive"
    scope: Literal["ignore", "ignore-file"]
    codes: list[Name]
    reason: str | None = None
    indent: int = 0


@node
class MetaEntry(Node):
    """One `key: value` line of the spec header."""

    kind: Literal["meta"] = "meta"
    key: str
    value: Prose | None = None


@node
class Levels(Node):
    """`levels: root > system > user`: the spec's authority levels, highest first."""

    kind: Literal["levels"] = "levels"
    names: list[Name]


@node
class Header(Node):
    """`spec "Title"` and its metadata block."""

    kind: Literal["header"] = "header"
    title: str
    title_span: Span
    entries: list[Union[MetaEntry, Levels]] = field(default_factory=list)

    def get(self, key: str) -> str | None:
        for entry in self.entries:
            if isinstance(entry, MetaEntry) and entry.key == key:
                return entry.value.text if entry.value else ""
        return None

    @property
    def levels(self) -> Levels | None:
        return next((e for e in self.entries if isinstance(e, Levels)), None)


@node
class Term(Node):
    """`term "name": definition`: a glossary entry."""

    kind: Literal["term"] = "term"
    name: str
    name_span: Span
    definition: Prose | None = None


@node
class Precedence(Node):
    """`precedence: A > B > C`: A wins over B, and B over C."""

    kind: Literal["precedence"] = "precedence"
    order: list[Reference]


@node
class Include(Node):
    """`include "path"`: another spec file joins this one."""

    kind: Literal["include"] = "include"
    path: str
    path_span: Span


@node
class Rationale(Node):
    """`rationale:`: why a rule (or every rule of a section) exists."""

    kind: Literal["rationale"] = "rationale"
    text: Prose | None = None


@node
class Condition(Node):
    """`when:` (the rule applies only then) or `unless:` (an exception)."""

    kind: Literal["when", "unless"]
    text: Prose | None = None


@node
class RefList(Node):
    """`overrides: A, B` or `see: A, B` (or, from Markdown, the rule ids a rule links to)."""

    kind: Literal["overrides", "see", "link"]
    refs: list[Reference]


@node
class ExampleItem(Node):
    """One line group of an example: `prompt:`, `good:`, `bad:` or `note:`."""

    kind: Literal["prompt", "good", "bad", "note"]
    text: Prose | None = None


@node
class Example(Node):
    """`example:` with its prompt and good/bad responses."""

    kind: Literal["example"] = "example"
    text: Prose | None = None
    items: list[ExampleItem] = field(default_factory=list)

    def of(self, kind: str) -> list[ExampleItem]:
        return [item for item in self.items if item.kind == kind]


@node
class Attribute(Node):
    """One entry of a rule's `[…]`: `hard`, `level: X`, `priority: N`, `tags: a`."""

    kind: Literal["attribute"] = "attribute"
    key: Literal["hard", "level", "priority", "tags"]
    values: list[Name] = field(default_factory=list)


@node
class Rule(Node):
    """`rule ID [attributes]: text` or a nested `subrule`.

    `id` is the author's id, or PARENT.N for an unlabeled subrule (then
    `auto_id` is true and `id_span` is the span of the `subrule` keyword).
    `body` keeps the children in the author's order.
    """

    kind: Literal["rule", "subrule"]
    id: str
    id_span: Span
    auto_id: bool = False
    attributes: list[Attribute] = field(default_factory=list)
    attributes_span: Span | None = None
    text: Prose | None = None
    origin: str | None = None  # where a prose reader found it: heading, list-item, lead-in, sentence, tag, table-row
    body: list[Union[Rationale, Rule, Example, Condition, RefList]] = field(default_factory=list)

    # -- derived views ---------------------------------------------------
    def _attr(self, key: str) -> Attribute | None:
        return next((a for a in self.attributes if a.key == key), None)

    @property
    def hard(self) -> bool:
        return self._attr("hard") is not None

    @property
    def level(self) -> str | None:
        attr = self._attr("level")
        return attr.values[0].value if attr and attr.values else None

    @property
    def priority(self) -> int | None:
        attr = self._attr("priority")
        return int(attr.values[0].value) if attr and attr.values else None

    @property
    def tags(self) -> list[str]:
        return [v.value for a in self.attributes if a.key == "tags" for v in a.values]

    @property
    def rationales(self) -> list[Rationale]:
        return [n for n in self.body if isinstance(n, Rationale)]

    @property
    def subrules(self) -> list[Rule]:
        return [n for n in self.body if isinstance(n, Rule)]

    @property
    def examples(self) -> list[Example]:
        return [n for n in self.body if isinstance(n, Example)]

    def conditions(self, kind: str) -> list[Condition]:
        return [n for n in self.body if isinstance(n, Condition) and n.kind == kind]

    def refs(self, kind: str) -> list[Reference]:
        return [r for n in self.body if isinstance(n, RefList) and n.kind == kind for r in n.refs]

    def walk(self) -> Iterator[Rule]:
        """This rule and all its subrules, depth first (no recursion: nesting may be deep)."""
        stack = [self]
        while stack:
            rule = stack.pop()
            yield rule
            stack.extend(reversed(rule.subrules))


@node
class Section(Node):
    """`section "Title":` and its block."""

    kind: Literal["section"] = "section"
    title: str
    title_span: Span
    body: list[Union[Rationale, Rule, Section, Term, Precedence, Include]] = field(default_factory=list)

    @property
    def rationales(self) -> list[Rationale]:
        return [n for n in self.body if isinstance(n, Rationale)]


#: What a spec's body (and a section's) holds besides rationales.
Item = Union[Term, Precedence, Include, Section, Rule]


@node
class Spec(Node):
    """A whole spec document: the root of the AST."""

    kind: Literal["spec"] = "spec"
    header: Header | None = None
    body: list[Item] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    #: Problems found while reading the text (S001), in source order.
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: "mspec" or "markdown": the front end that produced this tree.
    source_format: str = "mspec"
    #: A collection of prompts each sent on its own (a YAML prompt file's strings): the
    #: offset range of each; empty when the document is one spec or one prompt.
    prompts: list[tuple[int, int]] = field(default_factory=list)

    @property
    def title(self) -> str | None:
        return self.header.title if self.header else None

    def rules(self) -> Iterator[Rule]:
        """Every rule and subrule, in document order."""
        for item, _ in iter_items(self.body):
            if isinstance(item, Rule):
                yield from item.walk()

    def sections(self) -> Iterator[Section]:
        for item, _ in iter_items(self.body):
            if isinstance(item, Section):
                yield item

    def items_of(self, cls: type) -> Iterator:
        for item, _ in iter_items(self.body):
            if isinstance(item, cls):
                yield item


def iter_items(body: list, path: tuple = ()) -> Iterator[tuple[Node, tuple]]:
    """Top-level and section items, depth first, with their section path."""
    stack: list[tuple[Iterator, tuple]] = [(iter(body), path)]
    while stack:
        items, where = stack[-1]
        item = next(items, None)
        if item is None:
            stack.pop()
            continue
        yield item, where
        if isinstance(item, Section):
            stack.append((iter(item.body), where + (item,)))


def iter_statements(spec: Spec) -> Iterator[Node]:
    """Every statement of a spec (header, metadata lines, items, rule children,
    example lines), in document order, without recursion."""
    if spec.header is not None:
        yield spec.header
        yield from spec.header.entries
    stack: list[Iterator] = [iter(spec.body)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        yield node
        if isinstance(node, (Section, Rule)):
            stack.append(iter(node.body))
        elif isinstance(node, Example):
            stack.append(iter(node.items))


class deep_recursion:
    """Allow recursion as deep as a spec nests (the Python default of 1000
    frames is reached by a few hundred levels of subrules)."""

    def __init__(self, limit: int = 20000):
        self.limit = limit
        self.saved = 0

    def __enter__(self):
        import sys

        self.saved = sys.getrecursionlimit()
        if self.saved < self.limit:
            sys.setrecursionlimit(self.limit)
        return self

    def __exit__(self, *exc):
        import sys

        sys.setrecursionlimit(self.saved)
        return False
