"""What was read as a rule: `speclint rules`, `check --show-rules` and the
editor's outline all say it the same way.

A prose reader finds rules in text that carries no markup (DESIGN, "The
Markdown front end"); an author must be able to see what it took as a rule,
and from what: a heading, a list item, the lead-in of a list, a sentence, a
tag section, a table row. A rule of a `.mspec` file comes from the `rule`
keyword: its origin is `mspec`. A rule read from a Markdown heading with an
`{#id}` attribute block is a `heading`.

This module turns a parsed file (`syntax.ast.Spec`) into plain records: no
rendering, no escaping (the faces do that: `cli.report.readout` for text,
`cli.report.json_text` for JSON, the language server for its symbols).

`unread` says the other half: the passages of a Markdown or prompt file that
the reader did not take as rules (nor as a rule's reason or example), each
with why (`markdown.normative.why_not`: a description, a question, a pointer,
the document speaking of itself, code …), and whether the file was read as
prose or by its markup (then only its marked headings are rules).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from ..core.spans import Span
    from ..syntax.ast import Rule, Spec

#: Line breaks inside a rule's text (a paragraph break is kept as two): one space in a one-line view.
_BREAKS = re.compile(r"[ \t]*\n[ \t\n]*")


#: Origins as the reader names them (`syntax.ast.Rule.origin`) -> as a user reads them.
_WORDS = {"list-item": "list item", "table-row": "table row"}


def origin_of(rule: Rule, source_format: str = "markdown") -> str:
    """Where `rule` was read from, in words: "heading", "list item", "lead-in",
    "sentence", "tag", "table row" (see `syntax.ast.Rule.origin`), or "mspec"
    for a rule of a `.mspec` file."""
    if rule.origin:
        return _WORDS.get(rule.origin, rule.origin)
    return "mspec" if source_format == "mspec" else "markup"


def one_line(text: str) -> str:
    """A rule's text on one line: its line and paragraph breaks as single spaces
    (any other control character is left for the face to escape)."""
    return _BREAKS.sub(" ", text).strip()


class Entry:
    """One rule as read: its id, where it is, its origin, its text and its subrules."""

    __slots__ = ("rule", "origin", "depth", "subrules")

    def __init__(self, rule: Rule, origin: str, depth: int, subrules: list[Entry]):
        self.rule = rule
        self.origin = origin
        self.depth = depth
        self.subrules = subrules

    @property
    def text(self) -> str:
        return self.rule.text.text if self.rule.text else ""

    def walk(self) -> Iterator[Entry]:
        """This entry and its subrules, depth first, in document order (no recursion)."""
        stack = [self]
        while stack:
            entry = stack.pop()
            yield entry
            stack.extend(reversed(entry.subrules))

    def to_json(self) -> dict:
        """`id`, `line`, `column`, `end` {`line`, `column`} (1-based, the end exclusive),
        `origin`, `level` (or null), `hard`, `text` (whole, as the author wrote it)
        and `subrules` (the same records)."""
        # built bottom up with a stack: nesting may be deeper than Python's recursion limit
        out: dict[int, dict] = {}
        for entry in reversed(list(self.walk())):
            rule, span = entry.rule, entry.rule.span
            out[id(entry)] = {
                "id": rule.id,
                "line": span.line,
                "column": span.column,
                "end": {"line": span.end_line, "column": span.end_column},
                "origin": entry.origin,
                "level": rule.level,
                "hard": rule.hard,
                "text": entry.text,
                "subrules": [out.pop(id(sub)) for sub in entry.subrules],
            }
        return out[id(self)]


def entries(spec: Spec) -> list[Entry]:
    """The top-level rules of `spec` (in sections or not), in document order,
    each with its subrules nested."""
    from ..syntax.ast import Rule, iter_items

    fmt = spec.source_format
    top: list[Entry] = []
    for item, _ in iter_items(spec.body):
        if not isinstance(item, Rule):
            continue
        root = Entry(item, origin_of(item, fmt), 0, [])
        stack = [root]
        while stack:
            entry = stack.pop()
            entry.subrules = [Entry(sub, origin_of(sub, fmt), entry.depth + 1, []) for sub in entry.rule.subrules]
            stack.extend(entry.subrules)
        top.append(root)
    return top


def count(found: list[Entry]) -> int:
    """How many rules and subrules `found` holds."""
    return sum(1 for entry in found for _ in entry.walk())


def read(path: str, explicit_config: str | None = None) -> Spec:
    """The file at `path` parsed as `speclint check` reads it: its front end by its
    name, Markdown read as its configuration says (`reading`, `per-path-reading`).
    Raises `core.sources.SourceError` when the file cannot be read."""
    return load(path, explicit_config)[1]


def load(path: str, explicit_config: str | None = None):
    """`read`, with the file's text and what the prose reader saw (`markdown.MarkdownStats`, or
    None for a `.mspec` file): `(text, spec, stats)`."""
    from ..core.sources import read_source
    from ..model.frontends import read_any
    from ..workspace.config import config_for

    loaded = config_for(path, explicit_config)
    text = read_source(path, loaded.max_file_size)
    spec, stats = read_any(text, path, reading=loaded.reading_for(path))
    return text, spec, stats


class Unread:
    """A passage of a file not read as a rule: where it is (`span`), why, and its words."""

    __slots__ = ("span", "reason", "text")

    def __init__(self, span: Span, reason: str, text: str):
        self.span = span
        self.reason = reason
        self.text = text

    def to_json(self) -> dict:
        """`line`, `column`, `end` {`line`, `column`} (1-based, the end exclusive), `reason`, `text`."""
        span = self.span
        return {
            "line": span.line,
            "column": span.column,
            "end": {"line": span.end_line, "column": span.end_column},
            "reason": self.reason,
            "text": self.text,
        }


#: A passage that is code: a fence, or lines indented as a code block.
_CODE = re.compile(r"\A(?:[ \t]*(?:```|~~~)|(?: {4}|\t)\S)")
#: A list item's marker, read past to give the item's own words.
_BULLET = re.compile(r"\A[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+")


def unread(text: str, stats) -> tuple[str | None, tuple[Unread, ...]]:
    """How a file was read ("prose" or "markup"; None for a `.mspec` file, `stats` None, whose
    rules are its `rule` lines) and, from what the reader left out (`stats.left_out`), the
    passages not read as rules, in document order, each with why (`normative.why_not`)."""
    if stats is None:
        return None, ()
    from ..markdown.normative import why_not
    from ..markdown.source import _Source

    spans = sorted(set(stats.left_out), key=lambda ab: (ab[0], -ab[1]))
    # the smallest passages: a list left out whole is given by its items
    kept = [ab for k, ab in enumerate(spans) if not any(a2 >= ab[0] and b2 <= ab[1] and (a2, b2) != ab for a2, b2 in spans[k + 1 : k + 40])]
    source = _Source(text)  # offsets to spans, as the reader makes them
    out = []
    for a, b in kept:
        words = text[a:b]
        if not words.strip():
            continue
        if _CODE.match(words):
            reason = "code: never read as rules"
        else:
            bullet = _BULLET.match(words)
            reason = why_not(words[bullet.end() :] if bullet else words)
        out.append(Unread(source.span(a, b), reason, words))
    return stats.reading, tuple(out)


@lru_cache(maxsize=8)
def unread_text(text: str, path: str | None, reading: str = "auto") -> tuple[str | None, tuple[Unread, ...]]:
    """`unread` of a document's text, read here (an editor's buffer: the language server's hover
    asks it of the same text again and again, so the last few answers are kept)."""
    from ..model.frontends import read_any

    return unread(text, read_any(text, path, reading=reading)[1])
