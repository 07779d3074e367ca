"""Regenerate the expected parse results of the grammar cases.

    python tests/grammar/regen.py            # rewrite what changed, list it
    python tests/grammar/regen.py --check    # change nothing; exit 1 if stale
    python tests/grammar/regen.py NAME ...   # only these cases (NAME or NAME.mspec)

Each `cases/NAME.mspec` is parsed with `specdsl.syntax.parser.parse` and its result
written to `cases/NAME.expected.json`:

- `case`: the file name (also passed to the parser as the path);
- `diagnostics`: code, 1-based line and column, end line and end column
  (exclusive), and message of each diagnostic, in the parser's order;
- `tree`: `Spec.to_dict(mode="json")`, complete (spans included: a span is
  `[line, column, offset, end_line, end_column, end_offset]`).

The `.expected.json` files are output, not input: never edit them by hand.
When the grammar or the parser changes on purpose, run this script and review
the diff. `tests/test_grammar_cases.py` compares every case with its file and
uses the functions below, so both agree on the format.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
REPO = HERE.parent.parent
CASE_SUFFIX = ".mspec"
EXPECTED_SUFFIX = ".expected.json"

try:
    from specdsl.syntax.parser import parse
except ModuleNotFoundError:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(REPO))
    from specdsl.syntax.parser import parse


def case_files() -> list[Path]:
    """Every case, sorted by name."""
    return sorted(CASES.glob("*" + CASE_SUFFIX))


def expected_path(case: Path) -> Path:
    return case.with_name(case.name[: -len(CASE_SUFFIX)] + EXPECTED_SUFFIX)


def read_case(case: Path) -> str:
    """The case's text exactly as stored: a byte-order mark and "\\r\\n" are kept,
    since reading them is part of what the cases test."""
    return case.read_bytes().decode("utf-8")


def parse_case(case: Path):
    return parse(read_case(case), case.name)


def snapshot(case: Path, spec=None) -> dict:
    """The parse result of one case as plain JSON data."""
    if spec is None:
        spec = parse_case(case)
    return {
        "case": case.name,
        "diagnostics": [
            {
                "code": d.code,
                "line": d.span.line,
                "column": d.span.column,
                "end_line": d.span.end_line,
                "end_column": d.span.end_column,
                "message": d.message,
            }
            for d in spec.diagnostics
        ],
        "tree": _sorted_keys(spec.to_dict(mode="json")),
    }


def render(case: Path, spec=None) -> str:
    """The text of `case`'s `.expected.json` file."""
    return _to_json(snapshot(case, spec)) + "\n"


def _sorted_keys(value):
    # The AST's key order depends on how a node was built; sorting makes the dump stable.
    if isinstance(value, dict):
        return {k: _sorted_keys(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted_keys(v) for v in value]
    return value


def _to_json(value, indent: str = "") -> str:
    """Indented JSON, with lists of plain values (spans, breaks) kept on one line."""
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(k)}: {_to_json(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return json.dumps(value, ensure_ascii=False)
        items = [inner + _to_json(v, inner) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    return json.dumps(value, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="only these cases (default: all)")
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if any file is stale"
    )
    args = parser.parse_args(argv)

    cases = case_files()
    if args.names:
        wanted = {n[: -len(CASE_SUFFIX)] if n.endswith(CASE_SUFFIX) else n for n in args.names}
        unknown = wanted - {c.name[: -len(CASE_SUFFIX)] for c in cases}
        if unknown:
            print(f"no such case: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        cases = [c for c in cases if c.name[: -len(CASE_SUFFIX)] in wanted]

    changed: list[str] = []
    for case in cases:
        target = expected_path(case)
        new = render(case)
        old = target.read_text(encoding="utf-8") if target.exists() else None
        if new == old:
            continue
        changed.append(f"{'created' if old is None else 'updated'} {target.relative_to(REPO)}")
        if not args.check:
            target.write_text(new, encoding="utf-8", newline="\n")

    if not args.names:
        names = {expected_path(c).name for c in cases}
        for orphan in sorted(CASES.glob("*" + EXPECTED_SUFFIX)):
            if orphan.name not in names:
                changed.append(f"removed {orphan.relative_to(REPO)} (its .mspec is gone)")
                if not args.check:
                    orphan.unlink()

    for line in changed:
        print(("would be " if args.check else "") + line)
    verb = "are stale" if args.check else "changed"
    print(f"{len(cases)} cases, {len(changed)} expected files {verb}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
