"""YAML prompt files: the prompts are the file's string values.

Prompt collections are often YAML (`prompts: - task: … content: |`): the
prompts are the string values, mostly block scalars, and the rest (keys,
model names, comments) is configuration. `strings` finds, with ruamel.yaml's
composer (no object is constructed: nothing in the file runs or expands),
every string value that reads as prose: a block scalar (`|`, `>`), or a
plain or quoted value of at least three words. Each is a section of the
prompt, named by a sibling `name`, `task`, `id`, `title` or `role` value of
its mapping, else by its key; a `role: user` or `role: assistant` turn is an
example section (quoted, never rules). Its content keeps its exact place in
the file: the reader blanks everything else out (same length, same lines)
and reads what is left as a plain-text prompt. The strings are the
collection's separate prompts (`Spec.prompts`): each is sent on its own, so a
rule copied into two of them is no duplicate (C003).

A YAML file is read so only when it is named (`speclint check prompts.yml`)
or configured, never because a folder holds one.
"""

from __future__ import annotations

from .tags import Tag

#: Sibling keys whose value names a string's section.
_NAMING_KEYS = ("name", "task", "id", "title", "role")
#: The nodes looked at before the file is taken as too large to be a prompt collection.
MAX_NODES = 200_000


class YamlStrings:
    """The prose strings of a YAML file: their content ranges and their sections."""

    __slots__ = ("ranges", "sections", "error")

    def __init__(self, ranges: list[tuple[int, int]], sections: list[Tag], error: str | None = None):
        self.ranges = ranges
        self.sections = sections
        self.error = error


def strings(text: str) -> YamlStrings:
    """The prose string values of a YAML document (see the module docstring). Never raises."""
    try:
        from ruamel.yaml import YAML

        root = YAML(typ="rt", pure=True).compose(text)
    except Exception as error:  # noqa: BLE001 - any YAML problem is the file's
        where = getattr(getattr(error, "problem_mark", None), "line", None)
        at = f" (line {where + 1})" if isinstance(where, int) else ""
        problem = getattr(error, "problem", None) or type(error).__name__
        return YamlStrings([], [], f"this YAML prompt file is not valid YAML{at}: {problem}")
    ranges: list[tuple[int, int]] = []
    sections: list[Tag] = []
    seen: set[int] = set()
    work = [(root, None, None)]
    count = 0
    while work and count < MAX_NODES:
        node, key, siblings = work.pop()
        count += 1
        if node is None or id(node) in seen:
            continue  # an alias: read once
        seen.add(id(node))
        kind = type(node).__name__
        if kind == "MappingNode":
            names = {k.value: v for k, v in node.value if type(k).__name__ == "ScalarNode" and isinstance(k.value, str)}
            for k, v in reversed(node.value):
                work.append((v, k, names))
        elif kind == "SequenceNode":
            for v in reversed(node.value):
                work.append((v, key, None))
        elif kind == "ScalarNode" and node.tag.endswith(":str") and key is not None:
            found = _content(text, node)
            if found is None:
                continue
            a, b = found
            ranges.append((a, b))
            close = b
            if node.style in ("|", ">"):  # the section closes on the line after its text
                nl = text.find("\n", b)
                close = nl + 1 if nl >= 0 else len(text)
            sections.append(Tag(_name(key, siblings), key.start_mark.index, a, close, close))
    ranges.sort()
    sections.sort(key=lambda t: t.open_start)
    return YamlStrings(ranges, sections)


def _content(text: str, node) -> tuple[int, int] | None:
    """Where a scalar's text stands in the file, if it reads as prose."""
    a, b = node.start_mark.index, node.end_mark.index
    if node.style in ("|", ">"):
        nl = text.find("\n", a, b)
        if nl < 0:
            return None
        a = nl + 1
    else:
        if node.style in ("'", '"'):
            a, b = a + 1, b - 1
        if len(str(node.value).split()) < 3:
            return None  # a name, a model, a path: configuration
    return trimmed(text, a, b)


def trimmed(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The range `a`..`b` of `text` without the white space at its ends; None when nothing is left."""
    while b > a and text[b - 1] in " \t\r\n":
        b -= 1
    while a < b and text[a] in " \t\r\n":
        a += 1
    return (a, b) if b > a else None


def _name(key, siblings: dict | None) -> str:
    if siblings:
        for k in _NAMING_KEYS:
            v = siblings.get(k)
            if type(v).__name__ == "ScalarNode" and isinstance(v.value, str) and 0 < len(v.value.strip()) <= 80:
                return v.value.strip()
    value = key.value if isinstance(key.value, str) else str(key.value)
    return value.strip() or "string"
