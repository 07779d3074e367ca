"""The review corpus: blind verdicts, the figures drawn from them, and the precision floors.

`benchmarks/review.py` measures each check on real public specs nobody here
wrote (tests/data/review/), judged blind. The floors below hold the test
half's precision where the judged figures put it: a change that makes a check
wrong more often on text it was not tuned on fails here. Unlabelled findings
count as false for the floors, so a change that makes new findings must have
them judged (benchmarks/review.py --packets) before it can pass.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import review  # noqa: E402

FLOORS = ROOT / "tests" / "data" / "review" / "floors.yaml"


def _labels(tmp_path: Path, slug: str, rows: list[str]) -> None:
    (tmp_path / f"{slug}.yaml").write_text(f"document: {slug}\nlabels:\n" + "\n".join(rows) + "\n", encoding="utf-8")


def test_a_verdict_needs_two_judges_who_agree_or_a_third(tmp_path, monkeypatch):
    monkeypatch.setattr(review, "LABELS", tmp_path)
    _labels(
        tmp_path,
        "doc",
        [
            '  - {key: "R001:1:1", judge: a, verdict: true, reason: "x"}',
            '  - {key: "R001:1:1", judge: b, verdict: true, reason: "x"}',
            '  - {key: "R001:2:1", judge: a, verdict: true, reason: "x"}',
            '  - {key: "R001:3:1", judge: a, verdict: true, reason: "x"}',
            '  - {key: "R001:3:1", judge: b, verdict: false, reason: "x"}',
            '  - {key: "R001:4:1", judge: a, verdict: true, reason: "x"}',
            '  - {key: "R001:4:1", judge: b, verdict: false, reason: "x"}',
            '  - {key: "R001:4:1", judge: c, verdict: false, reason: "x"}',
        ],
    )
    assert review.verdicts("doc") == {"R001:1:1": True, "R001:2:1": None, "R001:3:1": None, "R001:4:1": False}


def test_judges_verdicts_are_added_once_and_never_replace_a_label(tmp_path, monkeypatch):
    labels = tmp_path / "labels"
    monkeypatch.setattr(review, "LABELS", labels)
    out = tmp_path / "judge-x"
    out.mkdir()
    (out / "doc.part1.yaml").write_text(
        'document: doc\njudge: judge-x\nlabels:\n  - {key: "V002:5:9", verdict: false, reason: "defined on line 6"}\n',
        encoding="utf-8",
    )
    assert review.add_labels(out) == 1
    assert review.add_labels(out) == 0  # the same judge's verdict is not counted twice
    before = (labels / "doc.yaml").read_text(encoding="utf-8")
    (out / "doc.part1.yaml").write_text(
        'document: doc\njudge: judge-x\nlabels:\n  - {key: "V002:5:9", verdict: true, reason: "changed mind"}\n',
        encoding="utf-8",
    )
    assert review.add_labels(out) == 0
    assert (labels / "doc.yaml").read_text(encoding="utf-8") == before
    assert review.labels("doc") == [{"key": "V002:5:9", "judge": "judge-x", "verdict": False, "reason": "defined on line 6"}]


def test_a_finding_key_names_its_place_not_its_message():
    a = review.Finding("doc", "C001", 12, 3, 12, "A", "one wording", (40,))
    b = review.Finding("doc", "C001", 12, 3, 14, "A", "another wording", (40,))
    assert a.key == b.key == "C001:12:3~40"


def test_a_draw_of_the_split_names_its_own_documents_and_they_are_all_in_the_split():
    split = review.split()
    fifth = review.drawn(5)
    assert "qemu-code-provenance" in fifth and "openai-model-spec" not in fifth
    assert fifth <= set(split)
    assert "posthog-agents-md" in review.drawn(7) and "posthog-agents-md" not in fifth
    # the draws together are the split, each document in one draw only
    count = len(list((review.ROOT / "tests/data/review").glob("make_split*.py")))
    assert count >= 8
    draws = [review.drawn(n) for n in range(1, count + 1)]
    assert sum(len(d) for d in draws) == len(set().union(*draws))
    assert set().union(*draws) == set(split)
    with pytest.raises(SystemExit, match="no draw 99"):
        review.drawn(99)


def test_recall_counts_a_listed_defect_found_on_its_line(monkeypatch):
    reading = {
        "statements": [
            {"line": 3, "defects": ["no-reason"]},
            {"line": 5, "defects": ["no-reason", "vague"]},
            {"line": 9, "defects": ["no-reason"]},  # an item of the list the R005 on line 8 covers
            {"line": 20, "defects": ["escape"]},
        ],
        "conflicts": [{"lines": [3, 20]}, {"lines": [5, 9]}],
    }
    monkeypatch.setattr(review, "readings", lambda slug: [reading])
    found = {
        "doc": [
            review.Finding("doc", "R001", 3, 1, 3, "a", ""),
            review.Finding("doc", "V002", 5, 10, 5, "b", ""),
            review.Finding("doc", "R005", 8, 1, 10, "c", ""),
            review.Finding("doc", "C001", 3, 1, 3, "a", "", (20,)),
        ]
    }
    figures = review.Figures()
    review.recall_of(found, figures)
    assert (figures.recall["no-reason"].found, figures.recall["no-reason"].listed) == (2, 3)
    assert (figures.recall["vague"].found, figures.recall["vague"].listed) == (1, 1)
    assert (figures.recall["escape"].found, figures.recall["escape"].listed) == (0, 1)
    assert (figures.recall["conflict"].found, figures.recall["conflict"].listed) == (1, 2)


def _floors() -> dict:
    return review._yaml_load(FLOORS)


@pytest.fixture(scope="module")
def test_half():
    return review.measure("test")


@pytest.mark.parametrize("code", sorted(_floors()["lexical"]))
def test_test_half_precision_stays_above_its_floor(test_half, code):
    floor = _floors()["lexical"][code]
    tally = review.overall(test_half) if code == "all" else (test_half.precision.get(code) or review.Tally())
    precision = tally.precision(strict=True)
    assert precision is not None and precision >= floor, (
        f"{code}: test-half precision {precision} (true {tally.true}, false {tally.false}, "
        f"unlabelled {tally.unlabelled + tally.split}) is under its floor {floor}; judge new findings with "
        "benchmarks/review.py --packets, and do not tune on the test half"
    )


@pytest.fixture(scope="module")
def dev_half():
    return review.measure("dev")


def test_the_checks_documentation_shows_the_figures_the_labels_give(dev_half, test_half):
    """`speclint rule CODE` says how precise the check measured (specdsl/checks/measured.json):
    those figures are the ones the labels give today, not a copy that went stale."""
    written = json.loads(review.MEASURED.read_text(encoding="utf-8"))
    assert written == review.measured(dev_half, test_half), (
        "specdsl/checks/measured.json is stale: judge new findings, then run "
        "python benchmarks/review.py --write-measured"
    )


def test_a_check_under_0_7_on_the_held_out_half_does_not_fail_a_run_on_prose(test_half):
    """Severity follows evidence: a check whose held-out precision is under 0.7 (on at least
    five judged findings) is info in Markdown and prompt files, or off unless named."""
    from specdsl import checks
    from specdsl.core.spans import Severity

    for code, tally in test_half.precision.items():
        p = tally.precision()
        if p is None or tally.true + tally.false < 5 or p >= 0.7:
            continue
        check = checks.get(code)
        prose = check.prose_severity or check.severity
        assert not check.default or prose == Severity.INFO, f"{code}: {p:.2f} on the held-out half, but {prose.value} on prose"


def test_a_judge_replayed_from_recorded_answers_decides_c002_through_speclint_s_own_path(tmp_path):
    """`review.py --judge-answers`: the requests `judge_replay.py export` writes are the ones
    `speclint check --judge` sends, and the replay answers them as the API would."""
    from conftest import run_speclint
    from judge_replay import Replay, config_text, requests_of

    spec = tmp_path / "support.md"
    spec.write_text(
        "# Support\n\n## Sales\n\n- Do not talk about pricing.\n- Quote prices when a customer asks.\n"
        "- Keep a log of every call you take.\n",
        encoding="utf-8",
    )
    requests = requests_of(str(spec))
    pair = next(rid for rid, content in requests if "Quote prices" in content and "talk about pricing" in content)
    answers = {rid: {"verdict": "compatible", "reason": "Different acts."} for rid, _ in requests}
    answers[pair] = {"verdict": "conflict", "reason": "Quoting a price is talking about pricing."}
    config = tmp_path / "speclint.yaml"
    with Replay(answers) as replay:
        config.write_text(config_text(replay.url), encoding="utf-8")
        out = run_speclint("check", "--semantic", "--judge", "--no-cache", "--format", "json", "--select", "C002",
                           "--config", str(config), str(spec), cwd=tmp_path)
    assert replay.missing == [] and sorted(set(replay.asked)) == sorted(answers)
    found = json.loads(out.stdout)["diagnostics"]
    assert found and all(d["code"] == "C002" for d in found)
    assert all("Quoting a price is talking about pricing." in d["message"] for d in found)
    # a request with no recorded answer is an HTTP error: speclint falls back and the replay says so
    with Replay({}) as replay:
        config.write_text(config_text(replay.url), encoding="utf-8")
        out = run_speclint("check", "--semantic", "--judge", "--no-cache", "--format", "json", "--select", "C002",
                           "--config", str(config), str(spec), cwd=tmp_path)
    assert replay.missing and "judge" in out.stderr


def test_recorded_answers_to_another_prompt_are_refused(tmp_path):
    from judge_replay import load_answers
    from specdsl.semantic.judge import PROMPT_VERSION

    (tmp_path / "a.jsonl").write_text('{"id": "0123456789abcdef", "verdict": "compatible", "reason": "Apart."}\n', encoding="utf-8")
    with pytest.raises(SystemExit, match="no PROMPT file"):
        load_answers(tmp_path)
    (tmp_path / "PROMPT").write_text("1\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=f"prompt version 1, speclint asks prompt version {PROMPT_VERSION}"):
        load_answers(tmp_path)
    (tmp_path / "PROMPT").write_text(PROMPT_VERSION + "\n", encoding="utf-8")
    assert load_answers(tmp_path) == {"0123456789abcdef": {"verdict": "compatible", "reason": "Apart."}}
