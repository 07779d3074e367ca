"""Under a marked rule: its blocks read as statements, made its subrules.

A heading marked as a rule (`## Do not lie {#do_not_lie authority=user}`)
is the rule; what stands under it is read by the statement stage
(`statements.part_statements`), as prose is:

- each normative sentence of a paragraph, each normative list item and
  table row is a subrule (id PARENT.N); a lead-in's items are subrules of
  the lead-in; a sentence that gives the reason for the one before it is
  that subrule's rationale;
- a paragraph, admonition or alert that only explains is the rule's
  rationale; `**Example**` blocks and fenced transcripts are the rule's
  examples (their `BAD[#id]` verdicts its references); rows of a table
  with an ID column are subrules with their ids;
- descriptions, narrative and lists that instruct nothing are not
  subrules (their text is left out: `convert` keeps it); a link in a
  sentence that is not a subrule is a reference of the first subrule its
  paragraph gave, else of the rule.

So a marked rule's subrules are its normative statements, one per
sentence or item, as a reader would list them.
"""

from __future__ import annotations

from ..syntax.ast import Example
from .doc import Doc
from .normative import heading_modality
from .outline import Outline
from .pieces import links
from .state import _RuleB
from .statements import Kept, Listed, Reading, Reason, Statement, part_statements
from .tokens import _Node


def read_rule_body(doc: Doc, outline: Outline, run: list[_Node], rule: _RuleB) -> None:
    """Read the blocks `run` under the marked rule `rule` into its body."""
    carried = heading_modality(rule.text.text) if rule.origin == "heading" and rule.text is not None else None
    reading = Reading(doc, outline, plain=False, carried=carried)
    first: dict[int, tuple] = {}  # the first subrule a block gave (block, subrule), by the block's id
    for item in part_statements(reading, run):
        if isinstance(item, Statement):
            _add(rule, subrule(doc, item, first))
        elif isinstance(item, Listed):
            for st in item.statements:
                _add(rule, subrule(doc, st, first))
        elif isinstance(item, Reason):
            rule.body.append(item.keep())  # the rule's: its subrules have it from there
            rule.end = max(rule.end, item.rationale.span.end_offset)
        elif isinstance(item, Kept):
            for node in item.items:
                if isinstance(node, Example):
                    rule.body.append(node)
                    rule.end = max(rule.end, node.span.end_offset)
                elif isinstance(node, _RuleB):
                    node.kind = "subrule"
                    _add(rule, node)
            rule.links.extend(item.refs)
    for inner, sub in first.values():
        links(doc, inner, sub)  # the links of a block's other sentences: its first subrule's
    for node in run:
        links(doc, node, rule)  # the links of blocks that gave no subrule: the rule's own
        _, b = doc.node_range(node)
        rule.end = max(rule.end, b)


def _add(rule: _RuleB, sub: _RuleB) -> None:
    rule.body.append(sub)
    rule.end = max(rule.end, sub.end)


def subrule(doc: Doc, st: Statement, first: dict) -> _RuleB:
    """The subrule a statement is (id PARENT.N, numbered when the tree is built), with its
    children; `first` records the first subrule each block gave."""
    top = _one(doc, st, first)
    work = [(top, st)]
    while work:
        rule, statement = work.pop()
        for child in statement.children:
            sub = _one(doc, child, first)
            rule.body.append(sub)
            rule.end = max(rule.end, sub.end)
            work.append((sub, child))
    return top


def _one(doc: Doc, st: Statement, first: dict) -> _RuleB:
    rule = doc.new_rule("subrule", st.start, max(st.end, st.text.end), origin=st.origin)
    rule.text = st.text.prose(doc.src)
    if st.marker is not None:
        rule.id_span = doc.span(*st.marker)
    else:
        doc.point_id(rule, st.text, st.start)
    rule.body.extend(st.reasons)
    if st.node is not None:
        links(doc, st.node, rule, within=(st.text.start, st.text.end))
        first.setdefault(id(st.node), (st.node, rule))
    return rule
