"""What the reader builds before the tree is made.

`_RuleB` and `_SecB` are rules and sections under construction (mutable, with
plain slots, as the reader makes one for every paragraph of a large spec);
they become the AST's frozen `Rule` and `Section` at the end (see `build`).
`MarkdownStats` counts what the reader saw beyond what the tree keeps.
"""

from __future__ import annotations

from ..syntax.ast import Prose
from ..core.diagnostics import Span


class _RuleB:
    """A rule being built (plain slots: built for every paragraph of a large spec)."""

    __slots__ = ("kind", "id", "id_span", "auto_id", "start", "end", "level", "attributes",
                 "attributes_span", "text", "body", "links", "role", "origin")

    def __init__(self, kind: str, id: str, id_span: Span | None, auto_id: bool, start: int, end: int, level: int = 99):
        self.kind = kind
        self.id = id
        self.id_span = id_span  # None: where the rule starts (see `build`)
        self.auto_id = auto_id
        self.start = start
        self.end = end
        self.level = level  # heading level (99: not from a heading)
        self.attributes: list = []
        self.attributes_span: Span | None = None
        self.text: Prose | None = None
        self.body: list = []  # nodes and _RuleB
        self.links: list = []  # Reference, pending the anchors
        self.role: str | None = None  # "rationale": its blocks are rationales (a "Rationale" heading)
        self.origin: str | None = None  # heading, list-item, lead-in, sentence, tag, table-row


class _SecB:
    """A section being built, or a plain heading inside a rule (`rule` set)."""

    __slots__ = ("title", "title_span", "start", "end", "level", "body", "definitions", "hard", "rule", "role", "listed", "items", "handed")

    def __init__(self, title: str, title_span: Span | None, start: int, end: int, level: int, *,
                 definitions: bool = False, hard: bool = False, rule: _RuleB | None = None, role: str | None = None):
        self.title = title
        self.title_span = title_span
        self.start = start
        self.end = end
        self.level = level
        self.body: list = []
        self.definitions = definitions
        self.hard = hard
        self.rule = rule  # a heading inside a rule: its blocks go to this rule
        self.role = role
        self.listed: list | None = None  # reading prose: the rules its lists gave
        self.items = 0  # reading prose: how many items those lists hold, rules or not
        self.handed = None  # reading prose: the force its parent hands its lists (a "Prohibited uses" title, a lead-in)


class MarkdownStats:
    """What the reader saw, beyond what the tree keeps (for tests and reports)."""

    def __init__(self) -> None:
        self.headings = 0
        self.rule_headings = 0
        self.examples = 0  # **Example** blocks seen, in rules or not
        self.orphan_examples = 0  # examples outside any rule (kept nowhere)
        self.links = 0  # links to #anchors
        self.section_links = 0  # of which to a section's anchor (not references)
        self.tables = 0
        self.id_tables = 0
        self.skipped: list[str] = []
        #: Source ranges (offsets) of text that is content but in no node of the
        #: tree: prose, lists and code between rules. `convert` keeps it as comments.
        self.left_out: list[tuple[int, int]] = []
        #: How the document was read: "prose" (its statements are rules) or "markup" (only
        #: its marked headings are).
        self.reading = "prose"

    def __repr__(self) -> str:
        return f"MarkdownStats({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"
