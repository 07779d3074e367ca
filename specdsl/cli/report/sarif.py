"""SARIF 2.1.0 output, for code-scanning services (GitHub code scanning and
other SARIF viewers).

One run: the driver "speclint" with a rule descriptor for each code that has
a finding (its documentation as help text and Markdown), then one result per
diagnostic, with its region, related locations, fixes and a partial
fingerprint. Columns count Unicode code points (`columnKind`), as speclint's
do; end columns are exclusive, as SARIF wants. Paths are made relative to
`base_dir` (with the base id `%SRCROOT%`) when one is given.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, TextIO
from urllib.parse import quote

from ...core.diagnostics import Diagnostic, Fix, Span

if TYPE_CHECKING:
    from ...checks.base import Check

from ...core.diagnostics import HELP_URI_TEMPLATE

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://speclint.dev"
SRCROOT = "%SRCROOT%"
#: speclint severity -> SARIF level.
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
#: The key of speclint's fingerprint in `partialFingerprints` (versioned, as SARIF advises).
FINGERPRINT_KEY = "speclint/v1"


def to_sarif(
    diagnostics: Iterable[Diagnostic],
    *,
    tool_version: str,
    rules: Mapping[str, Check] | None = None,
    base_dir: str | os.PathLike | None = None,
) -> dict[str, Any]:
    """The SARIF 2.1.0 log (a JSON-ready dict) of `diagnostics`.

    `rules` is the check registry (`specdsl.checks.load()` when None); a
    code missing from it still gets a minimal rule descriptor. `base_dir`
    (usually the repository root) makes artifact URIs relative to it, with
    `uriBaseId` "%SRCROOT%"; files outside it keep absolute `file:` URIs.
    """
    if rules is None:
        from ... import checks

        rules = checks.load()
    diagnostics = list(diagnostics)
    base = os.path.abspath(base_dir) if base_dir is not None else None
    codes = sorted({d.code for d in diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    by_code = {d.code: d for d in reversed(diagnostics)}
    driver: dict[str, Any] = {
        "name": "speclint",
        "version": tool_version,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(code, rules.get(code), by_code[code]) for code in codes],
    }
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": [_result(d, index[d.code], base) for d in diagnostics],
    }
    if base is not None:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": Path(base).as_uri().rstrip("/") + "/"}}
    return {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def write_sarif(
    out: TextIO,
    diagnostics: Iterable[Diagnostic],
    *,
    tool_version: str,
    rules: Mapping[str, Check] | None = None,
    base_dir: str | os.PathLike | None = None,
) -> None:
    """Write `to_sarif(...)` to `out` as indented JSON."""
    json.dump(to_sarif(diagnostics, tool_version=tool_version, rules=rules, base_dir=base_dir), out, indent=2, ensure_ascii=False)
    out.write("\n")


# ---------------------------------------------------------------- parts


def _rule(code: str, check: Check | None, example: Diagnostic) -> dict[str, Any]:
    level = LEVELS[(check.severity if check is not None else example.severity).value]
    descriptor: dict[str, Any] = {"id": code}
    if check is None:
        if example.name:
            descriptor["name"] = example.name
        descriptor["shortDescription"] = {"text": example.name or code}
    else:
        from .rules import doc_sections, rule_markdown, rule_text, summary_of, unwrap

        sections = doc_sections(check)
        descriptor["name"] = check.name
        descriptor["shortDescription"] = {"text": summary_of(check) or check.name}
        descriptor["fullDescription"] = {"text": unwrap(sections.get("What it finds", "")) or check.name}
        descriptor["help"] = {"text": rule_text(check), "markdown": rule_markdown(check)}
    descriptor["helpUri"] = getattr(check, "help_uri", None) or HELP_URI_TEMPLATE.format(code=code)
    descriptor["defaultConfiguration"] = {"level": level}
    if check is not None:
        descriptor["properties"] = {"tags": [check.family], "tier": check.tier}
    return descriptor


def _result(d: Diagnostic, rule_index: int, base: str | None) -> dict[str, Any]:
    artifact = artifact_location(d.path, base)
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": LEVELS[d.severity.value],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region(d.span)}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(d, artifact.get("uri"))},
    }
    if d.related:
        result["relatedLocations"] = [
            {
                "id": i,
                "physicalLocation": {
                    "artifactLocation": artifact_location(r.path or d.path, base),
                    "region": region(r.span),
                },
                "message": {"text": r.message},
            }
            for i, r in enumerate(d.related)
        ]
    if d.fix is not None and d.fix.edits:
        result["fixes"] = [_fix(d.fix, d.path, base)]
    if d.rule is not None:
        result["properties"] = {"rule": d.rule}
    return result


def _fix(fix: Fix, path: str | None, base: str | None) -> dict[str, Any]:
    """A SARIF fix: the edits grouped by file, each a deleted region and the text put there."""
    changes: dict[str | None, list[dict[str, Any]]] = {}
    for edit in fix.edits:
        replacement: dict[str, Any] = {"deletedRegion": region(edit.span)}
        if edit.new_text:
            replacement["insertedContent"] = {"text": edit.new_text}
        changes.setdefault(edit.path or path, []).append(replacement)
    return {
        "description": {"text": fix.message},
        "artifactChanges": [
            {"artifactLocation": artifact_location(p, base), "replacements": replacements}
            for p, replacements in changes.items()
        ],
        "properties": {"safe": fix.safe},
    }


def region(span: Span) -> dict[str, int]:
    """A SARIF region: 1-based lines and columns, the end column exclusive.

    An empty span (an insertion point) has endColumn == startColumn.
    """
    line, column = max(1, span.line), max(1, span.column)
    end_line, end_column = max(line, span.end_line), max(1, span.end_column)
    if end_line == line and end_column < column:
        end_column = column
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def artifact_location(path: str | None, base: str | None) -> dict[str, Any]:
    """The artifactLocation of `path`: relative to `base` (an absolute directory) when inside it."""
    if path is None:
        return {"description": {"text": "standard input"}}
    if base is not None:
        absolute = os.path.abspath(path)
        try:
            relative = os.path.relpath(absolute, base)
        except ValueError:  # another drive (Windows)
            relative = None
        if relative is not None and relative != ".." and not relative.startswith(".." + os.sep):
            return {"uri": quote(os.fsencode(Path(relative).as_posix()), safe="/"), "uriBaseId": SRCROOT}
        return {"uri": Path(absolute).as_uri()}
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(os.fsencode(Path(path).as_posix()), safe="/")}


def fingerprint(d: Diagnostic, uri: str | None) -> str:
    """A stable hash of (code, spec rule id, file, message): the same finding
    keeps it when lines move, so code scanning can follow it across commits."""
    key = "\x00".join([d.code, d.rule or "", uri if uri is not None else (d.path or ""), d.message])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
