"""Check cases as data: loading them, running them, scoring them.

One YAML file per check code in `tests/checks/cases/CODE.yaml`:

    code: R001
    cases:
      - name: a bare rule
        spec: |
          rule A: Cite a source for each factual claim.
        expect:
          - {line: 1, rule: A}
      - name: the section's rationale explains it (hard negative)
        negative: true
        spec: |
          ...
        expect: []
      - name: an agent file's rule (its file name picks the front end)
        file: AGENTS.md                     # optional: default `case.mspec`
        spec: ...
      - name: a rule against one in a file the spec includes
        spec: |
          include "other.mspec"
          rule A: ...
        files:                              # optional: more files, written next to the case's
          other.mspec: |
            rule B: ...
        expect:
          - {line: 2, rule: A}
          - {line: 1, rule: B, in: other.mspec}   # `in`: the file of the finding (default: the case's)
      - name: the fix
        spec: ...
        expect:
          - line: 1
            rule: A
            message: "has no rationale"      # optional: a part of the message
            fixed: |                        # optional: the whole file after this finding's fix
              ...

A case with `files` is written into a fresh folder with its other files and
linted there as a workspace (its includes read from disk, as `speclint`
reads them), with the findings of every file it includes, as the language
server shows them. Each case is linted with only its file's code selected (the suppression
checks S007 and S008 run with every check, since they judge the others). A finding matches an
expectation on the same line (and rule, when given). Matched findings are
true positives, unmatched findings false positives, unmatched expectations
false negatives; precision and recall are computed per code over all its
cases.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML

from specdsl.linting.fixes import apply_fix
from specdsl.linting.linter import LintOptions, lint

CASES = Path(__file__).resolve().parent / "cases"


@dataclass
class Case:
    code: str
    name: str
    spec: str
    expect: list[dict]
    negative: bool = False
    options: dict = field(default_factory=dict)
    config: dict = field(default_factory=dict)
    #: The file name the case is linted as (its front end): `case.mspec` unless the case says
    #: `file: AGENTS.md`, `file: policy.md` …
    file: str = "case.mspec"
    #: Other files (name -> text) written next to the case's file: included files, a configuration.
    files: dict[str, str] = field(default_factory=dict)


@dataclass
class Outcome:
    case: Case
    tp: int = 0
    fp: int = 0
    fn: int = 0
    problems: list[str] = field(default_factory=list)


def load_cases(path: Path) -> list[Case]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    code = data["code"]
    out = []
    for raw in data["cases"]:
        out.append(
            Case(
                code=code,
                name=raw["name"],
                spec=raw["spec"],
                expect=list(raw.get("expect") or []),
                negative=bool(raw.get("negative", False)) or not raw.get("expect"),
                options=dict(raw.get("options") or {}),
                config=dict(raw.get("config") or {}),
                file=str(raw.get("file") or "case.mspec"),
                files={str(k): str(v) for k, v in (raw.get("files") or {}).items()},
            )
        )
    return out


def all_cases() -> list[Case]:
    cases = []
    for path in sorted(CASES.glob("*.yaml")):
        cases.extend(load_cases(path))
    return cases


def lint_case(case: Case):
    from specdsl import checks
    from specdsl.workspace.config import Config

    check = checks.get(case.code)
    # Suppressions are judged against the findings of the other checks, so the
    # suppression checks run with everything; other codes run alone.
    options = LintOptions(select=["ALL"] if check.tier == "linter" else [case.code])
    if case.options:
        options.check_options[check.code] = check.options.model_validate(case.options)
    options.config = Config.model_validate(case.config) if case.config else Config()
    if not case.files:
        return lint(case.spec, case.file, options=options)
    options.all_documents = True
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder).resolve()
        for name, text in {**case.files, case.file: case.spec}.items():
            target = root / name
            if target.parent != root:
                raise ValueError(f"case {case.name!r}: a file of a case is a plain name, not {name!r}")
            target.write_text(text, encoding="utf-8")
        found = lint(case.spec, str(root / case.file), options=options, workspace=str(root))
    for d in found:  # the file's name, as an expectation's `in` gives it
        d.path = Path(d.path).name if d.path else d.path
    return found


def run_case(case: Case) -> Outcome:
    found = [d for d in lint_case(case) if d.code == case.code]
    outcome = Outcome(case)
    unmatched = list(found)
    for want in case.expect:
        match = next(
            (
                d
                for d in unmatched
                if d.span.line == want["line"]
                and _in_file(d, want.get("in"), case)
                and ("rule" not in want or d.rule == want["rule"])
                and ("message" not in want or want["message"] in d.message)
            ),
            None,
        )
        if match is None:
            outcome.fn += 1
            outcome.problems.append(f"missed: {want}")
            continue
        unmatched.remove(match)
        outcome.tp += 1
        if "fixed" in want:
            if match.fix is None:
                outcome.problems.append(f"line {want['line']}: expected a fix, got none")
            else:
                fixed = apply_fix(case.spec, match.fix)
                if fixed != want["fixed"]:
                    outcome.problems.append(f"line {want['line']}: the fix gives\n{fixed}\nexpected\n{want['fixed']}")
        if want.get("fix") is False and match.fix is not None:
            outcome.problems.append(f"line {want['line']}: expected no fix")
    for d in unmatched:
        outcome.fp += 1
        where = f"{d.path} " if case.files else ""
        outcome.problems.append(f"unexpected: {where}line {d.span.line} rule {d.rule}: {d.message}")
    return outcome


def _in_file(d, name: str | None, case: Case) -> bool:
    """Whether a finding is in the file an expectation names (the case's own file by default)."""
    if not case.files:
        return name is None
    return (d.path or case.file) == (name or case.file)


def score(outcomes: list[Outcome]) -> dict[str, dict]:
    table: dict[str, dict] = {}
    for o in outcomes:
        row = table.setdefault(o.case.code, {"tp": 0, "fp": 0, "fn": 0, "cases": 0, "negatives": 0})
        row["tp"] += o.tp
        row["fp"] += o.fp
        row["fn"] += o.fn
        row["cases"] += 1
        row["negatives"] += int(o.case.negative)
    for row in table.values():
        row["precision"] = row["tp"] / (row["tp"] + row["fp"]) if row["tp"] + row["fp"] else 1.0
        row["recall"] = row["tp"] / (row["tp"] + row["fn"]) if row["tp"] + row["fn"] else 1.0
    return table


def markdown_table(table: dict[str, dict]) -> str:
    lines = [
        "| code | cases | hard negatives | true pos. | false pos. | false neg. | precision | recall |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for code in sorted(table):
        r = table[code]
        lines.append(
            f"| {code} | {r['cases']} | {r['negatives']} | {r['tp']} | {r['fp']} | {r['fn']} | "
            f"{r['precision']:.2f} | {r['recall']:.2f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    outcomes = [run_case(c) for c in all_cases()]
    print(markdown_table(score(outcomes)))
    for o in outcomes:
        for p in o.problems:
            print(f"{o.case.code} / {o.case.name}: {p}")


#: The conflict checks whose cases are tagged by category ("[numbers] …"), the README's table.
CONFLICT_CODES = ("C001", "C004")


def category_table(outcomes: list[Outcome]) -> str:
    """Precision and recall of the conflict checks per category of case (the tag in
    brackets that opens a case's name), for the README ("Conflicts read scopes")."""
    rows: dict[str, dict] = {}
    for o in outcomes:
        if o.case.code not in CONFLICT_CODES or not o.case.name.startswith("["):
            continue
        tag = o.case.name[1 : o.case.name.index("]")]
        row = rows.setdefault(tag, {"codes": set(), "cases": 0, "negatives": 0, "tp": 0, "fp": 0, "fn": 0})
        row["codes"].add(o.case.code)
        row["cases"] += 1
        row["negatives"] += int(o.case.negative)
        for k in ("tp", "fp", "fn"):
            row[k] += getattr(o, k)
    lines = ["| category | checks | cases (hard negatives) | precision | recall |", "|---|---|---:|---:|---:|"]
    for tag in sorted(rows):
        r = rows[tag]
        found = r["tp"] + r["fp"]
        listed = r["tp"] + r["fn"]
        precision = f"{r['tp'] / found:.2f}" if found else "– (no findings)"
        recall = f"{r['tp'] / listed:.2f}" if listed else "–"
        codes = " + ".join(sorted(r["codes"]))
        lines.append(f"| {tag} | {codes} | {r['cases']} ({r['negatives']}) | {precision} | {recall} |")
    return "\n".join(lines)
