"""Depth is no limit: a chain of 1,000 includes, and sections and subrules
nested 2,000 levels deep, are read, linted, exported, counted and laid out
with no recursion that Python's stack could run out of (it used to end in
"internal error: RecursionError" at about 500 includes or 1,000 levels).

The command-line tests drive the installed `speclint`; the model tests call
`build_model` in a thread with Python's default recursion limit, where a
recursive walk of 2,000 levels cannot pass.
"""

from __future__ import annotations

import json
import random
import sys
import threading
from pathlib import Path

from specdsl import parse
from specdsl.model.model import build_model

WORDS = "refund booking caller surname airline flight passenger receipt invoice ticket seat luggage delay weather crew meal visa passport upgrade lounge".split()


GATE = "Tell the caller the gate number.\n  rationale: A caller who misses the gate misses the flight.\n"


def include_chain(folder: Path, count: int, back_to_start: bool = False) -> Path:
    """f0.mspec includes f1.mspec, which includes f2.mspec … up to f{count-1}.mspec.
    The first and the last file have the same rule (FIRST and LAST): a C003 on
    FIRST that only a model with the whole chain finds. With `back_to_start`,
    the last file includes f0.mspec again."""
    rng = random.Random(14)
    for i in range(count):
        last = i == count - 1
        head = 'include "f0.mspec"\n' if last and back_to_start else "" if last else f'include "f{i + 1}.mspec"\n'
        words = " ".join(rng.sample(WORDS, 5))
        body = f"rule R{i}: Mention the {words} when asked.\n  rationale: Travellers need it to plan trip {i}.\n"
        if i == 0:
            body += "rule FIRST: " + GATE
        if last:
            body += "rule LAST: " + GATE
        (folder / f"f{i}.mspec").write_text(head + body)
    return folder / "f0.mspec"


def no_crash(result) -> None:
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr, result.stderr[-2000:]


def test_a_chain_of_1000_includes_in_check_export_and_stats(tmp_path, run):
    include_chain(tmp_path, 1000)
    check = run("check", "--no-cache", "--format", "json", "--select", "S,C003", "f0.mspec", cwd=tmp_path)
    no_crash(check)
    (found,) = json.loads(check.stdout)["diagnostics"]
    assert (found["code"], found["rule"]) == ("C003", "FIRST")
    assert [(Path(r["path"]).name, r["rule"]) for r in found["related"]] == [("f999.mspec", "LAST")]
    export = run("export", "--format", "json", "f0.mspec", cwd=tmp_path)
    no_crash(export)
    ids = {r["id"] for r in json.loads(export.stdout)["records"]}
    assert ids == {f"R{i}" for i in range(1000)} | {"FIRST", "LAST"}
    stats = run("stats", "--format", "json", "f0.mspec", cwd=tmp_path)
    no_crash(stats)
    assert stats.returncode == 0 and json.loads(stats.stdout)["files"][0]["name"] == "f0.mspec"


def nested_subrules(depth: int) -> str:
    lines = ["rule N0: Answer in the caller's language.", "  rationale: Callers understand their own language best."]
    lines += [" " * (i + 1) + f"subrule N{i}: Answer in the caller's language at step {i}." for i in range(1, depth)]
    return "\n".join(lines) + "\n"


def nested_sections(depth: int) -> str:
    lines = [" " * i + f'section "Part {i}":' for i in range(depth)]
    lines += [" " * depth + "rule S1: Answer in the caller's language.", " " * depth + "  rationale: Callers understand their own language best."]
    return "\n".join(lines) + "\n"


def test_nesting_2000_deep_in_every_command(tmp_path, run):
    # The structural checks only: what is tested is the depth of reading, not the checks' speed.
    (tmp_path / ".speclint.yaml").write_text("select: [S, R]\n")
    (tmp_path / "subrules.mspec").write_text(nested_subrules(2000))
    (tmp_path / "sections.mspec").write_text(nested_sections(2000))
    for name, rules in (("subrules.mspec", 2000), ("sections.mspec", 1)):
        check = run("check", "--no-cache", "--format", "json", name, cwd=tmp_path)
        no_crash(check)
        report = json.loads(check.stdout)
        assert check.returncode == 0 and report["summary"]["rules"] == rules, report["diagnostics"][:3]
        export = run("export", "--format", "json", name, cwd=tmp_path)
        no_crash(export)
        records = json.loads(export.stdout)["records"]
        assert len(records) == rules
        if rules > 1:
            assert records[-1]["id"] == "N1999" and records[-1]["parent"] == "N1998"
        stats = run("stats", "--format", "json", name, cwd=tmp_path)
        no_crash(stats)
        assert json.loads(stats.stdout)["files"][0]["rules"] == rules
        for command in (("fmt", "--check", name), ("fix", "--diff", name)):
            result = run(*command, cwd=tmp_path)
            no_crash(result)
            assert result.returncode in (0, 1), (command, result.stderr[-500:])


def in_a_thread_with_the_default_stack(work):
    """Run `work()` where Python's default recursion limit (1,000) holds."""
    outcome: list = []

    def target():
        saved = sys.getrecursionlimit()
        try:
            outcome.append(work())
        except BaseException as error:  # noqa: BLE001 - reported below
            outcome.append(error)
        finally:
            sys.setrecursionlimit(saved)

    saved = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    try:
        thread = threading.Thread(target=target)
        thread.start()
        thread.join()
    finally:
        sys.setrecursionlimit(saved)
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def test_the_model_of_2000_nested_subrules_is_built_and_asked_without_recursion():
    text = nested_subrules(2000)
    spec = parse(text, "deep.mspec")
    assert not spec.diagnostics

    def work():
        model = build_model(spec, path=None, text=text)
        deepest = model.rules[-1]
        # the deepest rule asked first: nothing above it is worked out yet
        return deepest.id, model.analysis(deepest).modality, deepest.level, len(deepest.all_rationales())

    rid, modality, level, rationales = in_a_thread_with_the_default_stack(work)
    assert rid == "N1999" and level is None and rationales == 1
    assert modality is not None


def test_a_model_of_1000_includes_is_built_without_recursion(tmp_path):
    root = include_chain(tmp_path, 1000)
    text = root.read_text()
    spec = parse(text, str(root))

    def work():
        return build_model(spec, path=str(root), text=text, workspace=tmp_path)

    model = in_a_thread_with_the_default_stack(work)
    assert [Path(d.path).name for d in model.documents] == [f"f{i}.mspec" for i in range(1000)]
    assert model.include_diagnostics == []
    # each file's rules stand where its `include` does: the last file's first
    assert [r.id for r in model.rules][:3] == ["R999", "LAST", "R998"]
    assert [r.id for r in model.rules][-2:] == ["R0", "FIRST"]


def test_a_cycle_at_the_end_of_a_long_chain_is_named(tmp_path, run):
    root = include_chain(tmp_path, 1000, back_to_start=True)
    no_crash(run("check", "--no-cache", "f0.mspec", cwd=tmp_path))
    text = root.read_text()
    spec = parse(text, str(root))
    model = in_a_thread_with_the_default_stack(lambda: build_model(spec, path=str(root), text=text, workspace=tmp_path))
    (cycle,) = model.include_diagnostics
    assert Path(cycle.path).name == "f999.mspec" and cycle.span.line == 1
    names = " -> ".join(f"f{i}.mspec" for i in range(1000))
    assert cycle.message == f"include cycle: {names} -> f0.mspec"
