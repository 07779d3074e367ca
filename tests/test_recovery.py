"""Error recovery: one broken statement costs one diagnostic, and nothing else."""

from __future__ import annotations

import pytest

from specdsl import parse

INTACT = [f"R{i}" for i in range(1, 11)]


def spec_with_breaks(broken: dict[int, str]) -> str:
    lines = ['spec "Recovery"', "  levels: root > user", "", 'section "All":']
    for i in range(1, 11):
        lines.append(f"  rule R{i} [level: user]: Rule number {i} says something concrete.")
        lines.append(f"    rationale: Reason {i}, because it protects users.")
        if i in broken:
            lines.append(broken[i])
    return "\n".join(lines) + "\n"


def test_five_independent_broken_lines_give_five_errors_and_all_rules():
    broken = {
        1: "  rule : this rule has no id",
        3: "  rule B1 [hard, levle: root]: misspelt attribute",
        5: "    prompt: outside an example",
        7: "  rule B2 [priority: high]: not a number",
        9: "    see:",
    }
    spec = parse(spec_with_breaks(broken))
    s001 = [d for d in spec.diagnostics if d.code == "S001"]
    assert len(s001) == 5, [d.message for d in s001]
    assert [r.id for r in spec.rules()] == INTACT
    for rule in spec.rules():
        assert rule.rationales, rule.id


def test_messages_say_what_was_found_and_expected_in_words():
    broken = {
        2: "  rule B1 [hard, levle: root]: misspelt attribute",
        4: "    prompt: outside an example",
        6: "  rule B2 [priority: high]: not a number",
    }
    messages = [d.message for d in parse(spec_with_breaks(broken)).diagnostics]
    assert "unknown attribute `levle:`" in messages[0]
    assert "`prompt:` belongs inside an `example:`" in messages[1]
    assert "`priority:` takes a whole number, found `high`" in messages[2]
    for message in messages:
        for lark_name in ("_NL", "RULE_KW", "$END", "__ANON", "_DEDENT", "PROMPT_KW"):
            assert lark_name not in message


def test_error_positions_are_one_based_and_exact():
    text = 'rule A: fine\nrule B [hard, levle: x]: bad\nrule C: fine\n'
    (d,) = parse(text).diagnostics
    assert (d.span.line, d.span.column) == (2, 15)
    assert text[d.span.offset : d.span.end_offset] == "levle"


def test_broken_rule_takes_its_block_but_nothing_else():
    text = (
        "rule A: fine\n"
        "rule B [unknown]: broken\n"
        "  rationale: belongs to the broken rule\n"
        "  subrule B.1: also lost\n"
        "rule C: fine\n"
        "  rationale: kept\n"
    )
    spec = parse(text)
    assert [r.id for r in spec.rules()] == ["A", "C"]
    assert len(spec.diagnostics) == 1


def test_broken_section_header_keeps_its_rules():
    text = 'section "Oops"\n  rule A: inside the section\n  rule B: also inside\nrule C: outside\n'
    spec = parse(text)
    assert len(spec.diagnostics) == 1
    assert "section" in spec.diagnostics[0].message
    assert [r.id for r in spec.rules()] == ["A", "B", "C"]
    (section,) = list(spec.sections())
    assert section.title == "Oops"


def test_stray_indented_line_under_a_statement_without_a_block():
    text = "rule A: text\n  see: B\n    stray words\nrule B: fine\n"
    spec = parse(text)
    assert len(spec.diagnostics) == 1
    assert [r.id for r in spec.rules()] == ["A", "B"]


def test_inconsistent_dedent_is_reported_and_read_as_the_inner_block():
    text = "rule A: text\n    subrule A.1: one\n  subrule A.2: two\n"
    spec = parse(text)
    assert len(spec.diagnostics) == 1
    assert "indented 2 spaces" in spec.diagnostics[0].message
    assert [r.id for r in spec.rules()] == ["A", "A.1", "A.2"]


def test_continuation_that_looks_like_a_keyword_is_prose():
    text = "rule A: The assistant respects the\n  rule of law matters here too.\n"
    spec = parse(text)
    assert spec.diagnostics == []
    (rule,) = spec.rules()
    assert rule.text.text == "The assistant respects the rule of law matters here too."


RULE_SHAPE = "a rule is written `rule ID [attributes]: text`, for example `rule R1 [hard]: Never …`"


@pytest.mark.parametrize(
    "lines, broken, column, message, ids",
    [
        # at the top level
        (["rule A1 Do not lie.", "  rationale: Trust rests on it.", "rule A2: Be kind.", "  rationale: People matter."],
         0, 8, f"expected `:` after the rule id `A1`: {RULE_SHAPE}", ["A2"]),
        # in a section: the line is indented under a header that takes no text
        (['section "S":', "  rule A1 Do not lie.", "    rationale: Trust rests on it.", "  rule A2: Be kind.",
          "    rationale: People matter."],
         1, 10, f"expected `:` after the rule id `A1`: {RULE_SHAPE}", ["A2"]),
        (['section "S":', "  rule A1 [hard] Do not lie.", "    Really never.", "  rule A2: Be kind."],
         1, 17, f"expected `:` after the rule id `A1`: {RULE_SHAPE}", ["A2"]),
        (["rule A1: Be honest.", "  rationale: Trust.", "  subrule A1.1 Do not lie.", "    when: asked",
          "  subrule A1.2: Say when unsure."],
         2, 15, "expected `:` after the subrule id `A1.1`: a subrule is written `subrule ID: text` or `subrule: text`",
         ["A1", "A1.2"]),
        (['section "S"', "  rule A1: Be kind.", "rule A2: Be brief."],
         0, 12, 'expected `:` after the section title `"S"`: a section is written `section "Title":` with its rules indented below',
         ["A1", "A2"]),
        (['term "oversight" The ability to correct.', 'term "principal": An operator.', "rule A2: Be brief."],
         0, 17, 'expected `:` after the term `"oversight"`: a term is written `term "name": definition`', ["A2"]),
        (["rule A1: Be kind.", "  rationale: People matter.", "  when the user asks", "rule A2: Be brief."],
         2, 7, "expected `:` after `when`", ["A1", "A2"]),
        (["precedence A1 > A2", "rule A1: Be kind.", "rule A2: Be brief."],
         0, 11, "expected `:` after `precedence`: a precedence line is written `precedence: A > B > C`", ["A1", "A2"]),
    ],
)
def test_a_missing_colon_is_named_where_it_belongs_and_costs_nothing_else(lines, broken, column, message, ids):
    """`rule A1 Do not lie.` gives one S001 that says which colon is missing, at its column; every other
    statement, the next correctly indented rule included, is read as written."""
    spec = parse("\n".join(lines) + "\n")
    assert [(d.span.line, d.span.column, d.message) for d in spec.diagnostics] == [(broken + 1, column, message)]
    assert [r.id for r in spec.rules()] == ids


def test_prose_that_begins_with_rule_is_still_prose():
    """A continuation line is text unless it has a statement's whole shape: "rule of law" stays prose."""
    spec = parse("rule A1: Respect the\n  rule of law in every answer.\n  rationale: Trust rests on it.\n")
    assert spec.diagnostics == []
    assert next(spec.rules()).text.text == "Respect the rule of law in every answer."
    in_section = parse('section "S":\n  rule of law matters here\n  rule A1: Be kind.\n')
    assert [d.message for d in in_section.diagnostics] == [
        "this indented line continues the statement above, which takes no text here; "
        "start it with a keyword (`rationale:`, `subrule`, …) or remove the indentation"
    ]
