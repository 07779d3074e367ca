"""`speclint fix --unsafe-fixes` on mutated specs (issue 14, "Fixes that keep the spec").

A seeded mutation loop, the same cases on every run, sized for CI (400 cases,
about 11 seconds on one idle core; `SPECLINT_FIX_FUZZ_CASES=3000` runs more):
the shipped examples, the Markdown test data and generated specs
(suppressions with and without reasons, tables with an ID column, HTML
blocks, fences, quotes, indentation errors) have lines re-indented, dropped,
doubled, swapped, and suppressions and Markdown structures put in. On each
case:

- `fix --unsafe-fixes` loses no rule: the id and words of every rule are still
  there (the fixes may only add);
- it is idempotent after one run: a second run changes nothing;
- no finding is left that a fix claimed to clear, and every fix still offered
  afterwards clears its finding when applied;
- every fix edit of every check, applied alone to the case, gives a file with
  no more syntax errors; a fix that takes a suppression out takes all of it
  (issue 19: not one column short of its `]`), and one that takes a code out
  of a suppression leaves a suppression with the other codes.
"""

from __future__ import annotations

import os
import random
from collections import Counter
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLES

from specdsl.checks.edits import EMPTY_COMMENT
from specdsl.linting.fixes import apply_fix, fix_text, proves
from specdsl.workspace.options import file_linter as linter
from specdsl.model.frontends import parse_any

SEED = 14
CASES = int(os.environ.get("SPECLINT_FIX_FUZZ_CASES", "400"))

SOURCES = sorted(EXAMPLES.glob("*.mspec")) + sorted((EXAMPLES / "flawed").glob("*.mspec")) + [DATA / "markdown" / "constructs.md"]

CODES = ["V002", "R001", "V004", "V003", "XYZ9", "V002, R001", "R001, V004, XYZ9", "ALL", "missing-rationale"]


def _suppression(rng: random.Random, markdown: bool, indent: str = "") -> str:
    codes = rng.choice(CODES)
    scope = "ignore-file" if rng.random() < 0.1 else "ignore"
    reason = rng.choice(["", "", " reason: quoted from the policy", " reason:\u00a0", " reason:"])
    if markdown:
        return f"{indent}<!-- speclint: {scope}[{codes}]{reason} -->"
    return f"{indent}# speclint: {scope}[{codes}]{reason}"


def _generated_mspec(rng: random.Random) -> str:
    lines = ['spec "Generated"', "  levels: root > user", ""]
    for s in range(rng.randint(1, 3)):
        lines.append(f'section "Part {s}":')
        for r in range(rng.randint(1, 4)):
            if rng.random() < 0.4:
                lines.append(_suppression(rng, False, "  "))
            hard = " [hard]" if rng.random() < 0.3 else ""
            lines.append(f"  rule G{s}{r}{hard}: {rng.choice(PHRASES)}")
            if rng.random() < 0.3:
                lines.append(f"    continues the text with an appropriate {rng.choice(['word', 'phrase'])}.")
            if rng.random() < 0.4:
                lines.append("    rationale: Users lose trust when it goes wrong, so this protects them.")
            if rng.random() < 0.3:
                lines.append(f"    subrule: {rng.choice(PHRASES)}")
        lines.append("")
    return "\n".join(lines) + "\n"


PHRASES = [
    "Do not delete the user's files.",
    "Give an appropriate answer where possible.",
    "Never share the booking reference with the caller.",
    "Always share the booking reference with the caller.",
    "Avoid drastic or irreversible actions.",
    "Answer briefly, etc.",
    "Use good judgment.",
]


def _generated_markdown(rng: random.Random) -> str:
    lines = ["---", "speclint:", "  levels: [root, user]", "---", "# Generated policy", ""]
    for s in range(rng.randint(1, 3)):
        lines += [f"## Part {s} {{#part{s} authority=root}}", ""]
        for _ in range(rng.randint(1, 4)):
            kind = rng.randrange(6)
            if kind == 0:
                lines += [rng.choice(PHRASES), ""]
            elif kind == 1:
                lines += ["The assistant should never:", "", *(f"- {rng.choice(PHRASES).lower()}" for _ in range(2)), ""]
            elif kind == 2:
                lines += ["| ID | Principle |", "|----|-----------|"]
                lines += [f"| T{s}{i} | {rng.choice(PHRASES)} |" for i in range(rng.randint(1, 3))] + [""]
            elif kind == 3:
                lines += ["<div>", _suppression(rng, True), rng.choice(["~~~", "```", "text"]), "</div>", ""]
            elif kind == 4:
                lines += [_suppression(rng, True), rng.choice(PHRASES), ""]
            else:
                lines += [f"> {rng.choice(PHRASES)}", ""]
    return "\n".join(lines) + "\n"


MARKDOWN_BITS = ["<div>", "</div>", "~~~", "<!-- a note", "-->", "| ID | Principle |", "|---|---|",
                 "| Q1 | The assistant must not lie. |", "> The assistant must never steal.", "- Never share keys.",
                 '!!! note "Note"', "    The assistant must be kind.", "## Added {#added authority=user}", "# Title"]
MSPEC_BITS = ["  rule X1: Do the appropriate thing.", "    rationale: Because users need it.", "   subrule: Be brief.",
              'section "Extra":', "rule X2 [hard]: Never lie.", "  when: the user asks", "\tbad indent"]


def _mutate(text: str, rng: random.Random, markdown: bool) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        op = rng.randrange(8)
        if op == 0:
            lines[i] = " " * rng.randint(0, 6) + lines[i].lstrip()
        elif op == 1 and len(lines) > 2:
            del lines[i]
        elif op == 2:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif op == 3:
            line = lines[i]
            lines.insert(i, _suppression(rng, markdown, line[: len(line) - len(line.lstrip())]))
        elif op == 4:
            lines.insert(i, "")
        elif op == 5:
            lines.insert(i, rng.choice(MARKDOWN_BITS if markdown else MSPEC_BITS))
        elif op == 6 and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        else:
            lines.insert(i, _suppression(rng, markdown))
    return "\n".join(lines)


def _cases():
    """(name, suffix, text) of every case, the same on every run."""
    rng = random.Random(SEED)
    originals = [(p.suffix, p.read_text(encoding="utf-8")) for p in SOURCES]
    for n in range(CASES):
        pick = rng.random()
        if pick < 0.4:
            suffix, text = rng.choice(originals)
        elif pick < 0.7:
            suffix, text = ".mspec", _generated_mspec(rng)
        else:
            suffix, text = ".md", _generated_markdown(rng)
        yield f"case{n}", suffix, _mutate(text, rng, suffix == ".md")


def _rules(text: str, path: str) -> Counter:
    return Counter((r.id, " ".join(r.text.text.split()) if r.text else "") for r in parse_any(text, path).rules())


def _key(d) -> tuple:
    return (d.code, d.rule, d.message)


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    out = []
    for name, suffix, text in _cases():
        path = folder / f"{name}{suffix}"
        path.write_text(text, encoding="utf-8")
        out.append((str(path), text))
    return out


def test_unsafe_fixes_keep_every_rule_are_idempotent_and_clear_what_they_claim(cases):
    problems = []
    for path, text in cases:
        lint = linter(path)
        run = fix_text(text, lint, unsafe=True, path=path)
        lost = _rules(text, path) - _rules(run.text, path)
        if lost:
            problems.append(f"{path}: rules lost: {sorted(lost)[:3]}")
        again = fix_text(run.text, lint, unsafe=True, path=path)
        if again.text != run.text:
            problems.append(f"{path}: a second run changed the file ({[d.code for d in again.applied]})")
        first = Counter(_key(d) for d in lint(text).diagnostics)
        final = run.linted
        left = Counter(_key(d) for d in final.diagnostics)
        fixed = Counter(_key(d) for d in run.applied if d.rule is not None)
        for key, n in fixed.items():
            if left[key] > max(first[key] - n, 0):  # (a fix may bring a finding out that another hid)
                problems.append(f"{path}: {key[0]} on {key[1]} was fixed and is still there")
        for d in final.diagnostics:
            if d.fix is not None and proves(run.text, d, lint, before=final) == "leave its finding in place":
                problems.append(f"{path}:{d.span.line}: {d.code} offers a fix that leaves it in place")
    assert not problems, "\n".join(problems[:20])


def test_every_fix_edit_keeps_the_file_readable_and_takes_whole_comments(cases):
    problems = []
    for path, text in cases:
        spec = parse_any(text, path)
        errors = sum(1 for d in spec.diagnostics if d.code == "S001")
        for d in linter(path)(text).diagnostics:
            if d.fix is None:
                continue
            fixed = apply_fix(text, d.fix)
            after = parse_any(fixed, path)
            if sum(1 for x in after.diagnostics if x.code == "S001") > errors:
                problems.append(f"{path}:{d.span.line}: the {d.code} fix adds a syntax error")
            if d.code == "S007":
                problems += _whole_comment(path, text, spec, d, after)
    assert not problems, "\n".join(problems[:20])


def _whole_comment(path, text, spec, d, after) -> list[str]:
    """What is wrong with the edit of an unused suppression's fix (nothing: [])."""
    (directive,) = [x for x in spec.directives if x.span.offset <= d.span.offset < x.span.end_offset]
    (edit,) = d.fix.edits
    a, b = edit.span.offset, edit.span.end_offset
    start, end = directive.span.offset, directive.span.end_offset
    where = f"{path}:{d.span.line}"
    if path.endswith(".mspec"):
        # the directive is the whole comment, to its last non-blank character
        line_end = text.find("\n", end)
        rest = text[end : len(text) if line_end < 0 else line_end]
        if rest.strip(" \t\r"):
            return [f"{where}: the suppression ends before {rest.strip()!r}"]
    elif not text[end - 3 : end] == "-->":
        return [f"{where}: the suppression does not end at its `-->`"]
    if d.fix.message == "remove the unused suppression":
        if not (a <= start and end <= b):
            return [f"{where}: the fix takes only part of the suppression"]
        if (text[a:start] + text[end:b]).strip(" \t\r\n>") or edit.new_text not in ("", "\n", "\r\n", EMPTY_COMMENT):
            return [f"{where}: the fix takes more than the suppression: {text[a:b]!r} -> {edit.new_text!r}"]
        return []
    # one code out of several: the others stay, in a suppression that still reads
    code = text[d.span.offset : d.span.end_offset]
    kept = [c.value for c in directive.codes]
    kept.remove(code)
    line = directive.span.line
    now = [x for x in after.directives if x.span.line == line]
    if len(now) != 1 or [c.value for c in now[0].codes] != kept:
        return [f"{where}: taking `{code}` out leaves {[[c.value for c in x.codes] for x in now]}, not {kept}"]
    return []
