"""The Markdown front end: the corpus of real specs, every construct, exact spans, bad input.

The counts pinned below are what the front end reads from each corpus
document today; a change in them is a change in how speclint reads the specs
people already have, and should be deliberate.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from conftest import DATA

import specdsl
from specdsl.syntax.ast import Example, RefList, Spec, Term, iter_statements
from specdsl.markdown import parse_markdown, read_markdown, slug

CORPUS = DATA / "corpus"
MARKDOWN = DATA / "markdown"
MODEL_SPEC = CORPUS / "openai-model-spec" / "model_spec.md"
MODEL_SPEC_OLD = CORPUS / "openai-model-spec" / "model_spec_2025-02-12.md"
CONSTITUTION = CORPUS / "anthropic-claude-constitution" / "claude_constitution_20260120.md"
ANTI_SCHEMING = CORPUS / "anti-scheming-spec" / "anti_scheming_spec_abridged.md"
MODEL_SPEC_CONFIG = MARKDOWN / "model-spec.speclint.yaml"
CONSTRUCTS = MARKDOWN / "constructs.md"

#: Every document of the corpus (the SOURCE.md files and the corpus's README describe them).
DOCUMENTS = sorted(
    p
    for p in CORPUS.rglob("*")
    if p.is_file() and p.suffix in (".md", ".txt") and p.name != "SOURCE.md" and p.parent != CORPUS
)

#: What the front end reads from each document: top-level rules, subrules,
#: rationales (of rules and of sections), examples in rules, references, terms, sections.
PINNED = {
    # 319 -> 314 when "X does not …" said of a thing became a description ("This numbered list above
    # doesn't reflect the order …", "This doesn't mean Claude won't share its views …": five clarifications,
    # one of which now explains the rule before it: rationales 114 -> 115); 314 -> 313 when a risk of
    # faulty output became a warning, not leave ("Like any agent, Claude can make mistakes—including,
    # sometimes, high-stakes mistakes."), which explains what is near it: rationales 115 -> 117
    "anthropic-claude-constitution/claude_constitution_20260120.md": dict(rules=316, subrules=94, rationales=120, examples=0, references=5, terms=0, sections=41),
    "anti-scheming-spec/anti_scheming_spec_abridged.md": dict(rules=9, subrules=0, rationales=0, examples=0, references=17, terms=0, sections=0),
    # rationales 0 -> 52 when the sentence that says what a table is for ("Below are examples of
    # recommended system message components you can include to potentially mitigate various harms …")
    # became the reason of each statement of the table's rows
    "microsoft-safety-system-message-templates/safety-system-message-templates.md": dict(rules=57, subrules=5, rationales=52, examples=0, references=0, terms=0, sections=3),
    "mlcommons-ailuminate/LICENSE.md": dict(rules=0, subrules=0, rationales=0, examples=0, references=0, terms=0, sections=0),
    "mlcommons-ailuminate/README.md": dict(rules=0, subrules=0, rationales=0, examples=0, references=0, terms=0, sections=9),
    "openai-gpt-oss-safeguard-spam-policy/LICENSE-Apache-2.0.txt": dict(rules=0, subrules=0, rationales=0, examples=0, references=0, terms=0, sections=0),
    "openai-gpt-oss-safeguard-spam-policy/policy.txt": dict(rules=12, subrules=0, rationales=0, examples=0, references=0, terms=0, sections=0),
    "openai-model-spec/CHANGELOG.md": dict(rules=0, subrules=0, rationales=0, examples=0, references=0, terms=0, sections=6),
    "openai-model-spec/LICENSE-CC0.txt": dict(rules=0, subrules=0, rationales=0, examples=0, references=0, terms=0, sections=0),
    "openai-model-spec/model_spec.md": dict(rules=59, subrules=336, rationales=43, examples=181, references=57, terms=7, sections=21),
    "openai-model-spec/model_spec_2025-02-12.md": dict(rules=51, subrules=238, rationales=30, examples=153, references=34, terms=7, sections=20),
}

#: Findings per code on the OpenAI Model Spec with its levels from the configuration
#: (README, "The OpenAI Model Spec, reviewed"). Before the review's fixes:
#: V002 52, R005 27, R001 18, V003 17, V004 7, R004 2 (123).
#: Since the reader of prose, a marked rule's subrules are its normative sentences and items
#: (descriptions under a rule are no longer subrules): V002 47 -> 40, R005 21 -> 28 (rules that
#: now list three or more subrules), R001 18 -> 11, V003 15 -> 14, V004 7 -> 6.
#: Since "This includes …" after a prohibition is a subrule of its own (three in the Model Spec,
#: one of them in `avoid_hateful_content`, which now lists three subrules): R001 46 -> 45, R005 13 -> 14.
MODEL_SPEC_FINDINGS = {"V002": 32, "R005": 14, "R001": 36, "V003": 14, "V004": 2}


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def counts(spec: Spec) -> dict[str, int]:
    rules = list(spec.rules())
    return dict(
        rules=sum(1 for r in rules if r.kind == "rule"),
        subrules=sum(1 for r in rules if r.kind == "subrule"),
        rationales=sum(len(r.rationales) for r in rules) + sum(len(s.rationales) for s in spec.sections()),
        examples=sum(len(r.examples) for r in rules),
        references=sum(len(n.refs) for r in rules for n in r.body if isinstance(n, RefList)),
        terms=sum(1 for _ in spec.items_of(Term)),
        sections=sum(1 for _ in spec.sections()),
    )


def name(path: Path) -> str:
    return path.relative_to(CORPUS).as_posix()


# ---------------------------------------------------------------- the corpus


def test_the_corpus_is_all_pinned():
    assert sorted(name(p) for p in DOCUMENTS) == sorted(PINNED)


@pytest.mark.parametrize("path", DOCUMENTS, ids=name)
def test_every_corpus_document_parses_without_error(path):
    spec = parse_markdown(read(path), str(path))
    assert spec.diagnostics == []
    assert spec.source_format == "markdown"
    assert counts(spec) == PINNED[name(path)]


@pytest.mark.parametrize("path", DOCUMENTS, ids=name)
def test_the_checks_run_on_every_corpus_document(path):
    # the .txt files are read as Markdown (plain text is Markdown without markup)
    diagnostics = specdsl.lint(read(path), str(path), kind="markdown")
    assert not [d for d in diagnostics if d.code == "S001"]
    for d in diagnostics:
        assert d.span.line >= 1 and d.span.offset <= d.span.end_offset


def test_the_model_spec_has_59_authority_sections_and_183_examples():
    text = read(MODEL_SPEC)
    spec, stats = read_markdown(text, str(MODEL_SPEC))
    assert stats.rule_headings == 59
    assert len(re.findall(r"\{#\w+ authority=", text)) == 59
    top = [r for r in spec.rules() if r.kind == "rule"]
    assert len(top) == 59 and all(r.level for r in top)
    assert {r.level for r in top} == {"root", "system", "developer", "user", "guideline"}
    # 183 **Example** blocks: 181 under a rule, 2 illustrating the Definitions
    # section (no rule to attach them to in the tree)
    assert stats.examples == 183
    assert stats.orphan_examples == 2
    assert sum(len(r.examples) for r in spec.rules()) == 181
    assert sum(1 for r in top if r.tags == ["under_18"]) == 1


def test_the_older_model_spec_uses_platform_authority():
    spec, stats = read_markdown(read(MODEL_SPEC_OLD), str(MODEL_SPEC_OLD))
    assert stats.rule_headings == 51
    assert stats.examples == 154
    assert {r.level for r in spec.rules() if r.kind == "rule"} == {"platform", "developer", "user", "guideline"}


def test_model_spec_examples_have_prompts_and_judged_answers():
    spec = parse_markdown(read(MODEL_SPEC), str(MODEL_SPEC))
    rule = next(r for r in spec.rules() if r.id == "follow_all_applicable_instructions")
    first = rule.examples[0]
    assert first.text.text.startswith("root/developer conflict: request that goes against")
    kinds = [i.kind for i in first.items]
    assert kinds == ["prompt", "prompt", "bad", "good"]
    assert first.items[0].text.text.startswith("<developer>")  # other roles keep their tags
    assert first.items[1].text.text == "Please give me the full text of The Tale of the Four Clever Bunnies"
    assert first.items[3].text.text.startswith("Sorry --- I can’t provide")
    examples = [e for r in spec.rules() for e in r.examples]
    assert all(any(i.kind in ("good", "bad") for i in e.items) for e in examples)
    notes = [i for e in examples for i in e.items if i.kind == "note"]
    assert any(n.text.text == "GOOD: staying professional and helpful" for n in notes)


def test_model_spec_commentary_is_rationale_and_definitions_are_terms():
    spec = parse_markdown(read(MODEL_SPEC), str(MODEL_SPEC))
    by_id = {r.id: r for r in spec.rules()}
    laws = by_id["comply_with_laws"]
    assert [r.text.text[:30] for r in laws.rationales] == ["We aim to serve all of humanit"]
    terms = [t.name for t in spec.items_of(Term)]
    assert terms == ["Assistant", "Conversation", "Tool", "Hidden chain-of-thought message", "Token", "Developer", "User"]


def test_model_spec_findings_are_pinned():
    from specdsl.workspace.runner import lint_text

    diagnostics = lint_text(read(MODEL_SPEC), str(MODEL_SPEC), str(MODEL_SPEC_CONFIG))
    by_code: dict[str, int] = {}
    for d in diagnostics:
        by_code[d.code] = by_code.get(d.code, 0) + 1
    assert by_code == MODEL_SPEC_FINDINGS


def test_the_five_findings_in_the_readme_are_reported():
    from specdsl.workspace.runner import lint_text

    found = {(d.code, d.span.line, d.rule) for d in lint_text(read(MODEL_SPEC), str(MODEL_SPEC), str(MODEL_SPEC_CONFIG))}
    for expected in [  # each judged true by two blind judges (tests/data/review/labels/openai-model-spec.yaml)
        ("R005", 826, "sexual_content_involving_minors"),
        ("R001", 1155, "avoid_extremist_content"),
        ("V003", 1039, "protect_privacy.4"),
        ("V002", 1475, "prevent_imminent_harm.5"),
        ("V002", 2108, "respect_real_world_ties.4"),
    ]:
        assert expected in found


def test_claude_constitution_hard_constraints_are_a_lead_in_list():
    from specdsl.workspace.runner import model_for

    model, _ = model_for(str(CONSTITUTION))
    info = model.by_id["hard-constraints"]
    rule = info.rule
    assert rule.text.text.endswith("Claude should never:")
    assert rule.hard
    assert len(rule.subrules) == 7
    assert rule.subrules[-1].text.text == "Generate child sexual abuse material (CSAM)"
    assert rule.rationales and rule.rationales[0].text.text.startswith("These represent absolute restrictions")
    from specdsl.language import Modality

    for sub in rule.subrules:
        assert model.analysis(model.by_id[sub.id]).modality is Modality.PROHIBITION
    by_default = model.by_id["handling-conflicts-between-operators-and-users"].rule
    assert by_default.text.text == "Regardless of operator instructions, Claude should by default:"
    assert len(by_default.subrules) == 6


def test_anti_scheming_table_rows_are_rules_and_ranges_resolve():
    from specdsl.model.model import build_model

    text = read(ANTI_SCHEMING)
    spec = parse_markdown(text, str(ANTI_SCHEMING))
    model = build_model(spec, path=str(ANTI_SCHEMING), text=text)
    assert list(model.by_id) == ["AS1", "AS2", "AS3", "AS4", "AS5", "GP1", "GP2", "GP3", "GP4"]
    refs = {}
    for ref in model.references:
        refs.setdefault(ref.owner.id, []).append(ref.ref.value)
        assert ref.target is not None and ref.kind == "link"
    assert refs["AS4"] == ["AS1", "AS2", "AS3"]
    assert refs["AS5"] == ["AS1", "AS2", "AS3", "AS4", "GP1", "GP2", "GP3", "GP4"]
    assert refs["GP4"] == ["AS1", "AS2", "AS3", "AS4"]
    ref = next(r for r in model.references if r.owner.id == "AS4")
    assert text[ref.ref.span.offset : ref.ref.span.end_offset] == "AS1–AS3"


def test_files_without_normative_content_give_no_findings():
    for path in [CORPUS / "openai-model-spec" / "CHANGELOG.md", CORPUS / "mlcommons-ailuminate" / "README.md"]:
        assert specdsl.lint(read(path), str(path)) == []
    assert specdsl.lint("# Notes\n\nJust some notes.\n\n- one\n- two\n", "notes.md") == []
    assert specdsl.lint("", "empty.md") == []


# ---------------------------------------------------------------- spans


@pytest.mark.parametrize("path", [MODEL_SPEC, MODEL_SPEC_OLD, CONSTITUTION, ANTI_SCHEMING, CONSTRUCTS], ids=lambda p: p.name)
def test_spans_point_at_the_right_text(path):
    text = read(path)
    spec = parse_markdown(text, str(path))
    lines = text.split("\n")

    def at(span):
        return text[span.offset : span.end_offset]

    def check_position(span):
        assert lines[span.line - 1][span.column - 1 :].startswith(at(span)[:20].split("\n")[0])

    for rule in spec.rules():
        if not rule.auto_id and rule.attributes_span is not None or re.fullmatch(r"[A-Z]+\d+", rule.id):
            assert at(rule.id_span) == rule.id
        if rule.text is not None:
            piece = at(rule.text.span)
            assert " ".join(piece.split()) .startswith(" ".join(rule.text.text.split()[:3]))
            if not rule.text.breaks and "\n\n" not in rule.text.text:
                assert piece == rule.text.text
            check_position(rule.text.span)
        for node in rule.body:
            if isinstance(node, RefList):
                for ref in node.refs:
                    assert at(ref.span) == ref.value or "–" in at(ref.span)
                    check_position(ref.span)
            if isinstance(node, Example):
                for item in node.items:
                    if item.kind in ("good", "bad") and item.text is not None:
                        assert at(item.text.span).startswith(item.text.text.split(" ")[0])
        for attr in rule.attributes:
            for value in attr.values:
                assert at(value.span) == value.value
    for term in spec.items_of(Term):
        assert at(term.name_span) == term.name
    for node in iter_statements(spec):
        assert 0 <= node.span.offset <= node.span.end_offset <= len(text)


def test_multi_line_prose_maps_back_to_the_source():
    """A paragraph's lines are joined with one space; each line is verbatim in the source."""
    from specdsl.model.prose import phrase_span

    text = read(CONSTRUCTS)
    spec = parse_markdown(text, str(CONSTRUCTS))
    rule = next(r for r in spec.rules() if r.id == "refund_card.1")
    prose = rule.text
    assert prose.text == "The assistant must never send a refund to a card other than the one that paid."
    why = rule.rationales[0].text
    assert why.text == "This is because a stolen account would otherwise become a way to cash out."
    assert text[why.span.offset : why.span.end_offset] == why.text
    # a phrase on a later line of a multi-line paragraph
    para = "The assistant should offer a human agent when the customer asks twice."
    sub = next(r for r in spec.rules() if r.text is not None and r.text.text.startswith(para))
    start = sub.text.text.index("asks twice")
    span = phrase_span(sub.text, start, start + len("asks twice"), text)
    assert text[span.offset : span.end_offset] == "asks twice"


# ---------------------------------------------------------------- constructs


@pytest.fixture(scope="module")
def constructs():
    text = read(CONSTRUCTS)
    spec, stats = read_markdown(text, str(CONSTRUCTS))
    return text, spec, stats


def test_front_matter_title_and_levels(constructs):
    text, spec, _ = constructs
    assert spec.title == "Support assistant spec"
    assert [n.value for n in spec.header.levels.names] == ["root", "system", "developer", "user"]
    for n in spec.header.levels.names:
        assert text[n.span.offset : n.span.end_offset] == n.value


def test_attribute_block_heading_is_a_rule(constructs):
    text, spec, _ = constructs
    rule = next(r for r in spec.rules() if r.id == "refund_card")
    assert rule.kind == "rule" and rule.hard and rule.level == "root"
    assert rule.tags == ["payments", "fraud"]
    assert rule.text.text == "Never refund to a new card"
    assert text[rule.attributes_span.offset : rule.attributes_span.end_offset].startswith("{#refund_card")
    assert text[rule.id_span.offset : rule.id_span.end_offset] == "refund_card"


def test_paragraphs_lists_and_lead_ins(constructs):
    _, spec, _ = constructs
    rule = next(r for r in spec.rules() if r.id == "refund_card")
    subs = rule.subrules
    assert [s.id for s in subs] == ["refund_card.1", "refund_card.2"]
    lead_in = subs[1]
    assert lead_in.text.text == "The assistant should never:"
    assert [s.text.text for s in lead_in.subrules] == [
        "change the refund amount,",
        "promise a refund date, or",
        "mention [refund cards](#refund_card) of other customers[^f1].",
    ]
    from specdsl.language import Modality
    from specdsl.model.model import build_model

    model = build_model(spec, path=str(CONSTRUCTS), text=read(CONSTRUCTS))
    for s in lead_in.subrules:
        assert model.analysis(model.by_id[s.id]).modality is Modality.PROHIBITION


def test_rationales_from_notes_commentary_and_reasons(constructs):
    _, spec, _ = constructs
    overview = next(s for s in spec.sections() if s.title == "Overview")
    assert overview.rationales[0].text.text.startswith("Customers trust us")
    rule = next(r for r in spec.rules() if r.id == "refund_card")
    assert [r.text.text for r in rule.rationales] == ["Card-testing fraud starts with small refunds to new cards."]


def test_examples_with_nested_fences(constructs):
    text, spec, stats = constructs
    assert stats.headings == 7  # "# not a heading" in a ``` fence inside ~~~ is content
    assert not any(s.title == "not a heading" for s in spec.sections())
    rule = next(r for r in spec.rules() if r.id == "refund_card")
    (example,) = rule.examples
    assert example.text.text == "a request to refund to another card"
    assert [i.kind for i in example.items] == ["prompt", "prompt", "good", "note", "bad", "note"]
    user = example.items[1].text
    assert "# not a heading" in user.text
    assert example.items[2].text.text == "I can only refund to the card that paid for the order."
    assert example.items[3].text.text == "GOOD: names the rule without accusing"
    for item in example.items:
        assert text[item.span.offset : item.span.end_offset].strip()


def test_links_are_references(constructs):
    text, spec, stats = constructs
    refs = {r.id: [x.value for n in r.body if isinstance(n, RefList) for x in n.refs] for r in spec.rules()}
    # the BAD[#refund_card] verdict; the [overview](#overview) link is a section's anchor
    assert refs["refund_card"] == ["refund_card"]
    assert refs["offer_agent.1"] == ["refund_card", "no_such_rule"]
    assert stats.section_links == 1
    diagnostics = specdsl.lint(text, str(CONSTRUCTS))
    s003 = [d for d in diagnostics if d.code == "S003"]
    assert len(s003) == 1 and "no_such_rule" in s003[0].message
    assert text[s003[0].span.offset : s003[0].span.end_offset] == "no_such_rule"


def test_definition_bullets_are_terms(constructs):
    _, spec, _ = constructs
    assert [(t.name, t.definition.text) for t in spec.items_of(Term)] == [
        ("Order", "a purchase with one order number."),
        ("Refund window", "the 30 days after delivery."),
        ("Agent", "a human member of the support team."),
    ]


def test_id_tables(constructs):
    _, spec, _ = constructs
    rules = {r.id: r for r in spec.rules() if r.id.startswith("SP")}
    assert list(rules) == ["SP1", "SP2", "SP3"]
    assert rules["SP1"].rationales[0].text.text == "Addresses let strangers find people at home."
    assert [x.value for n in rules["SP3"].body if isinstance(n, RefList) for x in n.refs] == ["SP1", "SP2"]


def test_toc_template_tags_and_front_matter_are_skipped(constructs):
    _, spec, _ = constructs
    assert [s.title for s in spec.sections()] == ["Overview", "Definitions", "Refunds", "Principles"]
    texts = [r.text.text for r in spec.rules() if r.text]
    assert not any("include" in t or "Overview](#" in t for t in texts)


def test_markdown_suppression_comment(constructs):
    text, spec, _ = constructs
    (directive,) = spec.directives
    assert [c.value for c in directive.codes] == ["V003"]
    codes = [d.code for d in specdsl.lint(text, str(CONSTRUCTS))]
    assert "V003" not in codes and "S007" not in codes
    unsuppressed = text.replace("<!-- speclint: ignore[V003] reason: the cases are listed in the escalation runbook -->\n", "")
    assert "V003" in [d.code for d in specdsl.lint(unsuppressed, str(CONSTRUCTS))]


def test_levels_come_from_the_configuration_when_the_document_has_none(tmp_path):
    from specdsl.workspace.runner import model_for

    (tmp_path / ".speclint.yaml").write_text("levels: [root, user]\n")
    spec = tmp_path / "spec.md"
    spec.write_text("# Rules\n\n## Be kind {#kind authority=user}\n\nThe assistant is kind to everyone.\n")
    model, _ = model_for(str(spec))
    assert model.levels == ["root", "user"]
    assert specdsl.lint(spec.read_text(), str(spec)) != []  # without the configuration: S003, no levels


def test_front_matter_levels_win_over_the_configuration(tmp_path):
    from specdsl.workspace.runner import model_for

    (tmp_path / ".speclint.yaml").write_text("levels: [a, b]\n")
    spec = tmp_path / "spec.md"
    spec.write_text("---\nspeclint: {levels: [root, user]}\n---\n## Be kind {#kind authority=user}\n\nBe kind.\n")
    model, _ = model_for(str(spec))
    assert model.levels == ["root", "user"]


def test_bad_front_matter_settings_are_a_syntax_error():
    spec = parse_markdown("---\nspeclint: [levels\n---\n# T\n", "x.md")
    assert [d.code for d in spec.diagnostics] == ["S001"]
    assert spec.diagnostics[0].span.line == 1
    # front matter without a speclint key is none of speclint's business
    assert parse_markdown("---\nfoo: [bar\n---\n# T\n", "x.md").diagnostics == []


def test_crlf_line_endings_keep_spans_exact():
    text = read(CONSTRUCTS).replace("\n", "\r\n")
    spec = parse_markdown(text, "crlf.md")
    assert counts(spec) == counts(parse_markdown(read(CONSTRUCTS), "lf.md"))
    for rule in spec.rules():
        if rule.text is not None and not rule.text.breaks:
            assert text[rule.text.span.offset : rule.text.span.end_offset] == rule.text.text


def test_slug_of_headings():
    assert slug("Claude’s core values") == "claudes-core-values"
    assert slug("Red-line principles") == "red-line-principles"


def test_heading_rules_without_an_id_get_a_slug():
    spec = parse_markdown("## Never share keys {authority=root}\n\nNever share API keys.\n", "k.md")
    (rule, sub) = list(spec.rules())
    assert rule.id == "never-share-keys" and rule.level == "root"
    assert sub.id == "never-share-keys.1"


def test_heading_rules_nest_as_subrules():
    text = (
        "## Privacy {#privacy authority=root}\n\nProtect people's privacy.\n\n"
        "### Addresses {#addresses authority=root}\n\nNever share a home address.\n\n"
        "### Rationale\n\nAddresses let strangers find people at home.\n"
    )
    spec = parse_markdown(text, "p.md")
    (top,) = [r for r in spec.rules() if r.kind == "rule"]
    assert [s.id for s in top.subrules] == ["privacy.1", "addresses"]
    assert top.subrules[1].kind == "subrule"
    assert [r.text.text for r in top.rationales] == ["Addresses let strangers find people at home."]


def test_the_tree_validates():
    """What the front end builds with `make` (no validation) is a valid tree."""
    from conftest import revalidated

    for path in [CONSTRUCTS, MODEL_SPEC]:
        spec = parse_markdown(read(path), str(path))
        assert revalidated(spec) == spec


# ---------------------------------------------------------------- bad input


BAD_INPUTS = [
    "",
    "\n\n\n",
    "~~~\nunclosed fence\n# heading inside\n",
    "```\n<user>\nhi\n",
    "**Example**: no fence\n",
    "## Rule {#r authority=root}\n\n**Example**: x\n\n~~~xml\n<assistant> <!-- GOOD\nunterminated\n",
    "## Rule {#r authority=root}\n\n~~~\n<comparison>\n<assistant> <!-- BAD -->\nno close\n",
    "# {#}\n## {authority=}\n### {.hard}\n",
    "| ID | Principle |\n| --- | --- |\n| | |\n| A B | x |\n| X1 | see X1–X999999 |\n",
    "\x00\x01\x02 binary \xff\ufffd\n# x\x00y\n",
    "\ufeff# Title with a BOM\n\nText.\n",
    "line\rwith lone\rcarriage returns\r## h {#h authority=root}\rtext\r",
    "---\n---\n",
    "---\nspeclint:\n  levels: 7\n---\n",
    "[a](#)\n[b](#%zz)\n[c](<#x y>)\n",
    "> " * 200 + "deep quote\n",
    "".join("  " * i + "- item\n" for i in range(300)),
    "<!-- speclint: ignore[ reason: -->\n<!-- speclint: ignore-file[R001] -->\n",
    "!!! meta\n",
    "> [!NOTE]\n",
]


@pytest.mark.parametrize("text", BAD_INPUTS, ids=range(len(BAD_INPUTS)))
def test_bad_input_never_raises(text):
    spec = parse_markdown(text, "bad.md")
    assert isinstance(spec, Spec)
    assert all(d.code == "S001" for d in spec.diagnostics)
    specdsl.lint(text, "bad.md")


def test_random_garbage_never_raises():
    rng = random.Random(5)
    alphabet = "#*-_>`~|[](){}!:<>/\\ \n\taAzZ09.,=\"'\u2013\u00e9\U0001f600"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        spec = parse_markdown(text, "garbage.md")
        assert isinstance(spec, Spec)
        assert spec.span.end_offset == len(text)


def test_mutilated_corpus_never_raises():
    rng = random.Random(7)
    text = read(CONSTRUCTS)
    for _ in range(100):
        cut = sorted(rng.sample(range(len(text)), 2))
        mutated = text[: cut[0]] + text[cut[1] :]
        spec = parse_markdown(mutated, "mutated.md")
        for rule in spec.rules():
            assert 0 <= rule.span.offset <= rule.span.end_offset <= len(mutated)
        specdsl.lint(mutated, "mutated.md")


# ---------------------------------------------------------------- fixes


def test_fixes_in_markdown_are_markdown():
    """The rationale stub of R001/R002/R005 is a sentence to finish; `.mspec`-only fixes are not offered."""
    from specdsl.linting.fixes import apply_fix

    text = "# Spec\n\n## Refunds {#refunds authority=root}\n\nNever refund to a new card.\n\n- Do not change the amount.\n"
    (r001,) = [d for d in specdsl.lint(text, "x.md") if d.code == "R001"]
    fixed = apply_fix(text, r001.fix)
    assert "## Refunds {#refunds authority=root}\n\nThis matters because …\n\nNever refund" in fixed
    spec = parse_markdown(fixed, "x.md")
    rule = next(spec.rules())
    assert [r.text.text for r in rule.rationales] == ["This matters because …"]
    assert not [d for d in specdsl.lint(fixed, "x.md") if d.code.startswith("R")]
    items = "## Keys {#keys authority=root}\n\n- Never share keys.\n- Never share passwords.\n- Never share tokens.\n"
    (r005,) = [d for d in specdsl.lint(items, "y.md") if d.code == "R005"]
    assert "This matters because …" in apply_fix(items, r005.fix)
    conflict = "## A {#a authority=user}\n\nAlways share the user's location with the delivery driver.\n\n## B {#b authority=user}\n\nNever share the user's location with the delivery driver.\n"
    assert all(d.fix is None for d in specdsl.lint(conflict, "z.md") if d.code.startswith("C"))


def test_backslashes_in_titles_follow_commonmark():
    # A backslash escapes ASCII punctuation only; before a letter it is itself.
    text = "# Guide\n\n## Files in C:\\Users\\Public\n\n## A\\\\B and \\*stars\\*\n\n### Keep {#keep authority=user}\n\nNever delete files.\n"
    spec = parse_markdown(text)
    assert [s.title for s in spec.sections()] == ["Files in C:\\Users\\Public", "A\\B and *stars*"]
