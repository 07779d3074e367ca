"""The canonical formatter: one layout, idempotent, lossless, atomic."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import EXAMPLES, REFERENCE

from specdsl import parse
from specdsl.tools.format import FormatError, format_text, signature

MESSY = """# leading comment

spec   "Messy"
      version:   2
      levels: high>low

term    "thing" :   A thing
            with a definition over lines.



section "A"  :
      # comment above a rule
      rule   R1   [tags: x, y, level: low, hard]:   Do the first thing
              across two lines.
            rationale:  Because it matters
               to people.
            see:R2,R3
      rule R2 [priority: 3]: Do the second thing.
         rationale: It keeps things consistent.
         example:
             prompt:   hi
             good: hello
      rule R3: Third.
        rationale: Reason three.

        subrule: auto one
        # a trailing comment in a block
precedence:R1>R2
"""


def test_messy_input_becomes_canonical():
    out = format_text(MESSY)
    assert out == """# leading comment

spec "Messy"
  version: 2
  levels: high > low

term "thing": A thing
  with a definition over lines.

section "A":
  # comment above a rule
  rule R1 [hard, level: low, tags: x, y]: Do the first thing
    across two lines.
    rationale: Because it matters
      to people.
    see: R2, R3

  rule R2 [priority: 3]: Do the second thing.
    rationale: It keeps things consistent.
    example:
      prompt: hi
      good: hello

  rule R3: Third.
    rationale: Reason three.

    subrule: auto one
    # a trailing comment in a block
precedence: R1 > R2
"""


@pytest.mark.parametrize("path", sorted(EXAMPLES.rglob("*.mspec")), ids=lambda p: p.name)
def test_examples_are_fixed_points_and_lossless(path: Path):
    text = path.read_text(encoding="utf-8")
    once = format_text(text)
    assert format_text(once) == once
    assert signature(parse(once)) == signature(parse(text))


def test_reference_is_already_canonical():
    text = REFERENCE.read_text(encoding="utf-8")
    assert format_text(text) == text


def test_wrapping_keeps_every_word_and_never_starts_a_line_with_a_keyword():
    text = (
        "rule A: word " * 1 + "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda "
        "see: this is prose rule X: also prose # not a comment rationale: still prose and more words\n"
    )
    out = format_text(text, wrap=30)
    assert max(len(line) for line in out.splitlines()) <= 60
    assert parse(out).diagnostics == []
    assert signature(parse(out), True) == signature(parse(text), True)
    for line in out.splitlines()[1:]:
        stripped = line.strip()
        assert not stripped.startswith("#")
        assert not stripped.startswith(("see:", "rationale:", "rule X:"))


def test_wrapping_a_later_paragraph_that_would_start_with_a_statement():
    # the first line of a paragraph after a blank line cannot lean on the line
    # before it: "rule the :" there would be a subrule
    text = "rule A: the\n\n  rule\n  the :"
    out = format_text(text, wrap=40)
    assert out == text + "\n"
    assert signature(parse(out), True) == signature(parse(text), True)
    assert format_text(out, wrap=30) == out


def test_paragraph_breaks_survive():
    text = "rule A: first paragraph\n  goes on.\n\n  Second paragraph.\n"
    spec = parse(text)
    assert spec.diagnostics == []
    (rule,) = spec.rules()
    assert rule.text.text == "first paragraph goes on.\n\nSecond paragraph."
    assert format_text(text) == text


def test_crlf_files_stay_crlf():
    text = "rule A: one\r\n  rationale:   two\r\n"
    assert format_text(text) == "rule A: one\r\n  rationale: two\r\n"


def test_syntax_errors_refuse_to_format():
    with pytest.raises(FormatError, match="1 syntax error"):
        format_text("rule A [oops: 1]: x\n")


def test_fmt_check_and_write(tmp_path, run):
    f = tmp_path / "a.mspec"
    f.write_text("rule   A:  text\n")
    os.chmod(f, 0o640)
    result = run("fmt", "--check", str(f))
    assert result.returncode == 1
    assert result.stdout == f"Would reformat: {f}\n"  # the files, not the diff (as ruff and black)
    assert f.read_text() == "rule   A:  text\n"
    result = run("fmt", str(f))
    assert result.returncode == 0, result.stderr
    assert f.read_text() == "rule A: text\n"
    assert os.stat(f).st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.mspec"]  # no temp file left behind
    result = run("fmt", "--check", str(f))
    assert result.returncode == 0
    assert "1 unchanged" in result.stderr


def test_fmt_check_lists_diff_shows_and_both_combine(tmp_path, run):
    """`--check` lists what would change and exits 1; `--diff` shows the diff and exits 0; both: the diff, exit 1."""
    messy, tidy = tmp_path / "a.mspec", tmp_path / "b.mspec"
    messy.write_text("rule   A:  text\n")
    tidy.write_text("rule B: text\n")
    check = run("fmt", "--check", str(tmp_path))
    assert (check.returncode, check.stdout) == (1, f"Would reformat: {messy}\n")
    assert "1 file would be reformatted, 1 unchanged" in check.stderr
    diff = run("fmt", "--diff", str(tmp_path))
    assert diff.returncode == 0
    assert "+rule A: text" in diff.stdout and "-rule   A:  text" in diff.stdout and "Would reformat" not in diff.stdout
    both = run("fmt", "--check", "--diff", str(tmp_path))
    assert (both.returncode, both.stdout) == (1, diff.stdout)
    tidy_only = run("fmt", "--check", "--diff", str(tidy))
    assert (tidy_only.returncode, tidy_only.stdout) == (0, "")
    assert messy.read_text() == "rule   A:  text\n"


def test_fmt_refuses_a_broken_file_and_leaves_it(tmp_path, run):
    f = tmp_path / "b.mspec"
    f.write_text("rule B [oops]: text\n")
    result = run("fmt", str(f))
    assert result.returncode == 2
    assert "syntax error" in result.stderr and "Traceback" not in result.stderr
    assert f.read_text() == "rule B [oops]: text\n"


def test_wrapping_keeps_unicode_spaces_that_are_part_of_words():
    # Only spaces and tabs separate words; a no-break space or a line separator
    # is the author's character, not a place to break or fold.
    for char in ("\u00a0", "\u2028", "\u3000", "\x0c"):
        text = f"rule A: Keep 10{char}km apart from every other vehicle on the road.\n  rationale: Distance keeps people safe.\n"
        out = format_text(text, wrap=24)
        assert f"10{char}km" in out
        assert signature(parse(out), True) == signature(parse(text), True)
        assert format_text(out, wrap=24) == out


def test_wrapping_checks_again_the_line_a_word_was_pulled_onto():
    # "note:" cannot start a line, so it joins "subrule", and "subrule note:"
    # would then read as a subrule: the wrap pulls again, onto the line before.
    text = "rule A: Each subrule note: applies only to billing questions.\n"
    out = format_text(text, wrap=10)
    assert parse(out).diagnostics == []
    assert signature(parse(out), True) == signature(parse(text), True)
    assert format_text(out, wrap=10) == out


@pytest.mark.parametrize(
    "source, title",
    [
        (r'"Files in C:\Users\Public"', "Files in C:\\Users\\Public"),
        (r'"A\\B"', "A\\B"),
        (r'"say \"hi\""', 'say "hi"'),
        (r'"ends with \\"', "ends with \\"),
        (r'"\\\"x"', '\\"x'),
    ],
)
def test_a_backslash_escapes_only_a_quote_or_a_backslash(source, title):
    text = f"section {source}:\n  rule A: Keep files, because people need them.\n"
    spec = parse(text)
    assert spec.diagnostics == []
    assert [s.title for s in spec.sections()] == [title]
    out = format_text(text)
    assert [s.title for s in parse(out).sections()] == [title]
    assert format_text(out) == out


def test_a_path_in_a_title_is_left_as_written():
    text = 'section "Files in C:\\Users\\Public":\n  rule A: Keep files, because people need them.\n'
    assert format_text(text) == text
