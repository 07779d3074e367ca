"""`speclint diff OLD NEW`: what changed between two versions of a spec, rule by rule.

Rules are matched by id. A rule whose id disappeared while a rule with the
same words appeared under a new id is reported as renamed, not as removed
and added. For each matched rule: its wording, its own rationale, its level,
hardness and priority, and its section.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.model import RuleInfo, SpecModel

KINDS = (
    "added",
    "removed",
    "renamed",
    "reworded",
    "rationale-added",
    "rationale-dropped",
    "rationale-changed",
    "level-changed",
    "hardness-changed",
    "priority-changed",
    "moved",
)


@dataclass
class Change:
    kind: str
    rule: str
    old: str | None = None
    new: str | None = None

    def to_json(self) -> dict:
        return {"kind": self.kind, "rule": self.rule, "old": self.old, "new": self.new}


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def _text(info: RuleInfo) -> str:
    return _words(info.rule.text.text if info.rule.text else "")


def _rationale(info: RuleInfo) -> str:
    return _words(" ".join(r.text.text for r in info.own_rationales()))


def diff(old: SpecModel, new: SpecModel) -> list[Change]:
    old_rules = {r.id: r for r in old.rules if r.path == old.root.path}
    new_rules = {r.id: r for r in new.rules if r.path == new.root.path}
    changes: list[Change] = []
    gone = [rid for rid in old_rules if rid not in new_rules]
    came = [rid for rid in new_rules if rid not in old_rules]
    by_text = {}
    for rid in gone:
        by_text.setdefault(_text(old_rules[rid]), []).append(rid)
    renamed: dict[str, str] = {}
    for rid in came:
        candidates = by_text.get(_text(new_rules[rid]))
        if candidates and _text(new_rules[rid]):
            renamed[candidates.pop(0)] = rid
    for rid in gone:
        if rid in renamed:
            changes.append(Change("renamed", renamed[rid], rid, renamed[rid]))
        else:
            changes.append(Change("removed", rid, _text(old_rules[rid]), None))
    for rid in came:
        if rid not in renamed.values():
            changes.append(Change("added", rid, None, _text(new_rules[rid])))
    pairs = [(old_rules[rid], new_rules[rid]) for rid in old_rules if rid in new_rules]
    pairs += [(old_rules[o], new_rules[n]) for o, n in renamed.items()]
    for a, b in pairs:
        rid = b.id
        if _text(a) != _text(b):
            changes.append(Change("reworded", rid, _text(a), _text(b)))
        ra, rb = _rationale(a), _rationale(b)
        if ra != rb:
            kind = "rationale-added" if not ra else "rationale-dropped" if not rb else "rationale-changed"
            changes.append(Change(kind, rid, ra or None, rb or None))
        if a.rule.level != b.rule.level:
            changes.append(Change("level-changed", rid, a.rule.level, b.rule.level))
        if a.rule.hard != b.rule.hard:
            changes.append(Change("hardness-changed", rid, "hard" if a.rule.hard else "not hard", "hard" if b.rule.hard else "not hard"))
        if a.rule.priority != b.rule.priority:
            changes.append(Change("priority-changed", rid, _opt(a.rule.priority), _opt(b.rule.priority)))
        if a.section_path != b.section_path:
            changes.append(Change("moved", rid, " > ".join(a.section_path) or "(top level)", " > ".join(b.section_path) or "(top level)"))
    order = {k: i for i, k in enumerate(KINDS)}
    changes.sort(key=lambda c: (order[c.kind], c.rule))
    return changes


def _opt(value) -> str | None:
    return None if value is None else str(value)


def render_text(changes: list[Change], old_name: str, new_name: str) -> str:
    """The changes, one a line; rule ids, words and file names escaped (`specdsl.cli.report.escape`)."""
    from ..core.escape import escape

    def shown(value: str | None) -> str | None:
        return None if value is None else escape(value)

    old_name, new_name = escape(old_name), escape(new_name)
    changes = [Change(c.kind, escape(c.rule), shown(c.old), shown(c.new)) for c in changes]
    if not changes:
        return f"No rule-level changes between {old_name} and {new_name}.\n"
    lines = [f"Rule-level changes from {old_name} to {new_name}:"]
    marks = {"added": "+", "removed": "-", "renamed": "~"}
    for c in changes:
        mark = marks.get(c.kind, "~")
        if c.kind == "added":
            lines.append(f"{mark} {c.rule} added: {_short(c.new)}")
        elif c.kind == "removed":
            lines.append(f"{mark} {c.rule} removed: {_short(c.old)}")
        elif c.kind == "renamed":
            lines.append(f"{mark} {c.old} renamed to {c.new}")
        elif c.kind == "reworded":
            lines.append(f"{mark} {c.rule} reworded:\n    was: {_short(c.old)}\n    now: {_short(c.new)}")
        elif c.kind == "rationale-added":
            lines.append(f"{mark} {c.rule} rationale added: {_short(c.new)}")
        elif c.kind == "rationale-dropped":
            lines.append(f"! {c.rule} rationale dropped (was: {_short(c.old)})")
        elif c.kind == "rationale-changed":
            lines.append(f"{mark} {c.rule} rationale changed")
        else:
            what = c.kind.replace("-changed", "")
            lines.append(f"{mark} {c.rule} {what}: {c.old or '-'} -> {c.new or '-'}")
    counts = {}
    for c in changes:
        counts[c.kind] = counts.get(c.kind, 0) + 1
    lines.append(", ".join(f"{n} {k}" for k, n in counts.items()))
    return "\n".join(lines) + "\n"


def _short(text: str | None, width: int = 100) -> str:
    text = text or ""
    return text if len(text) <= width else text[: width - 1] + "…"
