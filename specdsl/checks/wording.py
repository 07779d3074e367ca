"""Advice in the file's own terms: what a finding tells the author to write.

A `.mspec` file has lines for everything a check asks for (`rationale:`,
`precedence:`, `when:`, `unless:`, `see:`, a `levels:` line in the `spec`
header, `term`). A Markdown spec, a system prompt or an agent instruction
file has none of them: its author writes sentences, links, front matter and,
for what the text cannot say, the configuration. A check asks `advice(model,
path, KEY)` for the words of its hint, and gets the form that fits the file
the finding is in; which front end read it is known already (`Spec.source_format`),
so nothing is detected again here.

`tests/test_file_terms.py` lints Markdown and prompt files that make every
check fire and holds every message and fix title to this.
"""

from __future__ import annotations

from ..model.model import SpecModel

#: KEY -> (the `.mspec` words, the words for a Markdown or prompt file).
ADVICE: dict[str, tuple[str, str]] = {
    "reason": (
        "add a `rationale:` naming the value it protects (or one on its section)",
        'add a sentence after it saying why ("This matters because …"), naming the value it '
        "protects (or a paragraph that explains its whole section)",
    ),
    "list-reason": (
        "add a rationale saying what the list is for",
        'add a sentence after the list saying what it is for ("This matters because …")',
    ),
    "restates": ("this rationale", "this explanation"),
    "stub-title": (
        "add a rationale stub to fill in with the rule's reason",
        'add a sentence to fill in with the rule\'s reason ("This matters because …")',
    ),
    "order": (
        "add `precedence:`, `overrides:` or levels, or narrow one rule with `when:`/`unless:`",
        "say which wins in the configuration's `precedence` list (the text alone cannot order "
        'them), or narrow one rule with a condition in its sentence ("only when …", "unless …")',
    ),
    "narrow": (
        "say which wins or narrow one with `when:`/`unless:`",
        "say which wins in the configuration's `precedence` list, or narrow one with a condition "
        'in its sentence ("only when …", "unless …")',
    ),
    "acknowledge": (
        "say so here with `unless:` or `see: {other}`",
        'say so in its sentence ("… unless …") or link to it (`[…](#{other})`)',
    ),
    "escape": (
        "name the cases where it does not apply (an `unless:` line) or drop the clause",
        'name the cases where it does not apply in the sentence ("unless …") or drop the clause',
    ),
    "oversight": (
        "add a rationale or an `unless:` line for oversight",
        "add a sentence giving the reason, or one saying that being paused, corrected or shut down "
        "by a legitimate principal is never such an action",
    ),
    "no-levels": (
        "add `levels: …` (highest first) to the `spec` header",
        "declare them, highest first, in front matter (`speclint: {levels: [...]}`) or in the "
        "configuration's `levels` list",
    ),
    "define": (
        "say what it stands for or define it with a `term`",
        "say what it stands for or define it under a Definitions heading (`**word**: what it means`)",
    ),
    "not-hard": ("(or drop `hard`)", "(or, if it is a preference, do not mark it hard)"),
    "criteria": ("(subrules or an example)", "(a list under it or an example)"),
    "empty": ("write what it requires after the colon", "write what it requires under its heading"),
    "this-spec": ("a rule of this spec", "a rule of this document"),
}


def in_prose(model: SpecModel, path: str | None) -> bool:
    """Whether the model's document at `path` was read from Markdown or a prompt
    file (any front end but the `.mspec` grammar)."""
    return model.in_prose(path)


def advice(model: SpecModel, path: str | None, key: str, **names: str) -> str:
    """The words of hint `key` for a finding in the document at `path`
    (`names` fill its placeholders, such as `{other}`)."""
    mspec, prose = ADVICE[key]
    words = prose if in_prose(model, path) else mspec
    for name, value in names.items():
        words = words.replace("{" + name + "}", value)
    return words
