"""The Markdown front end: the model specs that exist today, read into the AST.

Real specs are Markdown (the OpenAI Model Spec, Claude's constitution …).
This module reads one with markdown-it-py (a CommonMark parser, with the
front-matter, footnote and admonition plugins and GFM tables) and builds the
same tree the `.mspec` parser builds, with exact spans into the Markdown text.
Block structure comes from markdown-it; this module only locates the text of
each block in its source lines (markdown-it gives line maps) so that every
span points at the author's characters.

What becomes what:

- Headings are sections. A heading with an attribute block that gives a
  level (`## Do not lie {#do_not_lie authority=user}`, Pandoc / attr_list
  style; `level=`, `priority=`, `hard`, `.hard`, `tags=a,b` are read too) is
  a rule: the heading text without the block is its text, `#id` its id (a
  slug of the text when there is none). A rule heading under a rule is a
  subrule. A document whose first block is an H1 without attributes has that
  heading as its title.
- Under a rule, each paragraph is a subrule (id PARENT.N) and each list item
  a subrule of the paragraph that introduces it when that paragraph ends
  with ":" (a lead-in such as "The assistant should never:" carries its
  modality into the items; see `SpecModel.analysis`), else of the rule.
  Nested lists nest.
- `!!! meta "Commentary"` admonitions (any `!!!` admonition), GitHub alerts
  (`> [!NOTE]`), and paragraphs that give reasons without instructing
  ("because", "the reason is", "this is why", "so that" …) are rationales. A
  paragraph that instructs and then explains ("Do X. This is because Y.")
  becomes a subrule with the explanation as its rationale. Under a section
  (not a rule), they are the section's rationale.
- `**Example**: title` followed by a fenced transcript with `<user>`,
  `<developer>`, `<system>` … and `<assistant> <!-- GOOD|BAD|OK … -->`
  turns (optionally inside `<comparison>`) is an example of the rule it
  stands in: user turns are prompts, other turns are prompts with their tags,
  GOOD/OK answers are good, BAD answers bad, and the comment's explanation a
  note. Fences are CommonMark fences: ``` inside ~~~ is content.
- `[text](#id)` and `[?](#id)` links (and `<!-- BAD[#id] -->`) are
  references of kind "link" from the rule they stand in. A link to a
  section's anchor (a heading that is not a rule) is navigation, not a
  reference; a link to an anchor that exists nowhere is kept, so S003
  reports it. Footnotes without definitions are plain text.
- Under a definitions heading (Definitions, Glossary, Terms, Terminology),
  `**Term**: definition` paragraphs and bullets are terms.
- A table with an ID column (`| ID | Principle |`) makes one rule per row
  (columns named Rationale/Why, Level/Authority, Hard, Tags are read too);
  ids mentioned in a row's text, and ranges such as "AS1–AS4", are
  references to each id.
- When the document marks no rule with an attribute block, a lead-in
  paragraph whose last sentence ends in ":" and requires or forbids
  ("Claude should never:", "… should by default:") followed by a list is a
  rule with the items as subrules (id: a slug of its heading); under a
  heading about hard constraints or bright lines, it is `hard`. The
  reason-giving paragraphs right after it are its rationales.
- Front matter, link-only tables of contents, HTML blocks and template tags
  (`{% … %}`, `{{ … }}`, `:::`, `[TOC]`) are skipped. Authority levels come
  from a `speclint: {levels: [...]}` front-matter key (the configuration's
  `levels` applies when the document has none, see `runner.model_for`).
- `<!-- speclint: ignore[CODES] reason: … -->` is a suppression, like the
  `# speclint:` comment of `.mspec`.

Reading never raises: a Markdown file with no normative content gives a spec
with no rules, and anything that truly cannot be read is an S001 diagnostic.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Any, Iterator
from urllib.parse import unquote

from .ast import (
    Attribute,
    Directive,
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
from .diagnostics import Diagnostic, Severity, Span, make_span

__all__ = ["parse_markdown", "read_markdown", "MarkdownStats", "slug"]


# ---------------------------------------------------------------- the parser


@lru_cache(maxsize=1)
def _md():  # noqa: D401
    from markdown_it import MarkdownIt
    from mdit_py_plugins.admon import admon_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").enable("table")
    md.use(front_matter_plugin).use(footnote_plugin).use(admon_plugin)
    # Inline parsing (links, emphasis) runs only on the blocks that need it:
    # see `_Reader.children`. It is half of markdown-it's time on a large spec.
    md.disable("inline")
    return md


class _Node:
    """A block of the document: markdown-it's open/close tokens folded into a tree."""

    __slots__ = ("type", "tok", "children", "inline", "range")

    def __init__(self, type_: str, tok: Any):
        self.type = type_
        self.tok = tok
        self.children: list[_Node] = []
        self.inline: Any = None  # the inline token of a paragraph, heading or cell
        self.range: tuple[int, int] | None = None  # source offsets, worked out once

    @property
    def map(self) -> list[int] | None:
        return self.tok.map if self.tok is not None else None


def _tree(tokens: list) -> list[_Node]:
    root = _Node("root", None)
    stack = [root]
    for tok in tokens:
        kind = tok.type
        if tok.nesting == 1:
            node = _Node(kind[:-5] if kind.endswith("_open") else kind, tok)
            stack[-1].children.append(node)
            stack.append(node)
        elif tok.nesting == -1:
            if len(stack) > 1:
                stack.pop()
        elif kind == "inline":
            stack[-1].inline = tok
        else:
            stack[-1].children.append(_Node(kind, tok))
    return root.children


# ---------------------------------------------------------------- source text


class _Source:
    """The document's text with its line starts: offsets to positions and back."""

    def __init__(self, text: str):
        self.text = text
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.starts = starts

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def bounds(self, line: int) -> tuple[int, int]:
        """Start and end offsets of 0-based `line` (the end before "\\r\\n" or "\\n")."""
        starts = self.starts
        if line >= len(starts):
            n = len(self.text)
            return n, n
        start = starts[line]
        end = starts[line + 1] - 1 if line + 1 < len(starts) else len(self.text)
        if end > start and self.text[end - 1] == "\r":
            end -= 1
        return start, end

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        if end == start:
            return make_span(line, column, start, line, column, end)
        end_line, end_column = self.position(end)
        return make_span(line, column, start, end_line, end_column, end)

    def locate(self, line: int, content: str, after: int | None = None) -> tuple[int, int] | None:
        """Where `content` (stripped) stands on 0-based `line`: (start, end) offsets."""
        content = content.strip()
        start, end = self.bounds(line)
        if after is not None and after > start:
            start = min(after, end)
        if not content:
            return None
        raw_end = end
        text = self.text
        while raw_end > start and text[raw_end - 1] in " \t":
            raw_end -= 1
        if text.endswith(content, start, raw_end) and after is None:
            return raw_end - len(content), raw_end
        at = text.find(content, start, end)
        if at >= 0:
            return at, at + len(content)
        # markdown-it changed the characters (tabs, NUL): take the line's words
        first = start
        while first < raw_end and text[first] in " \t":
            first += 1
        return (first, raw_end) if first < raw_end else None


class _Text:
    """Text made of source pieces: one piece per line, joined by " " (a line
    break) or "\\n\\n" (a blank line). The joined string is what a `Prose`
    holds, and each piece is verbatim in the source, so spans are exact."""

    __slots__ = ("segs", "seps", "_text")

    def __init__(self, segs: list[tuple[int, int]], seps: list[str], source: str):
        self.segs = segs
        self.seps = seps
        parts = []
        for i, (a, b) in enumerate(segs):
            if i:
                parts.append(seps[i - 1])
            parts.append(source[a:b])
        self._text = "".join(parts)

    @property
    def text(self) -> str:
        return self._text

    def __bool__(self) -> bool:
        return bool(self.segs)

    @property
    def start(self) -> int:
        return self.segs[0][0]

    @property
    def end(self) -> int:
        return self.segs[-1][1]

    def offsets(self) -> list[int]:
        """The offset in `text` where each piece starts."""
        out, pos = [], 0
        for i, (a, b) in enumerate(self.segs):
            if i:
                pos += len(self.seps[i - 1])
            out.append(pos)
            pos += b - a
        return out

    def source_offset(self, pos: int, end: bool = False) -> int:
        """The source offset of text offset `pos`."""
        starts = self.offsets()
        for (a, b), s in zip(reversed(self.segs), reversed(starts)):
            if pos > s or (pos == s and not end):
                return a + min(pos - s, b - a)
        return self.segs[0][0]

    def cut(self, start: int, end: int, source: str) -> _Text:
        """The part of this text between text offsets `start` and `end`, trimmed."""
        segs: list[tuple[int, int]] = []
        seps: list[str] = []
        gap: str | None = None  # the separators since the last piece kept
        for i, ((a, b), s) in enumerate(zip(self.segs, self.offsets())):
            if i:
                sep = self.seps[i - 1]
                gap = sep if gap is None else ("\n\n" if "\n\n" in (gap, sep) else " ")
            lo = max(start, s)
            hi = min(end, s + (b - a))
            if lo >= hi:
                continue
            pa, pb = a + (lo - s), a + (hi - s)
            while pa < pb and source[pa] in " \t":
                pa += 1
            while pb > pa and source[pb - 1] in " \t":
                pb -= 1
            if pa >= pb:
                continue
            if segs:
                seps.append(gap or " ")
            gap = None
            segs.append((pa, pb))
        return _Text(segs, seps, source)

    def prose(self, src: _Source) -> Prose | None:
        if not self.segs:
            return None
        breaks = []
        pos = 0
        for i, (a, b) in enumerate(self.segs):
            if i:
                if self.seps[i - 1] == " ":
                    breaks.append(pos)
                pos += len(self.seps[i - 1])
            pos += b - a
        return Prose.make(span=src.span(self.start, self.end), text=self._text, breaks=breaks)


def _join(texts: list[_Text], source: str) -> _Text:
    """Several texts as one, a blank line between each two."""
    segs: list[tuple[int, int]] = []
    seps: list[str] = []
    for t in texts:
        if not t:
            continue
        if segs:
            seps.append("\n\n")
        segs.extend(t.segs)
        seps.extend(t.seps)
    return _Text(segs, seps, source)


def _lines_text(src: _Source, first_line: int, lines: list[str]) -> _Text:
    """The text of content `lines` that stand on source lines from `first_line` on."""
    segs: list[tuple[int, int]] = []
    seps: list[str] = []
    blank = False
    for k, content in enumerate(lines):
        if not content.strip():
            blank = True
            continue
        where = src.locate(first_line + k, content)
        if where is None:
            blank = True
            continue
        if segs:
            seps.append("\n\n" if blank else " ")
        segs.append(where)
        blank = False
    return _Text(segs, seps, src.text)


# ---------------------------------------------------------------- patterns

_ATTR_BLOCK = re.compile(r"[ \t]*\{([^{}\n]*)\}[ \t]*$")
_ATTR_TOKEN = re.compile(r"""([#.])([^\s"'=#.{}][^\s"'={}]*)|([A-Za-z_][\w.:-]*)(?:=("[^"]*"|'[^']*'|[^\s"'{}]*))?""")
_RULE_KEYS = frozenset({"authority", "level", "priority", "hard", "rule"})
_EXAMPLE = re.compile(r"^(?:\*{1,2}|_{1,2})Examples?(?:[ \t]+\d+)?(?:(?:\*{1,2}|_{1,2})[ \t]*:|:[ \t]*(?:\*{1,2}|_{1,2}))[ \t]*")
_TERM = re.compile(r"^(\*\*|__)(?P<name>[^*_\n](?:[^\n]*?[^*_\s])?)(?P<c1>[ \t]*:)?\1(?P<c2>[ \t]*:)?[ \t]*")
_DEFINITIONS_TITLE = re.compile(r"^\W*(definitions?|glossary|terms|terminology|key terms|vocabulary)\b", re.I)
_RATIONALE_TITLE = re.compile(r"^\W*(rationale|why|reasons?|commentary|background|motivation)\b", re.I)
_EXAMPLES_TITLE = re.compile(r"^\W*examples?\b", re.I)
_HARD_TITLE = re.compile(r"\bhard[- ](?:constraints?|rules?|limits?|lines?)\b|\bbright[- ]lines?\b|\bnon-?negotiable", re.I)
_REASON = re.compile(
    r"(?<![\w'’-])(?:because|the reason (?:is|being|for this|we)|(?:this|that|which) is why|(?:that|which)['’]s why|"
    r"so that|in order to|the rationale|the purpose of this|for the sake of)(?![\w'’-])",
    re.I,
)
_REASON_OPENER = re.compile(
    r"^\W*(?:because|this is (?:because|why|so|important)|that is (?:because|why)|that['’]s (?:because|why)|"
    r"the (?:reason|rationale|purpose)|we (?:do|ask|require) this|this (?:helps|ensures|protects|prevents|matters))\b",
    re.I,
)
_REASON_HINT = re.compile(r"because|reason|why|so that|in order|rationale|purpose|this (?:helps|ensures|protects|prevents|matters|is so)|we (?:do|ask|require) this", re.I)
_TEMPLATE_LINE = re.compile(r"^\s*(?:\{%.*%\}|\{\{.*\}\}|\{#.*#\}|:::.*|\[\[_?TOC_?\]\]|\[TOC\]|<%.*%>)\s*$", re.I)
_ALERT = re.compile(r"^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION|INFO|RATIONALE|WHY)\][ \t]*", re.I)
_DIRECTIVE = re.compile(
    r"<!--[ \t]*speclint[ \t]*:[ \t]*(ignore-file|ignore)[ \t]*\[([^\]\n]*)\][ \t]*(?:reason[ \t]*:[ \t]*(.*?))?[ \t]*-->",
    re.S,
)
_HTML_ANCHOR = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"']+)["']""")
_OPEN_TAG = re.compile(r"^[ \t]*<([A-Za-z][\w.-]*)((?:[ \t][^<>\n]*)?)>", re.M)
_VERDICT = re.compile(r"[ \t]*<!--(.*?)-->", re.S)
_VERDICT_WORD = re.compile(r"^\s*(GOOD|BAD|OK)\b(?:\[([^\]]*)\])?", re.I)
_ID_MENTION_CACHE: dict[tuple[str, ...], re.Pattern] = {}
_CLOSE_TAGS: dict[str, re.Pattern] = {}
_SLUG_DROP = re.compile(r"[^\w\- ]", re.U)
_ID_HEADERS = frozenset({"id", "rule id", "rule", "#", "no.", "code", "principle id", "rule-id", "ref"})
_TEXT_HEADERS = ("principle", "rule text", "rule", "text", "statement", "description", "guideline",
                 "requirement", "policy", "behavior", "behaviour", "instruction", "constraint")
_RATIONALE_HEADERS = frozenset({"rationale", "why", "reason", "reasons", "explanation", "justification"})
_LEVEL_HEADERS = frozenset({"level", "authority", "authority level"})


def slug(title: str) -> str:
    """A heading's anchor as GitHub makes it: lowercase, punctuation dropped, spaces to hyphens."""
    return _SLUG_DROP.sub("", title.strip().lower()).replace(" ", "-")


def _id_slug(title: str) -> str:
    """An id made from a title, valid in `.mspec` (ASCII letters, digits, `-` and `_`)."""
    import unicodedata

    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-z0-9_-]+", "-", ascii_title.lower()).strip("-_")
    value = re.sub(r"-{2,}", "-", value)
    if not value:
        return "rule"
    if not (value[0].isalpha() or value[0] == "_"):
        value = "rule-" + value
    return value


def _plain(markup: str) -> str:
    """Inline Markdown without emphasis and code marks (for cell and term names)."""
    return re.sub(r"[*_`]+", "", markup).replace("\\", "").strip()


# ---------------------------------------------------------------- build state


class _RuleB:
    """A rule being built (plain slots: built for every paragraph of a large spec)."""

    __slots__ = ("kind", "id", "id_span", "auto_id", "start", "end", "level", "attributes",
                 "attributes_span", "text", "body", "links", "role")

    def __init__(self, kind: str, id: str, id_span: Span, auto_id: bool, start: int, end: int, level: int = 99):
        self.kind = kind
        self.id = id
        self.id_span = id_span
        self.auto_id = auto_id
        self.start = start
        self.end = end
        self.level = level  # heading level (99: not from a heading)
        self.attributes: list = []
        self.attributes_span: Span | None = None
        self.text: Prose | None = None
        self.body: list = []  # nodes and _RuleB
        self.links: list = []  # Reference, pending the anchors
        self.role: str | None = None  # "rationale": its blocks are rationales (a "Rationale" heading)


class _SecB:
    """A section being built, or a plain heading inside a rule (`rule` set)."""

    __slots__ = ("title", "title_span", "start", "end", "level", "body", "definitions", "hard", "rule", "role")

    def __init__(self, title: str, title_span: Span | None, start: int, end: int, level: int, *,
                 definitions: bool = False, hard: bool = False, rule: _RuleB | None = None, role: str | None = None):
        self.title = title
        self.title_span = title_span
        self.start = start
        self.end = end
        self.level = level
        self.body: list = []
        self.definitions = definitions
        self.hard = hard
        self.rule = rule  # a heading inside a rule: its blocks go to this rule
        self.role = role


class MarkdownStats:
    """What the reader saw, beyond what the tree keeps (for tests and reports)."""

    def __init__(self) -> None:
        self.headings = 0
        self.rule_headings = 0
        self.examples = 0  # **Example** blocks seen, in rules or not
        self.orphan_examples = 0  # examples outside any rule (kept nowhere)
        self.links = 0  # links to #anchors
        self.section_links = 0  # of which to a section's anchor (not references)
        self.tables = 0
        self.id_tables = 0
        self.skipped: list[str] = []

    def __repr__(self) -> str:
        return f"MarkdownStats({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"


class _Reader:
    def __init__(self, text: str, path: str | None):
        self.path = path
        self.src = _Source(text)
        self.text = text
        self.stats = MarkdownStats()
        self.diagnostics: list[Diagnostic] = []
        self.directives: list[Directive] = []
        self.header: Header | None = None
        self.levels: Levels | None = None
        self.anchors: set[str] = set()
        self.rule_ids: set[str] = set()
        self.used_ids: dict[str, int] = {}
        self.explicit_ids: set[str] = set()
        self.attribute_mode = False
        self.all_rules: list[_RuleB] = []
        self.last_rule: _RuleB | None = None  # inference mode: reasons right after it are its own
        self.env: dict = {}

    # -- spans ---------------------------------------------------------------
    def span(self, a: int, b: int) -> Span:
        return self.src.span(a, b)

    def node_range(self, node: _Node) -> tuple[int, int]:
        """Source offsets of a block: its first line's content to its last non-blank line's end."""
        if node.range is not None:
            return node.range
        m = node.map
        if not m:
            return 0, 0
        first, last = m[0], max(m[0], m[1] - 1)
        while last > first:
            a, b = self.src.bounds(last)
            if self.text[a:b].strip():
                break
            last -= 1
        a, _ = self.src.bounds(first)
        _, b = self.src.bounds(last)
        while a < b and self.text[a] in " \t":
            a += 1
        node.range = (a, b)
        return a, b

    def children(self, tok) -> list:
        """The inline tokens of a block's text (links, emphasis), parsed on first use."""
        if tok is None:
            return []
        if tok.children is None or (not tok.children and tok.content):
            tok.children = []
            if "[" in tok.content or "<" in tok.content:
                md = _md()
                md.inline.parse(tok.content, md, self.env, tok.children)
            else:
                from markdown_it.token import Token

                tok.children = [Token("text", "", 0, content=tok.content)]
        return tok.children

    def inline_text(self, node: _Node) -> _Text:
        tok = node.inline
        if tok is None or not tok.map:
            return _Text([], [], self.text)
        return _lines_text(self.src, tok.map[0], tok.content.split("\n"))

    # -- the document --------------------------------------------------------
    def run(self, tokens: list) -> Spec:
        nodes = _tree(tokens)
        self._prescan(nodes)
        root = _SecB(title="", title_span=None, start=0, end=0, level=0)
        stack: list = [root]
        i = 0
        first_block = True
        while i < len(nodes):
            node = nodes[i]
            if node.type == "front_matter":
                self._front_matter(node)
                i += 1
                continue
            if node.type == "heading":
                self.stats.headings += 1
                if first_block and self._title(node):
                    first_block = False
                    i += 1
                    continue
                first_block = False
                self._heading(node, stack)
                i += 1
                continue
            first_block = False
            top = stack[-1]
            i = self._block(nodes, i, top)
        while len(stack) > 1:
            self._close(stack)
        self._resolve_links()
        body = self._finish_body(root.body)
        end = len(self.text)
        header = self.header
        if self.levels is not None:
            if header is None:
                span = self.levels.span
                header = Header.make(span=span, title=_title_from_path(self.path), title_span=span, entries=[self.levels])
            else:
                header = Header.make(span=header.span, title=header.title, title_span=header.title_span, entries=[self.levels])
        return Spec.make(
            span=self.span(0, end),
            header=header,
            body=body,
            directives=self.directives,
            diagnostics=self.diagnostics,
            source_format="markdown",
        )

    def _prescan(self, nodes: list[_Node]) -> None:
        """Anchors of every heading, and whether the document marks rules with attribute blocks."""
        stack = list(reversed(nodes))
        while stack:
            node = stack.pop()
            if node.type == "heading" and node.inline is not None:
                content = node.inline.content
                attrs = _ATTR_BLOCK.search(content)
                title = content[: attrs.start()] if attrs else content
                self.anchors.add(slug(_plain(title)))
                self.anchors.add(title.strip().lower().replace(" ", "-"))
                if attrs:
                    parsed = _parse_attrs(attrs.group(1))
                    if parsed["id"]:
                        self.anchors.add(parsed["id"])
                        if parsed["rule"]:
                            self.explicit_ids.add(parsed["id"])
                    if parsed["rule"]:
                        self.attribute_mode = True
            elif node.type in ("html_block",) or (node.inline is not None and "id=" in node.inline.content):
                content = node.tok.content if node.type == "html_block" else node.inline.content
                self.anchors.update(_HTML_ANCHOR.findall(content))
            stack.extend(reversed(node.children))

    def _title(self, node: _Node) -> bool:
        """An H1 without attributes as the document's first block is its title."""
        if node.tok.tag != "h1" or node.inline is None or _ATTR_BLOCK.search(node.inline.content):
            return False
        text = self.inline_text(node)
        if not text:
            return False
        prose = text.prose(self.src)
        if self.header is None:
            a, b = self.node_range(node)
            self.header = Header.make(span=self.span(a, b), title=_plain(prose.text), title_span=prose.span, entries=[])
        return True

    def _front_matter(self, node: _Node) -> None:
        content = node.tok.content or ""
        a, b = self.node_range(node)
        if "speclint" not in content and "title" not in content:
            return
        try:
            from ruamel.yaml import YAML

            data = YAML(typ="safe", pure=True).load(content)
        except Exception as error:  # noqa: BLE001 - any YAML problem
            if "speclint" in content:
                self._problem(a, b, f"the front matter is not valid YAML, so its `speclint:` settings were not read ({type(error).__name__})")
            return
        if not isinstance(data, dict):
            return
        title = data.get("title")
        if isinstance(title, str) and title.strip() and self.header is None:
            where = self.text.find(title.strip(), a, b)
            tspan = self.span(where, where + len(title.strip())) if where >= 0 else self.span(a, b)
            self.header = Header.make(span=self.span(a, b), title=title.strip(), title_span=tspan, entries=[])
        settings = data.get("speclint")
        if settings is None:
            return
        if not isinstance(settings, dict):
            self._problem(a, b, "`speclint:` in the front matter must be a mapping, e.g. `speclint: {levels: [root, system, user]}`")
            return
        levels = settings.get("levels")
        if levels is None:
            return
        if isinstance(levels, str):
            names = [n.strip() for n in levels.split(">") if n.strip()]
        elif isinstance(levels, list) and all(isinstance(n, (str, int)) for n in levels):
            names = [str(n).strip() for n in levels if str(n).strip()]
        else:
            self._problem(a, b, "`speclint: levels:` must be a list of level names, highest first, or `a > b > c`")
            return
        key = self.text.find("levels", self.text.find("speclint", a, b), b)
        cursor = key if key >= 0 else a
        out = []
        for name in names:
            at = self.text.find(name, cursor, b)
            if at < 0:
                span = self.span(max(key, a), max(key, a) + 6)
            else:
                span = self.span(at, at + len(name))
                cursor = at + len(name)
            out.append(Name.make(span=span, value=name))
        if out:
            first = key if key >= 0 else a
            self.levels = Levels.make(span=self.span(first, out[-1].span.end_offset), names=out)

    def _problem(self, a: int, b: int, message: str) -> None:
        self.diagnostics.append(
            Diagnostic.make(code="S001", name="syntax-error", severity=Severity.ERROR, message=message,
                            span=self.span(a, b), path=self.path)
        )

    # -- headings ------------------------------------------------------------
    def _heading(self, node: _Node, stack: list) -> None:
        level = int(node.tok.tag[1:]) if node.tok.tag[1:].isdigit() else 6
        while len(stack) > 1 and stack[-1].level >= level:
            self._close(stack)
        parent = stack[-1]
        a, b = self.node_range(node)
        text = self.inline_text(node)
        content = text.text
        attrs = _ATTR_BLOCK.search(content)
        parsed = _parse_attrs(attrs.group(1)) if attrs else None
        title_text = text.cut(0, attrs.start(), self.text) if attrs else text
        owner = parent.rule if isinstance(parent, _SecB) and parent.rule is not None else parent
        if parsed and parsed["rule"]:
            self.stats.rule_headings += 1
            rule = self._rule_heading(node, text, title_text, attrs, parsed, owner, level, a, b)
            stack.append(rule)
            return
        title = _plain(title_text.text) if title_text else ""
        if isinstance(owner, _RuleB):
            # a plain heading inside a rule: its rationale, its examples, or a subrule
            if _RATIONALE_TITLE.match(title):
                stack.append(_SecB(title, None, a, b, level, rule=owner, role="rationale"))
                return
            if _EXAMPLES_TITLE.match(title):
                stack.append(_SecB(title, None, a, b, level, rule=owner))
                return
            sub = self._new_rule("subrule", owner, a, b, level)
            sub.text = title_text.prose(self.src) if title_text else None
            if parsed and parsed["id"]:
                self._explicit_id(sub, parsed["id"], attrs, text)
            else:
                self._point_id(sub, title_text, a)
            owner.body.append(sub)
            self._links(node, sub)
            stack.append(sub)
            return
        prose = title_text.prose(self.src) if title_text else None
        section = _SecB(
            title=title or "(untitled)",
            title_span=prose.span if prose else self.span(a, b),
            start=a,
            end=b,
            level=level,
            definitions=bool(_DEFINITIONS_TITLE.match(title)),
            hard=bool(_HARD_TITLE.search(title)) or (isinstance(parent, _SecB) and parent.hard),
        )
        self.last_rule = None
        stack.append(section)

    def _rule_heading(self, node, text: _Text, title_text: _Text, attrs, parsed, owner, level, a, b) -> _RuleB:
        kind = "subrule" if isinstance(owner, _RuleB) else "rule"
        rule = self._new_rule(kind, owner if isinstance(owner, _RuleB) else None, a, b, level)
        rule.text = title_text.prose(self.src) if title_text else None
        block_start = text.source_offset(attrs.start())
        inner = self.text.find("{", block_start)
        close = self.text.find("}", inner)
        if inner >= 0 and close > inner:
            rule.attributes_span = self.span(inner, close + 1)
        if parsed["id"]:
            self._explicit_id(rule, parsed["id"], attrs, text)
        else:
            rid = self._unique(_id_slug(_plain(title_text.text) if title_text else "rule"))
            rule.id = rid
            self._point_id(rule, title_text, a)
        rule.attributes = self._attributes(parsed, inner if inner >= 0 else a, close if close > inner else b)
        if isinstance(owner, _RuleB):
            owner.body.append(rule)
        self._links(node, rule)
        self.rule_ids.add(rule.id)
        return rule

    def _explicit_id(self, rule: _RuleB, rid: str, attrs, text: _Text) -> None:
        rule.id = rid
        rule.auto_id = False
        self.used_ids[rid] = self.used_ids.get(rid, 0) + 1
        start = text.source_offset(attrs.start())
        at = self.text.find("#" + rid, start)
        if at >= 0:
            rule.id_span = self.span(at + 1, at + 1 + len(rid))
        self.rule_ids.add(rid)

    def _point_id(self, rule: _RuleB, text: _Text | None, fallback: int) -> None:
        """An id that is not written in the source points at the first word of the rule's text."""
        if text:
            a = text.start
            b = a
            while b < text.segs[0][1] and not self.text[b].isspace():
                b += 1
            rule.id_span = self.span(a, max(b, a + 1) if a < len(self.text) else a)
        else:
            rule.id_span = self.span(fallback, fallback)

    def _attributes(self, parsed: dict, start: int, end: int) -> list[Attribute]:
        out = []
        for key, value, kind in parsed["items"]:
            k = key.lower()
            at = self.text.find(key, start, end)
            kspan = self.span(at, at + len(key)) if at >= 0 else self.span(start, end)
            if k in ("hard",) and (value is None or value.strip("\"'").lower() in ("", "true", "yes", "1")):
                out.append(Attribute.make(span=kspan, key="hard"))
            elif k in ("authority", "level", "priority") and value:
                v = value.strip("\"'")
                vat = self.text.find(v, at if at >= 0 else start, end)
                vspan = self.span(vat, vat + len(v)) if vat >= 0 else kspan
                full = self.span(kspan.offset, vspan.end_offset) if vat >= 0 else kspan
                if k == "priority" and not v.isdigit():
                    continue
                out.append(Attribute.make(span=full, key="priority" if k == "priority" else "level",
                                          values=[Name.make(span=vspan, value=v)]))
            elif k == "tags" and value:
                names = []
                cursor = at if at >= 0 else start
                for tag in re.split(r"[,\s]+", value.strip("\"'")):
                    if not tag:
                        continue
                    tat = self.text.find(tag, cursor, end)
                    names.append(Name.make(span=self.span(tat, tat + len(tag)) if tat >= 0 else kspan, value=tag))
                    if tat >= 0:
                        cursor = tat + len(tag)
                if names:
                    out.append(Attribute.make(span=self.span(kspan.offset, names[-1].span.end_offset), key="tags", values=names))
        for cls in parsed["classes"]:
            if cls.lower() == "hard" and not any(x.key == "hard" for x in out):
                at = self.text.find("." + cls, start, end)
                out.append(Attribute.make(span=self.span(at + 1, at + 1 + len(cls)) if at >= 0 else self.span(start, end), key="hard"))
        return out

    def _unique(self, base: str) -> str:
        """`base`, or `base-2`, `base-3` … if an id is taken (generated ids never take an author's)."""
        rid, n = base, 1
        while rid in self.used_ids or rid in self.explicit_ids:
            n += 1
            rid = f"{base}-{n}"
        self.used_ids[rid] = 1
        return rid

    def _new_rule(self, kind: str, parent: _RuleB | None, a: int, b: int, level: int = 99) -> _RuleB:
        rule = _RuleB(kind=kind, id="", id_span=self.span(a, a), auto_id=kind == "subrule", start=a, end=b, level=level)
        self.all_rules.append(rule)
        return rule

    def _close(self, stack: list) -> None:
        node = stack.pop()
        parent = stack[-1]
        if isinstance(node, _SecB) and node.rule is not None:
            node.rule.end = max(node.rule.end, node.end)
            return
        parent.end = max(parent.end, node.end)
        if isinstance(node, _SecB):
            if isinstance(parent, _SecB) and parent.rule is None:
                parent.body.append(node)
            elif isinstance(parent, _SecB):
                parent.rule.body.append(node)  # not reached: sections never open inside rules
            else:
                parent.body.append(node)
        elif isinstance(node, _RuleB):
            if isinstance(parent, _SecB) and parent.rule is None:
                parent.body.append(node)
            # a subrule was added to its parent's body when it was made
            if isinstance(parent, _SecB) and parent.rule is not None:
                parent.rule.end = max(parent.rule.end, node.end)

    # -- blocks --------------------------------------------------------------
    def _block(self, nodes: list[_Node], i: int, ctx) -> int:
        """Read the block `nodes[i]` in context `ctx` (a rule or a section); returns the next index."""
        node = nodes[i]
        if isinstance(ctx, _SecB) and ctx.rule is not None:
            rule = ctx.rule
            a, b = self.node_range(node)
            ctx.end = max(ctx.end, b)
            if ctx.role == "rationale":
                return self._rationale_block(nodes, i, rule)
            return self._rule_block(nodes, i, rule)
        a, b = self.node_range(node)
        ctx.end = max(ctx.end, b)
        if isinstance(ctx, _RuleB):
            if ctx.role == "rationale":
                return self._rationale_block(nodes, i, ctx)
            return self._rule_block(nodes, i, ctx)
        return self._section_block(nodes, i, ctx)

    def _skip(self, node: _Node) -> bool:
        """Blocks that are never content: HTML (but suppressions), rules (hr), footnotes, front matter."""
        t = node.type
        if t == "html_block":
            self._html(node)
            return True
        return t in ("hr", "footnote_block", "footnote", "front_matter", "footnote_reference_open")

    def _html(self, node: _Node) -> None:
        content = node.tok.content or ""
        if "speclint" not in content:
            return
        a, b = self.node_range(node)
        for m in _DIRECTIVE.finditer(self.text, a, b):
            scope = m.group(1)
            codes = []
            start = m.start(2)
            for cm in re.finditer(r"[A-Za-z][A-Za-z0-9-]*", m.group(2)):
                codes.append(Name.make(span=self.span(start + cm.start(), start + cm.end()), value=cm.group()))
            reason = (m.group(3) or "").strip() or None
            line, column = self.src.position(m.start())
            self.directives.append(
                Directive.make(span=self.span(m.start(), m.end()), scope=scope, codes=codes, reason=reason, indent=column - 1)
            )

    def _section_block(self, nodes: list[_Node], i: int, sec: _SecB) -> int:
        node = nodes[i]
        t = node.type
        if self._skip(node):
            return i + 1
        if t == "paragraph" or t == "heading":
            text = self.inline_text(node)
            if not text or self._ignorable(node, text):
                return i + 1
            s = text.text
            if _EXAMPLE.match(s):
                self.stats.examples += 1
                self.stats.orphan_examples += 1
                self.stats.skipped.append(f"line {self.src.position(text.start)[0]}: an example outside any rule")
                self.last_rule = None
                return i + 2 if i + 1 < len(nodes) and nodes[i + 1].type in ("fence", "code_block") else i + 1
            if sec.definitions:
                term = self._term(text)
                if term is not None:
                    sec.body.append(term)
                    return i + 1
            nxt = nodes[i + 1] if i + 1 < len(nodes) else None
            if (
                not self.attribute_mode
                and nxt is not None
                and nxt.type in ("bullet_list", "ordered_list")
                and s.rstrip().endswith(":")
                and _instructs(s)
            ):
                rule = self._lead_in_rule(node, text, nxt, sec)
                sec.body.append(rule)
                self.last_rule = rule
                return i + 2
            if _gives_reason(s) or (self.last_rule is not None and _REASON.search(s)):
                rationale = Rationale.make(span=text.prose(self.src).span, text=text.prose(self.src))
                if self.last_rule is not None:
                    self.last_rule.body.append(rationale)
                    self.last_rule.end = max(self.last_rule.end, text.end)
                else:
                    self._section_rationale(sec, rationale)
                return i + 1
            self.last_rule = None
            return i + 1
        if t in ("bullet_list", "ordered_list"):
            if sec.definitions:
                for item in node.children:
                    first = item.children[0] if item.children else None
                    if first is not None and first.type == "paragraph":
                        term = self._term(self.inline_text(first))
                        if term is not None:
                            sec.body.append(term)
            self.last_rule = None
            return i + 1
        if t == "admonition" or (t == "blockquote" and self._alert(node)):
            text = self._container_text(node)
            if text:
                prose = text.prose(self.src)
                target = self.last_rule
                rationale = Rationale.make(span=self.span(*self.node_range(node)), text=prose)
                if target is not None:
                    target.body.append(rationale)
                else:
                    self._section_rationale(sec, rationale)
            return i + 1
        if t == "blockquote":
            j = 0
            while j < len(node.children):
                j = self._section_block(node.children, j, sec)
            return i + 1
        if t == "table":
            self.stats.tables += 1
            rules = self._table(node, None)
            if rules:
                sec.body.extend(rules)
            return i + 1
        return i + 1

    def _section_rationale(self, sec: _SecB, rationale: Rationale) -> None:
        """A section's rationale; the document's top level has none in `.mspec` (the text is skipped)."""
        if sec.level == 0:
            self.stats.skipped.append(f"line {rationale.span.line}: a rationale outside any section or rule")
            return
        sec.body.append(rationale)

    def _rationale_block(self, nodes: list[_Node], i: int, rule: _RuleB) -> int:
        node = nodes[i]
        if self._skip(node):
            return i + 1
        if node.type in ("fence", "code_block", "table"):
            return self._rule_block(nodes, i, rule)
        text = self._container_text(node) if node.children else self.inline_text(node)
        if text and not self._ignorable(node, text):
            prose = text.prose(self.src)
            rule.body.append(Rationale.make(span=self.span(*self.node_range(node)), text=prose))
            self._links(node, rule)
        return i + 1

    def _rule_block(self, nodes: list[_Node], i: int, rule: _RuleB) -> int:
        node = nodes[i]
        t = node.type
        a, b = self.node_range(node)
        rule.end = max(rule.end, b)
        if self._skip(node):
            return i + 1
        if t in ("paragraph", "heading"):
            text = self.inline_text(node)
            if not text or self._ignorable(node, text):
                return i + 1
            s = text.text
            head = _EXAMPLE.match(s)
            if head:
                return self._example(nodes, i, rule, text, head.end())
            if _gives_reason(s):
                prose = text.prose(self.src)
                rule.body.append(Rationale.make(span=prose.span, text=prose))
                self._links(node, rule)
                return i + 1
            sub = self._paragraph_rule(rule, text, a, b)
            self._links(node, sub)
            nxt = nodes[i + 1] if i + 1 < len(nodes) else None
            if nxt is not None and nxt.type in ("bullet_list", "ordered_list") and s.rstrip().endswith(":"):
                self._list(nxt, sub)
                return i + 2
            return i + 1
        if t in ("bullet_list", "ordered_list"):
            self._list(node, rule)
            return i + 1
        if t == "admonition" or (t == "blockquote" and self._alert(node)):
            text = self._container_text(node)
            if text:
                rule.body.append(Rationale.make(span=self.span(a, b), text=text.prose(self.src)))
                self._links(node, rule)
            return i + 1
        if t == "blockquote":
            j = 0
            while j < len(node.children):
                j = self._rule_block(node.children, j, rule)
            return i + 1
        if t == "fence":
            items, refs = self._transcript(node)
            if items:
                self.stats.examples += 1
                rule.body.append(Example.make(span=self.span(a, b), text=None, items=items))
                rule.links.extend(refs)
            return i + 1
        if t == "table":
            self.stats.tables += 1
            subs = self._table(node, rule)
            for sub in subs:
                rule.body.append(sub)
            return i + 1
        return i + 1

    def _paragraph_rule(self, parent: _RuleB, text: _Text, a: int, b: int) -> _RuleB:
        """A paragraph under a rule: a subrule, its explanation split off as its rationale."""
        sub = self._new_rule("subrule", parent, a, b)
        s = text.text
        cut = _reason_split(s)
        if cut is not None:
            own, why = text.cut(0, cut, self.text), text.cut(cut, len(s), self.text)
            sub.text = own.prose(self.src)
            if why:
                prose = why.prose(self.src)
                sub.body.append(Rationale.make(span=prose.span, text=prose))
            self._point_id(sub, own, a)
        else:
            sub.text = text.prose(self.src)
            self._point_id(sub, text, a)
        parent.body.append(sub)
        return sub

    def _list(self, node: _Node, parent: _RuleB) -> None:
        for item in node.children:
            if item.type != "list_item":
                continue
            kids = item.children
            a, b = self.node_range(item)
            parent.end = max(parent.end, b)
            if not kids or kids[0].type not in ("paragraph", "heading"):
                j = 0
                while j < len(kids):
                    j = self._rule_block(kids, j, parent)
                continue
            text = self.inline_text(kids[0])
            if not text or self._ignorable(kids[0], text):
                continue
            sub = self._new_rule("subrule", parent, a, b)
            sub.text = text.prose(self.src)
            ma, _ = self.src.bounds(item.map[0]) if item.map else (a, a)
            marker = self.text.find((item.tok.markup or "-")[:1], ma, text.start)
            if marker >= 0 and item.tok.markup:
                mk = item.tok.markup
                if node.type == "ordered_list":
                    m = re.compile(r"\d{1,9}" + re.escape(mk)).search(self.text, ma, text.start)
                    sub.id_span = self.span(m.start(), m.end()) if m else self.span(marker, marker + 1)
                else:
                    sub.id_span = self.span(marker, marker + len(mk))
            else:
                self._point_id(sub, text, a)
            parent.body.append(sub)
            self._links(kids[0], sub)
            j = 1
            while j < len(kids):
                j = self._rule_block(kids, j, sub)

    def _lead_in_rule(self, node: _Node, text: _Text, lst: _Node, sec: _SecB) -> _RuleB:
        """Inference mode: "Claude should never:" and its list, as one rule."""
        a, _ = self.node_range(node)
        _, b = self.node_range(lst)
        rule = self._new_rule("rule", None, a, b)
        rule.auto_id = False
        base = _id_slug(sec.title) if sec.title and sec.title != "(untitled)" else "rule"
        rule.id = self._unique(base)
        rule.text = text.prose(self.src)
        self._point_id(rule, text, a)
        if sec.hard:
            rule.attributes = [Attribute.make(span=rule.id_span, key="hard")]
        self._links(node, rule)
        self._list(lst, rule)
        self.rule_ids.add(rule.id)
        return rule

    def _example(self, nodes: list[_Node], i: int, rule: _RuleB, text: _Text, head: int) -> int:
        self.stats.examples += 1
        title = text.cut(head, len(text.text), self.text)
        node = nodes[i]
        a, b = self.node_range(node)
        self._links(node, rule)
        items: list[ExampleItem] = []
        nxt = nodes[i + 1] if i + 1 < len(nodes) else None
        used = 1
        if nxt is not None and nxt.type in ("fence", "code_block"):
            items, refs = self._transcript(nxt)
            rule.links.extend(refs)
            _, b = self.node_range(nxt)
            used = 2
        rule.end = max(rule.end, b)
        rule.body.append(Example.make(span=self.span(a, b), text=title.prose(self.src) if title else None, items=items))
        return i + used

    # -- transcripts ---------------------------------------------------------
    def _transcript(self, node: _Node) -> tuple[list[ExampleItem], list[Reference]]:
        """The turns of a fenced example: prompts, good and bad answers, notes."""
        content = node.tok.content or ""
        if not content.strip() or not node.map:
            return [], []
        lines = content.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        first = node.map[0] + (1 if node.type == "fence" else 0)
        # the virtual text (the fence's content) and where each of its lines is in the source
        starts: list[int] = []
        bases: list[int] = []
        virtual = "\n".join(lines)
        origin = self.src.starts[first] if first < len(self.src.starts) else len(self.text)
        if self.text.startswith(virtual, origin):
            # a fence outside any container: its content is the source, verbatim
            line_starts = self.src.starts
            for k in range(len(lines)):
                bases.append(line_starts[first + k])
                starts.append(line_starts[first + k] - origin)
        else:
            pos = 0
            text = self.text
            for k, line in enumerate(lines):
                starts.append(pos)
                la, lb = self.src.bounds(first + k)
                if line and text.endswith(line, la, lb):
                    bases.append(lb - len(line))
                else:
                    stripped = line.lstrip()
                    at = text.find(stripped, la, lb) if stripped else -1
                    bases.append(at - (len(line) - len(stripped)) if at >= 0 else la)
                pos += len(line) + 1
        mapper = _VirtualMap(virtual, starts, bases)
        items: list[ExampleItem] = []
        refs: list[Reference] = []
        self._turns(virtual, 0, len(virtual), mapper, items, refs)
        if not items:
            text = mapper.text(0, len(virtual), self)
            if text:
                prose = text.prose(self.src)
                items.append(ExampleItem.make(span=prose.span, kind="note", text=prose))
        return items, refs

    def _turns(self, virtual: str, start: int, end: int, mapper, items: list, refs: list) -> None:
        pos = start
        while pos < end:
            m = _OPEN_TAG.search(virtual, pos, end)
            if m is None:
                return
            tag = m.group(1)
            close_re = _CLOSE_TAGS.get(tag)
            if close_re is None:
                close_re = _CLOSE_TAGS[tag] = re.compile(r"</" + re.escape(tag) + r"[ \t]*>")
            inner_start = m.end()
            verdict = _VERDICT.match(virtual, inner_start, end)
            comment = None
            if verdict is not None and tag.lower() == "assistant":
                comment = verdict
                inner_start = verdict.end()
            close = close_re.search(virtual, inner_start, end)
            inner_end = close.start() if close else end
            element_end = close.end() if close else end
            low = tag.lower()
            if low == "comparison":
                self._turns(virtual, inner_start, inner_end, mapper, items, refs)
                pos = element_end
                continue
            kind = "prompt"
            word = None
            if comment is not None:
                word = _VERDICT_WORD.match(comment.group(1))
            if word is not None:
                kind = "bad" if word.group(1).upper() == "BAD" else "good"
                text = mapper.text(inner_start, inner_end, self)
            elif low == "user":
                text = mapper.text(inner_start, inner_end, self)
            else:
                text = mapper.text(m.start() + (len(m.group(0)) - len(m.group(0).lstrip())), element_end, self)
            ea = mapper.source(m.start() + (len(m.group(0)) - len(m.group(0).lstrip())))
            eb = mapper.source(element_end, end=True)
            prose = text.prose(self.src) if text else None
            items.append(ExampleItem.make(span=self.span(ea, max(ea, eb)), kind=kind, text=prose))
            if word is not None:
                inner = comment.group(1)
                label = inner.strip()
                c0 = comment.start(1) + (len(inner) - len(inner.lstrip()))
                if word.group(2):
                    for target in re.finditer(r"#([^\s,\]]+)", word.group(2)):
                        vstart = comment.start(1) + word.start(2) + target.start(1)
                        sa = mapper.source(vstart)
                        refs.append(Reference.make(span=self.span(sa, sa + len(target.group(1))), value=target.group(1)))
                if label.upper() != word.group(1).upper() or word.group(1).upper() == "OK":
                    na = mapper.source(c0)
                    note = _Text([(na, na + len(label))], [], self.text) if "\n" not in label else mapper.text(c0, c0 + len(label), self)
                    nprose = note.prose(self.src)
                    if nprose is not None:
                        items.append(ExampleItem.make(span=nprose.span, kind="note", text=nprose))
            pos = element_end

    # -- tables ----------------------------------------------------------------
    def _table(self, node: _Node, parent: _RuleB | None) -> list[_RuleB]:
        rows = [tr for part in node.children for tr in part.children if tr.type == "tr"]
        if len(rows) < 2:
            return []
        header = [_plain(c.inline.content if c.inline else "").lower() for c in rows[0].children]
        id_col = next((k for k, h in enumerate(header) if h in _ID_HEADERS), None)
        if id_col is None:
            return []
        text_col = next((k for name in _TEXT_HEADERS for k, h in enumerate(header) if h == name and k != id_col), None)
        if text_col is None:
            text_col = next((k for k in range(len(header)) if k != id_col), None)
        if text_col is None:
            return []
        why_col = next((k for k, h in enumerate(header) if h in _RATIONALE_HEADERS), None)
        level_col = next((k for k, h in enumerate(header) if h in _LEVEL_HEADERS), None)
        hard_col = next((k for k, h in enumerate(header) if h == "hard"), None)
        tags_col = next((k for k, h in enumerate(header) if h == "tags"), None)
        self.stats.id_tables += 1
        made: list[_RuleB] = []
        for tr in rows[1:]:
            cells = self._cells(tr)
            if id_col >= len(cells) or cells[id_col] is None:
                continue
            id_text = cells[id_col]
            rid = _plain(id_text.text)
            if not rid or " " in rid:
                continue
            a, b = self.node_range(tr)
            rule = self._new_rule("subrule" if parent else "rule", parent, a, b)
            rule.auto_id = False
            rule.id = rid
            at = self.text.find(rid, id_text.start, id_text.end)
            rule.id_span = self.span(at, at + len(rid)) if at >= 0 else self.span(id_text.start, id_text.end)
            self.rule_ids.add(rid)
            self.used_ids[rid] = self.used_ids.get(rid, 0) + 1
            body_text = cells[text_col] if text_col < len(cells) else None
            rule.text = body_text.prose(self.src) if body_text else None
            if why_col is not None and why_col < len(cells) and cells[why_col]:
                prose = cells[why_col].prose(self.src)
                rule.body.append(Rationale.make(span=prose.span, text=prose))
            attrs = []
            if hard_col is not None and hard_col < len(cells) and cells[hard_col]:
                if _plain(cells[hard_col].text).lower() in ("yes", "true", "x", "✓", "✔", "hard", "1"):
                    attrs.append(Attribute.make(span=self.span(cells[hard_col].start, cells[hard_col].end), key="hard"))
            if level_col is not None and level_col < len(cells) and cells[level_col]:
                value = _plain(cells[level_col].text)
                if value:
                    vspan = self.span(cells[level_col].start, cells[level_col].end)
                    attrs.append(Attribute.make(span=vspan, key="level", values=[Name.make(span=vspan, value=value.lower())]))
            if tags_col is not None and tags_col < len(cells) and cells[tags_col]:
                names = [Name.make(span=self.span(cells[tags_col].start, cells[tags_col].end), value=t)
                         for t in re.split(r"[,\s]+", _plain(cells[tags_col].text)) if t]
                if names:
                    attrs.append(Attribute.make(span=names[0].span, key="tags", values=names))
            rule.attributes = attrs
            made.append(rule)
        # ids mentioned in the rows' text, and ranges such as AS1–AS4
        prefixes = sorted({m.group(1) for r in made for m in [re.match(r"^([A-Za-z]+[A-Za-z_.-]*?)(\d+)$", r.id)] if m}, key=len, reverse=True)
        if prefixes:
            pattern = _mention_pattern(tuple(prefixes))
            for rule in made:
                if rule.text is None:
                    continue
                self._mentions(rule, rule.text, pattern)
        return made

    def _mentions(self, rule: _RuleB, prose: Prose, pattern: re.Pattern) -> None:
        text = prose.text
        for m in pattern.finditer(text):
            prefix, first, second_prefix, last = m.group(1), m.group(2), m.group(3), m.group(4)
            a = prose.span.offset + m.start()
            b = prose.span.offset + m.end()
            if "\n" in self.text[a:b] or self.text[a:b] != text[m.start():m.end()]:
                continue  # only single-line cells are mapped exactly
            if last is not None and (second_prefix in (None, "", prefix)):
                lo, hi = int(first), int(last)
                ids = [f"{prefix}{n}" for n in range(lo, hi + 1)] if 0 <= hi - lo <= 100 else [f"{prefix}{first}", f"{prefix}{last}"]
            else:
                ids = [f"{prefix}{first}"]
                if last is not None:
                    ids.append(f"{second_prefix}{last}")
            for value in ids:
                if value != rule.id:
                    rule.links.append(Reference.make(span=self.span(a, b), value=value))

    def _cells(self, tr: _Node) -> list[_Text | None]:
        line = tr.map[0] if tr.map else None
        if line is None:
            return []
        la, lb = self.src.bounds(line)
        cursor = la
        out: list[_Text | None] = []
        for cell in tr.children:
            content = (cell.inline.content if cell.inline else "").strip()
            if not content:
                bar = self.text.find("|", cursor + 1, lb)
                cursor = bar if bar >= 0 else cursor
                out.append(None)
                continue
            at = self.text.find(content, cursor, lb)
            if at < 0:
                out.append(None)
                continue
            out.append(_Text([(at, at + len(content))], [], self.text))
            cursor = at + len(content)
        return out

    # -- pieces ----------------------------------------------------------------
    def _term(self, text: _Text) -> Term | None:
        s = text.text
        m = _TERM.match(s)
        if m is None or not (m.group("c1") or m.group("c2")):
            return None
        if _EXAMPLE.match(s):
            return None
        name = _plain(m.group("name"))
        if not name or len(name) > 80:
            return None
        na = text.source_offset(m.start("name"))
        nb = text.source_offset(m.end("name"), end=True)
        definition = text.cut(m.end(), len(s), self.text)
        prose = definition.prose(self.src) if definition else None
        return Term.make(span=self.span(text.start, text.end), name=name, name_span=self.span(na, nb), definition=prose)

    def _container_text(self, node: _Node) -> _Text:
        """The text of every paragraph and list item inside an admonition or a quote."""
        texts: list[_Text] = []
        stack = list(reversed(node.children))
        while stack:
            child = stack.pop()
            if child.type in ("admonition_title",):
                continue
            if child.inline is not None and child.type in ("paragraph", "heading"):
                t = self.inline_text(child)
                if t:
                    alert = _ALERT.match(t.text)
                    if alert:
                        t = t.cut(alert.end(), len(t.text), self.text)
                    if t:
                        texts.append(t)
                continue
            stack.extend(reversed(child.children))
        return _join(texts, self.text)

    def _alert(self, node: _Node) -> bool:
        first = node.children[0] if node.children else None
        return bool(first is not None and first.type == "paragraph" and first.inline is not None
                    and _ALERT.match(first.inline.content))

    def _ignorable(self, node: _Node, text: _Text) -> bool:
        """A table of contents (nothing but links) or a line of template tags."""
        s = text.text
        if all(_TEMPLATE_LINE.match(s[a:b]) for a, b in _piece_ranges(text)):
            return True
        tok = node.inline
        if tok is None or not tok.content.startswith("["):
            return False  # a table of contents is links and nothing else: it starts with one
        links = 0
        depth = 0
        for child in self.children(tok):
            if child.type == "link_open":
                href = child.attrGet("href") or ""
                if not (href.startswith("#") or re.match(r"^[\w./-]+\.(?:md|markdown|html?)(?:#|$)", href)):
                    return False  # a link out of the document is content, not navigation
                links += 1
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            elif depth == 0:
                if child.type in ("softbreak", "hardbreak"):
                    continue
                if child.type == "text" and not re.sub(r"[\s|•·,;–—\-*]+", "", child.content):
                    continue
                return False
        return links > 0

    def _links(self, node: _Node, owner: _RuleB) -> None:
        """References of the `[…](#id)` links in a block, with the span of each id."""
        tokens = []
        stack = [node]
        while stack:
            n = stack.pop()
            if n.inline is not None and ("](" in n.inline.content or (self.env.get("references") and "[" in n.inline.content)):
                tokens.append(n.inline)
            stack.extend(reversed(n.children))
        if not tokens:
            return
        a, b = self.node_range(node)
        cursor = a
        for tok in tokens:
            for child in self.children(tok):
                if child.type != "link_open":
                    continue
                href = child.attrGet("href") or ""
                if not href.startswith("#") or len(href) < 2:
                    continue
                target = unquote(href[1:])
                self.stats.links += 1
                at = self.text.find("#" + target, cursor, b)
                if at < 0:
                    at = self.text.find(href, cursor, b)
                    size = len(href) - 1
                else:
                    size = len(target)
                if at < 0:
                    span = self.span(a, a)
                else:
                    span = self.span(at + 1, at + 1 + size)
                    cursor = at + 1 + size
                owner.links.append(Reference.make(span=span, value=target))

    # -- the end -------------------------------------------------------------
    def _resolve_links(self) -> None:
        for rule in self.all_rules:
            if not rule.links:
                continue
            kept = []
            for ref in rule.links:
                if ref.value not in self.rule_ids and ref.value in self.anchors:
                    self.stats.section_links += 1
                    continue
                kept.append(ref)
            rule.links = kept

    def _finish_body(self, body: list) -> list:
        out = []
        for item in body:
            if isinstance(item, _SecB):
                out.append(self._finish_section(item))
            elif isinstance(item, _RuleB):
                out.append(self._finish_rule(item, None))
            else:
                out.append(item)
        return out

    def _finish_section(self, sec: _SecB) -> Section:
        body = self._finish_body(sec.body)
        return Section.make(
            span=self.span(sec.start, max(sec.end, sec.start)),
            title=sec.title,
            title_span=sec.title_span or self.span(sec.start, sec.start),
            body=body,
        )

    def _finish_rule(self, top: _RuleB, parent_id: str | None) -> Rule:
        """The built rule, its subrules numbered PARENT.N (N counts all the parent's subrules)."""
        self._resolve_ids(top, parent_id)
        return self._freeze(top)

    def _resolve_ids(self, top: _RuleB, parent_id: str | None) -> None:
        work = [(top, parent_id)]
        while work:
            rule, pid = work.pop()
            n = 0
            for child in rule.body:
                if isinstance(child, _RuleB):
                    n += 1
                    if child.auto_id:
                        child.id = f"{rule.id}.{n}"
                    work.append((child, rule.id))

    def _freeze(self, top: _RuleB) -> Rule:
        # depth-first without recursion: build children before parents
        order: list[_RuleB] = []
        stack = [top]
        while stack:
            rule = stack.pop()
            order.append(rule)
            stack.extend(c for c in rule.body if isinstance(c, _RuleB))
        built: dict[int, Rule] = {}
        for rule in reversed(order):
            body = []
            for child in rule.body:
                body.append(built[id(child)] if isinstance(child, _RuleB) else child)
            if rule.links:
                refs = sorted(rule.links, key=lambda r: r.span.offset)
                body.append(RefList.make(span=refs[0].span.to(refs[-1].span), kind="link", refs=refs))
            end = max(rule.end, rule.start)
            for child in body:
                end = max(end, child.span.end_offset)
            built[id(rule)] = Rule.make(
                span=self.span(rule.start, end),
                kind=rule.kind,
                id=rule.id,
                id_span=rule.id_span,
                auto_id=rule.auto_id,
                attributes=rule.attributes,
                attributes_span=rule.attributes_span,
                text=rule.text,
                body=body,
            )
        return built[id(top)]


class _VirtualMap:
    """Offsets in a fence's content (its lines joined) to offsets in the source."""

    def __init__(self, virtual: str, starts: list[int], bases: list[int]):
        self.virtual = virtual
        self.starts = starts
        self.bases = bases

    def source(self, pos: int, end: bool = False) -> int:
        if not self.starts:
            return 0
        k = bisect_right(self.starts, pos) - 1
        if end and k > 0 and pos == self.starts[k]:
            k -= 1  # the end of the line before
            line_end = self.starts[k + 1] - 1
            return self.bases[k] + (line_end - self.starts[k])
        k = max(k, 0)
        return self.bases[k] + (pos - self.starts[k])

    def text(self, start: int, end: int, reader: _Reader) -> _Text:
        segs: list[tuple[int, int]] = []
        seps: list[str] = []
        blank = False
        virtual = self.virtual
        k = max(bisect_right(self.starts, start) - 1, 0)
        while k < len(self.starts) and self.starts[k] < end:
            ls = self.starts[k]
            le = self.starts[k + 1] - 1 if k + 1 < len(self.starts) else len(virtual)
            lo, hi = max(ls, start), min(le, end)
            piece = virtual[lo:hi]
            stripped = piece.strip()
            if not stripped:
                if lo < hi or ls >= start:
                    blank = blank or bool(segs)
                k += 1
                continue
            lead = len(piece) - len(piece.lstrip())
            sa = self.bases[k] + (lo - ls) + lead
            sb = sa + len(stripped)
            if reader.text[sa:sb] != stripped:
                k += 1
                continue
            if segs:
                seps.append("\n\n" if blank else " ")
            segs.append((sa, sb))
            blank = False
            k += 1
        return _Text(segs, seps, reader.text)


# ---------------------------------------------------------------- helpers


def _parse_attrs(block: str) -> dict:
    """`#id .class key=value` → id, classes, (key, value, raw) items, and whether it makes a rule."""
    rid = None
    classes: list[str] = []
    items: list[tuple[str, str | None, str]] = []
    for m in _ATTR_TOKEN.finditer(block):
        if m.group(1) == "#":
            rid = rid or m.group(2)
        elif m.group(1) == ".":
            classes.append(m.group(2))
        elif m.group(3):
            items.append((m.group(3), m.group(4), m.group(0)))
    keys = {k.lower() for k, _, _ in items} | {c.lower() for c in classes}
    return {"id": rid, "classes": classes, "items": items, "rule": bool(keys & _RULE_KEYS)}


def _piece_ranges(text: _Text) -> Iterator[tuple[int, int]]:
    pos = 0
    for i, (a, b) in enumerate(text.segs):
        if i:
            pos += len(text.seps[i - 1])
        yield pos, pos + (b - a)
        pos += b - a


def _mention_pattern(prefixes: tuple[str, ...]) -> re.Pattern:
    cached = _ID_MENTION_CACHE.get(prefixes)
    if cached is None:
        alt = "|".join(re.escape(p) for p in prefixes)
        cached = re.compile(
            rf"(?<![\w.-])({alt})(\d+)(?:\s*(?:–|—|-|to|through)\s*({alt})?(\d+))?(?![\w])"
        )
        _ID_MENTION_CACHE[prefixes] = cached
    return cached


@lru_cache(maxsize=4096)
def _normative(text: str) -> bool:
    from .language import analyze

    return analyze(text).normative


def _instructs(text: str) -> bool:
    """Whether a lead-in's last sentence (the one ending in ":") is an obligation or a
    prohibition; a permission lead-in ("Operators can:") lists what others may do."""
    from .language import Modality, analyze
    from .language.text import sentences

    spans = sentences(text)
    last = text[spans[-1][0] : spans[-1][1]] if spans else text
    return analyze(last).modality in (Modality.OBLIGATION, Modality.PROHIBITION)


def _gives_reason(text: str) -> bool:
    """A paragraph that explains rather than instructs: a reason opener, or a
    reason marker in a paragraph with no instruction in it."""
    if _REASON_OPENER.match(text):
        return True
    if _REASON.search(text) is None:
        return False
    return not _normative(text)


def _reason_split(text: str) -> int | None:
    """Where the explanation starts in "Do X. This is because Y." (None when there is none)."""
    if _REASON_HINT.search(text) is None:
        return None
    from .language import analyze
    from .language.text import sentences

    spans = sentences(text)
    if len(spans) < 2:
        return None
    if not analyze(text[spans[0][0] : spans[0][1]]).normative:
        return None
    for k, (a, b) in enumerate(spans[1:], 1):
        sentence = text[a:b]
        if _REASON_OPENER.match(sentence) or (_REASON.search(sentence) and not analyze(sentence).normative):
            return a
    return None


def _title_from_path(path: str | None) -> str:
    if not path:
        return "Untitled spec"
    from pathlib import PurePath

    return PurePath(path).stem or "Untitled spec"


def _empty(text: str, path: str | None, message: str | None = None) -> Spec:
    src = _Source(text)
    diagnostics = []
    if message:
        end = min(len(text), src.bounds(0)[1])
        diagnostics.append(
            Diagnostic.make(code="S001", name="syntax-error", severity=Severity.ERROR, message=message,
                            span=src.span(0, end), path=path)
        )
    return Spec.make(span=src.span(0, len(text)), diagnostics=diagnostics, source_format="markdown")


# ---------------------------------------------------------------- public API


def read_markdown(text: str, path: str | None = None) -> tuple[Spec, MarkdownStats]:
    """Read a Markdown spec: its tree and what the reader saw (see `MarkdownStats`)."""
    from .ast import deep_recursion

    # markdown-it reads a lone CR as a line break and drops a leading BOM from
    # nothing; give it the same lines as ours (same length: offsets stay valid)
    md_text = re.sub(r"\r(?!\n)", " ", text) if "\r" in text else text
    if md_text.startswith("\ufeff"):
        md_text = " " + md_text[1:]
    reader = _Reader(text, path)
    try:
        with deep_recursion():
            tokens = _md().parse(md_text, reader.env)
            spec = reader.run(tokens)
    except RecursionError:
        return _empty(text, path, "this Markdown nests too deeply to be read (lists or quotes hundreds of levels deep)"), reader.stats
    except Exception as error:  # noqa: BLE001 - never raise on bad input
        return _empty(text, path, f"this Markdown file could not be read ({type(error).__name__}: {error}); "
                      "please report it as a speclint bug"), reader.stats
    return spec, reader.stats


def parse_markdown(text: str, path: str | None = None) -> Spec:
    """Read a Markdown spec into a `Spec` (see the module docstring). Never raises."""
    return read_markdown(text, path)[0]
