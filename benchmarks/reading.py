"""The reader of prose against blind readings of real documents.

    python benchmarks/reading.py --half dev [--verbose]
    python benchmarks/reading.py --half test          # once, at the end: the figure that counts

For each document of `tests/data/review/split.yaml` in the half asked for
that has a reading (`tests/data/review/readings/<slug>.yaml`, or its parts
`<slug>.part1.yaml` …), the document is read as `speclint check` reads it
(the front end its file name picks, `reading: auto`), and its rules and
subrules are matched to the statements the blind reader listed:

- a rule matches a statement when its text starts on the statement's line;
  when several statements share a line, the statement's quote must also be
  in the rule's text (whitespace, case, curly quotes and `*`/`` ` `` marks
  aside);
- matching is one to one: a rule that holds two listed statements
  recalls one of them.

A reading whose `scope:` is `lines [A, B]` (or a list of such ranges,
`lines [[A, B], [C, D]]`) counts the rules whose text starts on those
lines only. The figures, per document: the statements
listed, the rules read, recall (the share of listed statements read as
rules) and unmatched (the share of rules read that match no statement: an
upper bound on rules that are not normative). A rule that only groups
others (a heading, tag or lead-in with subrules, which the readers'
instructions do not list on its own) and matches no statement is counted
apart, as `groups`, and left out of unmatched. So is a further sentence of
a list item read as a statement of its own under the item's first one, when
the reader listed that item as one entry (the brief allows one entry per
sentence or per item): it is counted apart, as `within`; where the reader
listed two or more statements on the item's line, counting by sentence, an
unmatched sentence of it counts as unmatched. `--verbose` lists, per
document, the statements missed and the rules unmatched. Targets: recall
>= 0.9 and unmatched <= 0.1 on every document. Tune on the dev half only.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
REVIEW = DATA / "review"
GROUPS = ("heading", "tag", "lead-in")


def _yaml(path: Path):
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def _norm(text: str) -> str:
    """Text compared without case, spacing, curly quotes and emphasis or code marks (`**`, `` ` ``,
    and a code mark escaped in a program's template string, `` \\` ``), which readers copy into a
    quote or leave out."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("\\`", "`")
    return " ".join(text.replace("*", "").replace("`", "").split()).casefold()


def readings(slug: str) -> list[dict]:
    found = sorted(REVIEW.glob(f"readings/{slug}.yaml")) + sorted(REVIEW.glob(f"readings/{slug}.part*.yaml"))
    return [_yaml(p) for p in found]


def _scope(reading: dict) -> list[tuple[int, int]] | None:
    """The line ranges a reading covers: `lines [A, B]` or `lines [[A, B], [C, D] …]` (None: whole)."""
    scope = str(reading.get("scope") or "whole")
    if not scope.startswith("lines"):
        return None
    ranges = [(int(a), int(b)) for a, b in re.findall(r"(\d+)\s*,\s*(\d+)", scope)]
    return ranges or None


def read_rules(path: Path):
    from specdsl.model.frontends import parse_any

    text = path.read_text(encoding="utf-8")
    spec = parse_any(text, str(path))
    return [r for r in spec.rules() if r.text is not None], spec


def match(statements: list[dict], rules: list) -> tuple[dict[int, object], set[int]]:
    """statement index -> rule, and the ids (Python) of the rules matched."""
    by_line: dict[int, list] = {}
    for rule in rules:
        by_line.setdefault(rule.text.span.line, []).append(rule)
    per_line: dict[int, int] = {}
    for st in statements:
        per_line[st["line"]] = per_line.get(st["line"], 0) + 1
    matched: dict[int, object] = {}
    used: set[int] = set()
    for k, st in enumerate(statements):
        quote = _norm(str(st.get("quote", "")))
        candidates = [r for r in by_line.get(st["line"], []) if id(r) not in used]
        if per_line[st["line"]] > 1:
            candidates = [r for r in candidates if quote and quote in _norm(r.text.text)]
        else:
            # prefer the rule that holds the quote (a heading and its first item may share a line)
            candidates.sort(key=lambda r: not (quote and quote[:40] in _norm(r.text.text)))
        if candidates:
            matched[k] = candidates[0]
            used.add(id(candidates[0]))
    return matched, used


def measure(slug: str, entry: dict, verbose: bool) -> dict | None:
    parts = readings(slug)
    if not parts:
        return None
    path = DATA / entry["path"]
    rules, _ = read_rules(path)
    statements: list[dict] = []
    in_scope: list = []
    seen: set[int] = set()
    for reading in parts:
        statements.extend(reading.get("statements") or [])
        scope = _scope(reading)
        for rule in rules:
            if id(rule) in seen:
                continue
            if scope is None or any(a <= rule.text.span.line <= b for a, b in scope):
                in_scope.append(rule)
                seen.add(id(rule))
    matched, used = match(statements, in_scope)
    unmatched = [r for r in in_scope if id(r) not in used]
    groups = [r for r in unmatched if r.origin in GROUPS and r.subrules]
    per_line: dict[int, int] = {}
    for st in statements:
        per_line[st["line"]] = per_line.get(st["line"], 0) + 1
    parent = {id(sub): rule for rule in in_scope for sub in rule.subrules}
    within = [
        r for r in unmatched
        if r.origin == "sentence" and id(r) in parent and id(parent[id(r)]) in used
        and parent[id(r)].origin == "list-item" and parent[id(r)].text.span.line == r.text.span.line
        and per_line.get(r.text.span.line, 0) == 1
    ]
    inside = {id(r) for r in within}
    loose = [r for r in unmatched if not (r.origin in GROUPS and r.subrules) and id(r) not in inside]
    counted = len(in_scope) - len(groups) - len(within)
    row = {
        "slug": slug,
        "kind": entry.get("kind", ""),
        "statements": len(statements),
        "rules": len(in_scope),
        "groups": len(groups),
        "within": len(within),
        "recall": len(matched) / len(statements) if statements else 1.0,
        "unmatched": len(loose) / counted if counted else 0.0,
    }
    if verbose:
        print(f"\n== {slug} ({path.relative_to(DATA)})")
        for k, st in enumerate(statements):
            if k not in matched:
                print(f"  missed  {st['line']:>5}  {st.get('quote', '')[:90]}")
        for rule in loose:
            print(f"  extra   {rule.text.span.line:>5}  [{rule.origin}] {rule.text.text[:90]}")
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("dev", "test"), required=True)
    parser.add_argument("--verbose", action="store_true", help="list missed statements and unmatched rules")
    parser.add_argument("--only", help="one document's slug")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    split = _yaml(REVIEW / "split.yaml")["documents"]
    rows = []
    for slug, entry in sorted(split.items()):
        if entry.get("half") != args.half or (args.only and slug != args.only):
            continue
        row = measure(slug, entry, args.verbose)
        if row is not None:
            rows.append(row)
    print(f"\n| document | kind | statements | rules read | groups | within | recall | unmatched |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['slug']} | {r['kind']} | {r['statements']} | {r['rules']} | {r['groups']} | {r['within']} "
              f"| {r['recall']:.2f} | {r['unmatched']:.2f} |")
    if rows:
        total = sum(r["statements"] for r in rows)
        recalled = sum(r["recall"] * r["statements"] for r in rows)
        print(f"\n{len(rows)} documents, {total} statements; recall over all {recalled / total:.2f}; "
              f"documents meeting both targets: {sum(r['recall'] >= 0.9 and r['unmatched'] <= 0.1 for r in rows)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
