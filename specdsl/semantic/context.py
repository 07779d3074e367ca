"""The sentences near a prose rule, where a reader looks for its reason.

Prose gives a rule's reason in plain words next to it, without a marker word
("Never paste a customer's card number into a ticket. Tickets are read by
contractors abroad."), and the lexical tier sees only marker words. The
semantic tier (R001 under `--semantic`) asks the sentence head whether one of
these sentences gives a reason. A sentence is *near* a rule when it is, in
the document's block structure:

- **beside it**: the sentence right before the rule's first sentence or right
  after its last one, in the same paragraph (or list item's paragraph); when
  the rule ends its paragraph, the first sentence of the paragraph that
  follows it in the same container (section or list item);
- **its list's lead-in**: when the rule is (in) a list item, the sentences of
  the paragraph right before that list, or of the item the list is nested in;
- **its section's opening**: when the rule is in the first list of its
  section (heading or tag part), the sentences of the section's first
  paragraph, if it comes before that list.

Only the document's own blocks are read (headings, tables, code and quoted
examples give no sentences). Whether a near sentence is itself a rule is for
the caller to decide (it knows the rules' spans).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..markdown.doc import Doc
    from ..markdown.tokens import _Node

#: File names whose text is not read as Markdown or a plain prompt (YAML, JSON prompt files).
_NOT_MARKDOWN = re.compile(r"\.(?:ya?ml|json|mspec)$", re.IGNORECASE)
#: A sentence shorter than this gives no reason on its own ("See below.").
MIN_WORDS = 4


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int  # source offsets
    end: int
    text: str


class _Block:
    """A paragraph: its sentences, the container it stands in and its place there."""

    __slots__ = ("sentences", "container", "index")

    def __init__(self, sentences: list[Sentence], container: list, index: int):
        self.sentences = sentences
        self.container = container
        self.index = index


class Context:
    """The paragraphs of one document and the near sentences of a span in it."""

    def __init__(self, doc: "Doc", root, plain: bool):
        self.doc = doc
        self.plain = plain
        #: each paragraph's (start, end, block, its list's lead-in, its section's opening)
        self._places: list[tuple[int, int, _Block, list[Sentence], list[Sentence]]] = []
        self._blocks: dict[int, _Block] = {}
        self._part(root)
        self._places.sort(key=lambda p: p[0])
        self._starts = [p[0] for p in self._places]

    # -- reading ---------------------------------------------------------------
    def _sentences(self, node: "_Node") -> list[Sentence]:
        from ..language.text import sentences

        a, b = self.doc.node_range(node)
        text = self.doc.text[a:b]
        out: list[Sentence] = []
        pos = 0
        # in a plain prompt a line break ends a statement; in Markdown a line is only wrapped
        for line in text.split("\n") if self.plain else [text]:
            for s, e in sentences(line):
                piece = line[s:e].strip()
                if piece:
                    lead = len(line[s:e]) - len(line[s:e].lstrip())
                    out.append(Sentence(a + pos + s + lead, a + pos + s + lead + len(piece), " ".join(piece.split())))
            pos += len(line) + 1
        return out

    def _block(self, node: "_Node", container: list, index: int) -> _Block:
        block = self._blocks.get(id(node))
        if block is None:
            block = self._blocks[id(node)] = _Block(self._sentences(node), container, index)
        return block

    def _part(self, part) -> None:
        from ..markdown.outline import Part

        items = part.items
        nodes = [i for i in items if not isinstance(i, Part)]
        opening: list[Sentence] = []
        first_list = next((n for n in nodes if n.type in ("bullet_list", "ordered_list")), None)
        first_paragraph = next((n for n in nodes if n.type == "paragraph"), None)
        if first_list is not None and first_paragraph is not None and items.index(first_paragraph) < items.index(first_list):
            opening = self._block(first_paragraph, items, items.index(first_paragraph)).sentences
        for i, item in enumerate(items):
            if isinstance(item, Part):
                self._part(item)
            else:
                self._node(item, items, i, [], opening if item is first_list else [])

    def _node(self, node: "_Node", container: list, index: int, lead: list[Sentence], opening: list[Sentence]) -> None:
        kind = node.type
        if kind == "paragraph":
            block = self._block(node, container, index)
            a, b = self.doc.node_range(node)
            self._places.append((a, b, block, lead, opening))
        elif kind in ("bullet_list", "ordered_list"):
            before = container[index - 1] if index > 0 else None
            lead_in = (
                self._block(before, container, index - 1).sentences
                if before is not None and getattr(before, "type", None) == "paragraph"
                else lead
            )
            for item in node.children:
                self._item(item, lead_in, opening)
        elif kind in ("blockquote", "admonition") or kind.startswith("container"):
            for i, child in enumerate(node.children):
                self._node(child, node.children, i, [], [])

    def _item(self, item: "_Node", lead: list[Sentence], opening: list[Sentence]) -> None:
        children = item.children
        head = next((c for c in children if c.type == "paragraph"), None)
        for i, child in enumerate(children):
            if child.type in ("bullet_list", "ordered_list"):
                # a nested list's lead-in is the paragraph before it in the item (its parent item's words)
                self._node(child, children, i, self._block(head, children, children.index(head)).sentences
                           if head is not None else lead, opening)
            else:
                self._node(child, children, i, lead, opening)

    # -- asking ------------------------------------------------------------------
    def near(self, start: int, end: int) -> list[Sentence]:
        """The sentences near the text at source offsets `start`..`end` (see the module
        docstring), nearest first, without the text's own sentences."""
        from bisect import bisect_right

        i = bisect_right(self._starts, start) - 1
        if i < 0 or not (self._places[i][0] <= start < self._places[i][1]):
            return []
        _, _, block, lead, opening = self._places[i]
        sents = block.sentences
        first = next((k for k, s in enumerate(sents) if s.end > start), None)
        if first is None:
            return []
        last = max((k for k, s in enumerate(sents) if s.start < end), default=first)
        out: list[Sentence] = []
        if first > 0:
            out.append(sents[first - 1])
        if last + 1 < len(sents):
            out.append(sents[last + 1])
        else:
            following = block.container[block.index + 1] if block.index + 1 < len(block.container) else None
            if following is not None and getattr(following, "type", None) == "paragraph":
                nxt = self._block(following, block.container, block.index + 1).sentences
                if nxt:
                    out.append(nxt[0])
        out += lead
        out += opening
        seen: set[int] = set()
        kept = []
        for s in out:
            if s.start in seen or (s.start < end and s.end > start) or len(s.text.split()) < MIN_WORDS:
                continue
            seen.add(s.start)
            kept.append(s)
        return kept


def context(text: str, path: str | None) -> Context | None:
    """The block structure of a Markdown or plain-text document, read as the prose reader
    reads it (template syntax and tags masked, tag sections parsed apart); None for
    a document that is not Markdown or a prompt, or that cannot be read."""
    if path is not None and _NOT_MARKDOWN.search(path):
        return None
    from ..markdown.htmlblocks import expand
    from ..markdown.outline import outline
    from ..markdown.reader import _blocks, _is_plain, prepared_doc

    try:
        doc, prepared = prepared_doc(text, path)
        nodes = expand(doc, _blocks(doc, prepared.masked, prepared.tags))
        parts = outline(doc, nodes, prepared.tags)
        return Context(doc, parts.root, _is_plain(nodes, path))
    except (RecursionError, ValueError, IndexError, TypeError, AttributeError):
        return None
