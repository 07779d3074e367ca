"""The reporters: full (rich) text, SARIF, GitHub annotations and rule docs,
on hand-built diagnostics."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from conftest import DATA

from specdsl import checks
from specdsl.core.diagnostics import Diagnostic, Edit, Fix, Related, Severity, Span, make_span
from specdsl.cli.report import summary, write_concise
from specdsl.cli.report.full import write_full
from specdsl.cli.report.github import annotation, escape_data, escape_property, write_github
from specdsl.cli.report.rules import (
    doc_sections,
    first_sentence,
    options_of,
    rule_json,
    rule_markdown,
    rule_text,
    write_rule,
    write_rules_json,
    write_rules_table,
)
from specdsl.cli.report.sarif import FINGERPRINT_KEY, HELP_URI_TEMPLATE, to_sarif

ESC = re.compile(r"\x1b|\x9b")
SCHEMA_PATH = DATA / "schemas" / "sarif-schema-2.1.0.json"

TEXT = (
    'spec "Airline"\n'
    "rule ID3: Always share the booking reference with the caller.\n"
    "rule BK2: Never share the booking\n"
    "  reference with anyone.\n"
    "rule 日本:\tRépondez dans la langue de la question.\n"
)


def span_of(text: str, needle: str, occurrence: int = 0) -> Span:
    """The span of the `occurrence`-th `needle` in `text` (1-based lines, code-point columns)."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return span_between(text, start, start + len(needle))


def span_between(text: str, start: int, end: int) -> Span:
    def point(offset: int) -> tuple[int, int]:
        line = text.count("\n", 0, offset) + 1
        return line, offset - (text.rfind("\n", 0, offset) + 1) + 1

    (line, column), (end_line, end_column) = point(start), point(end)
    return make_span(line, column, start, end_line, end_column, end)


def diag(code="S003", message="a finding", span=None, severity=Severity.ERROR, **kw) -> Diagnostic:
    names = {c.code: c.name for c in checks.load().values()}
    return Diagnostic(
        code=code,
        name=kw.pop("name", names.get(code, "")),
        message=message,
        span=span or span_of(TEXT, "ID3"),
        severity=severity,
        path=kw.pop("path", "spec.mspec"),
        **kw,
    )


def conflict() -> Diagnostic:
    """A conflict with a related location and a precedence fix (insert a line)."""
    insert = span_of(TEXT, "rule ID3").offset
    point = span_between(TEXT, insert, insert)
    return diag(
        "C001",
        "`ID3` requires what `BK2` forbids",
        rule="ID3",
        related=[Related(path="spec.mspec", rule="BK2", span=span_of(TEXT, "BK2"), message="the conflicting rule `BK2`")],
        fix=Fix(message="add a precedence line", safe=False, edits=[Edit(span=point, new_text="precedence: ID3 > BK2\n")]),
    )


def full(diagnostics, *, color=False, width=None, sources=None, info=None) -> str:
    out = io.StringIO()
    write_full(out, diagnostics, {"spec.mspec": TEXT} if sources is None else sources, color=color, width=width, info=info)
    return out.getvalue()


# ---------------------------------------------------------------- full


def test_full_header_excerpt_and_caret():
    text = full([diag(message="`see:` names `Z`", span=span_of(TEXT, "booking reference"))])
    assert text.splitlines()[:4] == [
        "spec.mspec:2:28: S003 [error] `see:` names `Z`",
        "  |",
        "2 | rule ID3: Always share the booking reference with the caller.",
        "  | " + " " * 27 + "^" * len("booking reference"),
    ]
    assert text.rstrip().endswith("Found 1 finding (1 error).")
    assert not ESC.search(text)


def test_full_multi_line_range_marks_every_line():
    span = span_of(TEXT, "Never share the booking\n  reference with anyone.")
    lines = full([diag(span=span)]).splitlines()
    assert lines[2] == "3 | rule BK2: Never share the booking"
    assert lines[3] == "  |           ^^^^^^^^^^^^^^^^^^^^^^^"
    assert lines[4] == "4 |   reference with anyone."
    assert lines[5] == "  |   ^^^^^^^^^^^^^^^^^^^^^^"


def test_full_long_range_is_elided():
    text = "\n".join(f"line {i}" for i in range(1, 21)) + "\n"
    span = span_between(text, 0, text.index("line 20") + 4)
    out = full([diag(span=span)], sources={"spec.mspec": text})
    assert " 1 | line 1" in out and "20 | line 20" in out
    assert "10 | line 10" not in out
    assert " : …" in out


def test_full_wide_characters_and_tabs_align_the_caret():
    # 日本 is two wide characters (4 cells); the tab after "Répondez" expands to the next stop.
    out = full([diag(span=span_of(TEXT, "dans"))]).splitlines()
    source, carets = out[2], out[3]
    assert source == "5 | rule 日本:  Répondez dans la langue de la question."
    assert "\t" not in source
    # the caret starts under the "d" of "dans", counted in terminal cells
    prefix = source[: source.index("dans")]
    cells = sum(2 if ch in "日本" else 1 for ch in prefix)
    assert carets.index("^") == cells
    assert carets.count("^") == 4


def test_full_wide_characters_are_underlined_by_their_width():
    out = full([diag(span=span_of(TEXT, "日本"))]).splitlines()
    assert out[3] == "  |      ^^^^"


def test_full_control_characters_never_reach_the_terminal():
    evil = "rule A: Do \x1b[31mthis\x1b[0m now\u202e.\n"
    out = full([diag(message="bad \x1b[2J\nmessage", span=span_of(evil, "this"))], sources={"spec.mspec": evil})
    assert not ESC.search(out)
    assert "\u202e" not in out
    assert "1 | rule A: Do \\x1b[31mthis\\x1b[0m now\\u202e." in out
    assert "  |                    ^^^^" in out  # under `this`: an escape is as wide as it is shown
    assert "spec.mspec:1:17: S003 [error] bad \\x1b[2J\\nmessage" in out


def test_full_related_and_fix_diff():
    out = full([conflict()])
    lines = out.splitlines()
    assert "  = related: spec.mspec:3:6: the conflicting rule `BK2`" in lines
    related = lines.index("  = related: spec.mspec:3:6: the conflicting rule `BK2`")
    assert lines[related + 2] == "3 | rule BK2: Never share the booking"
    assert lines[related + 3] == "  |      ^^^"
    fix = lines.index("  = fix (needs review): add a precedence line")
    assert lines[fix + 1 : fix + 4] == [
        "  |",
        "  + precedence: ID3 > BK2",
        "2 | rule ID3: Always share the booking reference with the caller.",
    ]
    assert "1 with `speclint fix --unsafe-fixes`" in out


def test_full_safe_replacement_shows_removed_and_added_lines():
    fix = Fix(message="say it plainly", safe=True, edits=[Edit(span=span_of(TEXT, "Always share"), new_text="Share")])
    out = full([diag(fix=fix)])
    assert "  = fix (safe): say it plainly" in out
    assert "2 - rule ID3: Always share the booking reference with the caller." in out
    assert "  + rule ID3: Share the booking reference with the caller." in out
    assert "1 fixable with `speclint fix`." in out


def test_full_fix_in_a_file_without_source():
    edit = Edit(span=make_span(3, 1, 0, 3, 1, 0), new_text="precedence: A > B\n", path="other.mspec")
    out = full([diag(fix=Fix(message="add", edits=[edit]))])
    assert "at other.mspec:3:1:" in out
    assert "  + precedence: A > B" in out


def test_full_without_source_shows_the_header_only():
    out = full([diag(path="gone.mspec")])
    assert out.splitlines()[0] == "gone.mspec:2:6: S003 [error] a finding"
    assert out.splitlines()[1] == ""


def test_full_point_at_end_of_line_and_past_end_of_file():
    line_end = TEXT.index("\n")
    out = full([diag(span=span_between(TEXT, line_end, line_end))]).splitlines()
    assert out[3] == "  |               ^"
    beyond = make_span(99, 1, len(TEXT), 99, 1, len(TEXT))
    assert full([diag(span=beyond)]).splitlines()[1] == ""


def test_full_long_line_is_cut_around_the_range():
    long = "rule A: " + "word " * 60 + "TARGET " + "more " * 40 + "\n"
    out = full([diag(span=span_of(long, "TARGET"))], sources={"spec.mspec": long}, width=60).splitlines()
    source, carets = out[2], out[3]
    assert len(source) <= 60 and source.startswith("1 | …") and source.endswith("…")
    assert source[carets.index("^") : carets.index("^") + 6] == "TARGET"


def test_full_summary_from_info():
    d = diag()
    out = full([d], info=summary([d], 1, 3, "lexical"))
    assert out.rstrip().splitlines()[-1] == "Found 1 finding (1 error) in 1 file, 3 rules (lexical tier)."
    assert full([]).strip() == "No findings."


def test_full_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")  # the caller decides; rich must not second-guess it
    colored = full([conflict()], color=True)
    assert ESC.search(colored)
    assert ESC.sub("", re.sub(r"\x1b\[[0-9;]*m", "", colored)).splitlines()[0] == full([conflict()]).splitlines()[0]


def test_report_package_does_not_import_rich():
    code = (
        "import sys\n"
        "import specdsl.cli.report, specdsl.cli.report.full, specdsl.cli.report.sarif, specdsl.cli.report.github, specdsl.cli.report.rules\n"
        "assert 'rich' not in sys.modules, 'rich imported at module import'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ---------------------------------------------------------------- SARIF


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    assert cls is jsonschema.Draft4Validator  # the schema says draft-04
    cls.check_schema(schema)
    return cls(schema)


def sample_diagnostics(tmp_path: Path | None = None) -> list[Diagnostic]:
    root = str(tmp_path) + "/" if tmp_path else ""
    return [
        conflict().replace(path=root + "spec.mspec"),
        diag("V002", "“appropriate” is vague: 日本", span_of(TEXT, "Répondez"), Severity.INFO, path=root + "dir with space/é.mspec"),
        diag("R001", "no rationale", span_of(TEXT, "Never share the booking\n  reference"), Severity.WARNING, rule="BK2", path=root + "spec.mspec"),
        diag("X999", "a code no check has", make_span(1, 1, 0, 1, 1, 0), Severity.WARNING, name="made-up", path=root + "spec.mspec"),
        diag("S001", "no file", path=None),
    ]


def test_sarif_validates_against_the_official_schema(sarif_validator, tmp_path):
    for base in (None, tmp_path):
        log = to_sarif(sample_diagnostics(tmp_path if base else None), tool_version="0.1.0", base_dir=base)
        errors = sorted(sarif_validator.iter_errors(log), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
        json.dumps(log)
    empty = to_sarif([], tool_version="0.1.0")
    sarif_validator.validate(empty)
    assert empty["runs"][0]["results"] == [] and empty["runs"][0]["tool"]["driver"]["rules"] == []


def test_sarif_rules_and_results():
    log = to_sarif(sample_diagnostics(), tool_version="9.9")
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("speclint", "9.9")
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == ["C001", "R001", "S001", "V002", "X999"]
    c001 = driver["rules"][0]
    assert c001["name"] == "conflicting-rules"
    assert c001["helpUri"] == HELP_URI_TEMPLATE.format(code="C001") == "https://speclint.dev/rules/C001"
    assert c001["defaultConfiguration"] == {"level": "error"}
    assert "  " not in c001["shortDescription"]["text"]
    assert "## Why it matters" in c001["help"]["markdown"] and "Why it matters" in c001["help"]["text"]
    assert driver["rules"][3]["defaultConfiguration"] == {"level": "note"}
    assert driver["rules"][4] == {
        "id": "X999", "name": "made-up", "shortDescription": {"text": "made-up"},
        "helpUri": "https://speclint.dev/rules/X999", "defaultConfiguration": {"level": "warning"},
    }
    results = run["results"]
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    assert [r["level"] for r in results] == ["error", "note", "warning", "warning", "error"]
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_regions_related_and_fixes():
    results = to_sarif(sample_diagnostics(), tool_version="0")["runs"][0]["results"]
    first = results[0]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "spec.mspec"}
    assert location["region"] == {"startLine": 2, "startColumn": 6, "endLine": 2, "endColumn": 9}  # "ID3", end exclusive
    related = first["relatedLocations"][0]
    assert related["message"]["text"] == "the conflicting rule `BK2`"
    assert related["physicalLocation"]["region"]["startLine"] == 3
    change = first["fixes"][0]["artifactChanges"][0]
    assert change["replacements"] == [{
        "deletedRegion": {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 1},
        "insertedContent": {"text": "precedence: ID3 > BK2\n"},
    }]
    assert first["fixes"][0]["properties"] == {"safe": False}
    multi = results[2]["locations"][0]["physicalLocation"]["region"]
    assert multi == {"startLine": 3, "startColumn": 11, "endLine": 4, "endColumn": 12}
    assert results[2]["properties"] == {"rule": "BK2"}
    assert results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "dir%20with%20space/%C3%A9.mspec"


def test_sarif_paths_relative_to_base_dir(tmp_path):
    inside = diag(path=str(tmp_path / "specs" / "a.mspec"))
    outside = diag(path=str(tmp_path.parent / "elsewhere.mspec"))
    run = to_sarif([inside, outside], tool_version="0", base_dir=tmp_path)["runs"][0]
    a, b = (r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"])
    assert a == {"uri": "specs/a.mspec", "uriBaseId": "%SRCROOT%"}
    assert b["uri"].startswith("file:///") and "uriBaseId" not in b
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"


def test_sarif_fingerprints_are_stable(tmp_path):
    d = diag(rule="ID3")
    moved = d.replace(span=make_span(40, 6, 900, 40, 9, 903))
    other = d.replace(message="another finding")

    def fp(x, base=None):
        return to_sarif([x], tool_version="0", base_dir=base)["runs"][0]["results"][0]["partialFingerprints"][FINGERPRINT_KEY]

    assert fp(d) == fp(moved) != fp(other)
    assert re.fullmatch(r"[0-9a-f]{64}", fp(d))
    # relative to the base, the fingerprint does not depend on where the checkout is
    a = diag(path=str(tmp_path / "x" / "spec.mspec"))
    b = diag(path=str(tmp_path / "y" / "spec.mspec"))
    assert fp(a, tmp_path / "x") == fp(b, tmp_path / "y")


# ---------------------------------------------------------------- GitHub


# ---------------------------------------------------------------- concise


def test_concise_line_names_the_severity_after_the_code():
    """`path:line:col: CODE [severity] message`: the code where ruff and flake8 put it, the severity spelled out."""
    out = io.StringIO()
    write_concise(out, [
        diag(span=span_of(TEXT, "ID3")),
        diag("R001", "w", severity=Severity.WARNING),
        diag("V002", "i", severity=Severity.INFO),
    ])
    assert out.getvalue().splitlines() == [
        "spec.mspec:2:6: S003 [error] a finding",
        "spec.mspec:2:6: R001 [warning] w",
        "spec.mspec:2:6: V002 [info] i",
    ]


# ---------------------------------------------------------------- github


def test_github_annotation_per_severity():
    out = io.StringIO()
    write_github(out, [
        diag(span=span_of(TEXT, "ID3")),
        diag("R001", "w", severity=Severity.WARNING),
        diag("V002", "i", severity=Severity.INFO),
    ])
    lines = out.getvalue().splitlines()
    assert lines[0] == "::error file=spec.mspec,line=2,col=6,endLine=2,endColumn=8,title=S003 unknown-reference::a finding"
    assert lines[1].startswith("::warning file=spec.mspec,") and lines[1].endswith("title=R001 missing-rationale::w")
    assert lines[2].startswith("::notice file=spec.mspec,") and lines[2].endswith("title=V002 vague-qualifier::i")


def test_github_escaping():
    d = diag(
        message="100% sure,\r\nreally: a, b",
        name="odd,name: x",
        path="dir,1/a:b%.mspec",
        span=make_span(3, 4, 0, 3, 5, 1),
    )
    assert annotation(d) == (
        "::error file=dir%2C1/a%3Ab%25.mspec,line=3,col=4,endLine=3,endColumn=4,"
        "title=S003 odd%2Cname%3A x::100%25 sure,\\r\\nreally: a, b"  # a line break from a spec is shown, not made
    )
    assert escape_data("%0A\n") == "%250A%0A"
    assert escape_property("a:b,c%\r") == "a%3Ab%2Cc%25%0D"


def test_github_multi_line_range_has_no_columns(tmp_path):
    d = diag(span=span_of(TEXT, "Never share the booking\n  reference"), path=str(tmp_path / "specs" / "s.mspec"))
    line = annotation(d, base_dir=tmp_path)
    assert line == "::error file=specs/s.mspec,line=3,endLine=4,title=S003 unknown-reference::a finding"


# ---------------------------------------------------------------- rule docs


def test_rule_text_is_the_docstring_with_a_header():
    check = checks.load()["R005"]
    text = rule_text(check)
    assert text.splitlines()[0] == "R005 subrules-without-values"
    assert "severity: warning (info in Markdown and prompt files)   family: rationale   tier: lexical" in text
    for section in ("What it finds", "Why it matters", "Example", "Fix", "Options"):
        assert f"\n{section}\n" in text
    assert "    min-subrules = 3\n        how many subrules" in text
    assert "\n    rule BK5: When handling a complaint:\n      subrule: Apologize once." in text


def test_rule_markdown_fences_examples():
    md = rule_markdown(checks.load()["M002"])
    assert md.startswith("# M002 reinterpretable-safety-rule\n")
    assert "## Example\n\n```text\nrule OPS1: Never take drastic" in md
    assert "## Fix\n\nSay why the rule exists" in md
    # the indented code in Fix becomes a fenced block, with its indentation relative to itself
    assert "```text\nrule OPS1: Never take drastic or irreversible actions on production\n  systems." in md


def test_write_rule_plain_and_color():
    check = checks.load()["S003"]
    plain, colored = io.StringIO(), io.StringIO()
    write_rule(plain, check, color=False)
    write_rule(colored, check, color=True, width=80)
    assert not ESC.search(plain.getvalue()) and plain.getvalue() == rule_text(check)
    assert ESC.search(colored.getvalue()) and "unknown-reference" in colored.getvalue()


def test_rules_table_plain_and_color():
    registry = checks.load()
    out = io.StringIO()
    write_rules_table(out, registry.values(), color=False, width=100)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "TIER", "SUMMARY"]
    assert len(lines) == len(registry) + 3 and lines[-2:] == ["", "`speclint rule CODE` shows a check's whole documentation."]
    lines = lines[:-2]
    assert all(len(line) <= 100 for line in lines)
    summary_column = lines[0].index("SUMMARY")
    assert all(line[summary_column - 2 : summary_column] == "  " for line in lines)
    assert not ESC.search(out.getvalue())
    colored = io.StringIO()
    write_rules_table(colored, registry.values(), color=True, width=120)
    assert ESC.search(colored.getvalue()) and "S001" in colored.getvalue()


def test_rules_table_summary_is_the_first_sentence_cut_to_the_width():
    """`rule --all` shows one line per check: the first sentence of "What it finds", never whole paragraphs."""
    registry = checks.load()
    for width in (None, 80, 1000):
        out = io.StringIO()
        write_rules_table(out, registry.values(), color=False, width=width)
        rows = {line[:4]: line for line in out.getvalue().splitlines()[1:] if line[:4] in registry}
        assert set(rows) == set(registry)
        summary_column = out.getvalue().index("SUMMARY")
        for code, line in rows.items():
            assert len(line) <= (width or 100), line
            shown = line[summary_column:]
            sentence = first_sentence(registry[code].summary)
            assert sentence == shown or (shown.endswith("…") and sentence.startswith(shown[:-1])), (code, shown)
            if width == 1000:
                assert shown == sentence
    # the whole paragraph is longer than its first sentence, and is not shown
    paragraph = " ".join(registry["C002"].summary.split())
    assert first_sentence(paragraph) == paragraph[: paragraph.index("caller\".") + len("caller\".")]
    assert "Needs the semantic tier" not in out.getvalue()


def test_first_sentence():
    assert first_sentence("One thing. Another.") == "One thing."
    assert first_sentence('A list: "etc.", "and so on". Then more.') == 'A list: "etc.", "and so on".'
    assert first_sentence('Says "stop." Then more.') == 'Says "stop."'
    assert first_sentence("Only\n  one sentence") == "Only one sentence"
    assert first_sentence("e.g. a thing. `Code` next.") == "e.g. a thing."


def test_rules_json():
    registry = checks.load()
    out = io.StringIO()
    write_rules_json(out, registry.values())
    data = json.loads(out.getvalue())
    assert [d["code"] for d in data] == sorted(registry)
    for item in data:
        assert set(item) == {
            "code", "name", "severity", "prose_severity", "default", "family", "tier", "summary", "sections", "options",
            "measured",
        }
        assert list(item["sections"])[:4] == ["What it finds", "Why it matters", "Example", "Fix"]
        assert "  " not in item["summary"]
    # what the check measured on real specs, judged blind (both halves of the review corpus)
    assert set(rule_json(registry["R001"])["measured"]) == {"dev", "test"}
    assert rule_json(registry["S001"])["measured"] is None
    r005 = rule_json(registry["R005"])
    assert r005["options"] == [
        {"name": "min-subrules", "default": 3, "description": "how many subrules make a rule need a rationale"}
    ]
    assert rule_json(registry["S003"])["options"] == []
    assert doc_sections(registry["R005"])["Example"].startswith("rule BK5: When handling a complaint:\n  subrule:")
    assert options_of(registry["R003"])[0]["name"] == "min-overlap"


# ---------------------------------------------------------------- robustness

_CHARS = st.sampled_from(list("ab \t\n\r日é\u0301\x1b\x9b\u202e\u200b:,%"))


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(_CHARS, max_size=60),
    points=st.tuples(st.integers(0, 70), st.integers(0, 70)),
    raw=st.tuples(*[st.integers(-2, 12)] * 4),
    new_text=st.text(_CHARS, max_size=10),
    width=st.one_of(st.none(), st.integers(1, 80)),
)
def test_reporters_never_crash_and_stay_plain(text, points, raw, new_text, width):
    a, b = sorted(min(p, len(text)) for p in points)
    good = span_between(text, a, b)
    odd = make_span(raw[0], raw[1], 0, raw[2], raw[3], 0)
    fix = Fix(message="m", edits=[Edit(span=good, new_text=new_text), Edit(span=odd, new_text=new_text)])
    related = [Related(path="spec.mspec", rule=None, span=odd, message="r\n%")]
    ds = [diag(span=good, fix=fix, related=related), diag(span=odd, message=text)]
    out = full(ds, sources={"spec.mspec": text}, width=width)
    assert not ESC.search(out) and "\u202e" not in out
    for line in to_sarif(ds, tool_version="0")["runs"][0]["results"]:
        region = line["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    for d in ds:
        command = annotation(d)
        assert "\n" not in command and "\r" not in command


def test_a_check_off_by_default_says_so_and_runs_only_when_named(tmp_path):
    from specdsl.linting.linter import LintOptions, selected_checks

    assert "default: off (run it with --select C003)" in rule_text(checks.load()["C003"])
    codes = lambda **kw: {c.code for c in selected_checks(LintOptions(**kw))}  # noqa: E731
    assert "C003" not in codes() and "C003" not in codes(select=["C"]) and "C003" not in codes(select=["ALL"])
    assert "C003" in codes(select=["C003"]) and "C003" in codes(extend_select=["duplicate-rule"])
    assert "C001" in codes(select=["C"])


def test_rationale_findings_are_info_in_prose_files_and_keep_their_severity_in_mspec():
    from specdsl import lint

    bare = "Run the integration tests with `make itest` before every push.\n"
    (markdown,) = [d for d in lint("# Tests\n\n" + bare, "AGENTS.md") if d.code == "R001"]
    (mspec,) = [d for d in lint("rule T1: " + bare, "case.mspec") if d.code == "R001"]
    assert markdown.severity.value == "info" and mspec.severity.value == "warning"
