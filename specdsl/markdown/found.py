"""What the statement stage finds in a part's blocks, and what it reads them with.

- `Statement`: a sentence, list item, table row or lead-in that obliges,
  forbids or permits, with its children (a lead-in's items, a nested
  list's), its reasons, and where it stands (its examples are `Kept`).
- `Reason`: an explanation standing on its own (a rationale).
- `Listed`: the statements of one list, with the list's block.
- `Kept`: what the tree keeps as it is (terms, an ID table's rules,
  examples, and the references of example verdicts).
- `Reading`: the document and how to read it (plain text or Markdown, a
  definitions section, the modality the part's heading carries).
"""

from __future__ import annotations

from typing import Callable

from ..syntax.ast import Rationale
from ..language import Modality
from .doc import Doc
from .outline import Outline
from .source import _Text
from .tokens import _Node


class Statement:
    """A normative statement, and what belongs to it."""

    __slots__ = ("origin", "text", "modality", "children", "reasons", "node", "marker", "start", "end")

    def __init__(self, origin: str, text: _Text, found: Modality | None, start: int, end: int, node: _Node | None = None):
        self.origin = origin
        self.text = text
        self.modality = found
        self.children: list[Statement] = []
        self.reasons: list[Rationale] = []
        self.node = node  # the block whose links are this statement's references
        self.marker: tuple[int, int] | None = None  # a list item's marker (its automatic id points at it)
        self.start = start
        self.end = end


class Reason:
    """An explanation standing on its own: the rationale of the statements near it.

    `opens`: the statements after it in the paragraph it opens, which carry it as their
    rationale ("Search results can be stale. Cite each result's date."). Where nothing was
    read before it, it explains the whole part instead (`keep`)."""

    __slots__ = ("rationale", "opens")

    def __init__(self, rationale: Rationale, opens: list | None = None):
        self.rationale = rationale
        self.opens = opens if opens is not None else []

    def keep(self) -> Rationale:
        """The rationale, taken back from the statements it opens: it is their part's now."""
        for st in self.opens:
            st.reasons[:] = [r for r in st.reasons if r is not self.rationale]
        self.opens = []
        return self.rationale


class Listed:
    """The statements of one list (not under a lead-in)."""

    __slots__ = ("statements", "node")

    def __init__(self, statements: list[Statement], node: _Node):
        self.statements = statements
        self.node = node


class Kept:
    """A node the tree keeps as it is (a term, an ID table's rules, an example), and the
    references an example's verdicts make (`<!-- BAD[#id] -->`)."""

    __slots__ = ("items", "refs")

    def __init__(self, items: list, refs: list | None = None):
        self.items = items
        self.refs = refs or []


class Reading:
    """What the statement stage needs besides the blocks: the document and how to read it.

    `carried`: the modality the part's heading gives its lists ("Do:",
    "Don't", "Never"), as a lead-in gives its own."""

    __slots__ = ("doc", "outline", "plain", "definitions", "carried", "blocks")

    def __init__(self, doc: Doc, outline: Outline, plain: bool, definitions: bool = False,
                 carried: Modality | None = None):
        self.doc = doc
        self.outline = outline
        self.plain = plain
        self.definitions = definitions
        self.carried = carried
        #: how the blocks nested in a list item or a quote are read (`statements.part_statements`,
        #: set by the stage: passed as data, so that the modules of the stage import one way)
        self.blocks: Callable[[Reading, list[_Node]], list] | None = None

    def quoted(self, node: _Node) -> bool:
        """Whether a block stands in an example tag section (quoted, never rules)."""
        return bool(self.outline.quoted) and node.map is not None and self.outline.is_quoted(node.map[0])


def flatten(item) -> list[Statement]:
    """The statements a `Statement` or a `Listed` holds (nothing for the others)."""
    if isinstance(item, Statement):
        return [item]
    if isinstance(item, Listed):
        return list(item.statements)
    return []
