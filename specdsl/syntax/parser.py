"""Reading `.mspec` text into the AST, with error recovery.

The grammar (`grammar/spec.lark`) describes statements; this module's line
driver describes lines. It walks the text one line at a time, decides whether
a line continues the prose above it (`CONT`), starts a statement at the same
depth (`_NL`), one level deeper (`_INDENT`) or shallower (`_DEDENT`), and lexes
each line with a contextual lexer (the terminals the parser state accepts),
feeding the tokens to an LALR(1) parse over the tables Lark compiles from the
grammar (`tables.py`). Keyword shapes come from the grammar's own terminals.

Recovery works per statement. Before each statement the driver notes the
parser's stacks; when a token is rejected, it records one S001 diagnostic,
puts the stacks back, and skips the broken statement with the block indented
under it. Every other statement of the file is still read. A broken section
header keeps its block: the section is read with the title it could salvage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from . import messages
from .ast import Comment, Directive, Spec
from ..core.diagnostics import Diagnostic, Severity, Span, make_span
from ..core.errors import UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from ..core.gcpause import paused_gc
from .tables import Tables, grammar_text
from .tables import load as load_tables
from .transformer import SpecBuilder, SyntaxProblem, Token, put
from ..core import precompiled

#: After this many syntax errors in one file, further ones are counted, not listed.
MAX_SYNTAX_ERRORS = 100
TAB_WIDTH = 8


@lru_cache(maxsize=1)
def get_lark():
    """The grammar as a Lark parser (for tools and tests; parsing itself uses `tables`)."""
    from lark import Lark

    return Lark(grammar_text(), parser="lalr", lexer="contextual", start=["start", "comment"], maybe_placeholders=False)


@dataclass
class _Keywords:
    statement: re.Pattern
    header: re.Pattern
    directive: re.Pattern
    comment: re.Pattern


@lru_cache(maxsize=1)
def keyword_patterns() -> _Keywords:
    """Line-start shapes, taken from the grammar's terminals."""
    terminals = load_tables().terminals
    stmt = [p for n, p in terminals.items() if n.endswith("_KW") and n not in ("LEVELS_KW", "REASON_KW")]
    header = stmt + [terminals["LEVELS_KW"], terminals["META_KEY"]]
    return _Keywords(
        statement=precompiled.compile("|".join(f"(?:{p})" for p in stmt)),
        header=precompiled.compile("|".join(f"(?:{p})" for p in header)),
        directive=precompiled.compile(terminals["DIRECTIVE_MARK"]),
        comment=precompiled.compile(terminals["PLAIN_COMMENT"]),
    )


_BLANKS = precompiled.compile(r"[ \t]*")
_ALMOST_DIRECTIVE = precompiled.compile(r"#\s*speclint\s+(?:ignore|ignore-file|disable|noqa)\b", re.I)
_LONE_CR = precompiled.compile(r"\r(?!\n)")
_NOTHING = precompiled.compile(r"(?!)")  # matches nothing: a state that takes no terminal
#: Scanners by parser state, shared by every parse in this process.
_SCANNERS: dict[int, re.Pattern] = {}


def _scanner(names: list[str], terminals: dict[str, str]) -> re.Pattern | None:
    """One regular expression for some terminals, in the lexer's order."""
    if not names:
        return None
    return precompiled.compile("|".join(f"(?P<{n}>{terminals[n]})" for n in names))


@lru_cache(maxsize=1)
def _root_scanner() -> re.Pattern:
    tables = load_tables()
    return _scanner(tables.order, tables.terminals)


class _Tables:
    """The LALR(1) tables with their reduction callbacks, ready for the parse loop.

    `actions[state][terminal]` is `(True, next_state)` for a shift, or
    `(False, size, callback, nonterminal)` for a reduction; `goto[state]`
    maps a nonterminal to the state after it.

    The callbacks follow Lark's tree-shaping conventions: punctuation and
    `_UNDERSCORE` terminals are dropped, `_underscore` rules (and the helper
    rules of repetitions) are inlined into their parent as lists, and every
    other rule calls the `SpecBuilder` method of its name (or alias).
    """

    def __init__(self, tables: Tables):
        builder = SpecBuilder()
        callbacks = [_callback(rule, builder) for rule in tables.rules]
        self.start_states = tables.start_states
        self.end_states = tables.end_states
        self.goto = tables.goto
        self.actions: dict[int, dict] = {}
        for state, row in tables.actions.items():
            acts = {}
            for symbol, (shift, arg) in row.items():
                if shift:
                    acts[symbol] = (True, arg)
                else:
                    size, origin = tables.rules[arg][0], tables.rules[arg][1]
                    acts[symbol] = (False, size, callbacks[arg], origin)
            self.actions[state] = acts
        self.lexer_sets = tables.lexer_sets
        self.state_lexer = tables.state_lexer
        self.terminals = tables.terminals


def _callback(rule: list, builder):
    """The reduction callback of one grammar rule (see `tables.Tables.rules`)."""
    _, _, name, plan, plain = rule
    plan = [(i, expand) for i, expand in plan]
    method = None if name.startswith("_") else getattr(builder, name)
    if plain:
        if method is None:
            return lambda children: children
        return method

    def callback(children: list):
        out = None
        for i, expand in plan:
            child = children[i]
            if expand:
                if out is None:
                    out = child  # left recursion: grow the list in place
                else:
                    out.extend(child)
            elif out is None:
                out = [child]
            else:
                out.append(child)
        if out is None:
            out = []
        return out if method is None else method(out)

    return callback


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    return _Tables(load_tables())


class _LALR:
    """An LALR(1) parse in progress over `_Tables` (the driver feeds it tokens)."""

    __slots__ = ("tables", "state_stack", "value_stack", "end_state")

    def __init__(self, tables: _Tables, start: str):
        self.tables = tables
        self.state_stack = [tables.start_states[start]]
        self.value_stack: list = []
        self.end_state = tables.end_states[start]

    @property
    def position(self) -> int:
        return self.state_stack[-1]

    def feed_token(self, token: Token, is_end: bool = False):
        states, values = self.state_stack, self.value_stack
        actions, goto = self.tables.actions, self.tables.goto
        while True:
            act = actions[states[-1]].get(token.type)
            if act is None:
                expected = {t for t in actions[states[-1]] if t.isupper() or t == "$END"}
                raise UnexpectedToken(token, expected)
            if act[0]:
                states.append(act[1])
                values.append(token)
                return None
            _, size, callback, origin = act
            if size:
                children = values[-size:]
                del states[-size:]
                del values[-size:]
            else:
                children = []
            values.append(callback(children))
            states.append(goto[states[-1]][origin])
            if is_end and states[-1] == self.end_state:
                return values[-1]


@dataclass
class _Line:
    number: int  # 1-based
    start: int  # offset of the line's first character
    content: int  # offset of the first non-blank character
    end: int  # offset after the last character (before "\r\n" or "\n")
    indent: int


class _Driver:
    """Feeds one document to the LALR parser, line by line."""

    def __init__(self, text: str, path: str | None):
        self.text = text
        self.path = path
        self.tables = _tables()
        self.kw = keyword_patterns()
        self.scanners = _SCANNERS
        self.diagnostics: list[Diagnostic] = []
        self.comments: list[Comment] = []
        self.directives: list[Directive] = []
        self.suppressed_errors = 0
        self.tab_lines: list[int] = []
        self.has_previous = False  # a statement has been read before the current one
        self.space_lines = 0

    # -- lines ----------------------------------------------------------------
    def _lines(self):
        text = self.text
        start = 0
        number = 0
        length = len(text)
        while start <= length:
            number += 1
            end = text.find("\n", start)
            if end < 0:
                end = length
            stop = end - 1 if end > start and text[end - 1] == "\r" else end
            content = start
            if number == 1 and text.startswith("\ufeff"):
                content = 1  # a byte-order mark is not indentation
            indent = 0
            while content < stop and text[content] in " \t":
                if text[content] == "\t":
                    indent = (indent // TAB_WIDTH + 1) * TAB_WIDTH
                else:
                    indent += 1
                content += 1
            yield _Line(number, start, content, stop, indent)
            start = end + 1

    # -- tokens ---------------------------------------------------------------
    def _token(self, type_: str, value: str, line: _Line, at: int, end: int | None = None) -> Token:
        end = at if end is None else end
        col = at - line.start + 1
        return Token(type_, value, at, line.number, col, line.number, end - line.start + 1, end)

    def _lex(self, pstate, line: _Line, start: int):
        """Lex the rest of `line` from `start`, feeding each token to the parser.

        Each parser state has its own scanner: the terminals that state
        accepts, in Lark's order (priority, then length), as one regular
        expression. This is Lark's contextual lexer, without its per-token
        bookkeeping.
        """
        text, end, scanners = self.text, line.end, self.scanners
        number, base = line.number, line.start - 1
        feed = pstate.feed_token
        pos = _BLANKS.match(text, start, end).end()
        while pos < end:
            state = pstate.position
            scanner = scanners.get(state)
            if scanner is None:
                tables = self.tables
                names = tables.lexer_sets[tables.state_lexer[state]]
                scanner = scanners[state] = _scanner(names, tables.terminals) or _NOTHING
            match = scanner.match(text, pos, end)
            if match is None:
                raise self._unexpected(pstate, line, pos)
            stop = match.end()
            feed(Token(match.lastgroup, match.group(), pos, number, pos - base, number, stop - base, stop))
            pos = _BLANKS.match(text, stop, end).end()

    def _unexpected(self, pstate, line: _Line, pos: int) -> UnexpectedInput:
        """The error for text that the current state does not accept."""
        allowed = {t for t in pstate.tables.actions[pstate.position] if t.isupper() or t == "$END"}
        match = _root_scanner().match(self.text, pos, line.end)  # compiled only when an error needs it
        if match is None:
            return UnexpectedCharacters(self.text, pos, allowed)
        token = Token(
            match.lastgroup,
            match.group(),
            pos,
            line.number,
            pos - line.start + 1,
            line.number,
            match.end() - line.start + 1,
            match.end(),
        )
        return UnexpectedToken(token, allowed)

    def _feed(self, pstate, token: Token) -> None:
        pstate.feed_token(token)

    # -- driving --------------------------------------------------------------
    def run(self, start: str = "start"):
        pstate = _LALR(self.tables, start)
        indents = [0]
        in_header = False
        open_stmt = False  # a statement has begun and awaits its _NL
        stmt: _Line | None = None  # first line of the open statement
        last: _Line | None = None  # last line fed to the parser
        stmt_snap = None
        skip_indent = -1  # skip lines deeper than this (a broken block)
        skipping_cont = False  # skip continuation lines of a broken one
        stmt_errored = False  # the open statement already has its diagnostic
        blank = False

        def snapshot():
            # Repetitions grow their lists in place (appends only), so note
            # their lengths to cut them back.
            lists = [(v, len(v)) for v in pstate.value_stack if type(v) is list]
            return (pstate.state_stack[:], pstate.value_stack[:], indents[:], in_header, lists)

        def restore(snap):
            nonlocal indents, in_header
            pstate.state_stack[:] = snap[0]
            pstate.value_stack[:] = snap[1]
            indents = snap[2][:]
            in_header = snap[3]
            for children, size in snap[4]:
                del children[size:]

        for line in self._lines():
            if line.content >= line.end:
                blank = True
                continue
            text = self.text
            if text[line.content] == "#":
                self._comment(line)
                continue
            self._note_indent(line)
            if skip_indent >= 0:
                if line.indent > skip_indent:
                    continue
                skip_indent = -1
            keyword = (self.kw.header if in_header else self.kw.statement).match(
                text, line.content, line.end
            )
            # ---- a continuation line ------------------------------------
            if open_stmt and line.indent > stmt.indent and keyword is None:
                if skipping_cont:
                    continue
                line_snap = snapshot()
                try:
                    self._feed(pstate, self._token("CONT", "\n\n" if blank else "\n", line, line.content))
                    self._lex(pstate, line, line.content)
                except (UnexpectedInput, SyntaxProblem) as error:
                    restore(line_snap)
                    self._error(error, line, context="continuation", statement=stmt)
                    skipping_cont = True
                    stmt_errored = True
                    if messages.missing_colon(text[line.content : line.end], continuation=True):
                        # a statement without its colon (`rule A1 Do …`): its
                        # block goes with it, so the next statement is read
                        skip_indent = line.indent
                else:
                    last = line
                blank = False
                continue
            skipping_cont = False
            errored, stmt_errored = stmt_errored, False
            blank = False
            # ---- the end of the statement before ------------------------
            if open_stmt:
                open_stmt = False
                try:
                    self._feed(pstate, self._token("_NL", "\n", last, last.end))
                except (UnexpectedInput, SyntaxProblem) as error:
                    restore(stmt_snap)
                    if not errored:
                        self._error(error, stmt, context="end")
                    if line.indent > stmt.indent:
                        skip_indent = stmt.indent
                        continue
            # ---- a new statement ----------------------------------------
            stmt_snap = snapshot()
            if line.indent == 0:
                in_header = False
            try:
                indents = self._indent(pstate, indents, line)
                self._lex(pstate, line, line.content)
            except (UnexpectedInput, SyntaxProblem) as error:
                restore(stmt_snap)
                if line.indent == 0:
                    in_header = False
                self._error(error, line, context="statement")
                if self._salvage_section(pstate, line, indents):
                    indents = self._indents_after_salvage
                    open_stmt, stmt, last = True, line, line
                    self.has_previous = True
                    continue
                restore(stmt_snap)
                skip_indent = line.indent
                continue
            open_stmt, stmt, last = True, line, line
            self.has_previous = True
            if text.startswith("spec", line.content) and line.indent == 0:
                in_header = True

        end_line = last or _Line(1, 0, 0, 0, 0)
        if open_stmt:
            try:
                self._feed(pstate, self._token("_NL", "\n", last, last.end))
            except (UnexpectedInput, SyntaxProblem) as error:
                restore(stmt_snap)
                if not stmt_errored:
                    self._error(error, stmt, context="end")
        while len(indents) > 1:
            indents.pop()
            self._feed(pstate, self._token("_DEDENT", "", end_line, end_line.end))
        end = self._token("$END", "", end_line, end_line.end)
        return pstate.feed_token(end, True)

    def _indent(self, pstate, indents: list[int], line: _Line, report: bool = True) -> list[int]:
        """Feed the _INDENT or _DEDENT tokens that `line`'s indentation implies."""
        indents = indents[:]
        if line.indent > indents[-1]:
            indents.append(line.indent)
            self._feed(pstate, self._token("_INDENT", "", line, line.content))
            return indents
        while line.indent < indents[-1]:
            if line.indent > indents[-2]:
                # Between two levels: read the line as part of the inner block.
                if report:
                    self._report(
                        line,
                        line.start,
                        line.content,
                        messages.BAD_DEDENT.format(
                            indent=line.indent, outer=indents[-2], inner=indents[-1]
                        ),
                    )
                break
            indents.pop()
            self._feed(pstate, self._token("_DEDENT", "", line, line.content))
        return indents

    def _salvage_section(self, pstate, line: _Line, indents: list[int]) -> bool:
        """After a broken `section` header, read its block under a stand-in header."""
        content = self.text[line.content : line.end]
        if not content.startswith("section"):
            return False
        match = re.match(r'section\s*"([^"]*)"?', content)
        title = match.group(1) if match else content[len("section") :].strip(' :"') or "?"
        try:
            new = self._indent(pstate, indents, line, report=False)  # reported already
            for type_, value in (
                ("SECTION_KW", "section"),
                ("STRING", '"' + title.replace('"', "") + '"'),
                ("COLON", ":"),
            ):
                self._feed(pstate, self._token(type_, value, line, line.content, line.end))
        except (UnexpectedInput, SyntaxProblem):
            return False
        self._indents_after_salvage = new
        return True

    # -- comments -------------------------------------------------------------
    def _comment(self, line: _Line) -> None:
        text = self.text
        span = _span(line, line.content, line.end)
        self.comments.append(
            Comment.make(span=span, text=text[line.content : line.end], indent=line.indent)
        )
        if self.kw.directive.match(text, line.content, line.end) is None:
            if _ALMOST_DIRECTIVE.match(text, line.content, line.end):
                self._report(
                    line,
                    line.content,
                    line.end,
                    "this looks like a speclint directive but has no colon after `speclint`, so it "
                    "suppresses nothing; write `# speclint: ignore[CODES] reason: …`",
                )
            return
        pstate = _LALR(self.tables, "comment")
        try:
            self._lex(pstate, line, line.content)
            node = pstate.feed_token(self._token("$END", "", line, line.end), True)
        except (UnexpectedInput, SyntaxProblem) as error:
            self._error(error, line, context="directive")
            return
        if isinstance(node, Directive):
            # The directive is the whole comment, to its closing `]` or its
            # reason's last character (the grammar's tree ends at its last code).
            end = line.content + len(text[line.content : line.end].rstrip(" \t"))
            put(node, indent=line.indent, span=_span(line, line.content, end))
            self.directives.append(node)

    def _note_indent(self, line: _Line) -> None:
        indentation = self.text[line.start : line.content]
        if "\t" in indentation:
            self.tab_lines.append(line.number)
            if " " in indentation and self.space_lines >= 0:
                self._report(line, line.start, line.content, messages.MIXED_INDENT)
                self.space_lines = -1  # report once
        elif indentation and self.space_lines >= 0:
            self.space_lines += 1
            if self.tab_lines:
                self._report(line, line.start, line.content, messages.MIXED_INDENT)
                self.space_lines = -1

    # -- diagnostics ----------------------------------------------------------
    def _report(self, line: _Line, start: int, end: int, message: str) -> None:
        if len(self.diagnostics) >= MAX_SYNTAX_ERRORS:
            self.suppressed_errors += 1
            return
        if end <= start:
            end = min(start + 1, line.end) if start < line.end else start
        self.diagnostics.append(
            Diagnostic.make(
                code="S001",
                name="syntax-error",
                severity=Severity.ERROR,
                message=message,
                span=_span(line, start, end),
                path=self.path,
            )
        )

    def _error(self, error: Exception, line: _Line, context: str, statement: _Line | None = None) -> None:
        if isinstance(error, SyntaxProblem):
            start, end, message = error.start, error.end, error.message
            if start is None:
                start, end = line.content, line.end
        else:
            head = self.text[statement.content : statement.end] if statement else ""
            start, end, message = messages.describe(
                error, self.text, line.content, line.end, context, self.has_previous, head
            )
        # the error may sit on a later line of a multi-line statement
        if not (line.start <= start <= line.end):
            line = self._line_at(start)
        self._report(line, start, end, message)

    def _line_at(self, offset: int) -> _Line:
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        end = len(self.text) if end < 0 else end
        if end > start and self.text[end - 1] == "\r":
            end -= 1
        number = self.text.count("\n", 0, start) + 1
        content = start
        while content < end and self.text[content] in " \t":
            content += 1
        return _Line(number, start, content, end, content - start)


def _span(line: _Line, start: int, end: int) -> Span:
    return make_span(
        line.number, start - line.start + 1, start, line.number, end - line.start + 1, end
    )


def parse(text: str, path: str | None = None, *, has_previous: bool = False) -> Spec:
    """Read `.mspec` text into a `Spec`.

    Never raises on bad input: syntax errors are in `spec.diagnostics` (code
    S001), and every statement that could be read is in the tree.
    """
    driver = _Driver(text, path)
    driver.has_previous = has_previous  # parsing a block that follows others
    lone_cr = _LONE_CR.search(text)
    if lone_cr:
        line = driver._line_at(lone_cr.start())
        driver._report(
            line,
            lone_cr.start(),
            lone_cr.start() + 1,
            "this file has a carriage return (CR) that does not end a CRLF line ending; speclint "
            "reads lines ending in LF or CRLF, so what follows stays on this line. Save the file "
            "with LF line endings",
        )
    with paused_gc():
        result = driver.run()
    # in document order: a statement's error is found when it ends, after the
    # comments and directives inside it have had theirs
    driver.diagnostics.sort(key=lambda d: d.span.offset)
    if driver.suppressed_errors:
        last = driver.diagnostics[-1]
        driver.diagnostics.append(
            last.replace(message=messages.TOO_MANY.format(count=driver.suppressed_errors))
        )
    header, body = result
    last_line_start = text.rfind("\n") + 1
    return Spec.make(
        span=make_span(1, 1, 0, text.count("\n") + 1, len(text) - last_line_start + 1, len(text)),
        header=header,
        body=body,
        comments=driver.comments,
        directives=driver.directives,
        diagnostics=driver.diagnostics,
    )
