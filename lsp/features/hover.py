"""Hover: a rule's text, level, hardness and rationale on its id; a term's
definition; a check's documentation on a finding."""

from __future__ import annotations

from lsprotocol import types

from .locate import target_at


def rule_markdown(info) -> str:
    rule = info.rule
    facts = [f"**{info.id}**", rule.kind]
    if rule.hard:
        facts.append("hard")
    if info.level:
        facts.append(f"level `{info.level}`")
    if info.priority is not None:
        facts.append(f"priority {info.priority}")
    if info.section_path:
        facts.append("in " + " › ".join(info.section_path))
    lines = [" · ".join(facts), "", rule.text.text if rule.text else "*(no text)*"]
    own = info.own_rationales()
    inherited = info.inherited_rationales()
    if own:
        lines += ["", "**Rationale:** " + " ".join(r.text.text for r in own)]
    elif inherited:
        lines += ["", "**Rationale** (inherited): " + inherited[0].text.text]
    else:
        lines += ["", "*No rationale: nothing says why this rule exists.*"]
    counts = []
    if rule.subrules:
        counts.append(f"{len(rule.subrules)} subrule{'s' if len(rule.subrules) != 1 else ''}")
    if rule.examples:
        counts.append(f"{len(rule.examples)} example{'s' if len(rule.examples) != 1 else ''}")
    if counts:
        lines += ["", ", ".join(counts)]
    return "\n".join(lines)


def check_markdown(code: str) -> str | None:
    from specdsl import checks

    check = checks.get(code)
    if check is None:
        return None
    parts = [f"**{check.code} {check.name}** ({check.severity.value})"]
    for section in ("What it finds", "Why it matters", "Fix"):
        text = check.sections.get(section)
        if text:
            parts += ["", f"*{section}*", "", _dedent(text)]
    return "\n".join(parts)


def _dedent(text: str) -> str:
    import textwrap

    return textwrap.dedent(text)


def hover(view, position: types.Position) -> types.Hover | None:
    offset = view.index.offset(position)
    blocks: list[str] = []
    target = target_at(view, offset)
    if target is not None:
        if target.kind in ("rule", "reference"):
            info = view.model.rule(target.name)
            if info is not None:
                blocks.append(rule_markdown(info))
            else:
                blocks.append(f"**{target.name}**: no rule has this id")
        elif target.kind in ("term", "term-use"):
            term = view.model.term(target.name)
            if term is not None:
                definition = term.definition.text if term.definition else "*(no definition)*"
                blocks.append(f"**{term.name}** (term)\n\n{definition}")
        elif target.kind == "level":
            levels = view.model.levels
            if target.name in levels:
                rank = levels.index(target.name) + 1
                blocks.append(f"level **{target.name}**: {rank} of {len(levels)} ({' > '.join(levels)})")
    codes = []
    for d in view.diagnostics:
        if d.span.offset <= offset <= max(d.span.end_offset, d.span.offset + 1) and d.code not in codes:
            codes.append(d.code)
    for code in codes:
        doc = check_markdown(code)
        if doc:
            blocks.append(doc)
    if not blocks:
        return None
    rng = view.index.range(target.span) if target is not None else None
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(blocks)),
        range=rng,
    )
