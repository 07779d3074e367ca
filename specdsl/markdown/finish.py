"""The end of reading: links resolved, ids numbered, the tree frozen.

Links to a section's anchor are dropped (navigation); automatic subrule ids
are numbered PARENT.N; the `_RuleB`/`_SecB` under construction become the
AST's `Rule` and `Section` (a rule's subrules before it, without recursion).
"""

from __future__ import annotations

from ..syntax.ast import RefList, Rule, Section
from .base import _ReaderBase
from .state import _RuleB, _SecB


class _Finish(_ReaderBase):
    # -- the end -------------------------------------------------------------
    def _resolve_links(self) -> None:
        for rule in self.all_rules:
            if not rule.links:
                continue
            kept = []
            for ref in rule.links:
                if ref.value not in self.rule_ids and ref.value in self.anchors:
                    self.stats.section_links += 1
                    continue
                kept.append(ref)
            rule.links = kept

    def _finish_body(self, body: list) -> list:
        out = []
        for item in body:
            if isinstance(item, _SecB):
                out.append(self._finish_section(item))
            elif isinstance(item, _RuleB):
                out.append(self._finish_rule(item, None))
            else:
                out.append(item)
        return out

    def _finish_section(self, sec: _SecB) -> Section:
        body = self._finish_body(sec.body)
        return Section.make(
            span=self.span(sec.start, max(sec.end, sec.start)),
            title=sec.title,
            title_span=sec.title_span or self.span(sec.start, sec.start),
            body=body,
        )

    def _finish_rule(self, top: _RuleB, parent_id: str | None) -> Rule:
        """The built rule, its subrules numbered PARENT.N (N counts all the parent's subrules)."""
        self._resolve_ids(top, parent_id)
        return self._freeze(top)

    def _resolve_ids(self, top: _RuleB, parent_id: str | None) -> None:
        work = [(top, parent_id)]
        while work:
            rule, pid = work.pop()
            n = 0
            for child in rule.body:
                if isinstance(child, _RuleB):
                    n += 1
                    if child.auto_id:
                        child.id = f"{rule.id}.{n}"
                    work.append((child, rule.id))

    def _freeze(self, top: _RuleB) -> Rule:
        # depth-first without recursion: build children before parents
        order: list[_RuleB] = []
        stack = [top]
        while stack:
            rule = stack.pop()
            order.append(rule)
            stack.extend(c for c in rule.body if isinstance(c, _RuleB))
        built: dict[int, Rule] = {}
        for rule in reversed(order):
            body = []
            for child in rule.body:
                body.append(built[id(child)] if isinstance(child, _RuleB) else child)
            if rule.links:
                refs = sorted(rule.links, key=lambda r: r.span.offset)
                body.append(RefList.make(span=refs[0].span.to(refs[-1].span), kind="link", refs=refs))
            end = max(rule.end, rule.start)
            for child in body:
                end = max(end, child.span.end_offset)
            built[id(rule)] = Rule.make(
                span=self.span(rule.start, end),
                kind=rule.kind,
                id=rule.id,
                id_span=rule.id_span,
                auto_id=rule.auto_id,
                attributes=rule.attributes,
                attributes_span=rule.attributes_span,
                text=rule.text,
                body=body,
            )
        return built[id(top)]
