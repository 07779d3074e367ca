"""`speclint convert`: a Markdown spec as the equivalent `.mspec` file.

    text = convert(markdown_text, "model_spec.md")

The Markdown front end reads the file into the AST (see `specdsl.markdown`);
the tree is made valid `.mspec` and printed by the formatter in its canonical
layout (`format_spec(..., keep_layout=False)`). Parsing the result gives the
same rules (ids and texts), rationales, examples and references, with these
changes, each stated in a comment at the top of the output:

- An id that is not a valid `.mspec` id (`[A-Za-z_][A-Za-z0-9_-]*`, dotted
  parts allowed) is made one: letters folded to ASCII, every other character
  a hyphen, runs of hyphens one, a leading digit prefixed with `id-`, and
  `-2`, `-3` … appended if that id is taken. References follow the rename.
  Level and tag names get the same treatment.
- Links (`[…](#id)`, references of kind "link") become `see:` lines.
- A line of prose that would read as a statement or a comment in `.mspec`
  (it starts with `#`, or has the whole shape of a keyword such as
  `example:`) is joined to the line before it; where that removes a blank
  line between two paragraphs, the comment says so.
- Suppressions of the whole file (`<!-- speclint: ignore-file[…] -->`) are
  kept; a suppression of one statement cannot follow it into the canonical
  layout and is listed in the comment instead.
- Text that the tree has no place for (prose, lists and code between rules,
  a top-level commentary) is kept line by line as `# > ` comments where it
  stood, so no word of the document is lost; the comment says how many
  passages.
- Authority levels come from the document's `speclint:` front matter, else
  from the configuration's `levels` (found from `path`), and become the
  header's `levels:` line; a document without a title gets its file name.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

from ..syntax.ast import (
    Attribute,
    Comment,
    Example,
    ExampleItem,
    Header,
    Levels,
    Name,
    Prose,
    Rationale,
    Reference,
    RefList,
    Rule,
    Section,
    Spec,
    Term,
)
from ..core.diagnostics import make_span

__all__ = ["convert", "valid_id", "ID_PATTERN"]

ID_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\Z")
NAME_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


def valid_id(value: str, *, dots: bool = True) -> str:
    """`value` made a valid `.mspec` id (or level/tag name when `dots` is false)."""
    pattern = ID_PATTERN if dots else NAME_PATTERN
    if pattern.match(value):
        return value
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    allowed = r"[^A-Za-z0-9_.-]" if dots else r"[^A-Za-z0-9_-]"
    out = re.sub(allowed, "-", folded)
    out = re.sub(r"-{2,}", "-", out)
    if dots:
        parts = [p.strip("-") for p in out.split(".")]
        out = ".".join(p for p in parts if p)
    out = out.strip("-.")
    if not out:
        return "id"
    if not (out[0].isalpha() or out[0] == "_"):
        out = "id-" + out
    return out


class _Converter:
    def __init__(self, spec: Spec, path: str | None, levels: list[str] | None, text: str = "", left_out: list[tuple[int, int]] = ()):
        from ..syntax.parser import keyword_patterns

        self.spec = spec
        self.text = text
        self.left_out = list(left_out)
        self.path = path
        self.levels = levels
        self.kw = keyword_patterns()
        self.renamed: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.notes: list[str] = []
        self.joined: list[int] = []

    # -- ids -------------------------------------------------------------------
    def plan_ids(self) -> None:
        rules = [r for r in self.spec.rules() if not r.auto_id]
        taken = {r.id for r in rules if ID_PATTERN.match(r.id)}
        for rule in rules:
            if ID_PATTERN.match(rule.id) or rule.id in self.renamed:
                continue
            base = valid_id(rule.id)
            new, n = base, 1
            while new in taken:
                n += 1
                new = f"{base}-{n}"
            taken.add(new)
            self.renamed[rule.id] = new
            self.notes.append(f"id `{rule.id}` (line {rule.id_span.line}) is `{new}` here: `.mspec` ids are ASCII letters, digits, `_`, `-` and `.`")

    def rid(self, value: str) -> str:
        return self.renamed.get(value) or valid_id(value)

    def name(self, value: str) -> str:
        new = valid_id(value, dots=False)
        if new != value and value not in self.names:
            self.names[value] = new
            self.notes.append(f"name `{value}` is `{new}` here")
        return new

    # -- prose -------------------------------------------------------------------
    def prose(self, prose: Prose | None) -> Prose | None:
        """Prose whose every line reads as prose in `.mspec`."""
        if prose is None:
            return None
        text = prose.text.replace("\r", " ")
        breaks = set(prose.breaks)
        pieces: list[tuple[str, str]] = []  # (separator before, piece)
        start, sep = 0, ""
        i = 0
        n = len(text)
        while i < n:
            if text.startswith("\n\n", i):
                pieces.append((sep, text[start:i]))
                j = i
                while j < n and text[j] == "\n":
                    j += 1
                sep, start, i = "\n\n", j, j
                continue
            if i in breaks and text[i] == " ":
                pieces.append((sep, text[start:i]))
                sep, start, i = " ", i + 1, i + 1
                continue
            i += 1
        pieces.append((sep, text[start:]))
        out = ""
        new_breaks: list[int] = []
        for k, (sep, piece) in enumerate(pieces):
            if k == 0:
                out = piece
                continue
            if self.unsafe(piece):
                if sep == "\n\n":
                    self.joined.append(prose.span.line)
                out += " " + piece
            elif sep == "\n\n":
                out += "\n\n" + piece
            else:
                new_breaks.append(len(out))
                out += " " + piece
        return Prose.make(span=prose.span, text=out, breaks=new_breaks)

    def unsafe(self, piece: str) -> bool:
        return piece.startswith("#") or self.kw.statement.match(piece) is not None

    # -- the tree ----------------------------------------------------------------
    def rule(self, rule: Rule) -> Rule:
        body = []
        for child in rule.body:
            if isinstance(child, Rule):
                body.append(self.rule(child))
            elif isinstance(child, Rationale):
                body.append(Rationale.make(span=child.span, text=self.prose(child.text)))
            elif isinstance(child, Example):
                items = [ExampleItem.make(span=i.span, kind=i.kind, text=self.prose(i.text)) for i in child.items]
                body.append(Example.make(span=child.span, text=self.prose(child.text), items=items))
            elif isinstance(child, RefList):
                refs = [Reference.make(span=r.span, value=self.rid(r.value)) for r in child.refs]
                if refs:
                    body.append(RefList.make(span=child.span, kind="see" if child.kind == "link" else child.kind, refs=refs))
            else:
                body.append(child)
        attributes = []
        for attr in rule.attributes:
            values = [Name.make(span=v.span, value=self.name(v.value)) for v in attr.values]
            attributes.append(Attribute.make(span=attr.span, key=attr.key, values=values))
        return Rule.make(
            span=rule.span,
            kind=rule.kind,
            id=rule.id if rule.auto_id else self.rid(rule.id),
            id_span=rule.id_span,
            auto_id=rule.auto_id,
            attributes=attributes,
            attributes_span=rule.attributes_span,
            text=self.prose(rule.text),
            body=body,
        )

    def items(self, body: list) -> list:
        out = []
        for item in body:
            if isinstance(item, Rule):
                out.append(self.rule(item))
            elif isinstance(item, Section):
                out.append(Section.make(span=item.span, title=_one_line(item.title), title_span=item.title_span, body=self.items(item.body)))
            elif isinstance(item, Rationale):
                out.append(Rationale.make(span=item.span, text=self.prose(item.text)))
            elif isinstance(item, Term):
                out.append(Term.make(span=item.span, name=_one_line(item.name), name_span=item.name_span, definition=self.prose(item.definition)))
            else:
                out.append(item)
        return out

    def header(self) -> Header | None:
        spec = self.spec
        names = [n.value for n in spec.header.levels.names] if spec.header and spec.header.levels else list(self.levels or [])
        title = spec.header.title if spec.header else None
        if title is None and not names:
            return None
        if title is None:
            title = PurePath(self.path).stem if self.path else "Untitled spec"
        span = spec.header.span if spec.header else make_span(1, 1, 0, 1, 1, 0)
        entries = []
        if names:
            entries.append(Levels.make(span=span, names=[Name.make(span=span, value=self.name(n)) for n in names]))
        return Header.make(span=span, title=_one_line(title), title_span=span, entries=entries)

    def left_out_comments(self) -> list[Comment]:
        """The Markdown's text that no node holds, line by line, as comments
        where it stood (`# > `: a quotation, never a `# speclint:` directive)."""
        out = []
        for start, end in self.left_out:
            line = self.text.count("\n", 0, start) + 1
            offset = self.text.rfind("\n", 0, start) + 1
            for raw in self.text[offset:end].split("\n"):
                row = raw.replace("\r", " ").rstrip()
                out.append(Comment.make(span=make_span(line, 1, offset, line, 1, offset), text=f"# > {row}" if row else "# >", indent=0))
                offset += len(raw) + 1
                line += 1
        return out

    def run(self) -> str:
        from .format import format_spec

        self.plan_ids()
        header = self.header()
        body = self.items(self.spec.body)
        comments = [f"# Converted from {PurePath(self.path).name if self.path else 'Markdown'} by `speclint convert`."]
        kept = []
        for d in self.spec.directives:
            codes = ", ".join(c.value for c in d.codes)
            if d.scope == "ignore-file":
                reason = f" reason: {d.reason}" if d.reason else ""
                kept.append(f"# speclint: ignore-file[{codes}]{reason}")
            else:
                self.notes.append(f"the suppression of [{codes}] at line {d.span.line} is not converted (put it above the statement it covers)")
        for line in sorted(set(self.joined)):
            self.notes.append(f"a paragraph break in the text at line {line} is a space here: the next paragraph would read as a statement or a comment")
        if self.left_out:
            many = len(self.left_out) != 1
            self.notes.append(
                f"{len(self.left_out)} passage{'s' if many else ''} of text outside any rule, rationale or example "
                f"(prose, lists and code between rules) {'are' if many else 'is'} kept where {'they' if many else 'it'} stood, as `# >` comments"
            )
        for note in self.notes:
            comments.append(f"# {note}")
        comments.extend(kept)
        # line 0: before every statement, whatever line the Markdown's title is on
        lines = [Comment.make(span=make_span(0, 1, 0, 0, 1, 0), text=c, indent=0) for c in comments]
        lines.extend(self.left_out_comments())
        out = Spec.make(span=self.spec.span, header=header, body=body, comments=lines)
        return format_spec(out, keep_layout=False)


def _one_line(value: str) -> str:
    return " ".join(value.split())


def convert(markdown_text: str, path: str | None = None, *, levels: list[str] | None = None) -> str:
    """The `.mspec` text equivalent to a Markdown spec (see the module docstring).

    `levels` (highest first) applies when the document declares none; by
    default it is the `levels` of the configuration that applies to `path`.
    A configuration error is raised as `specdsl.workspace.config.ConfigError`.
    """
    from ..syntax.ast import deep_recursion
    from ..markdown import read_markdown

    spec, stats = read_markdown(markdown_text, path)
    if levels is None and path is not None and not (spec.header and spec.header.levels):
        from ..workspace.config import config_for

        levels = list(config_for(path).levels or [])
    with deep_recursion():
        return _Converter(spec, path, levels, markdown_text, stats.left_out).run()
