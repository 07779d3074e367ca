"""Examples: the fenced transcripts of `**Example**: title` blocks (the blocks
themselves are read by `statements` and `markup`).

A transcript's turns (`<user>`, `<assistant> <!-- GOOD|BAD|OK … -->`, other
tags, `<comparison>` groups) become prompts, good and bad answers and notes,
with spans mapped from the fence's content back to the source.
"""

from __future__ import annotations

import re

from ..syntax.ast import ExampleItem, Reference
from .doc import Doc
from .patterns import _CLOSE_TAGS, _OPEN_TAG, _VERDICT, _VERDICT_WORD
from .source import _Text, _VirtualMap
from .tokens import _Node


# ---------------------------------------------------------------- transcripts


def transcript(doc: Doc, node: _Node) -> tuple[list[ExampleItem], list[Reference]]:
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
    origin = doc.src.starts[first] if first < len(doc.src.starts) else len(doc.text)
    if doc.text.startswith(virtual, origin):
        # a fence outside any container: its content is the source, verbatim
        line_starts = doc.src.starts
        for k in range(len(lines)):
            bases.append(line_starts[first + k])
            starts.append(line_starts[first + k] - origin)
    else:
        pos = 0
        text = doc.text
        for k, line in enumerate(lines):
            starts.append(pos)
            la, lb = doc.src.bounds(first + k)
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
    _turns(doc, virtual, 0, len(virtual), mapper, items, refs)
    if not items:
        text = mapper.text(0, len(virtual), doc.text)
        if text:
            prose = text.prose(doc.src)
            items.append(ExampleItem.make(span=prose.span, kind="note", text=prose))
    return items, refs


def _turns(doc: Doc, virtual: str, start: int, end: int, mapper, items: list, refs: list) -> None:
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
            _turns(doc, virtual, inner_start, inner_end, mapper, items, refs)
            pos = element_end
            continue
        kind = "prompt"
        word = None
        if comment is not None:
            word = _VERDICT_WORD.match(comment.group(1))
        if word is not None:
            kind = "bad" if word.group(1).upper() == "BAD" else "good"
            text = mapper.text(inner_start, inner_end, doc.text)
        elif low == "user":
            text = mapper.text(inner_start, inner_end, doc.text)
        else:
            text = mapper.text(m.start() + (len(m.group(0)) - len(m.group(0).lstrip())), element_end, doc.text)
        ea = mapper.source(m.start() + (len(m.group(0)) - len(m.group(0).lstrip())))
        eb = mapper.source(element_end, end=True)
        prose = text.prose(doc.src) if text else None
        items.append(ExampleItem.make(span=doc.span(ea, max(ea, eb)), kind=kind, text=prose))
        if word is not None:
            inner = comment.group(1)
            label = inner.strip()
            c0 = comment.start(1) + (len(inner) - len(inner.lstrip()))
            if word.group(2):
                for target in re.finditer(r"#([^\s,\]]+)", word.group(2)):
                    vstart = comment.start(1) + word.start(2) + target.start(1)
                    sa = mapper.source(vstart)
                    refs.append(Reference.make(span=doc.span(sa, sa + len(target.group(1))), value=target.group(1)))
            if label.upper() != word.group(1).upper() or word.group(1).upper() == "OK":
                na = mapper.source(c0)
                note = _Text([(na, na + len(label))], [], doc.text) if "\n" not in label else mapper.text(c0, c0 + len(label), doc.text)
                nprose = note.prose(doc.src)
                if nprose is not None:
                    items.append(ExampleItem.make(span=nprose.span, kind="note", text=nprose))
        pos = element_end
