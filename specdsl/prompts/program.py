"""Python files that hold prompts: the prompts are the file's prose strings.

An agent's prompt is often a Python module (`SYSTEM_PROMPT = \"\"\"…\"\"\"`,
several versions of one policy side by side, `interpreter.system_message =
r\"\"\"…\"\"\"`). What the model is sent is the strings; the rest (imports,
configuration, comments, code) is the program's. `strings` finds them with
Python's own tokenizer (nothing is imported or run): every string literal
that is triple-quoted or holds at least three words, except a docstring (a
string standing alone as a statement documents the code, it is sent to no
one). A string assigned to a name is a section named by it. Each statement's
strings are one prompt (adjacent literals and a list of strings go
together): the statements are the file's separate prompts (`Spec.prompts`),
each sent on its own, so a rule copied into two versions of a prompt is no
duplicate (C003), as in a YAML prompt collection.

A file the tokenizer cannot read (not Python after all, or cut off) is read
as before, as a plain-text prompt whose program lines are no statements.
"""

from __future__ import annotations

import io
import re
import token
import tokenize

from ..core.spans import line_starts
from .tags import Tag
from .yamlprompt import YamlStrings, trimmed

#: A string literal's prefix and opening quotes: `rb'`, `f"""`.
_OPENING = re.compile(r"[A-Za-z]*('''|\"\"\"|'|\")")
#: An assignment's target, up to its "=": a name or an attribute, and an annotation.
_TARGET = re.compile(r"\s*([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)\s*(?::[^=\n]*)?\s*$")
#: What stands between two literals of one string: quotes, a prefix, "+", spaces.
_JOINED = re.compile(r"[\s\"'+rRbBfFuU]*\Z")
#: Tokens that carry no meaning between statements.
_LAYOUT = (token.NL, token.COMMENT, token.INDENT, token.DEDENT, token.ENCODING)
#: Tokenizer types of an f-string's parts (Python 3.12 and later split f-strings into parts).
_FSTRING_START = getattr(token, "FSTRING_START", None)
_FSTRING_END = getattr(token, "FSTRING_END", None)


class ProgramStrings(YamlStrings):
    """The prose strings of a Python file, their sections, and the prompts they make up."""

    __slots__ = ("prompts",)

    def __init__(self, ranges: list[tuple[int, int]], sections: list[Tag], prompts: list[tuple[int, int]]):
        super().__init__(ranges, sections)
        self.prompts = prompts


def strings(text: str) -> ProgramStrings | None:
    """The prose strings of a Python file (see the module docstring), or None when the file
    does not tokenize as Python or holds no prose string. Never raises."""
    try:
        return _strings(text)
    except Exception:  # noqa: BLE001 - a file that is not Python (or is cut off) is read as before
        return None


def _strings(text: str) -> ProgramStrings | None:
    starts = line_starts(text)  # where the tokenizer's rows start: it splits lines at "\n" only

    def offset(pos: tuple[int, int]) -> int:
        return starts[pos[0] - 1] + pos[1]

    tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    ranges: list[tuple[int, int]] = []
    sections: list[Tag] = []
    prompts: list[tuple[int, int]] = []
    statement: list[tuple[int, int]] = []  # the prose strings of the statement being read
    target: tuple[str, int] | None = None  # the statement's assigned name and where it stands
    begin: int | None = None  # where the statement being read starts
    alone = False  # the statement so far is only string literals (a docstring)
    depth = 0
    i = 0

    def close_statement() -> None:
        nonlocal statement, target, begin
        if statement and not alone:
            ranges.extend(statement)
            prompts.append((statement[0][0], statement[-1][1]))
            if target is not None:
                sections.append(Tag(target[0], target[1], statement[0][0], statement[-1][1], statement[-1][1]))
        statement, target, begin = [], None, None

    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind in _LAYOUT:
            i += 1
            continue
        if kind in (token.NEWLINE, token.ENDMARKER) or (kind == token.OP and tok.string == ";" and depth == 0):
            close_statement()
            depth = 0
            i += 1
            continue
        if begin is None:
            begin, alone = offset(tok.start), True
        if kind == token.STRING or (_FSTRING_START is not None and kind == _FSTRING_START):
            a = offset(tok.start)
            if kind != token.STRING:  # Python 3.12+: an f-string comes in parts, up to its FSTRING_END
                level = 0
                while i < len(tokens):
                    if tokens[i].type == _FSTRING_START:
                        level += 1
                    elif tokens[i].type == _FSTRING_END:
                        level -= 1
                        if level == 0:
                            break
                    i += 1
                tok = tokens[min(i, len(tokens) - 1)]
            b = offset(tok.end)
            found = _content(text, a, b, text[a:b])
            if found is not None:
                statement.append(found)
            i += 1
            continue
        alone = False
        if kind == token.OP:
            if tok.string in "([{":
                depth += 1
            elif tok.string in ")]}":
                depth = max(0, depth - 1)
            elif tok.string in ("=", ":=") and depth == 0 and target is None:
                name = _TARGET.match(text, begin, offset(tok.start))
                if name:
                    target = (name.group(1), begin)
        i += 1
    close_statement()
    ranges = _one_per_line(text, sorted(ranges))
    if not ranges:
        return None
    return ProgramStrings(ranges, sorted(sections, key=lambda t: t.open_start), prompts)


def _one_per_line(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ranges, none starting on the line where the one before it ends: the reader reads a
    line's words as one run, and a statement must not run over the program between two strings.
    Literals joined by nothing but quotes and `+` (`"Be brief. " "Answer in English."`) are one
    range; a later string after other code on the same line is left out."""
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        if out and "\n" not in text[out[-1][1] : a] and "\r" not in text[out[-1][1] : a]:
            if _JOINED.match(text, out[-1][1], a):
                out[-1] = (out[-1][0], b)
            continue
        out.append((a, b))
    return out


def _content(text: str, a: int, b: int, literal: str) -> tuple[int, int] | None:
    """Where a string literal's text stands in the file (past its prefix and quotes), if it
    reads as prose: triple-quoted, or three words or more."""
    m = _OPENING.match(literal)
    if not m:
        return None
    quote = m.group(1)
    start, end = a + m.end(), b - len(quote)
    if end <= start:
        return None
    body = text[start:end]
    if len(quote) == 1 and len(body.split()) < 3:
        return None  # a name, a path, a key: the program's
    return trimmed(text, start, end)
