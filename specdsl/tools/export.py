"""`speclint export`: the resolved spec as records, for data-generation pipelines.

    text = export(model, "jsonl")      # or "json", "yaml"

One record per rule and per subrule, in document order, with everything a
pipeline needs to turn a rule into training documents without parsing the
spec itself: the id, the level (the rule's own or inherited from the rule it
stands under), whether it is hard (it or a rule it stands under is marked
`hard`: a subrule of a hard rule is as binding as the rule), its section path, its text, its own
rationales and the ones it inherits (from parent rules and sections, nearest
first), its subrules, its examples (prompts, good and bad responses, notes),
its references, its conditions and exceptions, and where it is in the
source. `specdsl/schemas/export-record.schema.json` is the JSON
Schema of a record; it is the contract (tests validate every export of the
test corpus against it).

- `jsonl`: one record a line.
- `json`: `{"version": 1, "specs": [...], "terms": [...], "records": [...]}`,
  where `specs` lists the documents (path, title, levels, source format) and
  `terms` the glossary.
- `yaml`: the same document as `json`, written by ruamel.yaml (multi-line
  texts as literal blocks).

Texts are the author's words as the front end read them (Markdown inline
markup such as `**bold**` and `[?](#id)` is kept); in example turns the
author's line breaks are kept as newlines (indentation is not).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Iterable

from ..syntax.ast import Example, Prose, RefList, Rule
from ..model.model import RuleInfo, SpecModel

__all__ = ["export", "records", "document", "record_schema", "FORMATS", "EXPORT_VERSION"]

FORMATS = ("json", "yaml", "jsonl")
#: Changes only when a field changes meaning or disappears.
EXPORT_VERSION = 1


def _text(prose: Prose | None) -> str | None:
    return prose.text if prose is not None else None


def _lines(prose: Prose | None) -> str | None:
    """Prose with the author's line breaks as newlines (blank lines kept)."""
    if prose is None:
        return None
    text = prose.text
    if not prose.breaks:
        return text
    chars = list(text)
    for b in prose.breaks:
        if 0 <= b < len(chars) and chars[b] == " ":
            chars[b] = "\n"
    return "".join(chars)


def _example(example: Example) -> dict[str, Any]:
    out: dict[str, Any] = {"description": _text(example.text), "prompt": [], "good": [], "bad": [], "notes": []}
    key = {"prompt": "prompt", "good": "good", "bad": "bad", "note": "notes"}
    for item in example.items:
        value = _lines(item.text)
        out[key[item.kind]].append(value if value is not None else "")
    out["line"] = example.span.line
    return out


def _record(model: SpecModel, info: RuleInfo) -> dict[str, Any]:
    rule: Rule = info.rule
    inherited = []
    for a in list(info.ancestors())[1:]:
        for r in a.own_rationales():
            inherited.append({"from": "rule", "id": a.id, "text": r.text.text})
    for section in reversed(info.sections):
        for r in section.rationales:
            if r.text is not None:
                inherited.append({"from": "section", "section": section.title, "text": r.text.text})
    references = []
    for node in rule.body:
        if isinstance(node, RefList):
            for ref in node.refs:
                references.append({"id": ref.value, "kind": node.kind, "resolved": ref.value in model.by_id})
    return {
        "id": rule.id,
        "kind": rule.kind,
        "parent": info.parent.id if info.parent is not None else None,
        "level": info.level,
        "hard": any(a.rule.hard for a in info.ancestors()),  # inherited, as the level is
        "priority": info.priority,
        "tags": rule.tags,
        "section_path": info.section_path,
        "text": _text(rule.text),
        "rationales": [r.text.text for r in info.own_rationales()],
        "inherited_rationales": inherited,
        "subrules": [{"id": s.id, "text": _text(s.text)} for s in rule.subrules],
        "examples": [_example(e) for e in rule.examples],
        "references": references,
        "when": [c.text.text for c in rule.conditions("when") if c.text is not None],
        "unless": [c.text.text for c in rule.conditions("unless") if c.text is not None],
        "source": {
            "path": info.path,
            "line": rule.span.line,
            "column": rule.span.column,
            "end_line": rule.span.end_line,
            "format": _format_of(model, info.path),
        },
    }


def _format_of(model: SpecModel, path: str | None) -> str:
    for doc in model.documents:
        if doc.path == path:
            return doc.spec.source_format
    return model.spec.source_format


def records(model: SpecModel) -> list[dict[str, Any]]:
    """One record per rule and subrule of the model, in document order."""
    return [_record(model, info) for info in model.rules]


def document(models: SpecModel | Iterable[SpecModel]) -> dict[str, Any]:
    """The `json` / `yaml` export of one model or several."""
    if isinstance(models, SpecModel):
        models = [models]
    specs, terms, recs = [], [], []
    for model in models:
        for doc in model.documents:
            header = doc.spec.header
            specs.append(
                {
                    "path": doc.path,
                    "title": header.title if header else None,
                    "levels": list(model.levels) if doc is model.root else
                    ([n.value for n in header.levels.names] if header and header.levels else []),
                    "format": doc.spec.source_format,
                }
            )
        for term, path in model.terms.values():
            terms.append({"name": term.name, "definition": _text(term.definition), "path": path, "line": term.span.line})
        recs.extend(records(model))
    return {"version": EXPORT_VERSION, "specs": specs, "terms": terms, "records": recs}


def export(model: SpecModel | Iterable[SpecModel], fmt: str) -> str:
    """The records of a model (or of several) as `json`, `yaml` or `jsonl` text."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "jsonl":
        models = [model] if isinstance(model, SpecModel) else list(model)
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for m in models for r in records(m))
    data = document(model)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return _yaml(data)


def _yaml(data: dict[str, Any]) -> str:
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import LiteralScalarString

    def literal(value: Any) -> Any:
        if isinstance(value, str) and "\n" in value:
            # a literal block keeps the text exactly (no trailing spaces on its lines)
            if all(line == line.rstrip() for line in value.split("\n")):
                return LiteralScalarString(value)
            return value
        if isinstance(value, dict):
            return {k: literal(v) for k, v in value.items()}
        if isinstance(value, list):
            return [literal(v) for v in value]
        return value

    yaml = YAML(typ="rt")
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(literal(data), out)
    return out.getvalue()


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    """The JSON Schema of one export record (`schemas/export-record.schema.json`)."""
    from ..core.sources import package_text

    text = package_text("specdsl", "schemas", "export-record.schema.json")
    return json.loads(text)
