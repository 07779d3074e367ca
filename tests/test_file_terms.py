"""Findings in Markdown specs and prompt files speak in the file's own terms.

A `.mspec` author adds a `rationale:` line, a `precedence:` line, `when:` and
`unless:` lines, `levels:` in the `spec` header. A Markdown or prompt file has
none of these: its messages and fix titles must say what to write there (a
sentence, front matter, the configuration). Each case below makes one check
fire in a Markdown or prompt file, as an author would write one.
"""

from __future__ import annotations

import re

import pytest

import specdsl
from specdsl.linting.fixes import apply_fix
from specdsl.linting.linter import LintOptions

#: What only `.mspec` can write. Front matter (`speclint: {levels: [...]}`) and
#: the configuration's `precedence` and `levels` lists are the Markdown ways.
MSPEC_ONLY = re.compile(
    r"rationale:|precedence:|\bwhen:|\bunless:|\bsee:|overrides:|(?<!speclint: )(?<!\{)\blevels:"
    r"|\bspec\W* header|`term`|`hard`|after the colon"
)

#: code -> (file name, text, codes selected)
CASES = {
    "S001": ("front.md", "---\nspeclint: {levels: 3}\n---\n# Desk\n\n## Refunds {#refunds}\n\nNever refund to a new card.\n", ["S001"]),
    "S002": ("dup.md", "# P\n\n## Refunds {#pay authority=user}\n\nNever refund to a new card.\n\n## Cards {#pay authority=user}\n\nNever store card numbers.\n", ["S002"]),
    "S003": ("ref.md", "# P\n\n## Refunds {#refunds authority=user}\n\nNever refund to a new card; see [cards](#no-such-rule).\n", ["S003"]),
    "S005": ("empty.md", "# P\n\n## {#refunds}\n\n## Cards {#cards}\n\nNever store card numbers.\n", ["S005"]),
    "S007": ("unused.md", "# P\n\n<!-- speclint: ignore[V004] reason: lists are closed here -->\nNever refund to a new card.\n", ["S007", "V004"]),
    "S008": ("noreason.md", "# P\n\n<!-- speclint: ignore[R001] -->\nNever refund to a new card.\n", ["S008"]),
    "R001": ("bare.md", "# P\n\n## Refunds\n\nNever refund to a new card.\n", ["R001"]),
    "R002": ("hard.md", "# P\n\n## Hard constraints\n\nThe assistant must never:\n\n- help build weapons that can kill many people.\n", ["R002"]),
    "R003": ("circular.md", "# P\n\n## Never refund a purchase to a new card {#refunds}\n\n> [!NOTE]\n> A purchase is never refunded to a new card.\n", ["R003"]),
    "R004": ("noreason.md", '# P\n\n## Refunds {#refunds}\n\nNever refund to a new card.\n\n!!! meta "Commentary"\n    This is policy.\n', ["R004"]),
    "R005": ("list.md", "# P\n\n## Keys\n\nThe assistant must never:\n\n- share keys.\n- share passwords.\n- share tokens.\n", ["R005"]),
    "V001": ("judgment.txt", "You are a support bot.\nUse good judgment when customers ask for refunds.\n", ["V001"]),
    "V002": ("vague.txt", "You are a support bot.\nRespond to billing disputes within a reasonable time.\n", ["V002"]),
    "V003": ("escape.txt", "You are a support bot.\nVerify the caller's identity where possible.\n", ["V003"]),
    "V004": ("open.md", "# P\n\n## Data\n\nNever store passwords, card numbers, etc. in memory.\n", ["V004"]),
    "V005": ("weak.md", "# P\n\n## Hard constraints\n\nThe agent should try to get confirmation before deleting files outside the workspace.\n", ["V005"]),
    "C001": ("conflict.md", "# P\n\n## A\n\nAlways share the user's location with the delivery driver.\n\n## B\n\nNever share the user's location with the delivery driver.\n", ["C001"]),
    "C003": ("dup.md", "# P\n\n## A {#a}\n\nAlways cite a source for every medical claim.\n\n## B {#b}\n\nAlways cite a source for each medical claim.\n", ["C003"]),
    "C004": ("except.md", "# P\n\n## A\n\nNever share the user's location with the delivery driver.\n\n## B\n\nWhen the driver cannot find the address, share the user's location with the delivery driver.\n", ["C004"]),
    "M001": ("means.txt", "You are an agent.\nFinish the task by any means necessary.\n", ["M001"]),
    "M002": ("drastic.md", "# P\n\n## Safety\n\nNever take drastic or irreversible actions.\n", ["M002"]),
    "M003": ("self.txt", "You are an agent.\nProtect your own continuity at all costs.\n", ["M003"]),
    "AGENTS": ("AGENTS.md", "# Agent rules\n\nAlways run the tests before you commit.\n\nNever commit without running the tests.\n", ["ALL"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_findings_in_markdown_and_prompts_name_no_mspec_construct(case):
    path, text, select = CASES[case]
    found = specdsl.lint(text, path, options=LintOptions(select=select))
    if case in specdsl.checks.load():
        assert any(d.code == case for d in found), f"{case} does not fire on its case: {[(d.code, d.message) for d in found]}"
    for d in found:
        assert not MSPEC_ONLY.search(d.message), f"{d.code}: {d.message}"
        if d.fix is not None:
            assert not MSPEC_ONLY.search(d.fix.message), f"{d.code} fix: {d.fix.message}"
            for edit in d.fix.edits:
                assert not MSPEC_ONLY.search(edit.new_text), f"{d.code} fix writes {edit.new_text!r}"


def test_mspec_findings_still_name_its_constructs():
    """The same findings in a `.mspec` file keep the `.mspec` advice."""
    text = "rule A: Always share the user's location with the delivery driver.\nrule B: Never share the user's location with the delivery driver.\n"
    messages = [d.message for d in specdsl.lint(text, "x.mspec") if d.code == "C001"]
    assert messages and all("`precedence:`" in m for m in messages)
    (r001,) = [d for d in specdsl.lint("rule A: Cite a source for each claim.\n", "x.mspec") if d.code == "R001"]
    assert "`rationale:`" in r001.message


STUB_CASES = {
    "heading": ("a.md", "# Spec\n\n## Refunds {#refunds authority=root}\n\nNever refund to a new card.\n\n- Do not change the amount.\n"),
    "lead-in list": ("b.md", "# P\n\n## Keys\n\nThe assistant must never:\n\n- share keys.\n- share passwords.\n- share tokens.\n\n## Next\n\nAnswer in English.\n"),
    "prose paragraph": ("c.md", "# Desk\n\n## Refunds\n\nNever refund to a new card.\n\n## Tone\n\nAlways answer in English.\n"),
    "prompt line": ("d.txt", "You are a support assistant for Acme.\nNever refund to a new card.\nAlways answer in English.\n\nDo not share passwords.\n"),
    "prompt last line": ("e.txt", "You are a support assistant for Acme.\nNever refund to a new card.\n"),
    "agent file": ("AGENTS.md", "# Agent rules\n\nAlways run the tests before you commit.\n\n## Pushing\n\nNever push to main.\n"),
}


def _rules(text: str, path: str) -> list[tuple[str, str]]:
    from specdsl.model.frontends import parse_any

    return [(r.id, r.text.text if r.text else "") for r in parse_any(text, path).rules()]


@pytest.mark.parametrize("case", sorted(STUB_CASES))
def test_rationale_stub_in_markdown_is_a_sentence_that_keeps_the_rules(case):
    """Applying the R001/R005 fix adds a sentence to finish; the file still reads the same
    rules, word for word, the finding is gone, and every word of the author is kept."""
    path, text = STUB_CASES[case]
    fixes = [d for d in specdsl.lint(text, path) if d.code in ("R001", "R002", "R005") and d.fix is not None]
    assert fixes, f"no rationale fix offered in {case}"
    for d in fixes:
        fixed = apply_fix(text, d.fix)
        (edit,) = d.fix.edits
        assert edit.span.offset == edit.span.end_offset  # an insertion: nothing of the author's goes
        assert "This matters because …" in edit.new_text
        assert _rules(fixed, path) == _rules(text, path)
        assert not [x for x in specdsl.lint(fixed, path) if x.code == d.code and x.rule == d.rule]


def test_a_link_to_the_exception_is_the_markdown_way_to_acknowledge_it():
    """C004 tells a Markdown author to link to the exception; doing so settles it."""
    path, text, select = CASES["C004"]
    (absolute,) = [d for d in specdsl.lint(text, path, options=LintOptions(select=select)) if "without exception" in d.message]
    target = absolute.message.split("(#", 1)[1].split(")", 1)[0]
    linked = text.replace("delivery driver.\n\n## B", f"delivery driver (see [the exception](#{target})).\n\n## B", 1)
    assert linked != text
    assert not [d for d in specdsl.lint(linked, path, options=LintOptions(select=select)) if d.rule == absolute.rule]
