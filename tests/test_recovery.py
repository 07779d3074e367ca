"""Error recovery: one broken statement costs one diagnostic, and nothing else."""

from __future__ import annotations

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
