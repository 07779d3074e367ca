"""The resolved spec model: ids, references, precedence, levels, includes."""

from __future__ import annotations

from specdsl import parse
from specdsl.linting.linter import lint
from specdsl.model.model import build_model

TEXT = """spec "Model"
  levels: root > system > user

term "Principal": someone the assistant works for.
precedence: A > B

section "S":
  rationale: Section reason, because it matters.
  rule A [level: user]: Do A.
    subrule A.1: First.
    subrule: Second, automatic.
      subrule: Third level.
  rule B [level: root, priority: 2]: Do B.
    overrides: C
  rule C [priority: 5]: Do C.
  rule D [priority: 1]: Do D.
"""


def model():
    return build_model(parse(TEXT), path=None, text=TEXT)


def test_ids_and_auto_ids():
    m = model()
    assert [r.id for r in m.rules] == ["A", "A.1", "A.2", "A.2.1", "B", "C", "D"]
    assert m.rule("A.2").rule.auto_id and m.rule("A.2").parent.id == "A"
    assert m.rule("A.2.1").parent.id == "A.2"


def test_glossary_is_case_insensitive():
    assert model().term("principal").name == "Principal"


def test_inherited_levels_and_rationales():
    m = model()
    assert m.rule("A.2.1").level == "user"
    assert [r.text.text for r in m.rule("A.1").inherited_rationales()] == ["Section reason, because it matters."]
    assert m.rule("A.1").section_path == ["S"]


def test_precedence_between_rules():
    m = model()
    a, b, c, d = (m.rule(x) for x in "ABCD")
    winner, why = m.precedence_between(a, b)
    assert winner is a and "A takes precedence over B" in why  # explicit beats levels
    winner, _ = m.precedence_between(m.rule("A.2.1"), b)
    assert winner.id == "A.2.1"  # inherited from A
    assert m.precedence_between(b, c)[0] is b  # overrides
    assert m.precedence_between(c, d)[0] is c  # priority 5 > 1
    assert m.precedence_between(c, m.rule("A"))[0].id == "A"  # only A has a level, C has priority only
    # C (priority 5, no level) vs A (level user, no priority): nothing comparable but A > B > C
    assert m.precedence_between(d, b)[0] is b


def test_unordered_pair():
    m = build_model(parse("rule X: x\nrule Y: y\n"))
    assert m.precedence_between(m.rule("X"), m.rule("Y")) is None


def test_precedence_cycles():
    m = build_model(parse("precedence: A > B > C\nrule A: a\nrule B: b\nrule C: c\n  overrides: A\n"))
    assert m.precedence_cycles() == [["A", "B", "C"]]
    d = [x for x in lint("precedence: A > B > C\nrule A: a\nrule B: b\nrule C: c\n  overrides: A\n") if x.code == "S004"]
    assert len(d) == 1 and "A > B > C > A" in d[0].message


def test_structure_findings():
    text = (
        'spec "S"\n  levels: root > user\n'
        "rule A [level: usr]: a\n  see: Z, B\nrule A: dup\nrule B:\n"
        'term "t": one\nterm "T": two\n'
    )
    found = {(d.code, d.span.line) for d in lint(text)}
    assert ("S003", 3) in found  # unknown level `usr`
    assert ("S003", 4) in found  # see: Z
    assert ("S002", 5) in found  # duplicate A
    assert ("S005", 6) in found  # empty rule B
    assert ("S002", 8) in found  # duplicate term
    messages = " ".join(d.message for d in lint(text))
    assert "did you mean `user`?" in messages


def test_level_without_declared_levels():
    (d,) = [x for x in lint("rule A [level: root]: a\n") if x.code == "S003"]
    assert "declares no levels" in d.message
