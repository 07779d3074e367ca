"""The reader: the stages, one after the other, and the public functions.

    text ─ prompts.prepare ─> masked text, tag sections      (specdsl.prompts)
         ─ markdown-it, or by lines ─> blocks ─ outline ─> parts
                                          (tokens, htmlblocks; plainblocks; outline)
         ─ markup: marked rules, or prose: normative statements ─> rules
                                                             (markup; statements, prose)
         ─ build ─> Spec                                     (build)

Which reading a document gets: `reading="markup"` reads only what the
document marks as rules; `"prose"` reads every normative statement (marked
headings stay rules, with their ids and attributes); `"auto"` (the default)
reads by markup when the document marks any rule (an attribute block that
makes a rule, a table with an ID column) or is a README, a CHANGELOG or a
licence, and by prose otherwise. `read_markdown` and `parse_markdown` run
the stages and never raise.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..syntax.ast import Spec
from ..core.diagnostics import Diagnostic, Severity
from ..core.gcpause import paused_gc
from .build import build
from .doc import Doc
from .htmlblocks import expand
from .markup import read_markup
from .outline import outline
from .plainblocks import plain_blocks
from .prose import read_prose
from .source import _Source
from .state import MarkdownStats
from .tokens import _md, _tree, as_markdown_it_reads

READINGS = ("auto", "markup", "prose")


def _read(doc: Doc, masked: str, tags: list, reading: str, plain: bool | None) -> Spec:
    if plain:
        nodes = plain_blocks(masked, _tag_lines(doc, tags))
    else:
        nodes = expand(doc, _blocks(doc, masked, tags))
    parts = outline(doc, nodes, tags)
    if reading == "auto":
        from ..prompts import not_a_spec

        reading = "markup" if parts.marks.any or not_a_spec(doc.path) else "prose"
    doc.stats.reading = reading
    if reading == "markup":
        body = read_markup(doc, parts)
    else:
        body = read_prose(doc, parts, plain=_is_plain(nodes, doc.path) if plain is None else plain)
    return build(doc, body)


def _tag_lines(doc: Doc, tags: list) -> frozenset[int]:
    """The lines where a tag section opens or closes (and the line after a closing one)."""
    starts = doc.src.starts
    out = set()
    for t in tags:
        out.add(bisect_right(starts, t.open_start) - 1)
        close = bisect_right(starts, t.close_start) - 1
        out.add(close)
        out.add(close + 1)
    return frozenset(out)


def _blocks(doc: Doc, masked: str, tags: list) -> list:
    """markdown-it's blocks; where a document has tag sections, the lines between two
    tags are parsed apart, so that no block (a list, a paragraph) runs across a tag."""
    md = _md()
    if not tags:
        tokens = md.parse(masked, doc.env)
        if doc.as_written:  # no template syntax masked: the layout's parse too
            from .layout import adopt

            adopt(doc.text, tokens)
        return _tree(tokens)
    starts = doc.src.starts
    cuts = sorted({bisect_right(starts, offset) - 1 for t in tags for offset in (t.open_start, t.close_start)})
    nodes = []
    first = 0
    for line in [*cuts, None]:
        for a, b in ((first, line), (line, None if line is None else line + 1)):
            if a is None or (b is not None and b <= a):
                continue
            lo = starts[a] if a < len(starts) else len(masked)
            hi = starts[b] if b is not None and b < len(starts) else len(masked)
            piece = masked[lo:hi]
            if not piece.strip():
                continue
            tokens = md.parse(piece, doc.env)
            if a:
                for tok in tokens:
                    if tok.map:
                        tok.map = [tok.map[0] + a, tok.map[1] + a]
            nodes.extend(_tree(tokens))
        if line is not None:
            first = line + 1
    return nodes


def _is_plain(nodes: list, path: str | None) -> bool:
    """Plain text, read by lines: a prompt file, or Markdown with no structure but paragraphs."""
    from ..prompts import is_prompt_file

    if is_prompt_file(path):
        return True
    return bool(nodes) and all(n.type in ("paragraph", "html_block", "front_matter", "hr") for n in nodes)


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


def prepared_doc(text: str, path: str | None, strings=None):
    """The document as the reader reads it: template syntax and tags masked (`prompts.prepare`;
    `strings`: a YAML file's prompt strings, the only text kept), and the `Doc` over it.
    markdown-it reads a lone CR as a line break and drops a leading BOM from nothing: it is
    given the same lines as ours (same length: offsets stay valid)."""
    from ..prompts import prepare

    md_text = as_markdown_it_reads(text)
    erb = bool(path) and path.lower().endswith(".erb")
    if strings is not None:
        prepared = prepare(md_text, keep=strings.ranges, sections=strings.sections, erb=erb)
    else:
        prepared = prepare(md_text, erb=erb)
    doc = Doc(text, path, prepared.masked)
    doc.as_written = prepared.masked == md_text
    return doc, prepared


# ---------------------------------------------------------------- public API


def read_markdown(text: str, path: str | None = None, reading: str = "auto", plain: bool | None = None,
                  strings=None) -> tuple[Spec, MarkdownStats]:
    """Read a Markdown spec, a system prompt or an agent instruction file: its tree
    and what the reader saw (see `MarkdownStats`).

    `reading` is "auto", "markup" or "prose" (see the module docstring);
    `plain` says whether line breaks separate statements (plain-text prompts;
    None: decided from the file's name and structure); `strings`: the prompt
    strings of a YAML file (`prompts.yamlprompt.YamlStrings`), the only text read.
    """
    from ..syntax.ast import deep_recursion
    from .normative import named_assistant

    if reading not in READINGS:
        raise ValueError(f"reading must be one of {', '.join(READINGS)}, not {reading!r}")
    doc = Doc(text, path)
    try:
        doc, prepared = prepared_doc(text, path, strings)
        # the document's name for its assistant reads as "the assistant" (`normative.named_assistant`)
        with named_assistant(prepared.masked), deep_recursion(), paused_gc():  # many small objects, few freed: as the .mspec parser does
            spec = _read(doc, prepared.masked, prepared.tags, reading, plain)
    except RecursionError:
        return _empty(text, path, "this Markdown nests too deeply to be read (lists or quotes hundreds of levels deep)"), doc.stats
    except Exception as error:  # noqa: BLE001 - never raise on bad input
        return _empty(text, path, f"this Markdown file could not be read ({type(error).__name__}: {error}); "
                      "please report it as a speclint bug"), doc.stats
    return spec, doc.stats


def parse_markdown(text: str, path: str | None = None, reading: str = "auto", plain: bool | None = None) -> Spec:
    """Read a Markdown spec into a `Spec` (see the `specdsl.markdown` docstring). Never raises."""
    return read_markdown(text, path, reading, plain)[0]


def read_yaml_prompt(text: str, path: str | None = None, reading: str = "auto") -> tuple[Spec, MarkdownStats]:
    """Read the prompts of a YAML prompt file (its prose string values, see
    `specdsl.prompts.yamlprompt`) as plain-text prompts, and what the reader saw. Never raises."""
    from ..prompts.yamlprompt import strings

    found = strings(text)
    if found.error:
        return _empty(text, path, found.error), MarkdownStats()
    spec, stats = read_markdown(text, path, "prose" if reading == "auto" else reading, plain=True, strings=found)
    spec.prompts = list(found.ranges)
    return spec, stats


def read_python_prompt(text: str, path: str | None = None, reading: str = "auto") -> tuple[Spec, MarkdownStats] | None:
    """Read the prompts of a Python file (its prose strings, see `specdsl.prompts.program`) as
    plain-text prompts, and what the reader saw; None when the file does not read as Python or
    holds no prose string (it is then read as any plain-text prompt). Never raises."""
    from ..prompts.program import strings

    found = strings(text)
    if found is None:
        return None
    spec, stats = read_markdown(text, path, reading, plain=True, strings=found)
    spec.prompts = list(found.prompts)
    return spec, stats


def parse_yaml_prompt(text: str, path: str | None = None, reading: str = "auto") -> Spec:
    """`read_yaml_prompt`'s tree. Never raises."""
    return read_yaml_prompt(text, path, reading)[0]
