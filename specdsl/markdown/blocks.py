"""Blocks: paragraphs, lists and containers in a section or in a rule.

A block is read in its context: in a section it may be a term, a lead-in rule
with its list (inference mode), a rationale, or nothing; in a rule it is a
subrule (a paragraph, its explanation split off as a rationale), a list of
subrules, a rationale, an example or a table of subrules.
"""

from __future__ import annotations

import re

from ..syntax.ast import Attribute, Example, Rationale
from .base import _ReaderBase
from .patterns import _EXAMPLE, _REASON, _gives_reason, _id_slug, _instructs, _reason_split
from .source import _Text
from .state import _RuleB, _SecB
from .tokens import _Node


class _Blocks(_ReaderBase):
    # -- blocks --------------------------------------------------------------
    def _block(self, nodes: list[_Node], i: int, ctx) -> int:
        """Read the block `nodes[i]` in context `ctx` (a rule or a section); returns the next index."""
        node = nodes[i]
        if isinstance(ctx, _SecB) and ctx.rule is not None:
            rule = ctx.rule
            a, b = self.node_range(node)
            ctx.end = max(ctx.end, b)
            if ctx.role == "rationale":
                return self._rationale_block(nodes, i, rule)
            return self._rule_block(nodes, i, rule)
        a, b = self.node_range(node)
        ctx.end = max(ctx.end, b)
        if isinstance(ctx, _RuleB):
            if ctx.role == "rationale":
                return self._rationale_block(nodes, i, ctx)
            return self._rule_block(nodes, i, ctx)
        return self._section_block(nodes, i, ctx)

    def _read_blocks(self, nodes: list[_Node], start: int, read, ctx) -> None:
        """Read `nodes[start:]` (the blocks in a quote or a list item) one after the
        other with `read` (`_section_block` or `_rule_block`) in context `ctx`."""
        i = start
        while i < len(nodes):
            i = read(nodes, i, ctx)

    def _skip(self, node: _Node) -> bool:
        """Blocks that are never content: HTML (but suppressions), rules (hr), footnotes, front matter."""
        t = node.type
        if t == "html_block":
            self._html(node)
            return True
        return t in ("hr", "footnote_block", "footnote", "front_matter", "footnote_reference_open")

    def _section_block(self, nodes: list[_Node], i: int, sec: _SecB) -> int:
        node = nodes[i]
        t = node.type
        if self._skip(node):
            return i + 1
        if t == "paragraph" or t == "heading":
            text = self.inline_text(node)
            if not text or self._ignorable(node, text):
                return i + 1
            s = text.text
            if _EXAMPLE.match(s):
                self.stats.examples += 1
                self.stats.orphan_examples += 1
                self.stats.skipped.append(f"line {self.src.position(text.start)[0]}: an example outside any rule")
                self.last_rule = None
                self._left_out(node)
                if i + 1 < len(nodes) and nodes[i + 1].type in ("fence", "code_block"):
                    self._left_out(nodes[i + 1])
                    return i + 2
                return i + 1
            if sec.definitions:
                term = self._term(text)
                if term is not None:
                    sec.body.append(term)
                    return i + 1
            nxt = nodes[i + 1] if i + 1 < len(nodes) else None
            if (
                not self.attribute_mode
                and nxt is not None
                and nxt.type in ("bullet_list", "ordered_list")
                and s.rstrip().endswith(":")
                and _instructs(s)
            ):
                rule = self._lead_in_rule(node, text, nxt, sec)
                sec.body.append(rule)
                self.last_rule = rule
                return i + 2
            if _gives_reason(s) or (self.last_rule is not None and _REASON.search(s)):
                rationale = Rationale.make(span=text.prose(self.src).span, text=text.prose(self.src))
                if self.last_rule is not None:
                    self.last_rule.body.append(rationale)
                    self.last_rule.end = max(self.last_rule.end, text.end)
                else:
                    self._section_rationale(sec, rationale)
                return i + 1
            self.last_rule = None
            self._left_out(node)
            return i + 1
        if t in ("bullet_list", "ordered_list"):
            terms = 0
            if sec.definitions:
                for item in node.children:
                    first = item.children[0] if item.children else None
                    if first is not None and first.type == "paragraph":
                        term = self._term(self.inline_text(first))
                        if term is not None:
                            sec.body.append(term)
                            terms += 1
            if not terms:
                self._left_out(node)
            self.last_rule = None
            return i + 1
        if t == "admonition" or (t == "blockquote" and self._alert(node)):
            text = self._container_text(node)
            if text:
                prose = text.prose(self.src)
                target = self.last_rule
                rationale = Rationale.make(span=self.span(*self.node_range(node)), text=prose)
                if target is not None:
                    target.body.append(rationale)
                else:
                    self._section_rationale(sec, rationale)
            return i + 1
        if t == "blockquote":
            self._read_blocks(node.children, 0, self._section_block, sec)
            return i + 1
        if t == "table":
            self.stats.tables += 1
            rules = self._table(node, None)
            if rules:
                sec.body.extend(rules)
            else:
                self._left_out(node)
            return i + 1
        if t in ("fence", "code_block"):
            self._left_out(node)
        return i + 1

    def _left_out(self, node: _Node) -> None:
        a, b = self.node_range(node)
        if b > a:
            self.stats.left_out.append((a, b))

    def _section_rationale(self, sec: _SecB, rationale: Rationale) -> None:
        """A section's rationale; the document's top level has none in `.mspec` (the text is skipped)."""
        if sec.level == 0:
            self.stats.skipped.append(f"line {rationale.span.line}: a rationale outside any section or rule")
            self.stats.left_out.append((rationale.span.offset, rationale.span.end_offset))
            return
        sec.body.append(rationale)

    def _rationale_block(self, nodes: list[_Node], i: int, rule: _RuleB) -> int:
        node = nodes[i]
        if self._skip(node):
            return i + 1
        if node.type in ("fence", "code_block", "table"):
            return self._rule_block(nodes, i, rule)
        text = self._container_text(node) if node.children else self.inline_text(node)
        if text and not self._ignorable(node, text):
            prose = text.prose(self.src)
            rule.body.append(Rationale.make(span=self.span(*self.node_range(node)), text=prose))
            self._links(node, rule)
        return i + 1

    def _rule_block(self, nodes: list[_Node], i: int, rule: _RuleB) -> int:
        node = nodes[i]
        t = node.type
        a, b = self.node_range(node)
        rule.end = max(rule.end, b)
        if self._skip(node):
            return i + 1
        if t in ("paragraph", "heading"):
            text = self.inline_text(node)
            if not text or self._ignorable(node, text):
                return i + 1
            s = text.text
            head = _EXAMPLE.match(s)
            if head:
                return self._example(nodes, i, rule, text, head.end())
            if _gives_reason(s):
                prose = text.prose(self.src)
                rule.body.append(Rationale.make(span=prose.span, text=prose))
                self._links(node, rule)
                return i + 1
            sub = self._paragraph_rule(rule, text, a, b)
            self._links(node, sub)
            nxt = nodes[i + 1] if i + 1 < len(nodes) else None
            if nxt is not None and nxt.type in ("bullet_list", "ordered_list") and s.rstrip().endswith(":"):
                self._list(nxt, sub)
                return i + 2
            return i + 1
        if t in ("bullet_list", "ordered_list"):
            self._list(node, rule)
            return i + 1
        if t == "admonition" or (t == "blockquote" and self._alert(node)):
            text = self._container_text(node)
            if text:
                rule.body.append(Rationale.make(span=self.span(a, b), text=text.prose(self.src)))
                self._links(node, rule)
            return i + 1
        if t == "blockquote":
            self._read_blocks(node.children, 0, self._rule_block, rule)
            return i + 1
        if t == "fence":
            items, refs = self._transcript(node)
            if items:
                self.stats.examples += 1
                rule.body.append(Example.make(span=self.span(a, b), text=None, items=items))
                rule.links.extend(refs)
            return i + 1
        if t == "table":
            self.stats.tables += 1
            subs = self._table(node, rule)
            for sub in subs:
                rule.body.append(sub)
            return i + 1
        return i + 1

    def _paragraph_rule(self, parent: _RuleB, text: _Text, a: int, b: int) -> _RuleB:
        """A paragraph under a rule: a subrule, its explanation split off as its rationale."""
        sub = self._new_rule("subrule", parent, a, b)
        s = text.text
        cut = _reason_split(s)
        if cut is not None:
            own, why = text.cut(0, cut, self.text), text.cut(cut, len(s), self.text)
            sub.text = own.prose(self.src)
            if why:
                prose = why.prose(self.src)
                sub.body.append(Rationale.make(span=prose.span, text=prose))
            self._point_id(sub, own, a)
        else:
            sub.text = text.prose(self.src)
            self._point_id(sub, text, a)
        parent.body.append(sub)
        return sub

    def _list(self, node: _Node, parent: _RuleB) -> None:
        for item in node.children:
            if item.type != "list_item":
                continue
            kids = item.children
            a, b = self.node_range(item)
            parent.end = max(parent.end, b)
            if not kids or kids[0].type not in ("paragraph", "heading"):
                self._read_blocks(kids, 0, self._rule_block, parent)
                continue
            text = self.inline_text(kids[0])
            if not text or self._ignorable(kids[0], text):
                continue
            sub = self._new_rule("subrule", parent, a, b)
            sub.text = text.prose(self.src)
            ma, _ = self.src.bounds(item.map[0]) if item.map else (a, a)
            marker = self.text.find((item.tok.markup or "-")[:1], ma, text.start)
            if marker >= 0 and item.tok.markup:
                mk = item.tok.markup
                if node.type == "ordered_list":
                    m = re.compile(r"\d{1,9}" + re.escape(mk)).search(self.text, ma, text.start)
                    sub.id_span = self.span(m.start(), m.end()) if m else self.span(marker, marker + 1)
                else:
                    sub.id_span = self.span(marker, marker + len(mk))
            else:
                self._point_id(sub, text, a)
            parent.body.append(sub)
            self._links(kids[0], sub)
            self._read_blocks(kids, 1, self._rule_block, sub)

    def _lead_in_rule(self, node: _Node, text: _Text, lst: _Node, sec: _SecB) -> _RuleB:
        """Inference mode: "Claude should never:" and its list, as one rule."""
        a, _ = self.node_range(node)
        _, b = self.node_range(lst)
        rule = self._new_rule("rule", None, a, b)
        rule.auto_id = False
        base = _id_slug(sec.title) if sec.title and sec.title != "(untitled)" else "rule"
        rule.id = self._unique(base)
        rule.text = text.prose(self.src)
        self._point_id(rule, text, a)
        if sec.hard:
            rule.attributes = [Attribute.make(span=rule.id_span, key="hard")]
        self._links(node, rule)
        self._list(lst, rule)
        self.rule_ids.add(rule.id)
        return rule
