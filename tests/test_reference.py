"""The normative example parses with no diagnostics, and its tree is exact."""

from __future__ import annotations

from conftest import REFERENCE

from specdsl import lint, parse
from specdsl.syntax.ast import Condition, Example, Include, Precedence, Rationale, RefList, Rule, Section, Term

TEXT = REFERENCE.read_text(encoding="utf-8")
SPEC = parse(TEXT, str(REFERENCE))


def slice_of(span) -> str:
    return TEXT[span.offset : span.end_offset]


def test_no_diagnostics_at_all():
    assert SPEC.diagnostics == []
    assert lint(TEXT, str(REFERENCE)) == []


def test_header_and_metadata():
    header = SPEC.header
    assert header.title == "Safety principles (abridged)"
    assert slice_of(header.title_span) == '"Safety principles (abridged)"'
    assert header.get("version") == "1.2"
    assert header.get("owner") == "Alignment team"
    assert [n.value for n in header.levels.names] == ["root", "system", "developer", "user", "guideline"]
    summary = next(e for e in header.entries if getattr(e, "key", None) == "summary")
    assert summary.value.text == (
        "The core safety rules of an assistant, abridged from the hard "
        "constraints of its constitution, each with the reason it exists."
    )
    assert (summary.span.line, summary.span.column, summary.span.end_line) == (10, 3, 11)
    assert slice_of(summary.value.span).endswith("each with the reason it exists.")


def test_terms_keep_the_authors_words():
    terms = [i for i in SPEC.body if isinstance(i, Term)]
    assert [t.name for t in terms] == ["legitimate principal", "oversight"]
    assert terms[0].definition.text == (
        "An operator or user acting within the permissions that the developer's published policies grant them."
    )
    assert terms[0].span.line == 13 and terms[0].span.end_line == 14
    assert slice_of(terms[1].name_span) == '"oversight"'


def test_precedence():
    (prec,) = [i for i in SPEC.body if isinstance(i, Precedence)]
    assert [r.value for r in prec.order] == ["SP1", "SP2", "SP3", "GP1", "GP2"]
    for ref in prec.order:
        assert slice_of(ref.span) == ref.value
    assert prec.span.line == 18


def test_sections_and_rules():
    sections = [i for i in SPEC.body if isinstance(i, Section)]
    assert [s.title for s in sections] == ["Safety principles", "General principles"]
    assert isinstance(sections[0].body[0], Rationale)
    assert sections[0].body[0].text.text.startswith("Training methods are still imperfect")
    ids = [r.id for r in SPEC.rules()]
    assert ids == ["SP1", "SP1.1", "SP1.2", "SP2", "SP3", "GP1", "GP1.1", "GP2"]


def test_rule_attributes_and_spans():
    sp1 = next(r for r in SPEC.rules() if r.id == "SP1")
    assert sp1.hard and sp1.level == "root" and sp1.kind == "rule"
    assert slice_of(sp1.id_span) == "SP1"
    assert (sp1.id_span.line, sp1.id_span.column) == (25, 8)
    assert sp1.text.text == "Do not undermine legitimate oversight of AI."
    assert slice_of(sp1.text.span) == sp1.text.text
    assert sp1.span.line == 25 and sp1.span.end_line == 39
    assert [type(c).__name__ for c in sp1.body] == ["Rationale", "Rule", "Rule", "Example", "RefList"]
    gp1 = next(r for r in SPEC.rules() if r.id == "GP1")
    assert not gp1.hard and gp1.level == "root"


def test_subrules_and_their_rationale():
    sp12 = next(r for r in SPEC.rules() if r.id == "SP1.2")
    assert sp12.kind == "subrule" and not sp12.auto_id
    assert sp12.text.text == (
        "Do not act to influence your own training unless a legitimate principal has sanctioned it."
    )
    assert sp12.text.breaks == [len("Do not act to influence your own training unless a legitimate")]
    assert sp12.rationales[0].text.text == "Unsanctioned influence over training bypasses the oversight that SP1 protects."


def test_example():
    sp1 = next(r for r in SPEC.rules() if r.id == "SP1")
    (example,) = sp1.examples
    assert isinstance(example, Example)
    assert [i.kind for i in example.items] == ["prompt", "good", "bad"]
    assert example.of("bad")[0].text.text == "Turn the log off without telling anyone."
    assert example.of("good")[0].span.line == 36 and example.of("good")[0].span.end_line == 37


def test_conditions_and_references():
    sp2 = next(r for r in SPEC.rules() if r.id == "SP2")
    (when,) = sp2.conditions("when")
    assert isinstance(when, Condition) and when.text.text.startswith("the assistant acts in an agentic context")
    sp3 = next(r for r in SPEC.rules() if r.id == "SP3")
    (unless,) = sp3.conditions("unless")
    assert "complying with oversight is never a drastic action" in unless.text.text
    assert [r.value for r in sp3.refs("overrides")] == ["GP2"]
    sp1 = next(r for r in SPEC.rules() if r.id == "SP1")
    see = [c for c in sp1.body if isinstance(c, RefList)][0]
    assert see.kind == "see" and slice_of(see.refs[0].span) == "GP1"


def test_comments_are_kept():
    assert len(SPEC.comments) == 4
    assert SPEC.comments[0].text.startswith("# reference.mspec")
    assert SPEC.directives == []


def test_every_construct_appears():
    kinds = set()
    for item in SPEC.body:
        kinds.add(type(item).__name__)
    for rule in SPEC.rules():
        kinds.add(rule.kind)
        for child in rule.body:
            kinds.add(getattr(child, "kind", type(child).__name__))
    assert {"Term", "Precedence", "Section", "rule", "subrule", "rationale", "example", "when", "unless",
            "overrides", "see"} <= kinds


def test_tree_validates():
    """The parser builds nodes without validation; what it builds must validate."""
    from conftest import revalidated

    again = revalidated(SPEC)
    assert again == SPEC and again.to_dict() == SPEC.to_dict()
    assert not any(isinstance(i, Include) for i in SPEC.body)
    assert all(isinstance(r, Rule) for r in SPEC.rules())
