"""The second stage of reading prose: a part's blocks, as normative statements.

`part_statements` reads the blocks of one part (a heading's or a tag
section's) and returns what they hold, in order (the kinds are in `found`):

- `Statement`: a sentence, a list item, a table cell's sentence or a
  lead-in that obliges, forbids or permits (see `normative`). A paragraph
  gives one statement per normative unit (`units`: sentences, and in plain
  text lines); a list gives its items' (`lists`: each normative sentence of
  an item, a lead-in's items under it); a table its cells' (`rows`).
- `Reason`: a paragraph (or admonition, alert) that explains rather than
  instructs ("because", "so that", "this is why" …), or says what the list
  before it is for (as a list's last item that only explains does: "- This
  will save time.").
- `Listed`: the statements of one list or table, with its block.
- `Kept`: what the tree keeps as it is: terms of a definitions section,
  rules of a table with an ID column, examples.

Descriptions, narrative, code, quoted examples and questions give nothing
(their text is left out: `convert` keeps it).
"""

from __future__ import annotations

import re

from ..syntax.ast import Example, Rationale
from .examples import transcript
from .found import Kept, Listed, Reading, Reason, Statement
from .lists import _REFERS_BACK, LISTS, labelled_rationale, lead_in, list_items
from .normative import about_document, heading_modality, instructs, modality
from .patterns import _EXAMPLE, _REASON, _REASON_OPENER, _explains
from .pieces import _ALERT, container_text, ignorable, is_alert, skip, term
from .rows import table_rows
from .source import _Text
from .tables import id_table
from .tokens import _Node
from .units import introduces, paragraph
from ..core import precompiled
from ..language.reasons import reason_in

__all__ = ["Kept", "Listed", "Reading", "Reason", "Statement", "part_statements"]

#: An introduction to an example: what follows is quoted, not the document's own rule.
_EXAMPLE_INTRO = precompiled.compile(r"\b(?:examples?|e\.g\.|for instance|such as|like this|like so|sample)\b[^.]*:\s*$", re.I)


def part_statements(reading: Reading, nodes: list[_Node]) -> list:
    """The statements, reasons, lists and kept nodes of a part's blocks, in order (an example
    conversation written as turns, from its first turn to the end of the part, gives none)."""
    reading.blocks = part_statements
    out: list = []
    end = _transcript_start(reading.doc, nodes)
    i = 0
    while i < end:
        i = _block(reading, nodes, i, out)
    if end < len(nodes):
        reading.doc.stats.examples += 1
        for node in nodes[end:]:
            reading.doc.left_out(node)
    return out


#: The turn of the person in an example conversation: "User: …", "Human: …", "Customer (angry): …".
_USER_TURN = precompiled.compile(r"^(?:user|human|customer|person|client|student|patient|visitor)\s*(?:\([^)\n]{1,40}\))?\s*:\s*\S", re.I)
#: Any speaker's turn: a name in capitals, maybe with a note ("Watson (internal thoughts): …").
_TURN = precompiled.compile(r"^[A-Z][\w-]{0,30}(?:\s[A-Z][\w-]{0,30})?\s*(?:\([^)\n]{1,40}\))?\s*:\s*\S")


def _transcript_start(doc, nodes: list[_Node]) -> int:
    """Where an example conversation written as turns starts among a part's blocks: a
    paragraph that is a user's turn ("User: …") followed at once by a paragraph that is
    another speaker's turn ("Assistant: …", "Watson (internal thoughts): …"). What follows
    it in the part is the conversation (answers hold lists, code and more paragraphs), an
    example of the rules, not rules. `len(nodes)` when the part has none."""
    for k in range(len(nodes) - 1):
        if nodes[k].type != "paragraph" or nodes[k + 1].type != "paragraph" or nodes[k].inline is None:
            continue
        first = nodes[k].inline.content
        if not _USER_TURN.match(first):
            continue
        second = nodes[k + 1].inline.content if nodes[k + 1].inline is not None else ""
        if _TURN.match(second) and not _USER_TURN.match(second):
            return k
    return len(nodes)


def _block(reading: Reading, nodes: list[_Node], i: int, out: list) -> int:
    doc = reading.doc
    node = nodes[i]
    t = node.type
    if skip(doc, node):
        return i + 1
    if reading.quoted(node):
        doc.left_out(node)
        return i + 1
    nxt = nodes[i + 1] if i + 1 < len(nodes) else None
    if t in ("paragraph", "heading"):
        text = doc.inline_text(node)
        alert = _ALERT.match(text.text) if text else None
        if alert:
            text = text.cut(alert.end(), len(text.text), doc.text)  # the alert's words, past "[!NOTE]"
        if not text or ignorable(doc, node, text):
            return i + 1
        if _EDITORS_NOTE.match(text.text):
            doc.left_out(node)  # "[NOTE: Say here how your project handles …]": a note to whoever fills in the template
            return i + 1
        head = _EXAMPLE.match(text.text)
        if head:
            return _example(reading, nodes, i, text, head.end(), out)
        if reading.definitions:
            found = term(doc, text)
            if found is not None:
                out.append(Kept([found]))
                return i + 1
        last_line = doc.text[text.segs[-1][0] : text.segs[-1][1]]
        if nxt is not None and nxt.type in LISTS and (introduces(text.text) or heading_modality(last_line)):
            lead_in(reading, node, text, nxt, out)
            return i + 2
        if nxt is not None and nxt.type == "table" and introduces(text.text) and not id_table(doc, nxt):
            lead_in(reading, node, text, nxt, out)
            return i + 2
        if nxt is not None and nxt.type in ("blockquote", "fence", "code_block") and _EXAMPLE_INTRO.search(text.text):
            out.extend(paragraph(reading, node, text))
            doc.left_out(nxt)
            return i + 2
        labelled = labelled_rationale(doc, text) if out and _targets(out[-1]) else None
        if labelled is not None:
            # "**Rationale:** Data sent to the tool leaves the country.": the reason of the
            # statement or the list (table) right before it, whatever words it gives it in
            rationale, rest = labelled
            for st in _labelled_targets(out):
                st.reasons.append(rationale)
            out.extend(x for x in paragraph(reading, node, rest) if isinstance(x, Statement))
            return i + 1
        if out and _is_list(out[-1]) and _gives_purpose(text.text):
            # a paragraph that gives reasons right after a list: the list's rationale
            rationale = text.rationale(doc.src)
            before = _elaborated(out)
            if before is not None:
                before.reasons.append(rationale)  # "X is not allowed. This includes: …": X's too
            out.append(Reason(rationale))
            return i + 1
        out.extend(paragraph(reading, node, text))
        return i + 1
    if t in LISTS:
        if reading.definitions:
            terms = [term(doc, doc.inline_text(item.children[0])) for item in node.children
                     if item.children and item.children[0].type == "paragraph"]
            terms = [x for x in terms if x is not None]
            if terms:
                out.append(Kept(terms))
                return i + 1
        statements = list_items(reading, node, reading.carried)
        if statements:
            out.append(Listed(statements, node))
            closing = _closing_reason(reading, node)
            if closing is not None:
                out.append(closing)  # "- This will save time and …" closing the list: the list's reason
        else:
            doc.left_out(node)
        return i + 1
    if t == "blockquote" and is_alert(node) and instructs(container_text(doc, node).text):
        # "> [!IMPORTANT] Do not merge AI-generated PRs.": an alert that instructs gives its
        # statements (one that only explains is a reason, below)
        out.extend(part_statements(reading, node.children))
        return i + 1
    if t == "admonition" or (t == "blockquote" and is_alert(node)):
        text = container_text(doc, node)
        if text:
            out.append(Reason(Rationale.make(span=doc.span(*doc.node_range(node)), text=text.prose(doc.src))))
        return i + 1
    if t == "blockquote":
        inner = part_statements(reading, node.children)
        out.extend(inner)
        return i + 1
    if t == "table":
        doc.stats.tables += 1
        rules = id_table(doc, node)
        if rules:
            out.append(Kept(rules))
        else:
            rows = table_rows(reading, node)
            if rows:
                out.append(Listed(rows, node))
            doc.left_out(node)  # the other cells of a row are kept nowhere else
        return i + 1
    if t == "fence":
        items, refs = transcript(doc, node) if "<" in (node.tok.content or "") else ([], [])
        if items:
            doc.stats.examples += 1
            out.append(Kept([Example.make(span=doc.span(*doc.node_range(node)), text=None, items=items)], refs))
            return i + 1
    doc.left_out(node)
    return i + 1


def _example(reading: Reading, nodes: list[_Node], i: int, text: _Text, head: int, out: list) -> int:
    """`**Example**: title` and its transcript: an example of the statement before it."""
    doc = reading.doc
    doc.stats.examples += 1
    a, b = doc.node_range(nodes[i])
    items: list = []
    refs: list = []
    used = 1
    if i + 1 < len(nodes) and nodes[i + 1].type in ("fence", "code_block"):
        items, refs = transcript(doc, nodes[i + 1])
        _, b = doc.node_range(nodes[i + 1])
        used = 2
    title = text.cut(head, len(text.text), doc.text)
    out.append(Kept([Example.make(span=doc.span(a, b), text=title.prose(doc.src) if title else None, items=items)], refs))
    return i + used


#: An instruction about what came before: "Follow these …", "Apply them …", "All of the above …".
_POINTS_BACK = precompiled.compile(r"^\W*(?:\w+\s+){0,3}?(?:these|those|them|this list|the above|each of (?:these|them))\b", re.I)


def _gives_purpose(s: str) -> bool:
    """A paragraph that says what the list before it is for ("These limits keep the channels readable."),
    not one in which the document speaks of itself ("This policy does not govern …")."""
    if about_document(s):
        return False
    if _REASON_OPENER.match(s):
        return True
    if _REASON.search(s):
        # "Do not bypass the scanners because the code was generated.": a paragraph that
        # instructs by itself, without pointing back at the list, is a statement with its
        # own reason; "Follow these because …" speaks for the list
        return modality(s) is None or bool(_POINTS_BACK.match(s))
    from ..language import matcher

    return (bool(matcher("reasons").find(s)) or _explains(s)) and modality(s) is None


def _closing_reason(reading: Reading, node: _Node) -> Reason | None:
    """A list's last item that only gives a reason ("- This will save time and avoid redundant
    reads."): it speaks of the list as a whole, as a paragraph after the list would."""
    doc = reading.doc
    last = node.children[-1] if node.children else None
    if last is None or len(last.children) != 1 or last.children[0].type != "paragraph":
        return None
    text = doc.inline_text(last.children[0])
    if not text or modality(text.text) is not None or not _gives_purpose(text.text):
        return None
    return Reason(text.rationale(doc.src))


def _elaborated(out: list) -> Statement | None:
    """The statement a list's lead-in points back to ("No hate speech. This includes: …"), or None."""
    lead = out[-1]
    if not (isinstance(lead, Statement) and lead.origin == "lead-in" and len(out) > 1):
        return None
    before = out[-2]
    if isinstance(before, Statement) and before.node is lead.node and _REFERS_BACK.match(lead.text.text):
        return before
    return None


#: A paragraph wholly in square brackets that speaks to whoever fills in a template: "[NOTE: …]",
#: "[Insert your contact address here.]" (not a link, "[see](…)").
_EDITORS_NOTE = precompiled.compile(r"^\s*\[(?:note|todo|insert|add|describe|replace|fill|edit|tip|hint|optional)\b[^\[\]]*\]\s*$", re.I | re.S)


def _targets(item) -> list[Statement]:
    """The statements a labelled rationale right after `item` explains: a statement, a
    lead-in and its items, a list's or a table's statements."""
    if isinstance(item, Statement):
        return [item, *item.children] if item.origin == "lead-in" else [item]
    if isinstance(item, Listed):
        return list(item.statements)
    return []


def _labelled_targets(out: list) -> list[Statement]:
    """The statements a labelled rationale explains: those of the block right before it, and
    of the blocks before that in its part back to one that has a reason of its own or a
    standing reason (a rule, the table that spells it out, then "**Rationale:** …": the
    label names the reason of the part's rule, not only of the table)."""
    targets = _targets(out[-1])
    for item in reversed(out[:-1]):
        if isinstance(item, Reason):
            break
        before = _targets(item)
        if not before or any(st.reasons or reason_in(st.text.text) for st in before):
            break
        targets = before + targets
    return targets


def _is_list(item) -> bool:
    return isinstance(item, Listed) or (isinstance(item, Statement) and item.origin == "lead-in")
