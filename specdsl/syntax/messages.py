"""Human messages for syntax errors: what was found, what was expected.

Lark speaks in terminal names (`RATIONALE_KW`, `_DEDENT`); spec authors do
not. This module turns a rejected token into a sentence, with a hint for the
mistakes authors make most.
"""

from __future__ import annotations

import re

from ..core.errors import UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from ..core import precompiled

BAD_DEDENT = (
    "this line is indented {indent} spaces, between the enclosing blocks at {outer} and "
    "{inner}; it is read as part of the inner block. Indent it to line up with the "
    "statements it belongs with"
)
MIXED_INDENT = (
    "indentation mixes tabs and spaces; speclint reads a tab as 8 columns, which may not be "
    "what you see. Indent with spaces only (`speclint fmt` does it)"
)
TOO_MANY = "{count} more syntax errors in this file are not shown"

_KEYWORDS = {
    "SPEC_KW": "`spec`",
    "TERM_KW": "`term`",
    "PRECEDENCE_KW": "`precedence:`",
    "INCLUDE_KW": "`include`",
    "SECTION_KW": "`section`",
    "RULE_KW": "`rule`",
    "SUBRULE_KW": "`subrule`",
    "RATIONALE_KW": "`rationale:`",
    "EXAMPLE_KW": "`example:`",
    "PROMPT_KW": "`prompt:`",
    "GOOD_KW": "`good:`",
    "BAD_KW": "`bad:`",
    "NOTE_KW": "`note:`",
    "WHEN_KW": "`when:`",
    "UNLESS_KW": "`unless:`",
    "OVERRIDES_KW": "`overrides:`",
    "SEE_KW": "`see:`",
    "LEVELS_KW": "`levels:`",
}

_NAMES = {
    **_KEYWORDS,
    "META_KEY": "a metadata line such as `version: 1.0`",
    "HARD": "`hard`",
    "LEVEL_KEY": "`level:`",
    "PRIORITY_KEY": "`priority:`",
    "TAGS_KEY": "`tags:`",
    "ID": "a rule id",
    "NAME": "a name",
    "INT": "a whole number",
    "STRING": 'a quoted title ("…")',
    "TEXT": "text",
    "CONT": "a continuation line",
    "_NL": "the end of the line",
    "_INDENT": "an indented block",
    "_DEDENT": "the end of the block",
    "$END": "the end of the file",
    "COLON": "`:`",
    "COMMA": "`,`",
    "MORETHAN": "`>`",
    "LSQB": "`[`",
    "RSQB": "`]`",
    "IGNORE": "`ignore[…]`",
    "IGNORE_FILE": "`ignore-file[…]`",
    "CODE": "a check code such as R001",
    "REASON_KW": "`reason:`",
    "DIRECTIVE_MARK": "`# speclint:`",
    "PLAIN_COMMENT": "a comment",
}

# Where a keyword may stand, for "`prompt:` belongs inside an `example:`".
_PLACES = {
    "SPEC_KW": "the `spec \"Title\"` header comes first in the file, once",
    "TERM_KW": "a `term` belongs at the top level or in a section",
    "PRECEDENCE_KW": "a `precedence:` line belongs at the top level or in a section",
    "INCLUDE_KW": "an `include` belongs at the top level or in a section",
    "SECTION_KW": "a `section` belongs at the top level or inside another section",
    "RULE_KW": "a `rule` belongs at the top level or in a section; inside a rule, use `subrule`",
    "SUBRULE_KW": "a `subrule` belongs inside a rule or another subrule",
    "RATIONALE_KW": "a `rationale:` belongs under a rule, a subrule or a section",
    "EXAMPLE_KW": "an `example:` belongs under a rule or a subrule",
    "PROMPT_KW": "`prompt:` belongs inside an `example:`",
    "GOOD_KW": "`good:` belongs inside an `example:`",
    "BAD_KW": "`bad:` belongs inside an `example:`",
    "NOTE_KW": "`note:` belongs inside an `example:`",
    "WHEN_KW": "`when:` belongs under a rule or a subrule",
    "UNLESS_KW": "`unless:` belongs under a rule or a subrule",
    "OVERRIDES_KW": "`overrides:` belongs under a rule or a subrule",
    "SEE_KW": "`see:` belongs under a rule or a subrule",
    "LEVELS_KW": "`levels:` belongs in the indented block under the `spec` header",
}

_SHAPES = {
    "rule": "a rule is written `rule ID [attributes]: text`, for example `rule R1 [hard]: Never …`",
    "subrule": "a subrule is written `subrule ID: text` or `subrule: text`",
    "section": 'a section is written `section "Title":` with its rules indented below',
    "term": 'a term is written `term "name": definition`',
    "include": 'an include is written `include "other.mspec"`',
    "spec": 'the header is written `spec "Title"`',
    "precedence": "a precedence line is written `precedence: A > B > C`",
}


_RULE_ITEMS = (
    "a rule item (`rationale:`, `subrule`, `example:`, `when:`, `unless:`, `overrides:`, `see:`)"
)
_STATEMENTS = "a statement such as `rule`, `section`, `term`, `precedence:` or `include`"
# words authors reach for, and the keyword they mean
_INSTEAD = {
    "if": "when:",
    "condition": "when:",
    "except": "unless:",
    "exception": "unless:",
    "answer": "good:",
    "response": "good:",
    "reply": "good:",
    "wrong": "bad:",
    "user": "prompt:",
    "input": "prompt:",
    "reason": "rationale:",
    "why": "rationale:",
    "because": "rationale:",
    "overrides": "overrides:",
    "override": "overrides:",
    "references": "see:",
    "ref": "see:",
    "also": "see:",
}
_ID_HINT = "ids start with an ASCII letter or `_`, then letters, digits, `_`, `-` or `.` (e.g. `SP1`, `SP1.2`)"


_ID = r"[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*"  # the grammar's ID
_TITLE = r'"(?:[^"\\\n]|\\.)*"'  # the grammar's STRING
#: Statements written without their colon: the keyword, what precedes the
#: colon (`what` names it in the message), then text or the end of the line.
_NO_COLON = (
    ("rule", precompiled.compile(rf"rule[ \t]+(?P<what>{_ID})(?:[ \t]*\[[^\]\n]*\])?(?=[ \t]+[^\s:\[]|[ \t]*$)"), "the rule id"),
    ("subrule", precompiled.compile(rf"subrule[ \t]+(?P<what>{_ID})(?:[ \t]*\[[^\]\n]*\])?(?=[ \t]+[^\s:\[]|[ \t]*$)"), "the subrule id"),
    ("section", precompiled.compile(rf"section[ \t]+(?P<what>{_TITLE})(?=[ \t]*[^\s:]|[ \t]*$)"), "the section title"),
    ("term", precompiled.compile(rf"term[ \t]+(?P<what>{_TITLE})(?=[ \t]*[^\s:]|[ \t]*$)"), "the term"),
)
#: Keywords that are a word and a colon (`rationale:`), written without it.
_NO_COLON_WORD = precompiled.compile(
    r"(?P<what>precedence|rationale|example|prompt|good|bad|note|when|unless|overrides|see|levels)(?=[ \t]+[^\s:])"
)


def missing_colon(line: str, continuation: bool = False) -> tuple[int, str] | None:
    """(offset in `line` where the colon belongs, message) when `line` is a
    statement written without its colon: `rule A1 Do not lie.`.

    A continuation line (indented under a statement) is read this way only
    when it names an id that does not read as a word (`A1`, `SP1.2`, not
    `of` in "rule of law") or a quoted title: prose that happens to begin
    with "rule" or "note" keeps the message about continuation lines.
    """
    for keyword, pattern, what in _NO_COLON:
        match = pattern.match(line)
        if match is None:
            continue
        name = match.group("what")
        if continuation and keyword in ("rule", "subrule") and re.fullmatch(r"[a-z]+", name):
            return None
        return match.end(), f"expected `:` after {what} `{name}`: {_SHAPES[keyword]}"
    match = None if continuation else _NO_COLON_WORD.match(line)
    if match:
        word = match.group("what")
        shape = f": {_SHAPES[word]}" if word in _SHAPES else ""
        return match.end(), f"expected `:` after `{word}`{shape}"
    return None


def _describe_expected(expected: set[str]) -> str:
    expected = {e for e in expected if e != "CONT"}  # continuation lines are never what is missing
    if "SUBRULE_KW" in expected and "RATIONALE_KW" in expected:
        return _RULE_ITEMS
    if "RULE_KW" in expected and "SECTION_KW" in expected:
        return _STATEMENTS
    if "PROMPT_KW" in expected:
        return "an example line (`prompt:`, `good:`, `bad:`, `note:`)"
    if "META_KEY" in expected:
        return "a metadata line such as `version: 1.0` or `levels: a > b`"
    keywords = sorted(_KEYWORDS[e] for e in expected if e in _KEYWORDS)
    others = sorted({_NAMES.get(e, e.lower()) for e in expected if e not in _KEYWORDS and e != "$END"})
    if "$END" in expected and not others and not keywords_present(expected):
        others = [_NAMES["$END"]]
    if len(keywords) > 4:
        keywords = keywords[:3] + ["another statement"]
    items = keywords + others
    if not items:
        return "the end of the line"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " or " + items[-1]


def keywords_present(expected: set[str]) -> bool:
    return any(e in _KEYWORDS for e in expected)


def _found(token, context: str = "") -> str:
    if token.type in ("_NL", "_DEDENT", "$END", "_INDENT", "CONT"):
        if token.type == "$END" and context == "directive":
            return "the end of the line"
        return _NAMES[token.type]
    value = str(token.value)
    if token.type == "TEXT":
        first = value.split()[0] if value.split() else value
        if len(first) > 30:
            first = first[:27] + "…"
        return f"`{first}`" if first == value else f"`{first}` (then the rest of the line)"
    if len(value) > 40:
        value = value[:37] + "…"
    return f"`{value}`"


def describe(
    error: UnexpectedInput,
    text: str,
    line_start: int,
    line_end: int,
    context: str,
    has_previous: bool = True,
    statement: str = "",
):
    """Return (start offset, end offset, message) for a rejected token."""
    if isinstance(error, UnexpectedCharacters):
        pos = error.pos_in_stream
        char = text[pos : pos + 1]
        return pos, pos + 1, f"unexpected character `{char}`; expected {_describe_expected(set(error.allowed))}"
    assert isinstance(error, UnexpectedToken)
    token = error.token
    expected = set(error.expected)
    start = token.start_pos if token.start_pos is not None else line_start
    end = token.end_pos if token.end_pos is not None else start
    if token.type in ("_NL", "_DEDENT", "$END", "CONT", "_INDENT") or end <= start:
        start, end = (line_start, line_end) if token.type != "CONT" else (start, line_end)
    elif token.type == "TEXT" and not any(e in _KEYWORDS for e in expected):
        # point at the first word, not the whole rest of the line
        first = re.match(r"\S+", text[start:end])
        if first:
            end = start + first.end()
    if context == "directive":
        return start, end, _directive(token, expected)
    if context in ("statement", "continuation"):
        colon = missing_colon(text[line_start:line_end], continuation=context == "continuation")
        if colon is not None:
            return line_start + colon[0], line_start + colon[0], colon[1]
    message = _statement(token, expected, text, line_start, line_end, has_previous, statement)
    if message.startswith("unknown attribute"):
        word = re.search(r"[A-Za-z_][\w-]*\s*$", text[line_start:start])
        if word:
            start, end = line_start + word.start(), line_start + word.start() + len(word.group(0).rstrip())
    return start, end, message


def _statement(
    token, expected: set[str], text: str, line_start: int, line_end: int, has_previous: bool, statement: str = ""
) -> str:
    at_statement = any(e in _KEYWORDS for e in expected) or "META_KEY" in expected
    line = text[line_start:line_end]
    continue_hint = (
        "; to continue the text of the statement above, indent this line deeper than it"
        if has_previous
        else ""
    )
    if token.type == "_INDENT":
        if not has_previous:
            return "the first statement of a file must not be indented"
        return (
            "unexpected indentation: the statement above takes no indented block here; "
            "line this one up with it, or move it under a rule"
        )
    if token.type == "CONT":
        if re.match(r"\s*spec\b", statement or line):
            return (
                "the `spec` header's block holds metadata lines written `key: value` "
                "(`version: 1.0`, `levels: a > b`)"
            )
        return (
            "this indented line continues the statement above, which takes no text here; "
            "start it with a keyword (`rationale:`, `subrule`, …) or remove the indentation"
        )
    if token.type not in _KEYWORDS and at_statement:
        if line.startswith(("//", "--", ";")):
            return "comments start with `#`"
        word = re.match(r"[A-Za-z]+", line)
        first = word.group(0) if word else ""
        if "META_KEY" in expected:
            return (
                f"the `spec` header's block holds metadata lines written `key: value` "
                f"(`version: 1.0`, `levels: a > b`); found {_found(token)}"
            )
        hint = _SHAPES.get(first)
        if hint and re.match(rf"{first}\s+([^\sA-Za-z_\[:\"]|[A-Za-z_]*[^\x00-\x7f])", line):
            return f"this line is not a valid statement: {_ID_HINT}"
        if hint:
            return f"this line is not a valid statement: {hint}"
        if first and re.match(r"[A-Za-z]+\s*:", line):
            instead = _INSTEAD.get(first.lower())
            did_you_mean = f" (did you mean `{instead}`?)" if instead else ""
            return (
                f"`{first}:` is not a keyword here{did_you_mean}; expected "
                f"{_describe_expected(expected)}{continue_hint}"
            )
        return f"found {_found(token)} where {_describe_expected(expected)} was expected{continue_hint}"
    if token.type in _PLACES and at_statement:
        if token.type == "RULE_KW" and "META_KEY" in expected:
            return "the `spec` header's block holds only metadata lines; write rules at the top level or in a section"
        return f"{_KEYWORDS[token.type]} is not allowed here: {_PLACES[token.type]}"
    before = re.search(r"([A-Za-z_][\w-]*)\s*$", text[line_start : token.start_pos or line_start])
    if expected <= {"COMMA", "RSQB"} and before and before.group(1) in ("level", "priority", "tags"):
        return f"`{before.group(1)}` needs a colon: `{before.group(1)}: {token.value}`"
    if expected <= {"COMMA", "RSQB"} and expected and str(token.value).lstrip().startswith(":"):
        word = re.search(r"([A-Za-z_][\w-]*)\s*$", text[line_start : token.start_pos])
        name = word.group(1) if word else "?"
        return (
            f"unknown attribute `{name}:`; a rule takes `hard`, `level: NAME`, `priority: N` "
            "and `tags: a, b`, separated by commas"
        )
    if expected & {"HARD", "LEVEL_KEY", "PRIORITY_KEY", "TAGS_KEY"}:
        return (
            f"found {_found(token)} in a rule's attributes; a rule takes `hard`, `level: NAME`, "
            "`priority: N` and `tags: a, b`, separated by commas"
        )
    if expected == {"INT"}:
        return f"`priority:` takes a whole number, found {_found(token)}"
    if expected - {"CONT"} == {"_NL"} and re.match(r"\s*section\b", line):
        return "a section has no text of its own; put what it says in a `rationale:` under it"
    if expected & {"ID", "NAME"} and token.type in ("_NL", "$END"):
        keyword = re.match(r"\s*([a-z]+)", line)
        trailing = line.rstrip()[-1:] if line.rstrip() else ""
        if trailing in (",", ">"):
            return f"the list ends with `{trailing}`; add a name after it or remove the `{trailing}`"
        if keyword and keyword.group(1) in ("see", "overrides", "precedence", "levels"):
            return f"`{keyword.group(1)}:` needs at least one {'level name' if keyword.group(1) == 'levels' else 'rule id'}"
        return "a rule id is missing here"
    if expected & {"ID"} and token.type in ("TEXT", "INT", "CODE"):
        return f"expected a rule id, found {_found(token)}: {_ID_HINT}"
    return f"expected {_describe_expected(expected)}, found {_found(token)}"


def _directive(token, expected: set[str]) -> str:
    wanted = _describe_expected(expected).replace("the end of the file", "the end of the line")
    return (
        f"malformed speclint directive: expected {wanted}, found {_found(token, 'directive')}. "
        "Write `# speclint: ignore[R001, V002] reason: why` or `# speclint: ignore-file[V002] reason: why`"
    )
