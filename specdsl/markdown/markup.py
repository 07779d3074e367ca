"""Reading a document that marks its rules: the OpenAI Model Spec's way.

When a document marks rules (attribute blocks on headings such as
`## Do not lie {#do_not_lie authority=user}`, or a table with an ID
column), only what it marks is a rule, and everything under a marked
heading belongs to that rule:

- a heading with a rule's attribute block is a rule (under a rule, a
  subrule); its text is the heading without the block, `#id` its id (a slug
  of the text when there is none). A plain heading inside a rule is a
  subrule (unless it only names a topic and nothing under it instructs),
  or the rule's rationale ("Rationale", "Why" …) or examples;
- under a rule, its blocks are read by the statement stage (`rulebody`):
  each normative sentence or list item is a subrule (id PARENT.N), with its
  reason as its rationale; `**Example**` blocks and fenced transcripts are
  examples; admonitions, GitHub alerts and reason-giving paragraphs are
  rationales; a table with an ID column gives subrules; descriptions are
  no subrules;
- between rules, under a plain heading: definitions are terms, tables with
  an ID column are rules, admonitions and reason-giving paragraphs are the
  section's rationale; other prose is left out (`convert` keeps it).

Each function takes the document (`Doc`) and the builder it reads into; the
result is the top-level body of `_SecB`/`_RuleB` builders that `build` turns
into the AST.
"""

from __future__ import annotations

import re

from ..syntax.ast import Attribute, Name, Rationale
from .doc import Doc
from .normative import modality
from .outline import Outline, Part
from .patterns import (
    _ATTR_BLOCK,
    _DEFINITIONS_TITLE,
    _EXAMPLE,
    _EXAMPLES_TITLE,
    _HARD_TITLE,
    _RATIONALE_TITLE,
    _gives_reason,
    _id_slug,
    _parse_attrs,
    _plain,
)
from .pieces import container_text, ignorable, is_alert, links, skip, term
from .rulebody import read_rule_body
from .source import _Text
from .state import _RuleB, _SecB
from .tables import id_table
from .tokens import _Node

def read_markup(doc: Doc, outline: Outline) -> list:
    """The top-level items of a marked document (see the module docstring)."""
    root = _SecB(title="", title_span=None, start=0, end=0, level=0)
    read_items(doc, outline, outline.root.items, root)
    return root.body


def read_items(doc: Doc, outline: Outline, items: list, ctx) -> None:
    """Read a part's items (blocks and nested parts) into `ctx`: a section, a rule, or a heading inside a rule."""
    run: list[_Node] = []
    for item in [*items, None]:
        if isinstance(item, _Node):
            run.append(item)
            continue
        if run:
            _run(doc, outline, run, ctx)
        run = []
        if item is not None:
            _part(doc, outline, item, ctx)


def _part(doc: Doc, outline: Outline, part: Part, ctx) -> None:
    if part.heading is None:  # a tag section: its blocks stand where it stands
        if part.tag is not None and part.tag.example:
            doc.stats.left_out.append((part.tag.open_start, part.tag.close_end))
            return
        read_items(doc, outline, part.items, ctx)
        return
    child = heading(doc, outline, part, ctx)
    read_items(doc, outline, part.items, child)
    if not demote(doc, child, ctx):
        _close(child, ctx)


def demote(doc: Doc, sub, parent) -> bool:
    """A plain heading inside a rule that names a topic ("Tags") and has no normative
    statement under it is no subrule: what it holds (rationales, examples, links) goes to
    the rule. Whether it was demoted."""
    if not isinstance(sub, _RuleB) or sub.origin != "heading" or sub.attributes_span is not None:
        return False
    if any(isinstance(x, _RuleB) for x in sub.body):
        return False
    if sub.text is not None and modality(sub.text.text) is not None:
        return False
    owner = parent.rule if isinstance(parent, _SecB) and parent.rule is not None else parent
    if not isinstance(owner, _RuleB) or sub not in owner.body:
        return False
    owner.body.remove(sub)
    owner.body.extend(sub.body)
    owner.links.extend(sub.links)
    owner.end = max(owner.end, sub.end)
    doc.all_rules.remove(sub)
    return True


def is_rule_heading(parsed: dict | None, outline: Outline) -> bool:
    """An attribute block that makes a rule: a rule key, or a bare `{#id}` where no heading gives a level."""
    if not parsed:
        return False
    return parsed["rule"] or bool(parsed["id"] and not outline.marks.strong)


def heading(doc: Doc, outline: Outline, part: Part, parent):
    """What a heading opens in `parent`: a section, a rule, a subrule, or a rationale or examples heading."""
    node, level = part.heading, part.level
    a, b = doc.node_range(node)
    text = doc.inline_text(node)
    attrs = _ATTR_BLOCK.search(text.text)
    parsed = _parse_attrs(attrs.group(1)) if attrs else None
    title_text = text.cut(0, attrs.start(), doc.text) if attrs else text
    owner = parent.rule if isinstance(parent, _SecB) and parent.rule is not None else parent
    if is_rule_heading(parsed, outline):
        doc.stats.rule_headings += 1
        return rule_heading(doc, node, text, title_text, attrs, parsed, owner, level, a, b)
    title = _plain(title_text.text) if title_text else ""
    if isinstance(owner, _RuleB):
        # a plain heading inside a rule: its rationale, its examples, or a subrule
        if _RATIONALE_TITLE.match(title):
            return _SecB(title, None, a, b, level, rule=owner, role="rationale")
        if _EXAMPLES_TITLE.match(title):
            return _SecB(title, None, a, b, level, rule=owner)
        sub = doc.new_rule("subrule", a, b, level, origin="heading")
        sub.text = title_text.prose(doc.src) if title_text else None
        if parsed and parsed["id"]:
            explicit_id(doc, sub, parsed["id"], attrs, text)
        else:
            doc.point_id(sub, title_text, a)
        owner.body.append(sub)
        links(doc, node, sub)
        return sub
    return section(doc, title_text, title, a, b, level, parent)


def section(doc: Doc, title_text: _Text, title: str, a: int, b: int, level: int, parent) -> _SecB:
    prose = title_text.prose(doc.src) if title_text else None
    return _SecB(
        title=title or "(untitled)",
        title_span=prose.span if prose else doc.span(a, b),
        start=a,
        end=b,
        level=level,
        definitions=bool(_DEFINITIONS_TITLE.match(title)),
        hard=bool(_HARD_TITLE.search(title)) or (isinstance(parent, _SecB) and parent.hard),
    )


def rule_heading(doc: Doc, node: _Node, text: _Text, title_text: _Text, attrs, parsed, owner, level, a, b) -> _RuleB:
    kind = "subrule" if isinstance(owner, _RuleB) else "rule"
    rule = doc.new_rule(kind, a, b, level, origin="heading")
    rule.text = title_text.prose(doc.src) if title_text else None
    block_start = text.source_offset(attrs.start())
    inner = doc.text.find("{", block_start)
    close = doc.text.find("}", inner)
    if inner >= 0 and close > inner:
        rule.attributes_span = doc.span(inner, close + 1)
    if parsed["id"]:
        explicit_id(doc, rule, parsed["id"], attrs, text)
    else:
        rule.id = doc.unique(_id_slug(_plain(title_text.text) if title_text else "rule"))
        doc.point_id(rule, title_text, a)
    rule.attributes = attributes(doc, parsed, inner if inner >= 0 else a, close if close > inner else b)
    if isinstance(owner, _RuleB):
        owner.body.append(rule)
    links(doc, node, rule)
    doc.rule_ids.add(rule.id)
    return rule


def explicit_id(doc: Doc, rule: _RuleB, rid: str, attrs, text: _Text) -> None:
    rule.id = rid
    rule.auto_id = False
    doc.used_ids[rid] = doc.used_ids.get(rid, 0) + 1
    start = text.source_offset(attrs.start())
    at = doc.text.find("#" + rid, start)
    if at >= 0:
        rule.id_span = doc.span(at + 1, at + 1 + len(rid))
    doc.rule_ids.add(rid)


def attributes(doc: Doc, parsed: dict, start: int, end: int) -> list[Attribute]:
    """The attributes an attribute block gives, each with the span of its words."""
    out = []
    for key, value, _ in parsed["items"]:
        k = key.lower()
        at = doc.text.find(key, start, end)
        kspan = doc.span(at, at + len(key)) if at >= 0 else doc.span(start, end)
        if k in ("hard",) and (value is None or value.strip("\"'").lower() in ("", "true", "yes", "1")):
            out.append(Attribute.make(span=kspan, key="hard"))
        elif k in ("authority", "level", "priority") and value:
            v = value.strip("\"'")
            vat = doc.text.find(v, at if at >= 0 else start, end)
            vspan = doc.span(vat, vat + len(v)) if vat >= 0 else kspan
            full = doc.span(kspan.offset, vspan.end_offset) if vat >= 0 else kspan
            if k == "priority" and not v.isdigit():
                continue
            out.append(Attribute.make(span=full, key="priority" if k == "priority" else "level",
                                      values=[Name.make(span=vspan, value=v)]))
        elif k == "tags" and value:
            names = []
            cursor = at if at >= 0 else start
            for tag in re.split(r"[,\s]+", value.strip("\"'")):
                if not tag:
                    continue
                tat = doc.text.find(tag, cursor, end)
                names.append(Name.make(span=doc.span(tat, tat + len(tag)) if tat >= 0 else kspan, value=tag))
                if tat >= 0:
                    cursor = tat + len(tag)
            if names:
                out.append(Attribute.make(span=doc.span(kspan.offset, names[-1].span.end_offset), key="tags", values=names))
    for cls in parsed["classes"]:
        if cls.lower() == "hard" and not any(x.key == "hard" for x in out):
            at = doc.text.find("." + cls, start, end)
            out.append(Attribute.make(span=doc.span(at + 1, at + 1 + len(cls)) if at >= 0 else doc.span(start, end), key="hard"))
    return out


def _close(child, parent) -> None:
    """File a finished section or rule in its parent (a subrule was filed when it was made)."""
    if isinstance(child, _SecB) and child.rule is not None:
        child.rule.end = max(child.rule.end, child.end)
        return
    parent.end = max(parent.end, child.end)
    if isinstance(child, _SecB):
        if isinstance(parent, _SecB) and parent.rule is None:
            parent.body.append(child)
        elif isinstance(parent, _SecB):
            parent.rule.body.append(child)  # not reached: sections never open inside rules
        else:
            parent.body.append(child)
    elif isinstance(child, _RuleB):
        if isinstance(parent, _SecB) and parent.rule is None:
            parent.body.append(child)
        if isinstance(parent, _SecB) and parent.rule is not None:
            parent.rule.end = max(parent.rule.end, child.end)


# ---------------------------------------------------------------- blocks


def _run(doc: Doc, outline: Outline, run: list[_Node], ctx) -> None:
    """Read a run of blocks in `ctx`: under a rule, as its body (see `rulebody`); under a
    rationale heading, as the rule's rationale; else as a section's blocks."""
    rule = ctx.rule if isinstance(ctx, _SecB) else ctx if isinstance(ctx, _RuleB) else None
    for node in run:
        _, b = doc.node_range(node)
        ctx.end = max(ctx.end, b)
    if rule is None:
        read_blocks(doc, run, section_block, ctx)
    elif ctx.role == "rationale":
        body = [n for n in run if n.type in ("fence", "code_block", "table")]
        read_blocks(doc, [n for n in run if n not in body], rationale_block, rule)
        if body:
            read_rule_body(doc, outline, body, rule)
    else:
        read_rule_body(doc, outline, run, rule)


def read_blocks(doc: Doc, nodes: list[_Node], read, ctx) -> None:
    """Read `nodes` (a run of blocks, or the blocks in a quote) one after the other with `read`."""
    i = 0
    while i < len(nodes):
        i = read(doc, nodes, i, ctx)


def section_block(doc: Doc, nodes: list[_Node], i: int, sec: _SecB) -> int:
    node = nodes[i]
    t = node.type
    if skip(doc, node):
        return i + 1
    if t == "paragraph" or t == "heading":
        text = doc.inline_text(node)
        if not text or ignorable(doc, node, text):
            return i + 1
        s = text.text
        if _EXAMPLE.match(s):
            return orphan_example(doc, nodes, i, text)
        if sec.definitions:
            found = term(doc, text)
            if found is not None:
                sec.body.append(found)
                return i + 1
        if _gives_reason(s):
            section_rationale(doc, sec, text.rationale(doc.src))
            return i + 1
        doc.left_out(node)
        return i + 1
    if t in ("bullet_list", "ordered_list"):
        if not (sec.definitions and list_terms(doc, node, sec)):
            doc.left_out(node)
        return i + 1
    if t == "admonition" or (t == "blockquote" and is_alert(node)):
        text = container_text(doc, node)
        if text:
            section_rationale(doc, sec, Rationale.make(span=doc.span(*doc.node_range(node)), text=text.prose(doc.src)))
        return i + 1
    if t == "blockquote":
        read_blocks(doc, node.children, section_block, sec)
        return i + 1
    if t == "table":
        doc.stats.tables += 1
        rules = id_table(doc, node)
        if rules:
            sec.body.extend(rules)
        else:
            doc.left_out(node)
        return i + 1
    if t in ("fence", "code_block"):
        doc.left_out(node)
    return i + 1


def orphan_example(doc: Doc, nodes: list[_Node], i: int, text: _Text) -> int:
    """An `**Example**` outside any rule: counted, and kept nowhere."""
    doc.stats.examples += 1
    doc.stats.orphan_examples += 1
    doc.stats.skipped.append(f"line {doc.src.position(text.start)[0]}: an example outside any rule")
    doc.left_out(nodes[i])
    if i + 1 < len(nodes) and nodes[i + 1].type in ("fence", "code_block"):
        doc.left_out(nodes[i + 1])
        return i + 2
    return i + 1


def list_terms(doc: Doc, node: _Node, sec: _SecB) -> int:
    """`**Term**: definition` bullets of a definitions section, as terms; how many."""
    terms = 0
    for item in node.children:
        first = item.children[0] if item.children else None
        if first is not None and first.type == "paragraph":
            found = term(doc, doc.inline_text(first))
            if found is not None:
                sec.body.append(found)
                terms += 1
    return terms


def section_rationale(doc: Doc, sec: _SecB, rationale: Rationale) -> None:
    """A section's rationale; the document's top level has none in `.mspec` (the text is skipped)."""
    if sec.level == 0:
        doc.stats.skipped.append(f"line {rationale.span.line}: a rationale outside any section or rule")
        doc.stats.left_out.append((rationale.span.offset, rationale.span.end_offset))
        return
    sec.body.append(rationale)


def rationale_block(doc: Doc, nodes: list[_Node], i: int, rule: _RuleB) -> int:
    node = nodes[i]
    if skip(doc, node):
        return i + 1
    text = container_text(doc, node) if node.children else doc.inline_text(node)
    if text and not ignorable(doc, node, text):
        rule.body.append(Rationale.make(span=doc.span(*doc.node_range(node)), text=text.prose(doc.src)))
        links(doc, node, rule)
    return i + 1
