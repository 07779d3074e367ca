"""Scoring the semantic tier on a labelled set, and sweeping its thresholds.

The labelled set (tests/data/semantic/labelled.yaml) is a list of cases, each
with a code, a spec and the rules the code must report (`expect`, by rule id
and optionally line); a negative case must report nothing. A case is linted
with only its code selected. Findings that match an expectation are true
positives, the others false positives; unmatched expectations are false
negatives. Used by tests/test_semantic_model.py and benchmarks/semantic.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

#: The configuration key of each code's threshold.
THRESHOLD_KEYS = {
    "C002": "conflict-threshold",
    "C003": "duplicate-threshold",
    "R003": "circular-threshold",
    "V001": "delegation-threshold",
}


@dataclass
class LabelledCase:
    code: str
    name: str
    spec: str
    expect: list[dict]
    negative: bool


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    cases: int = 0
    negatives: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load(path: str | Path) -> list[LabelledCase]:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(Path(path).read_text(encoding="utf-8"))
    out = []
    for raw in data["cases"]:
        expect = list(raw.get("expect") or [])
        out.append(
            LabelledCase(
                code=raw["code"],
                name=raw["name"],
                spec=raw["spec"],
                expect=expect,
                negative=bool(raw.get("negative")) or not expect,
            )
        )
    return out


def lint_case(case: LabelledCase, semantic: dict | None):
    """The case's findings of its own code; `semantic` is the `semantic:` configuration (None: lexical only)."""
    from ..linting.linter import LintOptions, lint
    from ..workspace.settings import Config

    config = Config.model_validate({"semantic": semantic} if semantic is not None else {})
    options = LintOptions(select=[case.code], config=config)
    return [d for d in lint(case.spec, "case.mspec", options=options) if d.code == case.code]


def score_case(case: LabelledCase, semantic: dict | None, into: Score) -> None:
    found = lint_case(case, semantic)
    unmatched = list(found)
    into.cases += 1
    into.negatives += int(case.negative)
    for want in case.expect:
        match = next(
            (d for d in unmatched if d.rule == want["rule"] and ("line" not in want or d.span.line == want["line"])),
            None,
        )
        if match is None:
            into.fn += 1
            into.problems.append(f"{case.code} / {case.name}: missed {want}")
            continue
        unmatched.remove(match)
        into.tp += 1
    for d in unmatched:
        into.fp += 1
        into.problems.append(f"{case.code} / {case.name}: unexpected on {d.rule}: {d.message}")


def score(cases: Iterable[LabelledCase], semantic: dict | None) -> dict[str, Score]:
    """Precision and recall per code with this `semantic:` configuration."""
    table: dict[str, Score] = {}
    for case in cases:
        score_case(case, semantic, table.setdefault(case.code, Score()))
    return table


def sweep(cases: list[LabelledCase], code: str, values: Iterable[float], base: dict | None = None) -> list[tuple[float, Score]]:
    """The score of `code` for each value of its threshold (the others as in `base`)."""
    mine = [c for c in cases if c.code == code]
    out = []
    for value in values:
        semantic = {"enabled": True, **(base or {}), THRESHOLD_KEYS[code]: round(value, 4)}
        out.append((value, score(mine, semantic).get(code, Score())))
    return out
