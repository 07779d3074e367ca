"""Completion: keywords valid at the cursor, rule ids after `see:`,
`overrides:` and `precedence:`, level names inside `[level: …]`, term names."""

from __future__ import annotations

import re

from lsprotocol import types

TOP = ["rule", "section", "term", "precedence:", "include"]
IN_SECTION = ["rule", "section", "rationale:", "term", "precedence:"]
IN_RULE = ["rationale:", "subrule", "example:", "when:", "unless:", "overrides:", "see:"]
IN_EXAMPLE = ["prompt:", "good:", "bad:", "note:"]
IN_HEADER = ["version:", "owner:", "summary:", "levels:"]
SNIPPETS = {
    "rule": "rule ${1:ID}: ${2:text}\n${TM_CURRENT_LINE/^(\\s*).*/$1/}  rationale: ${3:why}",
    "subrule": "subrule ${1:ID}: ${2:text}",
    "section": 'section "${1:Title}":',
    "term": 'term "${1:name}": ${2:definition}',
    "include": 'include "${1:other.mspec}"',
    "example:": "example:\n${TM_CURRENT_LINE/^(\\s*).*/$1/}  prompt: ${1}\n${TM_CURRENT_LINE/^(\\s*).*/$1/}  good: ${2}",
}


def _context(view, line: int) -> list[str]:
    """Keywords valid on a new line at `line`, from the statement it would belong to."""
    index = view.index
    current = index.line_text(line)
    indent = len(current) - len(current.lstrip(" \t"))
    for above in range(line - 1, -1, -1):
        text = index.line_text(above)
        stripped = text.lstrip(" \t")
        if not stripped or stripped.startswith("#"):
            continue
        depth = len(text) - len(stripped)
        if depth >= indent:
            continue
        word = stripped.split(":", 1)[0].split(" ", 1)[0].split("[", 1)[0]
        if word in ("rule", "subrule"):
            return IN_RULE
        if word == "example":
            return IN_EXAMPLE
        if word == "section":
            return IN_SECTION
        if word == "spec":
            return IN_HEADER
        return []  # under prose or a keyword without a block
    return TOP if not view.spec.header else TOP


def completions(view, position: types.Position) -> types.CompletionList:
    if not 0 <= position.line < len(view.index.starts):
        return types.CompletionList(is_incomplete=False, items=[])  # past the end: nothing to complete
    line_text = view.index.line_text(position.line)
    offset = view.index.offset(position)
    line_start = view.index.starts[position.line]
    before = view.text[line_start:offset]
    items: list[types.CompletionItem] = []
    ids = [info.id for info in view.model.rules]
    if re.match(r"^\s*(see|overrides)\s*:", before) or re.match(r"^\s*precedence\s*:", before):
        for info in view.model.rules:
            text = info.rule.text.text if info.rule.text else ""
            items.append(
                types.CompletionItem(label=info.id, kind=types.CompletionItemKind.Reference, detail=text[:80] or None)
            )
        return types.CompletionList(is_incomplete=False, items=items)
    if re.search(r"\blevel\s*:\s*[\w-]*$", before) and "[" in before:
        for level in view.model.levels:
            items.append(types.CompletionItem(label=level, kind=types.CompletionItemKind.EnumMember))
        return types.CompletionList(is_incomplete=False, items=items)
    if re.search(r"\[[^\]]*$", before):
        for attr in ("hard", "level: ", "priority: ", "tags: "):
            items.append(types.CompletionItem(label=attr.strip(), insert_text=attr, kind=types.CompletionItemKind.Property))
        return types.CompletionList(is_incomplete=False, items=items)
    stripped = before.strip()
    if not stripped or re.fullmatch(r"[a-z]+", stripped):
        for keyword in _context(view, position.line):
            snippet = SNIPPETS.get(keyword)
            items.append(
                types.CompletionItem(
                    label=keyword,
                    kind=types.CompletionItemKind.Keyword,
                    insert_text=snippet or keyword + ("" if keyword.endswith(":") else " "),
                    insert_text_format=types.InsertTextFormat.Snippet if snippet else types.InsertTextFormat.PlainText,
                )
            )
    else:
        # inside prose: terms of the glossary
        for term, _ in view.model.terms.values():
            items.append(
                types.CompletionItem(
                    label=term.name,
                    kind=types.CompletionItemKind.Constant,
                    detail=(term.definition.text[:80] if term.definition else None),
                )
            )
    del ids, line_text
    return types.CompletionList(is_incomplete=False, items=items)
