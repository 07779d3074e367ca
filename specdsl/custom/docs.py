"""The documentation of a custom check (`speclint rule X001`, hover), made from its entry."""

from __future__ import annotations

KIND_SUMMARY = {
    "existence": "Words, phrases or a pattern that must not occur",
    "substitution": "A word or phrase to write another way",
    "occurrence": "A count per rule out of bounds",
    "require": "A rule that lacks what this project requires of it",
    "forbid": "A rule that has what this project forbids",
}

SCOPES = {
    "text": "rule text (with its when and unless lines)",
    "rationale": "the rule's own rationale",
    "examples": "the rule's examples",
    "all": "rule text, rationale and examples",
}


def sections_of(entry) -> tuple[str, dict[str, str]]:
    """(docstring, sections) in the four sections every check documents."""
    finds = [f"{entry.message}", "", f"A custom check of kind `{entry.kind}` from this project's configuration ({KIND_SUMMARY[entry.kind].lower()})."]
    finds += ["", _detail(entry)]
    selection = _selection(entry.rules)
    if selection:
        finds += ["", f"It looks at {selection}."]
    why = "A house rule of this project: the configuration says so."
    if entry.link:
        why += f" See {entry.link}"
    example = _example(entry)
    fix = _fix(entry)
    sections = {"What it finds": "\n".join(finds), "Why it matters": why, "Example": example, "Fix": fix}
    doc = "\n\n".join(f"{name}:\n{text}" for name, text in sections.items())
    return doc, sections


def _detail(entry) -> str:
    kind = entry.kind
    if kind == "existence":
        what = []
        if entry.tokens:
            what.append("any of " + ", ".join(f'"{t}"' for t in entry.tokens))
        if entry.pattern:
            what.append(f"text matching the pattern `{entry.pattern}`")
        return f"Reports {' or '.join(what)} in the {SCOPES[entry.scope]}."
    if kind == "substitution":
        pairs = "; ".join(f'"{a}" -> "{b}"' for a, b in entry.swap.items())
        return f"Reports, in the {SCOPES[entry.scope]}: {pairs}."
    if kind == "occurrence":
        bounds = []
        if entry.min is not None:
            bounds.append(f"at least {entry.min}")
        if entry.max is not None:
            bounds.append(f"at most {entry.max}")
        return f"Each rule's {SCOPES[entry.scope]} must have {' and '.join(bounds)} {entry.count}."
    parts = list(entry.has)
    if entry.subrule_count is not None:
        if entry.subrule_count.min is not None:
            parts.append(f"at least {entry.subrule_count.min} subrules")
        if entry.subrule_count.max is not None:
            parts.append(f"at most {entry.subrule_count.max} subrules")
    said = ", ".join(parts)
    if kind == "require":
        return f"Each rule must have: {said}."
    return f"No rule may have all of: {said}."


def _selection(rules) -> str:
    parts = []
    if rules.section:
        parts.append(f'rules under a section matching "{rules.section}"')
    if rules.level:
        parts.append(f"rules of level {rules.level}")
    if rules.tag:
        parts.append(f"rules tagged {rules.tag}")
    if rules.hard is not None:
        parts.append("hard rules" if rules.hard else "rules that are not hard")
    if not rules.subrules:
        parts.append("top-level rules only")
    return "; ".join(parts)


def _example(entry) -> str:
    if entry.kind == "existence" and entry.tokens:
        return f"rule A1: ... {entry.tokens[0]} ..."
    if entry.kind == "substitution":
        observed = next(iter(entry.swap))
        return f"rule A1: ... {observed} ..."
    return "See the configuration entry of this code."


def _fix(entry) -> str:
    if entry.kind == "substitution":
        return "Write the expected word: `speclint fix` or the editor's quick fix writes it (a safe fix: the one change to the author's words that the team's configuration asked for)."
    if entry.kind == "existence":
        return "Reword the rule without it."
    if entry.kind == "occurrence":
        return "Split or shorten the rule, or say more, to stay within the bounds."
    if entry.kind == "require":
        return "Add what the rule lacks."
    return "Remove what the rule must not have."
