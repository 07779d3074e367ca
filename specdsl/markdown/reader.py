"""The reader, composed, and the public functions.

`_Reader` puts together the mixins (headings, blocks, examples, tables,
pieces, finish) and walks the document: a prescan for anchors and attribute
mode, the title, the front matter, then each block under the heading it
stands in. `read_markdown` and `parse_markdown` run it and never raise.
"""

from __future__ import annotations

import re

from ..syntax.ast import Header, Levels, Name, Spec
from ..core.diagnostics import Diagnostic, Severity
from .blocks import _Blocks
from .examples import _Examples
from .finish import _Finish
from .headings import _Headings
from .patterns import _ATTR_BLOCK, _HTML_ANCHOR, _parse_attrs, _plain, slug
from .pieces import _Pieces
from .source import _Source
from .state import MarkdownStats, _SecB
from .tables import _Tables
from .tokens import _md, _Node, _tree


class _Reader(_Headings, _Blocks, _Examples, _Tables, _Pieces, _Finish):
    """A Markdown document read into the AST (one reader a document)."""

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
    from ..syntax.ast import deep_recursion

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
    """Read a Markdown spec into a `Spec` (see the `specdsl.markdown` docstring). Never raises."""
    return read_markdown(text, path)[0]
