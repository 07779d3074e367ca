"""Baselines: record today's findings, report only new ones tomorrow.

A baseline file lists findings by file (relative to the baseline's folder),
code, rule id and fingerprint (a hash of the code, the rule id and the
rule's words, see `linter.fingerprint`). A finding is "known" when the
baseline holds one more unmatched entry with the same file, code and
fingerprint: moving a rule, or editing another rule, does not resurrect its
findings; rewording the rule does, since its findings may have changed.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be used; the message says which and why."""


def _rel(path: str | None, base: Path) -> str:
    if not path:
        return ""
    try:
        return Path(os.path.abspath(path)).relative_to(base).as_posix()
    except ValueError:
        return Path(os.path.abspath(path)).as_posix()


def _key(d, base: Path) -> tuple[str, str, str]:
    return (_rel(d.path, base), d.code, (d.data or {}).get("fingerprint", ""))


def write(file: str | os.PathLike, diagnostics: list) -> int:
    from ..core.sources import write_atomic

    base = Path(os.path.abspath(file)).parent
    entries = sorted(
        (
            {
                "path": _rel(d.path, base),
                "code": d.code,
                "rule": d.rule,
                "fingerprint": (d.data or {}).get("fingerprint", ""),
                "message": d.message,
            }
            for d in diagnostics
        ),
        key=lambda e: (e["path"], e["code"], e["rule"] or "", e["fingerprint"]),
    )
    document = {"version": VERSION, "tool": "speclint", "findings": entries}
    write_atomic(file, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return len(entries)


def read(file: str | os.PathLike) -> Counter:
    try:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{file}: no such baseline file (create one with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(f"{file}: cannot read the baseline: {error}") from None
    except json.JSONDecodeError as error:
        raise BaselineError(f"{file}:{error.lineno}: the baseline is not valid JSON ({error.msg})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(
            f"{file}: not a speclint baseline (expected an object with version {VERSION} and a list of findings)"
        )
    counts: Counter = Counter()
    for i, entry in enumerate(data["findings"]):
        try:
            counts[(entry["path"], entry["code"], entry["fingerprint"])] += 1
        except (KeyError, TypeError):
            raise BaselineError(f"{file}: finding {i + 1} lacks path, code or fingerprint") from None
    return counts


def new_findings(file: str | os.PathLike, diagnostics: list) -> tuple[list, int]:
    """The findings that the baseline does not know, and how many it matched."""
    known = read(file)
    base = Path(os.path.abspath(file)).parent
    fresh = []
    matched = 0
    for d in diagnostics:
        key = _key(d, base)
        if known[key] > 0:
            known[key] -= 1
            matched += 1
        else:
            fresh.append(d)
    return fresh, matched
