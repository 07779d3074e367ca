"""Headings: sections, rule headings with attribute blocks, and ids.

A heading closes the sections and rules at its level or deeper and opens a
section, a rule (`{#id level=…}`), or under a rule a subrule, a rationale or
an examples heading. Explicit ids (`#id`) and the attributes read from an
attribute block, with their spans, are made here; `_close` files a finished
section or rule in its parent.
"""

from __future__ import annotations

import re

from ..syntax.ast import Attribute, Name
from .base import _ReaderBase
from .patterns import _ATTR_BLOCK, _DEFINITIONS_TITLE, _EXAMPLES_TITLE, _HARD_TITLE, _RATIONALE_TITLE, _id_slug, _parse_attrs, _plain
from .source import _Text
from .state import _RuleB, _SecB
from .tokens import _Node


class _Headings(_ReaderBase):
    # -- headings ------------------------------------------------------------
    def _heading(self, node: _Node, stack: list) -> None:
        level = int(node.tok.tag[1:]) if node.tok.tag[1:].isdigit() else 6
        while len(stack) > 1 and stack[-1].level >= level:
            self._close(stack)
        parent = stack[-1]
        a, b = self.node_range(node)
        text = self.inline_text(node)
        content = text.text
        attrs = _ATTR_BLOCK.search(content)
        parsed = _parse_attrs(attrs.group(1)) if attrs else None
        title_text = text.cut(0, attrs.start(), self.text) if attrs else text
        owner = parent.rule if isinstance(parent, _SecB) and parent.rule is not None else parent
        if parsed and parsed["rule"]:
            self.stats.rule_headings += 1
            rule = self._rule_heading(node, text, title_text, attrs, parsed, owner, level, a, b)
            stack.append(rule)
            return
        title = _plain(title_text.text) if title_text else ""
        if isinstance(owner, _RuleB):
            # a plain heading inside a rule: its rationale, its examples, or a subrule
            if _RATIONALE_TITLE.match(title):
                stack.append(_SecB(title, None, a, b, level, rule=owner, role="rationale"))
                return
            if _EXAMPLES_TITLE.match(title):
                stack.append(_SecB(title, None, a, b, level, rule=owner))
                return
            sub = self._new_rule("subrule", owner, a, b, level)
            sub.text = title_text.prose(self.src) if title_text else None
            if parsed and parsed["id"]:
                self._explicit_id(sub, parsed["id"], attrs, text)
            else:
                self._point_id(sub, title_text, a)
            owner.body.append(sub)
            self._links(node, sub)
            stack.append(sub)
            return
        prose = title_text.prose(self.src) if title_text else None
        section = _SecB(
            title=title or "(untitled)",
            title_span=prose.span if prose else self.span(a, b),
            start=a,
            end=b,
            level=level,
            definitions=bool(_DEFINITIONS_TITLE.match(title)),
            hard=bool(_HARD_TITLE.search(title)) or (isinstance(parent, _SecB) and parent.hard),
        )
        self.last_rule = None
        stack.append(section)

    def _rule_heading(self, node, text: _Text, title_text: _Text, attrs, parsed, owner, level, a, b) -> _RuleB:
        kind = "subrule" if isinstance(owner, _RuleB) else "rule"
        rule = self._new_rule(kind, owner if isinstance(owner, _RuleB) else None, a, b, level)
        rule.text = title_text.prose(self.src) if title_text else None
        block_start = text.source_offset(attrs.start())
        inner = self.text.find("{", block_start)
        close = self.text.find("}", inner)
        if inner >= 0 and close > inner:
            rule.attributes_span = self.span(inner, close + 1)
        if parsed["id"]:
            self._explicit_id(rule, parsed["id"], attrs, text)
        else:
            rid = self._unique(_id_slug(_plain(title_text.text) if title_text else "rule"))
            rule.id = rid
            self._point_id(rule, title_text, a)
        rule.attributes = self._attributes(parsed, inner if inner >= 0 else a, close if close > inner else b)
        if isinstance(owner, _RuleB):
            owner.body.append(rule)
        self._links(node, rule)
        self.rule_ids.add(rule.id)
        return rule

    def _explicit_id(self, rule: _RuleB, rid: str, attrs, text: _Text) -> None:
        rule.id = rid
        rule.auto_id = False
        self.used_ids[rid] = self.used_ids.get(rid, 0) + 1
        start = text.source_offset(attrs.start())
        at = self.text.find("#" + rid, start)
        if at >= 0:
            rule.id_span = self.span(at + 1, at + 1 + len(rid))
        self.rule_ids.add(rid)

    def _attributes(self, parsed: dict, start: int, end: int) -> list[Attribute]:
        out = []
        for key, value, kind in parsed["items"]:
            k = key.lower()
            at = self.text.find(key, start, end)
            kspan = self.span(at, at + len(key)) if at >= 0 else self.span(start, end)
            if k in ("hard",) and (value is None or value.strip("\"'").lower() in ("", "true", "yes", "1")):
                out.append(Attribute.make(span=kspan, key="hard"))
            elif k in ("authority", "level", "priority") and value:
                v = value.strip("\"'")
                vat = self.text.find(v, at if at >= 0 else start, end)
                vspan = self.span(vat, vat + len(v)) if vat >= 0 else kspan
                full = self.span(kspan.offset, vspan.end_offset) if vat >= 0 else kspan
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
                    tat = self.text.find(tag, cursor, end)
                    names.append(Name.make(span=self.span(tat, tat + len(tag)) if tat >= 0 else kspan, value=tag))
                    if tat >= 0:
                        cursor = tat + len(tag)
                if names:
                    out.append(Attribute.make(span=self.span(kspan.offset, names[-1].span.end_offset), key="tags", values=names))
        for cls in parsed["classes"]:
            if cls.lower() == "hard" and not any(x.key == "hard" for x in out):
                at = self.text.find("." + cls, start, end)
                out.append(Attribute.make(span=self.span(at + 1, at + 1 + len(cls)) if at >= 0 else self.span(start, end), key="hard"))
        return out

    def _close(self, stack: list) -> None:
        node = stack.pop()
        parent = stack[-1]
        if isinstance(node, _SecB) and node.rule is not None:
            node.rule.end = max(node.rule.end, node.end)
            return
        parent.end = max(parent.end, node.end)
        if isinstance(node, _SecB):
            if isinstance(parent, _SecB) and parent.rule is None:
                parent.body.append(node)
            elif isinstance(parent, _SecB):
                parent.rule.body.append(node)  # not reached: sections never open inside rules
            else:
                parent.body.append(node)
        elif isinstance(node, _RuleB):
            if isinstance(parent, _SecB) and parent.rule is None:
                parent.body.append(node)
            # a subrule was added to its parent's body when it was made
            if isinstance(parent, _SecB) and parent.rule is not None:
                parent.rule.end = max(parent.rule.end, node.end)
