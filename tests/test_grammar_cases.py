"""The grammar's tests, as data: `tests/grammar/cases/`.

Every syntax construct of the `.mspec` format has a positive case
(`CONSTRUCT-ok.mspec`: valid, no diagnostics) and at least one negative case
(`CONSTRUCT-bad-WHAT.mspec`: a realistic mistake that yields S001 with a
helpful message while the rest of the file is still read). Each case's full
parse result (tree with spans, and diagnostics) is pinned in
`CASE.expected.json`, written by `python tests/grammar/regen.py`.

To add a case: write the `.mspec` file, add its construct to `CONSTRUCTS` if
it is new, run the regen script and review the new `.expected.json`.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import re
from pathlib import Path

import pytest

from specdsl.syntax.ast import Spec, Term, iter_statements
from specdsl.syntax.parser import get_lark

_REGEN = Path(__file__).resolve().parent / "grammar" / "regen.py"
_spec = importlib.util.spec_from_file_location("grammar_regen", _REGEN)
regen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regen)

REGEN_COMMAND = "python tests/grammar/regen.py"

#: Every construct that needs an `-ok` case and at least one `-bad-` case.
CONSTRUCTS = [
    # document level
    "header",  # spec "Title"
    "meta",  # version:, owner:, summary:, any key: in the header block
    "levels",  # levels: a > b > c
    "term",
    "precedence",
    "include",
    "section",
    "section-nested",
    "section-rationale",
    # rules and their attributes
    "rule",
    "attr-hard",
    "attr-level",
    "attr-priority",
    "attr-tags",
    "attr-combined",  # several attributes, any order
    # prose
    "continuation",  # text over deeper-indented lines
    "continuation-paragraph",  # a blank line inside prose
    "continuation-keyword-lookalike",  # "rule of law matters here" is prose
    "text-next-line",  # `rule X:` with the text on the next line
    # rule children
    "subrule",
    "subrule-unlabeled",  # subrule: text -> PARENT.N
    "subrule-nested",
    "rationale",
    "example",
    "example-description",
    "when",
    "unless",
    "overrides",
    "see",
    "see-continued",  # an id list continued after a comma
    # comments and directives
    "comments",
    "comments-only",
    "directive-ignore",
    "directive-ignore-file",
    # layout and encoding
    "crlf",
    "bom",
    "indent",
    "indent-tabs",
    "indent-mixed",
    "dedent",
    "recovery",  # many broken lines in one file
    "empty",
]

#: How many S001 a negative case yields; any case not listed yields exactly one.
ERROR_COUNTS = {
    "crlf-bad-unknown-attribute": 2,  # two broken rules
    "example-bad-items-not-indented": 2,  # `prompt:` and `good:`, each misplaced
    "recovery-bad-five-broken-lines": 5,
    "see-continued-bad-not-indented": 2,  # the dangling comma, then the stray id
}

#: Negative cases that, by design, leave nothing else to read.
NOTHING_ELSE = {"empty-bad-half-typed-header", "comments-only-bad-wrapped-line"}

#: Parser bugs these cases expose, by case and by the check they fail. The
#: checks are strict xfails: once the parser is fixed, the test reports XPASS
#: and the entry must go (after `regen.py` has updated the expected file).
KNOWN_PARSER_BUGS: dict[tuple[str, str], str] = {}

_TERMINALS = {t.name for t in get_lark().terminals} | {"_NL", "_INDENT", "_DEDENT", "CONT"}
# `ID` and `NAME` are also words of the documented notation (`rule ID: text`,
# `level: NAME`), so they may appear in a message.
_LARK_WORDS = re.compile(
    r"(?<![\w$])(?:"
    + "|".join(re.escape(t) for t in sorted(_TERMINALS - {"ID", "NAME"}))
    + r")(?!\w)"
    + r"|(?i:\$END|__ANON|__IGNORE)"
)


def _names() -> list[str]:
    return [p.name[: -len(regen.CASE_SUFFIX)] for p in regen.case_files()]


CASES = _names()
OK_CASES = [n for n in CASES if n.endswith("-ok")]
BAD_CASES = [n for n in CASES if "-bad-" in n]

_parsed: dict[str, Spec] = {}


def _case_path(name: str) -> Path:
    return regen.CASES / (name + regen.CASE_SUFFIX)


def parsed(name: str) -> Spec:
    if name not in _parsed:
        _parsed[name] = regen.parse_case(_case_path(name))
    return _parsed[name]


def construct_of(name: str) -> str | None:
    """The construct a case name belongs to (the longest that fits), or None."""
    fits = [c for c in CONSTRUCTS if name == f"{c}-ok" or name.startswith(f"{c}-bad-")]
    return max(fits, key=len) if fits else None


def cases_for(check: str, names: list[str]) -> list:
    """`names` as pytest params, with the known parser bugs of `check` as strict xfails."""
    params = []
    for name in names:
        bug = KNOWN_PARSER_BUGS.get((name, check))
        marks = [pytest.mark.xfail(reason=f"parser bug: {bug}", strict=True)] if bug else []
        params.append(pytest.param(name, marks=marks, id=name))
    return params


# ---------------------------------------------------------------- each case


@pytest.mark.parametrize("name", CASES)
def test_parse_matches_expected(name):
    case = _case_path(name)
    expected_file = regen.expected_path(case)
    if not expected_file.exists():
        pytest.fail(f"{expected_file.name} is missing; run `{REGEN_COMMAND}` to create it")
    expected = expected_file.read_text(encoding="utf-8")
    actual = regen.render(case, parsed(name))
    if actual != expected:
        diff = list(
            difflib.unified_diff(
                expected.splitlines(),
                actual.splitlines(),
                f"{expected_file.name} (expected)",
                f"{case.name} (parsed now)",
                lineterm="",
                n=2,
            )
        )
        shown = "\n".join(diff[:80]) + ("\n…" if len(diff) > 80 else "")
        pytest.fail(
            f"the parse of {case.name} no longer matches {expected_file.name}.\n"
            f"If the change is intended, run `{REGEN_COMMAND}` and review the diff "
            f"of the .expected.json files; never edit them by hand.\n{shown}",
            pytrace=False,
        )


@pytest.mark.parametrize("name", cases_for("clean", OK_CASES))
def test_ok_case_has_no_diagnostics(name):
    found = [f"{d.span.line}:{d.span.column} {d.code} {d.message}" for d in parsed(name).diagnostics]
    assert found == [], f"{name} is a positive case, but the parser reports:\n" + "\n".join(found)


@pytest.mark.parametrize("name", cases_for("reported", BAD_CASES))
def test_bad_case_reports_a_syntax_error(name):
    errors = [d for d in parsed(name).diagnostics if d.code == "S001"]
    assert errors, f"{name} is a negative case, but the parser reports no S001"
    for d in errors:
        assert d.severity.value == "error", d
        assert d.name == "syntax-error", d
        assert d.message.strip(), f"{name}: an S001 with an empty message"


@pytest.mark.parametrize("name", cases_for("count", BAD_CASES))
def test_bad_case_error_count(name):
    errors = [d for d in parsed(name).diagnostics if d.code == "S001"]
    want = ERROR_COUNTS.get(name, 1)
    found = "\n".join(f"  {d.span.line}:{d.span.column} {d.message}" for d in errors)
    assert len(errors) == want, f"{name}: expected {want} S001, got {len(errors)}:\n{found}"


@pytest.mark.parametrize("name", BAD_CASES)
def test_bad_case_keeps_the_rest_of_the_file(name):
    # Each negative case has statements after its mistake; they must be read.
    spec = parsed(name)
    if name in NOTHING_ELSE:
        assert spec.header is None and spec.body == []
        return
    last_error = max((d.span.end_offset for d in spec.diagnostics), default=0)
    after = [node for node in iter_statements(spec) if node.span.offset >= last_error]
    assert after, f"{name}: nothing after the last syntax error was read"


@pytest.mark.parametrize("name", CASES)
def test_messages_speak_to_authors_not_in_lark_terminal_names(name):
    for d in parsed(name).diagnostics:
        leaked = _LARK_WORDS.findall(d.message)
        assert not leaked, f"{name}:{d.span.line}: message names {leaked}: {d.message!r}"


@pytest.mark.parametrize("name", cases_for("order", CASES))
def test_diagnostics_are_in_source_order(name):
    starts = [(d.span.line, d.span.column) for d in parsed(name).diagnostics]
    assert starts == sorted(starts), f"{name}: diagnostics out of source order: {starts}"


@pytest.mark.parametrize("name", CASES)
def test_diagnostic_ranges_lie_on_their_line(name):
    text = regen.read_case(_case_path(name))
    lines = text.split("\n")
    for d in parsed(name).diagnostics:
        s = d.span
        assert 1 <= s.line <= s.end_line <= len(lines), s
        line = lines[s.line - 1].removesuffix("\r")
        assert s.line == s.end_line, f"{name}: a syntax error spans several lines: {s}"
        assert 1 <= s.column <= s.end_column <= len(line) + 1, f"{name}: {s} outside {line!r}"
        start = sum(len(x) + 1 for x in lines[: s.line - 1]) + s.column - 1
        assert s.offset == start and s.end_offset == start + s.end_column - s.column, s


@pytest.mark.parametrize("name", CASES)
def test_tree_validates(name):
    # The parser builds nodes without validation (`Node.make`); what it builds
    # must still be a valid AST.
    from conftest import revalidated

    spec = parsed(name)
    assert revalidated(spec).to_dict(mode="json") == spec.to_dict(mode="json")


# ---------------------------------------------------------------- the collection


def test_every_case_has_its_expected_file_and_vice_versa():
    cases = {p.name[: -len(regen.CASE_SUFFIX)] for p in regen.case_files()}
    expected = {
        p.name[: -len(regen.EXPECTED_SUFFIX)] for p in regen.CASES.glob("*" + regen.EXPECTED_SUFFIX)
    }
    missing = sorted(cases - expected)
    stale = sorted(expected - cases)
    assert not missing, f"cases without .expected.json (run `{REGEN_COMMAND}`): {missing}"
    assert not stale, f".expected.json without a case (run `{REGEN_COMMAND}`): {stale}"


def test_every_case_is_named_after_a_construct():
    wrong = [n for n in CASES if construct_of(n) is None]
    assert not wrong, (
        f"cases not named CONSTRUCT-ok or CONSTRUCT-bad-WHAT with CONSTRUCT in CONSTRUCTS: {wrong}"
    )


def test_every_construct_has_a_positive_and_a_negative_case():
    missing = []
    for construct in CONSTRUCTS:
        names = [n for n in CASES if construct_of(n) == construct]
        if f"{construct}-ok" not in names:
            missing.append(f"{construct}-ok.mspec")
        if not any(n.startswith(f"{construct}-bad-") for n in names):
            missing.append(f"{construct}-bad-WHAT.mspec")
    assert not missing, f"constructs without a case: {missing}"


def test_the_lists_above_name_existing_cases():
    for name in [*ERROR_COUNTS, *NOTHING_ELSE, *(n for n, _ in KNOWN_PARSER_BUGS)]:
        assert name in CASES, f"{name} is listed in {__name__} but has no case file"
    checks = {check for _, check in KNOWN_PARSER_BUGS}
    assert checks <= {"clean", "reported", "count", "order"}, checks


def test_byte_level_cases_kept_their_bytes():
    # An editor or git may normalise line endings, drop a byte-order mark or
    # expand tabs; then these cases would silently test nothing.
    def raw(name):
        return _case_path(name).read_bytes()

    for name in (n for n in CASES if n.startswith("crlf-")):
        data = raw(name)
        assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n"), name
    for name in (n for n in CASES if n.startswith("bom-")):
        assert raw(name).startswith(b"\xef\xbb\xbf"), name
    assert raw("empty-ok") == b""
    assert re.search(rb"\n\t\t\t\S", raw("indent-tabs-ok"))
    assert not re.search(rb"\n +\S", raw("indent-tabs-ok"))
    assert re.search(rb"\n \t", raw("indent-mixed-bad-same-line"))


def test_recovery_keeps_every_intact_statement():
    ok = parsed("recovery-ok")
    bad = parsed("recovery-bad-five-broken-lines")
    broken_rules = {"RC2", "RC4.1", "RC5"}  # the broken `term` and `see:` lines are not rules
    assert {r.id for r in bad.rules()} == {r.id for r in ok.rules()} - broken_rules
    assert [t.name for t in bad.items_of(Term)] == ["oversight"]
    assert bad.header is not None and bad.header.title == ok.header.title
