"""Hover: a rule's text, level, hardness and rationale on its id; a term's
definition; a check's documentation on a finding; on a conflict (C001, C002,
C004), both rules side by side and the ways to settle it."""

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


#: The findings about two rules that pull against each other.
CONFLICT_CODES = ("C001", "C002", "C004")


def _cell(text: str) -> str:
    """Text for one cell of a Markdown table: one line, its pipes escaped."""
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|") or "—"


def _conditions(info, kind: str) -> list[str]:
    """The rule's `when:` or `unless:` texts, its own and those of the rules it is nested in."""
    from specdsl.syntax.ast import Condition

    return [
        item.text.text
        for owner in info.ancestors()
        for item in owner.rule.body
        if isinstance(item, Condition) and item.kind == kind and item.text is not None
    ]


def conflict_markdown(model, diagnostic) -> str | None:
    """Both rules of a conflict finding side by side (text, level, section, conditions),
    then the edits that settle it, in the file's terms (`.mspec` lines, or the
    configuration and the sentence for Markdown and prompts)."""
    from specdsl.checks.wording import in_prose

    this = model.rule(diagnostic.rule) if diagnostic.rule else None
    other_id = next((r.rule for r in diagnostic.related if r.rule and r.rule != diagnostic.rule), None)
    other = model.rule(other_id) if other_id else None
    if this is None or other is None:
        return None
    pair = (this, other)
    rows = [
        ("rule", *(f"**{i.id}**" for i in pair)),
        ("text", *(_cell(i.rule.text.text if i.rule.text else "") for i in pair)),
        ("level", *(_cell(f"`{i.level}`" if i.level else "") for i in pair)),
        ("hard", *("yes" if i.rule.hard else "no" for i in pair)),
        ("section", *(_cell(" › ".join(i.section_path)) for i in pair)),
        ("when", *(_cell("; ".join(_conditions(i, "when"))) for i in pair)),
        ("unless", *(_cell("; ".join(_conditions(i, "unless"))) for i in pair)),
    ]
    if this.path != other.path:
        import os

        rows.append(("file", *(_cell(f"`{os.path.basename(i.path or '')}`") for i in pair)))
    lines = [f"**{diagnostic.code}**: `{this.id}` and `{other.id}`", ""]
    lines.append(f"| {' | '.join(rows[0])} |")
    lines.append("|---|---|---|")
    lines += [f"| {' | '.join(row)} |" for row in rows[1:]]
    a, b = this.id, other.id
    lines += ["", "*To settle it* (one of):", ""]
    if diagnostic.fix is not None:
        lines.append(f"- {diagnostic.fix.message} (quick fix)")
    if in_prose(model, this.path):
        if diagnostic.fix is None:
            lines.append(f"- say which wins: `precedence: [\"{a} > {b}\"]` in the configuration (or `{b} > {a}`)")
        lines += [
            f"- write the exception into `{a}`'s sentence: \"… unless …\", naming where `{b}` applies",
            f"- narrow `{b}` with a condition in its sentence (\"only when …\") so that the two never meet",
        ]
    else:
        fixed = diagnostic.fix.message if diagnostic.fix is not None else ""
        if "precedence:" not in fixed:
            lines.append(f"- say which wins: `precedence: {a} > {b}` (or `{b} > {a}`), or `overrides: {b}` on `{a}`")
        else:
            lines.append(f"- or `overrides: {b}` on `{a}` (or `overrides: {a}` on `{b}`)")
        if "unless:" not in fixed:
            lines.append(f"- an `unless:` line on `{a}` naming the case where `{b}` applies (a declared exception)")
        lines.append(f"- narrow `{b}` (or `{a}`) with `when:` so that the two never apply together")
    lines.append(f"- if they do not conflict: `# speclint: ignore[{diagnostic.code}] reason: …`")
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


def unread_at(view, offset: int):
    """The passage of a Markdown or prompt document at `offset` that was not read as a rule
    (`tools.readout.unread_text`), or None: an author hovering a sentence learns why it is no
    rule. A file read by its markup, or a bad configuration, gives None."""
    if getattr(view.spec, "source_format", "mspec") == "mspec":
        return None
    from specdsl.tools.readout import unread_text
    from specdsl.workspace.config import ConfigError, config_for

    try:
        reading = config_for(view.path).reading_for(view.path)
    except ConfigError:
        return None
    mode, found = unread_text(view.text, view.path, reading)
    if mode != "prose":
        return None
    return next((u for u in found if u.span.offset <= offset < u.span.end_offset), None)


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
    pairs: set[tuple] = set()
    for d in view.diagnostics:
        if not d.span.offset <= offset <= max(d.span.end_offset, d.span.offset + 1):
            continue
        if d.code in CONFLICT_CODES:
            key = (d.code, d.rule, tuple(r.rule for r in d.related))
            table = conflict_markdown(view.model, d) if key not in pairs else None
            pairs.add(key)
            if table:
                blocks.append(table)
        if d.code not in codes:
            codes.append(d.code)
    for code in codes:
        doc = check_markdown(code)
        if doc:
            blocks.append(doc)
    rng = view.index.range(target.span) if target is not None else None
    if not blocks and target is None:
        passage = unread_at(view, offset)
        if passage is not None:
            blocks.append(
                f"**Not read as a rule**: {passage.reason}.\n\n"
                'A statement that obliges, forbids or permits ("must", "never", "may", a command) is read as one.'
            )
            rng = view.index.range(passage.span)
    if not blocks:
        return None
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(blocks)),
        range=rng,
    )
