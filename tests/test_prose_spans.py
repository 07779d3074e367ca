"""The phrase checks' prose helpers: exact spans for phrases in multi-line
prose (LF and CRLF, blank lines, comment lines, tabs), the fallback without
source text, and which texts of a rule the V- and M-checks read."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from specdsl.model.prose import iter_rule_texts, phrase_span, source_text
from specdsl.linting.linter import LintOptions, lint
from specdsl.model.model import build_model
from specdsl.syntax.parser import parse

MULTILINE = """\
spec "Support bot"

section "Billing":
  rule B1: Escalate disputed charges to a human agent
      within a reasonable time, and tell the customer
      which team now owns the case.
    when: the customer disputes a charge
      over the phone or in chat
    unless: the charge was already refunded
    rationale: A reasonable person expects an answer.
    example: a disputed charge
      prompt: I was charged twice.
      good: I've passed this to billing, who will reply within a day.
"""


def _model(text: str):
    return build_model(parse(text, "case.mspec"), path="case.mspec", text=text)


def _rule(model, rid: str):
    return model.rule(rid)


def _span_of(text: str, rid: str, phrase: str, kind: str = "text"):
    model = _model(text)
    info = _rule(model, rid)
    prose = dict((k, p) for p, k in iter_rule_texts(model, info))[kind]
    start = prose.text.index(phrase)
    return prose, phrase_span(prose, start, start + len(phrase), source_text(model, info.path))


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _assert_consistent(text: str, span) -> None:
    """A span's line/column agree with its offsets in `text`."""
    assert _line_col(text, span.offset) == (span.line, span.column)
    assert _line_col(text, span.end_offset) == (span.end_line, span.end_column)


# ---------------------------------------------------------------- phrase_span


def test_phrase_on_the_first_line():
    _, span = _span_of(MULTILINE, "B1", "human agent")
    assert (span.line, span.column) == (4, 43)
    assert MULTILINE[span.offset : span.end_offset] == "human agent"
    _assert_consistent(MULTILINE, span)


def test_phrase_on_the_second_line():
    _, span = _span_of(MULTILINE, "B1", "reasonable")
    assert span.line == 5
    assert span.column == 16
    assert (span.end_line, span.end_column) == (5, 26)
    assert MULTILINE[span.offset : span.end_offset] == "reasonable"
    _assert_consistent(MULTILINE, span)


def test_phrase_on_the_third_line():
    _, span = _span_of(MULTILINE, "B1", "which team")
    assert (span.line, span.column) == (6, 7)
    assert MULTILINE[span.offset : span.end_offset] == "which team"


def test_phrase_across_a_line_break_keeps_the_source_between():
    prose, span = _span_of(MULTILINE, "B1", "agent within")
    assert (span.line, span.end_line) == (4, 5)
    assert MULTILINE[span.offset : span.end_offset] == "agent\n      within"
    _assert_consistent(MULTILINE, span)


def test_when_line_continuation():
    _, span = _span_of(MULTILINE, "B1", "in chat", kind="when")
    assert span.line == 8
    assert MULTILINE[span.offset : span.end_offset] == "in chat"


def test_unless_line():
    _, span = _span_of(MULTILINE, "B1", "refunded", kind="unless")
    assert span.line == 9
    assert MULTILINE[span.offset : span.end_offset] == "refunded"


def test_crlf():
    text = MULTILINE.replace("\n", "\r\n")
    _, span = _span_of(text, "B1", "reasonable")
    assert (span.line, span.column) == (5, 16)
    assert text[span.offset : span.end_offset] == "reasonable"
    _assert_consistent(text, span)
    _, span = _span_of(text, "B1", "which team")
    assert (span.line, span.column) == (6, 7)
    assert text[span.offset : span.end_offset] == "which team"


def test_crlf_across_a_line_break():
    text = MULTILINE.replace("\n", "\r\n")
    _, span = _span_of(text, "B1", "agent within")
    assert text[span.offset : span.end_offset] == "agent\r\n      within"
    assert (span.end_line, span.end_column) == (5, 13)


def test_trailing_spaces_and_tabs():
    text = "rule T1: Use good   \t\n\t\tjudgment when\t \n\t\tgrading essays.\n"
    _, span = _span_of(text, "T1", "judgment")
    assert (span.line, span.column) == (2, 3)
    assert text[span.offset : span.end_offset] == "judgment"
    _, span = _span_of(text, "T1", "grading")
    assert (span.line, span.column) == (3, 3)


def test_paragraph_break():
    text = "rule P1: Answer in plain language.\n\n    Keep answers short where possible.\n"
    prose, span = _span_of(text, "P1", "where possible")
    assert "\n\n" in prose.text
    assert span.line == 3
    assert text[span.offset : span.end_offset] == "where possible"


def test_several_blank_lines_and_a_comment_inside_prose():
    text = (
        "rule P1: Answer in plain language,\n"
        "    # a comment between the lines\n"
        "    and avoid jargon.\n"
        "\n"
        "\n"
        "    Cite sources etc.\n"
    )
    _, span = _span_of(text, "P1", "avoid jargon")
    assert (span.line, span.column) == (3, 9)
    assert text[span.offset : span.end_offset] == "avoid jargon"
    _, span = _span_of(text, "P1", "etc.")
    assert span.line == 6
    assert text[span.offset : span.end_offset] == "etc."


def test_prose_starting_on_the_line_after_its_keyword():
    text = "rule L1:\n    Refuse to write malware,\n      including droppers etc.\n"
    _, span = _span_of(text, "L1", "etc.")
    assert (span.line, span.column) == (3, 26)
    assert text[span.offset : span.end_offset] == "etc."


def test_subrule_prose():
    text = (
        "rule H1 [hard]: The agent must never:\n"
        "  subrule: delete backups or take other\n"
        "      irreversible actions.\n"
    )
    model = _model(text)
    info = model.rule("H1.1")
    prose = info.rule.text
    start = prose.text.index("irreversible")
    span = phrase_span(prose, start, start + len("irreversible actions"), source_text(model, info.path))
    assert (span.line, span.column) == (3, 7)
    assert text[span.offset : span.end_offset] == "irreversible actions"


def test_empty_phrase_and_clamping():
    prose, span = _span_of(MULTILINE, "B1", "reasonable")
    start = prose.text.index("reasonable")
    point = phrase_span(prose, start, start, MULTILINE)
    assert point.offset == point.end_offset == span.offset
    whole = phrase_span(prose, -5, 10_000, MULTILINE)
    assert (whole.offset, whole.end_offset) == (prose.span.offset, prose.span.end_offset)


def test_unicode_before_the_phrase():
    text = "rule U1: Réponds poliment — “toujours” —\n    where possible.\n"
    _, span = _span_of(text, "U1", "where possible")
    assert (span.line, span.column) == (2, 5)
    assert text[span.offset : span.end_offset] == "where possible"


# ---------------------------------------------------------------- without source


def test_without_source_first_and_last_lines_are_exact():
    model = _model(MULTILINE)
    prose = model.rule("B1").rule.text
    for phrase in ("human agent", "which team"):
        start = prose.text.index(phrase)
        exact = phrase_span(prose, start, start + len(phrase), MULTILINE)
        estimate = phrase_span(prose, start, start + len(phrase))
        assert estimate == exact


def test_without_source_a_middle_line_gets_its_line():
    model = _model(MULTILINE)
    prose = model.rule("B1").rule.text
    start = prose.text.index("reasonable")
    estimate = phrase_span(prose, start, start + len("reasonable"))
    assert estimate.line == 5


def test_a_source_that_does_not_hold_the_prose_falls_back():
    model = _model(MULTILINE)
    prose = model.rule("B1").rule.text
    start = prose.text.index("human agent")
    other = "x" * len(MULTILINE)
    assert phrase_span(prose, start, start + 11, other) == phrase_span(prose, start, start + 11)


# ---------------------------------------------------------------- every word, any layout


@st.composite
def layouts(draw):
    words = draw(
        st.lists(st.from_regex(r"[a-z]{1,8}[,.]?", fullmatch=True), min_size=1, max_size=24)
    )
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines: list[list[str]] = [[]]
    for word in words:
        lines[-1].append(word)
        if draw(st.integers(0, 3)) == 0:
            lines.append([])
    lines = [line for line in lines if line]
    out = "rule W1: " + " ".join(lines[0])
    for line in lines[1:]:
        trailing = draw(st.sampled_from(["", " ", "  ", "\t"]))
        blank = draw(st.sampled_from(["", "", newline, newline + "   " + newline]))
        comment = draw(st.sampled_from(["", "", "   # note" + newline]))
        indent = draw(st.sampled_from(["    ", "      ", "\t", "  \t"]))
        out += trailing + newline + blank + comment + indent + " ".join(line)
    return out + newline


@settings(max_examples=150, deadline=None)
@given(layouts())
def test_every_word_maps_to_itself(text):
    model = _model(text)
    info = model.rule("W1")
    prose = info.rule.text
    assert prose is not None
    source = source_text(model, info.path)
    tokens = list(re.finditer(r"\S+", prose.text))
    for m in tokens:
        span = phrase_span(prose, m.start(), m.end(), source)
        assert text[span.offset : span.end_offset] == m.group(0)
        assert _line_col(text, span.offset) == (span.line, span.column)
    # a run of words across lines: the same words, whatever lies between them
    first, last = tokens[0], tokens[-1]
    span = phrase_span(prose, first.start(), last.end(), source)
    between = text[span.offset : span.end_offset]
    kept = [line for line in between.splitlines() if not line.strip().startswith("#")]
    assert " ".join(" ".join(kept).split()) == " ".join(prose.text.split())
    assert _line_col(text, span.end_offset) == (span.end_line, span.end_column)


# ---------------------------------------------------------------- iter_rule_texts


def test_iter_rule_texts_reads_text_when_and_unless_only():
    text = (
        'term "reasonable time": one business day.\n'
        "rule R1: Reply within a reasonable time.\n"
        "  when: a ticket is open\n"
        "  unless: the customer asked us to wait\n"
        "  rationale: Waiting customers churn.\n"
        "  example:\n"
        "    prompt: Any news?\n"
        "    good: Yes, here it is.\n"
        "  subrule R1a: Say when the next reply will come.\n"
    )
    model = _model(text)
    got = [(kind, prose.text) for prose, kind in iter_rule_texts(model, model.rule("R1"))]
    assert got == [
        ("text", "Reply within a reasonable time."),
        ("when", "a ticket is open"),
        ("unless", "the customer asked us to wait"),
    ]
    sub = [(kind, prose.text) for prose, kind in iter_rule_texts(model, model.rule("R1a"))]
    assert sub == [("text", "Say when the next reply will come.")]


def test_iter_rule_texts_of_a_rule_without_text():
    text = "rule E1:\n  rationale: Something.\n"
    model = _model(text)
    assert list(iter_rule_texts(model, model.rule("E1"))) == []


# ---------------------------------------------------------------- end to end


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_finding_points_at_the_phrase_on_its_line(newline):
    text = MULTILINE.replace("\n", newline)
    found = [d for d in lint(text, "case.mspec", options=LintOptions(select=["V002"])) if d.code == "V002"]
    assert [(d.span.line, d.span.column, d.span.end_column) for d in found] == [(5, 16, 26)]


def test_offsets_inside_a_join():
    """A start on a join's space goes to the next line; an end after it stays on the line before."""
    model = _model(MULTILINE)
    prose = model.rule("B1").rule.text
    join = prose.breaks[0]
    after = phrase_span(prose, join, join + len(" within"), MULTILINE)
    assert MULTILINE[after.offset : after.end_offset] == "within"
    before = phrase_span(prose, join - len("agent"), join + 1, MULTILINE)
    assert MULTILINE[before.offset : before.end_offset] == "agent"


def test_offsets_inside_a_paragraph_break():
    text = "rule P1: Answer in plain language.\n\n    Keep answers short.\n"
    model = _model(text)
    prose = model.rule("P1").rule.text
    gap = prose.text.index("\n\n")
    span = phrase_span(prose, gap + 1, gap + 2 + len("Keep"), text)
    assert text[span.offset : span.end_offset] == "Keep"
    span = phrase_span(prose, gap - len("language."), gap + 2, text)
    assert text[span.offset : span.end_offset] == "language."


def test_the_exempt_spans_of_long_texts_are_kept_within_a_bound_in_bytes():
    """Every version of a long rule an editor lints is a new text: the spans of the
    terms found in them are kept up to a bound in bytes (before, the last 256 texts
    were kept whatever their size)."""
    import tracemalloc

    from specdsl.core.memo import MB
    from specdsl.model.prose import exempt_spans

    pattern = re.compile(r"(?<![\w'’-])(?:appropriate care)(?![\w'’-])", re.I)
    body = "Act with appropriate care. " * 10 + "and then some more words " * 8000  # 200 KB
    exempt_spans(body + "warm", pattern)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(300):
            assert len(exempt_spans(body + str(i), pattern)) == 10
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held < 24 * MB, held  # the last 256 of them: 51 MB
    assert exempt_spans.cache.bytes <= exempt_spans.cache.max_bytes


def test_the_exempt_spans_estimate_is_not_below_what_it_holds():
    from test_memo import deep_size

    from specdsl.model.prose import exempt_spans

    pattern = re.compile(r"(?<![\w'’-])(?:care|x)(?![\w'’-])", re.I)
    for text in ("Take care.", "care " * 5000, "x," * 5000, "nothing here " * 100, ""):
        exempt_spans.cache_clear()
        found = exempt_spans(text, pattern)
        assert exempt_spans.cache.bytes >= deep_size(text) + deep_size(found), text[:20]
