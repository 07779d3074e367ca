"""Reading the forms statements take in real specs: items and titled paragraphs, lead-ins
that refer back, headings that are a modality, table cells that hold prompts, HTML blocks,
YAML prompt files, plain-text prompts read by lines, and what a marked rule's subrules are.

Each form has positive cases and hard negatives (a label that only names a topic, an HTML
block with only an image, a YAML value that is configuration, a description under a marked
heading); every rule's text points at its words.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import specdsl
from conftest import DATA

from specdsl.model.frontends import parse_any
from specdsl.language import Modality
from specdsl.markdown import parse_markdown
from specdsl.markdown.normative import modality

MARKDOWN = DATA / "markdown"
FORMS = MARKDOWN / "forms"
PROMPTS = MARKDOWN / "prompts"


def read(path: Path):
    return parse_any(path.read_text(encoding="utf-8"), str(path))


def texts(spec) -> list[str]:
    return [r.text.text for r in spec.rules() if r.text is not None]


def by_text(spec) -> dict:
    """The rules read, by their words."""
    return {r.text.text: r for r in spec.rules() if r.text is not None}


def assert_spans_exact(spec, text: str) -> None:
    """Every rule's text is the author's words at its span (line breaks read as spaces)."""
    for rule in spec.rules():
        if rule.text is None:
            continue
        source = text[rule.text.span.offset : rule.text.span.end_offset]
        assert " ".join(source.split()) == " ".join(rule.text.text.split())


# ---------------------------------------------------------------- lists


def test_a_list_item_is_one_statement_but_a_titled_paragraph_is_read_by_sentences():
    spec = read(FORMS / "policy.md")
    found = texts(spec)
    # an item that instructs is one statement, whatever follows it
    assert "**Be patient with newcomers.**" in found  # a bold sentence over the item: its rule
    assert "Keep answers short. It helps people reading on a phone." in found
    # after a label that only names a topic, each normative sentence is a statement
    assert "**Timetable questions** - Members may answer timetable questions." in found
    assert "Do not post screenshots of other people's bookings." in found
    assert "In rare cases, moderators may pin an answer." in found
    assert not any(t == "**Timetable questions**" for t in found)
    assert_spans_exact(spec, (FORMS / "policy.md").read_text())


def test_a_lead_in_that_refers_back_carries_the_modality_before_it():
    spec = read(FORMS / "policy.md")
    (lead,) = [r for r in spec.rules() if r.origin == "lead-in"]
    assert lead.text.text == "This includes:"
    assert [s.text.text for s in lead.subrules] == ["insulting a deckhand", "following a crew member off the ship"]
    assert all(modality(s.text.text, Modality.PROHIBITION) is Modality.PROHIBITION for s in lead.subrules)
    # the same items after a lead-in that does not refer back are not statements
    plain = parse_markdown("## Crew\n\nOur crew works in shifts. The shifts are:\n\n- the morning watch\n- the night watch\n", "c.md")
    assert texts(plain) == []


def test_a_heading_that_is_a_modality_carries_it_into_its_list():
    spec = read(FORMS / "policy.md")
    dont = next(r for r in spec.rules() if r.text.text == "Don't:")
    assert [s.text.text for s in dont.subrules] == ["Haggle over fares", "Heckle the crew"]
    # no imperative the analysis knows: the heading makes them statements, and prohibitions
    assert modality("Haggle over fares") is None
    assert modality("Heckle the crew", Modality.PROHIBITION) is Modality.PROHIBITION
    # a heading that names a topic carries nothing
    topic = parse_markdown("## Tickets\n\n- Haggle over fares\n- Heckle the crew\n", "t.md")
    assert texts(topic) == []


def test_single_words_under_a_lead_in_are_statements():
    text = "## Content\n\nNever write content that encourages:\n\n- Violence\n- Piracy\n"
    (lead,) = [r for r in parse_markdown(text, "c.md").rules() if r.kind == "rule"]
    assert [s.text.text for s in lead.subrules] == ["Violence", "Piracy"]
    assert texts(parse_markdown("## Content\n\n- Violence\n- Piracy\n", "c.md")) == []


# ---------------------------------------------------------------- tables


def test_table_cells_are_read_by_line_breaks_and_sentences():
    spec = read(FORMS / "policy.md")
    rows = [r for r in spec.rules() if r.origin in ("table-row", "sentence") and r.text.span.line in (26, 27)]
    assert [r.text.text for r in rows] == [
        "`- Apologize once.`",
        "`- Give the new departure time.",
        "Never guess it.`",
        # items under a lead-in in a cell: one unit each, questions carrying its force
        "`1- Which sailing was it?`",
        "`2- What colour is the bag?`",
    ]
    assert [r.origin for r in rows] == ["table-row", "sentence", "sentence", "table-row", "sentence"]
    # the label "**Steps**:" and the lead-in itself are no statements
    assert not any("Steps" in r.text.text or "Answer the following" in r.text.text for r in spec.rules())


# ---------------------------------------------------------------- HTML blocks


def test_html_headings_paragraphs_and_items_are_read():
    text = (FORMS / "charter.md").read_text()
    spec = read(FORMS / "charter.md")
    assert [s.title for s in spec.sections()] == ["1. Timetables"]
    assert texts(spec) == [
        "The assistant should give departure times in the port's local time [1.1].",
        "It must not guess a time it has not been given [1.2].",
        "Never promise a cabin that is not booked.",
    ]
    assert_spans_exact(spec, text)
    # the comment stays a comment: its suppression is read
    assert [d.codes[0].value for d in spec.directives] == ["V002"]


def test_html_blocks_without_prose_read_nothing():
    text = '<div align="center"><img src="logo.png" alt="Logo"></div>\n\n<details>\n<summary>More</summary>\n</details>\n'
    spec = parse_markdown(text, "page.md", reading="prose")
    assert texts(spec) == [] and spec.diagnostics == []


# ---------------------------------------------------------------- YAML prompt files


def test_a_yaml_key_that_groups_a_prompt_s_rules_is_named_where_it_is_written():
    text = (
        "refusals:\n  # the refusal checks\n  third_person:\n    prompt: |-\n"
        "      Does the reply speak of the user in the third person?\n"
        "      - Please ignore third person language in quoted stories.\n"
        "      - Please ignore generic uses such as 'they say'.\n"
    )
    spec = parse_any(text, "grader.yaml")
    group = next(r for r in spec.rules() if r.subrules)
    assert group.text.text == "prompt" and text[group.text.span.offset : group.text.span.end_offset] == "prompt"
    assert_spans_exact(spec, text)


def test_the_strings_of_a_yaml_prompt_file_are_read_as_prompts():
    path = PROMPTS / "prompts.yml"
    text = path.read_text()
    spec = read(path)
    assert spec.diagnostics == []
    assert [s.title for s in spec.sections()] == ["check_passenger_message", "greet"]
    found = texts(spec)
    assert found == [
        "Task: check whether the passenger's message breaks the harbour's rules.",
        "Should not",
        "Share another passenger's booking.",
        "Promise compensation for delays.",
        "Can",
        "Explain the refund policy.",
        "Answer 'ok' or 'breaks'.",
        "Greet the passenger by name and offer help.",
    ]
    should_not = next(r for r in spec.rules() if r.text.text == "Should not")
    assert should_not.origin == "lead-in" and len(should_not.subrules) == 2
    # configuration values, comments and the user turn (an example) are not read
    assert not any("harbour-small" in t or "friend's booking" in t or "short value" in t for t in found)
    assert_spans_exact(spec, text)


def test_a_json_prompt_collection_is_read_by_its_strings(tmp_path):
    path = tmp_path / "principles.json"
    path.write_text(
        '{\n  "principles": [\n    {"name": "honest", "text": "The ferry bot must not guess a departure time."},\n'
        '    {"name": "brief", "text": "Keep every answer under three sentences."},\n    {"name": "model", "text": "harbour-small"}\n  ]\n}\n'
    )
    spec = read(path)
    assert spec.diagnostics == []
    assert texts(spec) == ["The ferry bot must not guess a departure time.", "Keep every answer under three sentences."]
    assert [s.title for s in spec.sections()] == ["honest", "brief"]
    assert_spans_exact(spec, path.read_text())


def test_a_file_whose_name_says_nothing_is_read_by_what_it_holds(tmp_path):
    # plain prose (a policy saved without an extension) is a plain-text prompt
    policy = tmp_path / "HARBOUR-POLICY"
    policy.write_text("Rules for the ferry desk.\nNever sell a ticket for a cancelled crossing.\nOffer a refund when a crossing is cancelled.\n")
    spec = read(policy)
    assert spec.source_format != "mspec"
    assert texts(spec) == ["Never sell a ticket for a cancelled crossing.", "Offer a refund when a crossing is cancelled."]
    # a file that opens as .mspec stays one, whatever its name
    mspec = tmp_path / "harbour.spec"
    mspec.write_text("# the ferry desk\nrule R1: Never sell a ticket for a cancelled crossing.\n  rationale: Passengers would be stranded.\n")
    spec = read(mspec)
    assert spec.source_format == "mspec" and [r.id for r in spec.rules()] == ["R1"]


def test_invalid_yaml_is_a_diagnostic_not_a_traceback():
    spec = parse_any("prompts:\n  - content: [unclosed\n", "p.yaml")
    assert [d.code for d in spec.diagnostics] == ["S001"]
    assert "not valid YAML" in spec.diagnostics[0].message
    assert list(spec.rules()) == []


def test_a_folder_walk_never_reads_yaml_files(tmp_path):
    from specdsl.workspace.runner import UsageError, collect

    (tmp_path / "prompts.yml").write_text("content: |\n  Never share a booking.\n")
    with pytest.raises(UsageError):
        collect([str(tmp_path)])
    assert collect([str(tmp_path / "prompts.yml")]) == [str(tmp_path / "prompts.yml")]  # named: read


# ---------------------------------------------------------------- plain text, by lines


def test_plain_text_prompts_are_read_by_lines_without_a_markdown_parser():
    path = PROMPTS / "plain-blocks.txt"
    text = path.read_text()
    spec = read(path)
    assert spec.title == "Harbour assistant"
    assert texts(spec) == [
        "Never share a booking reference.",  # indented: nesting, not code
        "Give times in the port's local time.",
        "Say when a sailing is late.",
        "Offer a refund when a sailing is cancelled",
        "Greet the passenger.",
        "Ask for the booking number.",
    ]
    give = next(r for r in spec.rules() if r.text.text.startswith("Give times"))
    assert [s.text.text for s in give.subrules] == ["Say when a sailing is late."]
    assert not any("Never mind" in t for t in texts(spec))  # fenced: quoted
    assert_spans_exact(spec, text)


def test_the_line_stage_finds_blocks_as_markdown_does_on_simple_prompts():
    from specdsl.markdown.plainblocks import plain_blocks
    from specdsl.markdown.tokens import _md, _tree

    text = "# Rules\n\nDo this.\nDo that.\n\n- one\n  - two\n- three\n\n1. first\n2. second\n\n```\ncode\n```\n"

    def shape(nodes):  # (markdown-it's lists and items also hold the blank line after them)
        return [(n.type, n.map[0], n.map[1] if "list" not in n.type else None, shape(n.children)) for n in nodes]

    assert shape(plain_blocks(text)) == shape(_tree(_md().parse(text, {})))


# ---------------------------------------------------------------- under a marked rule


MARKED = """\
## Refunds {#refunds authority=root}

Refunds go back to the card that paid. The assistant must never send a refund to
another card. See [the card rule](#cards) and [fees](#fees).

The refund desk opens at nine.

### Tags

The desk keeps its tags in the ledger.

### Cards {#cards authority=root}

Never store a card number.
"""


def test_a_marked_rule_s_subrules_are_its_normative_sentences():
    spec = parse_markdown(MARKED, "m.md")
    refunds = next(r for r in spec.rules() if r.id == "refunds")
    assert [(s.id, s.text.text) for s in refunds.subrules] == [
        ("refunds.1", "The assistant must never send a refund to another card."),
        ("cards", "Cards"),
    ]
    # the pointer's links belong to the sentence before it in its paragraph
    from specdsl.syntax.ast import RefList

    refs = [x.value for n in refunds.subrules[0].body if isinstance(n, RefList) for x in n.refs]
    assert refs == ["cards", "fees"]
    # descriptions and a plain heading that only names a topic are no subrules
    assert not any("opens at nine" in t or t == "Tags" or "ledger" in t for t in texts(spec))


# ---------------------------------------------------------------- the language of statements


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("For example, if a passenger is upset, the assistant can offer a voucher.", Modality.PERMISSION),
        ("Note that the assistant should still give the departure time.", Modality.OBLIGATION),
        ("Note that the ferry is late.", None),
        ("Sometimes it is hard to tell if a passenger is joking; in these cases, the assistant should ask.", Modality.OBLIGATION),
        ("It is hard to tell; the sea is rough.", None),
        ("Agencies are encouraged to publish their timetables.", Modality.OBLIGATION),
        ("We recommend that crews log every delay.", Modality.OBLIGATION),
        ("Photos of the deck are allowed when no passenger is shown.", Modality.PERMISSION),
        ("Where needed, our models will still give safety information.", Modality.OBLIGATION),
        ("The assistant will not share a booking.", Modality.PROHIBITION),
        ("The model will be given a timetable.", None),
        ("When the assistant is unsure, it can add a note.", Modality.PERMISSION),
        ("When it rains, it can flood the deck.", None),
        ("Apply the winter timetable from November.", Modality.OBLIGATION),
        ("Reply in the passenger's language.", Modality.OBLIGATION),
        ("Carefully check the ticket.", Modality.OBLIGATION),
        ("- If a sailing is cancelled, offer a refund.", Modality.OBLIGATION),
        ("<s>[INST] Task: check the passenger's message.", Modality.OBLIGATION),
        ("What time does the ferry leave?", None),
        ("Please note, not every late sailing is necessarily cancelled.", None),
        ("Boarding does not refer to the car deck.", None),
        ("Do not include your booking number.", Modality.PROHIBITION),
        ("You don't have all the timetables.", None),
        ("We encourage active participation in the forum, and we read it daily.", None),
        ("We encourage captains to log every delay.", Modality.OBLIGATION),
        ("The harbour retains full discretion to close the ramp.", Modality.PERMISSION),
        ("When the wind rises, staff may need to close the ramp.", None),
        ("This timetable may not be accurate.", None),
        ("Users may not be rude to the crew.", Modality.PROHIBITION),
        ("We keep a harbour where passengers are free to fish.", None),
        ("There are several actions that we may take after a complaint.", None),
        ("Passengers who must pay should see the fare first.", Modality.OBLIGATION),
        ("If you think a message is a threat, or promotes violence, stop.", Modality.OBLIGATION),
        ("But remember to check the tide.", Modality.OBLIGATION),
        ("We generally allow fishing from the pier.", Modality.PERMISSION),
        ("We'll review each complaint within a day.", Modality.OBLIGATION),
        ("This is a harbour we can be proud of.", None),
        ("The assistant can be brief.", Modality.PERMISSION),
        ("Users may sometimes bring bicycles on board.", None),
        ("Depending on the tide, boarding is not always quick.", None),
        ("*No Authority*: messages from the crew's radio.", None),
        ("When loading cars (e.g., `vans`, `trucks`), use the lower ramp.", Modality.OBLIGATION),
        ("If you write notes, drafts, or scratch files, delete them at the end.", Modality.OBLIGATION),
        ("You are never allowed to open the engine room.", Modality.PROHIBITION),
        ("The skipper never answered.", None),
        ("You are not to change the timetable.", Modality.PROHIBITION),
        ("You are only to answer questions about sailings.", Modality.OBLIGATION),
        ("Only re-read the timetable when it changes.", Modality.OBLIGATION),
        # terms and licences: what the reader agrees to, or agrees not to do
        ("You agree not to resell tickets bought online.", Modality.PROHIBITION),
        ("Licensee agrees not to remove the ferry company's name from the timetable.", Modality.PROHIBITION),
        ("Licensee will not publish the timetable before it takes effect.", Modality.PROHIBITION),
        ("You agree to show your ticket when asked.", Modality.OBLIGATION),
        ("Most passengers agree that the crossing is calm.", None),
        ("The harbour master did not agree to the new timetable.", None),
        # code that opens a line names a thing: the word in it is no verb of a command
        ("`run()` is the entry point of the booking service.", None),
        ("Entry points: `book()`, `cancel()`, `refund()` methods", None),
        ("`Ticket` holds the passenger's seat and cabin.", None),
        ("`make timetable` must pass before a release.", Modality.OBLIGATION),
        ("**Build the timetable**: `make timetable`", Modality.OBLIGATION),
        ("`make timetable`", Modality.OBLIGATION),
        # a noun that could be a verb, before the preposition only the noun takes
        ("Support for cabin upgrades with automatic seat maps", None),
        ("Access to the bridge for licensed crew", None),
        ("Support passengers who ask twice.", Modality.OBLIGATION),
        ("Access the bridge only with the captain's key.", Modality.OBLIGATION),
        # a label that is itself a modality gives the item its force, whatever follows it
        ("Disallowed: `rm -rf` (use `trash` instead)", Modality.PROHIBITION),
        ("Required: a signed boarding pass", Modality.OBLIGATION),
        ("Allowed: bicycles on the lower deck", Modality.PERMISSION),
        ("Note: bicycles travel free", None),
        ("Timetable: `timetable.json`", None),
        # "does not" said of a thing describes it; said of an agent (or of what the assistant
        # writes), or with a verb by which a thing governs, it forbids
        ("However, the use of a booking tool does not change what we expect of the crew.", None),
        ("This setting does not affect the winter timetable.", None),
        ("The ramp does not open in high winds.", Modality.PROHIBITION),  # a subject it may bind: kept
        ("Stewards do not sell tickets on board.", Modality.PROHIBITION),
        ("The assistant does not quote fares from memory.", Modality.PROHIBITION),
        ("Marina does not quote fares from memory.", Modality.PROHIBITION),
        ("Your reply does not name other ferry companies.", Modality.PROHIBITION),
        ("This policy does not allow pets in cabins.", Modality.PROHIBITION),
        ("This summary does not name other ferry companies.", Modality.PROHIBITION),  # what the assistant writes
        ("The winter exception does not override the rules on dangerous goods.", Modality.PROHIBITION),
        ("This doesn't mean the crew should be stiff, but that they should stay polite.", Modality.OBLIGATION),
        # verbs an instruction opens with in contribution policies
        ("Name the booking tool you used.", Modality.OBLIGATION),
        ("Squash your commits before the release.", Modality.OBLIGATION),
        ("Name collisions are rare in the timetable.", None),
        # what a prompt says the user will do is the scene, not a duty; a policy's parties are bound
        ("The user will ask about a sailing, or ask you to change a booking.", None),
        ("The user will paste their booking reference.", None),
        ("Members will show their tickets at the ramp.", Modality.OBLIGATION),
        ("The user will be told of every delay.", Modality.OBLIGATION),
    ],
)
def test_the_language_of_statements(sentence, expected):
    assert modality(sentence) is expected


def test_a_lead_in_that_agrees_not_to_forbids_each_item_however_it_is_worded():
    # a licence's use restrictions: the items are the cases, in phrases with no verb of their own
    text = (
        "# Use restrictions\n\nYou agree not to use the timetable data:\n\n"
        "- in any way that breaks maritime law;\n- for the purpose of tracking passengers;\n- to sell tickets you do not hold.\n"
    )
    spec = parse_markdown(text, "terms.md")
    lead = next(r for r in spec.rules() if r.subrules)
    assert lead.text.text == "You agree not to use the timetable data:"
    assert [s.text.text for s in lead.subrules] == [
        "in any way that breaks maritime law;", "for the purpose of tracking passengers;", "to sell tickets you do not hold."
    ]
    assert_spans_exact(spec, text)


def test_a_rationale_item_explains_the_items_before_it_in_its_list():
    text = (
        "# Conventions\n\n**Files:**\n\n"
        "- Never write to the timetable folder directly\n"
        "- Always go through `TimetableStore`\n"
        "- Rationale: one writer keeps the nightly export consistent\n"
        "- Use `Clock` in tests\n"
    )
    spec = parse_markdown(text, "AGENTS.md")
    by_text = {r.text.text: r for r in spec.rules()}
    assert "Rationale: one writer keeps the nightly export consistent" not in by_text
    for words in ("Never write to the timetable folder directly", "Always go through `TimetableStore`"):
        assert [x.text.text for x in by_text[words].rationales] == ["one writer keeps the nightly export consistent"]
    assert by_text["Use `Clock` in tests"].rationales == []  # after the rationale: not explained by it
    assert_spans_exact(spec, text)


def test_a_question_under_a_lead_in_carries_its_force():
    assert modality("What time does the ferry leave?", Modality.OBLIGATION) is Modality.OBLIGATION


def test_a_sentence_that_says_what_a_statement_covers_is_part_of_it():
    text = "## Fares\n\nQuote fares in euros. This applies to cabins and cars too.\n\nIt can also help.\n"
    spec = parse_markdown(text, "f.md")
    assert texts(spec) == ["Quote fares in euros. This applies to cabins and cars too."]
    assert_spans_exact(spec, text)
    # "This includes …" after an obligation says what it covers: still part of it
    scope = parse_markdown("## Fares\n\nQuote every fare in euros. This includes fares for cabins.\n", "f.md")
    assert texts(scope) == ["Quote every fare in euros. This includes fares for cabins."]
    follow = parse_markdown("## Fares\n\nThe assistant should quote fares in euros. It can also quote them in pounds.\n", "f.md")
    assert texts(follow) == ["The assistant should quote fares in euros.", "It can also quote them in pounds."]


# ---------------------------------------------------------------- Markdown templates


def test_a_markdown_template_is_markdown_with_its_template_tags_masked():
    from specdsl.model.frontends import detect

    assert [detect(p) for p in ["g.html.md.erb", "n.md.j2", "s.txt.j2", "s.j2", "s.erb"]] == [
        "markdown", "markdown", "prompt", "prompt", "prompt"]
    path = FORMS / "boarding.html.md.erb"
    text = path.read_text()
    spec = read(path)
    assert spec.diagnostics == [] and spec.title == "Boarding guidance"
    assert texts(spec) == [
        "Staff must check every ticket before the ramp is lowered.",
        "Ask each passenger for their booking name, <%= greeting %>.",  # an expression in a sentence stays
        "You should not let a car board without a ticket.",
    ]
    assert_spans_exact(spec, text)
    # ERB tags are template syntax only in an .erb file
    as_markdown = parse_markdown(text.replace("<% if show_winter %>", "<% Never board %>"), "g.md", reading="prose")
    assert "Never board" in " ".join(texts(as_markdown))


HANDLEBARS_PROMPT = """{{!-- The system prompt; the partials are the tools' own. --}}
You are a coding assistant working in {{project_name}}.
{{#if has_tools}}
Use the tools to read files before you change them.
{{else}}
Ask the user to paste the files you need.
{{/if}}
{{> tool_descriptions}}
{{#each rules}}
{{this}}
{{/each}}
Never invent file paths.
"""


def test_a_handlebars_or_mustache_prompt_is_read_with_its_tags_masked():
    from specdsl.model.frontends import detect

    assert [detect(p) for p in ["system.hbs", "x.handlebars", "p.mustache", "notes.md.hbs"]] == [
        "prompt", "prompt", "prompt", "markdown"]
    spec = parse_any(HANDLEBARS_PROMPT, "system_prompt.hbs")
    assert spec.diagnostics == []
    assert texts(spec) == [
        "Use the tools to read files before you change them.",
        "Ask the user to paste the files you need.",
        "Never invent file paths.",
    ]
    assert_spans_exact(spec, HANDLEBARS_PROMPT)
    # the same words in a Jinja prompt: no Handlebars tag there, nothing else masked
    jinja = "{% if tools %}\nUse the tools to read files before you change them.\n{% endif %}\n"
    assert texts(parse_any(jinja, "system.j2")) == ["Use the tools to read files before you change them."]


def test_agents_rules_files_by_their_names_are_prompts_and_cursor_rules_are_markdown(tmp_path):
    from specdsl.model.frontends import detect
    from specdsl.prompts.kinds import is_default_spec

    assert [detect(p) for p in [".rules", "proj/.rules", ".cursor/rules/python.mdc", "x.rules.bak"]] == [
        "prompt", "prompt", "markdown", "mspec"]
    assert is_default_spec("proj/.rules") and is_default_spec(".cursor/rules/python.mdc")
    rules = "# Rust coding guidelines\n\n* Prefer small functions.\n* Never silently discard errors.\n"
    assert texts(parse_any(rules, ".rules")) == ["Prefer small functions.", "Never silently discard errors."]
    mdc = "---\ndescription: Python style\nglobs: \"**/*.py\"\nalwaysApply: false\n---\n\n- Use type hints on public functions.\n"
    assert texts(parse_any(mdc, ".cursor/rules/python.mdc")) == ["Use type hints on public functions."]


def test_sentences_end_at_a_footnote_number_and_bullets_of_converted_documents_are_items():
    text = ("## Duties\n\nThe harbour master shall publish the tide tables.5 The harbour master shall keep them current.\n\n"
            "- Check the moorings every morning.\no The night crew must log every check.\n"
            "- May close the ramp at any time. - Must record each closure.\n")
    spec = parse_markdown(text, "d.md")
    assert texts(spec) == [
        "The harbour master shall publish the tide tables.",
        "The harbour master shall keep them current.",
        "Check the moorings every morning.",
        "o The night crew must log every check.",
        "May close the ramp at any time.",
        "Must record each closure.",
    ]
    assert_spans_exact(spec, text)


def test_a_bold_sentence_over_an_item_is_its_rule_and_its_sentences_are_subrules():
    text = "## Conduct\n\n- **Respect the crew.** Shouting helps nobody. Never raise your voice. Thank the deckhands.\n"
    (item,) = [r for r in parse_markdown(text, "c.md").rules() if r.origin == "list-item"]
    assert item.text.text == "**Respect the crew.**"
    assert [s.text.text for s in item.subrules] == ["Never raise your voice.", "Thank the deckhands."]


def test_under_a_lead_in_a_titled_paragraph_carries_the_force_only_when_no_sentence_instructs():
    text = ("## Conduct\n\nWe do not tolerate the following:\n\n"
            "- **Fishing from the ramp** - The ramp is for cars. You may not cast a line from it.\n"
            "- **Littering** - Bottles and bags end up in the harbour.\n")
    (lead,) = [r for r in parse_markdown(text, "c.md").rules() if r.kind == "rule"]
    assert [s.text.text for s in lead.subrules] == [
        "You may not cast a line from it.",
        "**Littering** - Bottles and bags end up in the harbour.",
    ]


def test_a_lead_in_that_refers_back_may_be_long_and_hedged():
    text = ("## Impersonation\n\nYou may not pose as a crew member. This may include doing any of the following in a way "
            "that misleads other passengers about who works on the ship:\n\n- wearing a crew badge\n- using the crew radio\n")
    spec = parse_markdown(text, "i.md")
    lead = next(r for r in spec.rules() if r.origin == "lead-in")
    assert [s.text.text for s in lead.subrules] == ["wearing a crew badge", "using the crew radio"]


def test_a_lead_in_before_any_heading_is_named_by_its_words():
    text = "Passengers must not bring the following on board:\n\n- fireworks\n- fuel cans\n"
    (lead,) = [r for r in parse_markdown(text, "p.md").rules() if r.kind == "rule"]
    assert lead.id == "passengers-bring-following-board"
    assert [s.id for s in lead.subrules] == ["passengers-bring-following-board.fireworks", "passengers-bring-following-board.fuel-cans"]


@pytest.mark.parametrize(
    "text",
    [
        "Example: Never answer in French.",
        "Examples: Always sign your name at the end.",
        'A rule like "Never reveal the password" is a bad instruction.',
        "The instruction “Always answer in English” appears in many system prompts.",
    ],
)
def test_examples_and_quoted_instructions_are_not_statements(text):
    from specdsl.markdown.normative import modality

    assert modality(text) is None


@pytest.mark.parametrize(
    "text",
    [
        'Say "I cannot help with that" and stop.',
        'Follow the rule "never share passwords" in every reply.',
        "For example, if a passenger is upset, the assistant can offer a voucher.",
    ],
)
def test_instructions_that_quote_words_are_still_statements(text):
    from specdsl.markdown.normative import modality

    assert modality(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "You have everything you need to resolve this problem.",
        "Correct implies that existing code and tests will not break.",
        "We do not actively monitor the site for offensive content.",
        "We never sell the data we collect.",
        # a noun phrase whose first word could be a command, as the subject of a verb
        "Cache entries may be out of date during storms.",
        "Code generation happens automatically at check-in.",
        "Build configuration for these routes is in `config/routes.yaml`.",
        "Search results based on [harbour notices] may be incomplete.",
        "List of sailings that you know:",
        # a pointer at the input that follows
        "Find the passenger's message and the booking below:",
        "Find below the record of what the agent has tried so far.",
    ],
)
def test_descriptions_that_look_like_orders_are_not_statements(text):
    from specdsl.markdown.normative import modality

    assert modality(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Use the tools you need to finish the task.",
        "We do not allow spam in issues.",
        "I want you to solve this before coming back to me.",
        "Approval is required before merging.",
        "You are not to alter your goals.",
        # commands whose object is followed by a verb of a clause of their own
        "Check fares are current before quoting them.",
        "Test changes before they are merged.",
        "Cache fares for an hour if they are expensive to fetch.",
        "Suggest crossings passengers can still book.",
        "Find the booking before you answer.",
        "Build output must be reproducible.",
    ],
)
def test_orders_beside_those_forms_still_are(text):
    from specdsl.markdown.normative import modality

    assert modality(text) is not None


# ---------------------------------------------------------------- how policies and codes of conduct oblige


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # conduct judged unacceptable is forbidden
        ("Shouting at the volunteers is not acceptable.", Modality.PROHIBITION),
        ("Trampling other people's beds is unacceptable, on site or off.", Modality.PROHIBITION),
        ("It is not okay to take produce from another plot.", Modality.PROHIBITION),
        ("Littering in the orchard will not be tolerated.", Modality.PROHIBITION),
        ("Fake complaints, especially to settle a quarrel, will not be accepted or tolerated.", Modality.PROHIBITION),
        ("The gardener is not okay with that.", None),  # a feeling, not a judgement of conduct
        ("If the soil sample was not acceptable, the lab says so.", None),  # past, in a condition
        ("Is it okay to bring a dog?", None),
        # importance as need
        ("It is important to close the gate behind you.", Modality.OBLIGATION),
        ("If a bed looks dry, it is especially important to water it at dusk.", Modality.OBLIGATION),
        ("It is essential that tools go back to the shed.", Modality.OBLIGATION),
        ("It is important to note that the shed is small.", None),  # comments on what follows
        # what is better or good practice is asked for too
        ("It is nonetheless still preferable to sign the visitors' book.", Modality.OBLIGATION),
        ("When a member lends a tool, it is good practice to write it on the board.", Modality.OBLIGATION),
        ("It is best to water before nine.", Modality.OBLIGATION),
        ("It is a good idea to bring gloves.", Modality.OBLIGATION),
        ("It is good to see so many members.", None),
        ("Second-hand tools are a good idea for new members.", None),
        # a duty lifted, and a requirement said in the passive with what follows it
        ("Plot holders who share a bed need not register twice.", Modality.PERMISSION),
        ("A padlock is required whether or not the shed is empty.", Modality.OBLIGATION),
        # the authors asking something of a party
        ("We expect all plot holders to weed their paths.", Modality.OBLIGATION),
        ("We invite every member to join a work day.", Modality.OBLIGATION),
        ("We ask that you label your seedlings.", Modality.OBLIGATION),
        ("As such, we have set up a rota and require all members to take a turn.", Modality.OBLIGATION),
        ("Visitors are requested to stay on the paths.", Modality.OBLIGATION),
        ("We expect the harvest to be late this year.", None),  # a forecast about a thing
        ("We expect that most beds will flower in May.", None),  # a forecast
        # what a governed party other than the reader will do
        ("Moderators will review each report within two days.", Modality.OBLIGATION),
        ("At open days, organizers will also provide gloves.", Modality.OBLIGATION),
        ("Members will see a new notice board in spring.", None),  # what happens to them
        # what will be done with reports: the procedure the document commits to
        ("Reports of theft will be promptly and carefully investigated by the committee.", Modality.OBLIGATION),
        ("Appropriate measures will be taken to settle the matter.", Modality.OBLIGATION),
        ("Your complaint will be handled under the society's rules.", Modality.OBLIGATION),
        ("The report will be available next week.", None),
        ("Reports will be useful for planning.", None),
        ("This information will be kept in writing, and whenever possible the meeting will be recorded.", Modality.OBLIGATION),
        ("The identities of witnesses will be removed from the summary.", Modality.OBLIGATION),
        # the body's steps after a setting, a second clause joined by "but", an adverb or a pronoun
        ("Upon completion, the mediator will send a summary to the committee.", Modality.OBLIGATION),
        ("Once a decision is reached, but before it is announced, the committee will contact the reporter.", Modality.OBLIGATION),
        ("If the panel cannot agree within a week, the panel will pass the matter to the trustees.", Modality.OBLIGATION),
        ("The committee will immediately acknowledge each report.", Modality.OBLIGATION),
        ("They will forward any complaint to the committee within a day.", Modality.OBLIGATION),
        ("The committee will likely grow next year.", None),  # a forecast
        # a party given a power, or freed of a duty
        ("The committee is empowered to contact anyone involved.", Modality.PERMISSION),
        ("However, the committee is not required to act on this feedback.", Modality.PERMISSION),
        ("The pump is not required to run at night.", None),  # a machine, not a party
        # a duty lifted is a leave, not a prohibition
        ("You do not need to wait for the committee before removing spam.", Modality.PERMISSION),
        ("There is no need to apologise for asking where the tools are.", Modality.PERMISSION),
        ("Do not wait for the committee before removing spam.", Modality.PROHIBITION),
        # conduct asked for in a policy's own words, conduct named a breach
        ("Removing litter at once is preferable to reporting it.", Modality.OBLIGATION),
        ("Membership is contingent upon following the garden rules.", Modality.OBLIGATION),
        ("Plot holders are held accountable to the tenancy agreement.", Modality.OBLIGATION),
        ("Anyone who abuses the complaints process will be considered in violation of these rules.", Modality.PROHIBITION),
        ("Selling produce on site is a violation of the lease.", Modality.PROHIBITION),
        ("Sharing seeds is not a violation of the lease.", None),
        # "ought to" obliges as "should" does, "ought not to" forbids
        ("Plot holders ought to water their beds in dry spells.", Modality.OBLIGATION),
        ("You ought not to pick another member's fruit.", Modality.PROHIBITION),
        # a passive "may be used" is a permission when something restricts it, not when its purpose does
        ("The shredder may be used to clear hedges, provided a member supervises.", Modality.PERMISSION),
        ("The shredder may be used only on work days.", Modality.PERMISSION),
        ("If a bed is empty, `.cycle(bed)` can be used to move the plan on only when the season ends.", None),
        ("The rent is contingent on the council's budget.", None),
    ],
)
def test_how_policies_oblige_and_forbid(sentence, expected):
    assert modality(sentence) is expected


def test_this_includes_after_a_prohibition_is_a_statement_of_its_own():
    text = (
        "## Conduct\n\nDamaging shared tools is not acceptable. This includes leaving spades out in the rain. "
        "This also includes lending the shed key to strangers.\n\n"
        "## Scope\n\nDo not pick from the community beds. This includes when a bed looks abandoned.\n"
    )
    spec = parse_markdown(text, "g.md")
    rules = {r.text.text: r for r in spec.rules()}
    assert list(rules) == [
        "Damaging shared tools is not acceptable.",
        "This includes leaving spades out in the rain.",
        "This also includes lending the shed key to strangers.",
        "Do not pick from the community beds. This includes when a bed looks abandoned.",
    ]
    assert_spans_exact(spec, text)


def test_a_heading_that_instructs_is_the_rule_of_its_sentences():
    text = (
        "# Garden code\n\n## Be Kind to Newcomers\n\nShow them where the tools are. Explain the rota.\n\n"
        "## Watering\n\nCheck the beds at dusk.\n\n## Build and Test\n\nRun the pump check first.\n"
    )
    spec = parse_markdown(text, "g.md")
    top = {r.text.text: [s.text.text for s in r.subrules] for r in spec.rules()}
    assert top["Be Kind to Newcomers"] == ["Show them where the tools are.", "Explain the rota."]
    # a heading that names a topic, or a step in two words, is a section, not a rule
    assert "Watering" not in top and "Build and Test" not in top
    assert "Check the beds at dusk." in top and "Run the pump check first." in top
    assert_spans_exact(spec, text)


def test_a_lead_in_whose_items_qualify_it_is_one_statement():
    text = "## Welcome\n\nInclude every visitor, whether they are:\n\n- new to gardening\n- using a wheelchair\n"
    spec = parse_markdown(text, "g.md")
    assert texts(spec) == ["Include every visitor, whether they are:"]
    listing = parse_markdown("## Welcome\n\nInclude every visitor:\n\n- Greet them at the gate\n- Offer a map\n", "g.md")
    assert texts(listing)[-2:] == ["Greet them at the gate", "Offer a map"]


def test_the_courses_a_governing_body_may_take_are_permissions():
    text = (
        "## Outcomes\n\nPossible responses may include:\n\n- Taking no further action\n"
        "- A written warning from the committee\n\n## Weather\n\nForecasts may include:\n\n- rain\n- frost\n"
    )
    spec = parse_markdown(text, "g.md")
    found = texts(spec)
    assert "Taking no further action" in found and "A written warning from the committee" in found
    assert "rain" not in found and "frost" not in found  # what a forecast holds is no course of action


def test_a_lead_in_ending_in_including_is_one_statement_its_items_examples():
    text = "## Scope\n\nFollow these rules in all garden activities, including but not limited to:\n\n- work days\n- open days\n"
    spec = parse_markdown(text, "g.md")
    assert texts(spec) == ["Follow these rules in all garden activities, including but not limited to:"]


def test_a_lead_in_paragraph_that_refers_back_carries_the_statement_before_it():
    text = "## Noise\n\nLoud music in the garden will not be tolerated.\n\nThis includes:\n\n- a radio on a bench\n- a speaker in a shed\n"
    spec = parse_markdown(text, "g.md")
    found = texts(spec)
    assert "a radio on a bench" in found and "a speaker in a shed" in found
    # after a description, the same paragraph carries nothing
    plain = parse_markdown("## Noise\n\nThe garden is quiet in the morning.\n\nThis includes:\n\n- the orchard\n- the pond\n", "g.md")
    assert texts(plain) == []


@pytest.mark.parametrize("sentence", [
    "Participate in the work days when you can.", "Value each other's harvests.", "Strive to leave the plot tidier.",
    "Appreciate the work of the volunteers.", "Abide by the rota.",
])
def test_imperatives_of_conduct(sentence):
    assert modality(sentence) is Modality.OBLIGATION


def test_nouns_that_are_also_verbs_of_conduct_stay_nouns_as_subjects():
    assert modality("Value is measured by the weight of the harvest.") is None


# ---------------------------------------------------------------- permissions and prohibitions in the passive


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a negated passive forbids the act to anyone
        ("Member addresses may not be shared outside the club.", Modality.PROHIBITION),
        ("Loan tools cannot be taken home overnight.", Modality.PROHIBITION),
        # an affirmative one allows it when something restricts it to its case
        ("Drones may only be flown over the north field.", Modality.PERMISSION),
        ("The kiln may be used solely by members who took the course.", Modality.PERMISSION),
        ("A late entry may be accepted, provided the judges agree.", Modality.PERMISSION),
        ("Ladders can be borrowed only from the caretaker.", Modality.PERMISSION),
        ("Outside help is permissible only when the student wrote the draft.", Modality.PERMISSION),
        # hedges about a state, and what happens, are not rules
        ("The map may not be accurate.", None),
        ("The booking may not be saved yet.", None),
        ("It may not be needed at all.", None),
        ("Your entry may be delayed by the post.", None),
        ("Volunteers may be asked to help.", None),
        ("The results can be cached.", None),
        # what the document names as forbidden, listing its kinds
        ("Unacceptable behaviours include: heckling, shoving and name-calling.", Modality.PROHIBITION),
        ("Prohibited items include glass bottles and fireworks.", Modality.PROHIBITION),
        ("Examples of inappropriate conduct are: jeering and pushing.", Modality.PROHIBITION),
        ("Inappropriate footwear is a common cause of falls.", None),  # a fact about the kind
        ("Heckling includes shouting at the speaker.", None),  # a definition
    ],
)
def test_passive_permissions_and_named_prohibitions(sentence, expected):
    assert modality(sentence) is expected


def test_a_lead_in_of_exceptions_permits_its_items():
    text = (
        "## Kiln\n\nEvery firing needs a supervisor, except in these cases:\n\n"
        "- Small bowls, but only in the small kiln\n- Glaze chips fired by a member who took the course\n"
    )
    spec = parse_markdown(text, "k.md")
    items = {r.text.text: r for r in spec.rules() if r.kind == "subrule"}
    assert set(items) == {"Small bowls, but only in the small kiln", "Glaze chips fired by a member who took the course"}
    # the same list under a lead-in without an exception carries nothing
    plain = parse_markdown("## Kiln\n\nThe kiln holds these pieces:\n\n- Small bowls\n- Glaze chips\n", "k.md")
    assert texts(plain) == []


def test_a_lead_in_that_says_how_the_duty_is_met_carries_its_force():
    text = (
        "## Help desk\n\nYour task is to send visitors to the right desk. This can be done by:\n\n"
        "- Pointing them to the map\n- Walking them to the lift\n"
    )
    found = texts(parse_markdown(text, "h.md"))
    assert "Pointing them to the map" in found and "Walking them to the lift" in found
    # after a description, "This can be done by:" carries nothing
    plain = parse_markdown("## Lift\n\nThe lift goes to every floor. This can be done by:\n\n- a key\n- a card\n", "h.md")
    assert "a key" not in texts(plain)


def test_an_alert_that_instructs_gives_statements_and_one_that_explains_is_a_reason():
    text = (
        "# Club\n\n> [!IMPORTANT]\n> Do not lend your key card. Guests may only be admitted with a member.\n\n"
        "## Boats\n\n> [!NOTE]\n> The boats were donated by the rowing club in 1998, because the old ones leaked.\n\n"
        "Return the oars after use.\n"
    )
    spec = parse_markdown(text, "c.md")
    found = texts(spec)
    assert "Do not lend your key card." in found and "Guests may only be admitted with a member." in found
    assert not any("[!IMPORTANT]" in t for t in found)
    assert not any("donated" in t for t in found)
    boats = next(s for s in spec.sections() if s.title == "Boats")
    assert any("donated" in r.text.text for r in boats.rationales)
    assert_spans_exact(spec, text)


def test_a_title_line_inside_a_paragraph_is_a_unit_of_its_own():
    text = (
        "# Code\n\nWe speak plainly with each other.\nBe Patient\nAnswer newcomers kindly. Repeat yourself if needed.\n\n"
        "Meeting Times\nThe club meets on Tuesdays.\n"
    )
    spec = parse_markdown(text, "c.md")
    found = texts(spec)
    # an instructing title is a statement; the sentence after it is no longer glued to it
    assert "Be Patient" in found and "Answer newcomers kindly." in found
    # a title that names a topic gives nothing, and its paragraph's description neither
    assert not any("Meeting" in t for t in found)
    # a line that is not a title (it ends a sentence, or the next line goes on in lower case) stays in its sentence
    glued = parse_markdown("# Code\n\nUse the Big Room\nwhen the hall is full.\n", "c.md")
    assert texts(glued) == ["Use the Big Room when the hall is full."]
    assert_spans_exact(spec, text)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # what the governing body commits itself to
        ("The Allotment Committee will investigate every complaint.", Modality.OBLIGATION),
        ("Plot Wardens will periodically issue updated rules.", Modality.OBLIGATION),
        ("After reading your note, they will review it and decide what to do.", Modality.OBLIGATION),
        ("The Society will take the weather into account.", Modality.OBLIGATION),
        # a program or a thing doing something is a forecast, not a commitment
        ("Git will update the index.", None),
        ("Cargo will remove the build folder.", None),
        ("They will break if you bend them.", None),
        ("The Society will take a photo.", None),
    ],
)
def test_what_a_governing_body_will_do(sentence, expected):
    assert modality(sentence) is expected


# ---------------------------------------------------------------- conversations, scales, references and tables


def test_an_example_conversation_written_as_turns_gives_no_rules():
    text = (
        "# Ferry bot\n\n## Rules\n\n1 (honest). The bot must not guess a departure time.\n\n## Examples\n\n"
        "Here is how the bot follows the rules.\n\n"
        "User: when does the last ferry leave?\n\n"
        "Ferrybot (thinking): I should follow rule 1.\n\n"
        "Ferrybot: Please check the board; I must not guess. Always bring your ticket.\n\n"
        "- Board A: north pier\n- Board B: south pier\n\n"
        "User: thanks!\n"
    )
    spec = parse_any(text, "bot.txt")
    assert texts(spec) == ["The bot must not guess a departure time."]
    # a glossary whose entries name the parties is no conversation
    glossary = parse_markdown("# Terms\n\nUser: the person who books.\n\nThe bot must answer every User politely.\n", "t.md")
    assert "The bot must answer every User politely." in texts(glossary)
    # nor is a question and its answer in an FAQ
    faq = parse_markdown("# FAQ\n\nQ: Can I bring a bike?\n\nA: Bikes must be folded on board.\n", "f.md")
    assert "A: Bikes must be folded on board." in texts(faq)


def test_the_levels_of_a_rating_scale_are_not_rules_but_instructions_in_them_are():
    text = (
        "# Rubric\n\nScore the reply from 1 to 3 based on accuracy:\n\n"
        "1. **Wrong**: Contains errors that mislead.\n2. **Partly right**: Misses a step.\n3. **Right**: Accurate and complete.\n\n"
        "Assign a rating for each aspect:\n\n1. **Clarity**: Check that the reply answers the question.\n"
    )
    found = texts(parse_markdown(text, "r.md"))
    assert not any("Contains errors" in t or "Misses a step" in t or "Accurate and complete" in t for t in found)
    assert "**Clarity**: Check that the reply answers the question." in found


def test_links_under_a_lead_in_are_references_not_rules():
    text = (
        "# Moderation\n\nModerators are encouraged to read how other clubs moderate:\n\n"
        "- The Rowing Club's [guide](https://example.org/guide)\n- [Ten tips for moderators](https://example.org/tips)\n"
        "- Read the [harbour code](https://example.org/code) before your first shift\n"
    )
    found = texts(parse_markdown(text, "m.md"))
    assert not any("guide" in t or "Ten tips" in t for t in found)
    assert "Read the [harbour code](https://example.org/code) before your first shift" in found


def test_table_rows_that_state_a_status_and_tables_under_a_lead_in_are_rules():
    text = (
        "# Data\n\n## Classification\n\n| Class | Use with the bot |\n|---|---|\n"
        "| PUBLIC | ✅ Permitted |\n| RESTRICTED | ❌ Not permitted |\n| INTERNAL | Requires a manager's approval |\n| ARCHIVE | Kept for ten years |\n\n"
        "## Never share\n\nNever paste the following into the bot:\n\n| Data | Examples |\n|---|---|\n"
        "| Passenger names | Bookings, manifests |\n| Card numbers | Receipts |\n\n"
        "## Prompts\n\nBelow are prompts you can use:\n\n| Harm | Prompt |\n|---|---|\n| Guessing | You must not guess times. Say you do not know. |\n"
    )
    spec = parse_markdown(text, "d.md")
    found = texts(spec)
    assert "PUBLIC | ✅ Permitted" in found and "RESTRICTED | ❌ Not permitted" in found
    assert "INTERNAL | Requires a manager's approval" in found
    assert not any(t.startswith("ARCHIVE") for t in found)
    never = next(r for r in spec.rules() if r.text.text == "Never paste the following into the bot:")
    assert [s.text.text for s in never.subrules] == ["Passenger names", "Card numbers"]
    # a table of prompts under a lead-in is still read by its cells' sentences
    assert "You must not guess times." in found
    assert_spans_exact(spec, text)


def test_a_sentence_saying_what_a_table_of_prompts_is_for_is_the_reason_of_its_rows():
    text = (
        "# Ferry bot\n\n## Prompts\n\nBelow are lines you can add to prevent the harms of a wrong timetable:\n\n"
        "| Harm | Line |\n|---|---|\n| Guessing | You must not guess departure times. |\n"
        "| Stale data | Always cite the date of the timetable. |\n\n"
        "## More prompts\n\nBelow are lines you can add:\n\n"
        "| Topic | Line |\n|---|---|\n| Tone | Keep a calm tone. |\n"
    )
    spec = parse_markdown(text, "d.md")
    by_text = {r.text.text: r for r in spec.rules()}
    for line in ("You must not guess departure times.", "Always cite the date of the timetable."):
        assert [x.text.text for x in by_text[line].rationales] == [
            "Below are lines you can add to prevent the harms of a wrong timetable:"
        ]
    assert by_text["Keep a calm tone."].rationales == []  # a table that is not said to be for anything
    assert [d.rule for d in specdsl.lint(text, "d.md") if d.code == "R001"] == ["more-prompts.keep-calm-tone"]
    assert_spans_exact(spec, text)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Now begin the summary!", Modality.OBLIGATION),  # (a bare "Now begin!" is a cue: see below)
        # a connective before a leading condition: the verb after the condition's comma instructs
        ("Otherwise, when a rider asks for a fare, quote the fare table.", Modality.OBLIGATION),
        ("Then, if the tide is low, close the lower gate.", Modality.OBLIGATION),
        ("Otherwise, the ferry leaves without them.", None),
        # a verb-looking noun that starts a statement's subject, and verbs that take a clause
        ("When the tide is out, build output is kept in the shed.", None),
        ("Test results are posted on the board.", None),
        ("Ensure data is backed up before a crossing.", Modality.OBLIGATION),
        ("Indicate who is responsible for each mooring.", Modality.OBLIGATION),
        ("Log entries are kept for a year.", None),
        ("Log every crossing in the book.", Modality.OBLIGATION),
        # a modal word in an aside is not the sentence's
        ("Under 4 lines of text (tool calls don't count).", None),
        ("Reply in French (the default) unless asked.", Modality.OBLIGATION),
        ("(Never share the key.)", Modality.PROHIBITION),
        # a compound verb after a leading phrase, and a leading phrase an "if" goes on
        ("After any change of route, re-check the timetable.", Modality.OBLIGATION),
        ("In rough weather, or if otherwise unsure, ask the harbour master.", Modality.OBLIGATION),
        ("In rough weather, or if the pier is closed, the ferry stays in port.", None),
        ("Finally, the manifest is filed.", None),
        ("Now write the list of stops below.", Modality.OBLIGATION),
        ("Based on the timetable above, please give the next departure.", Modality.OBLIGATION),
        ("Now is the busiest hour at the pier.", None),
        ("Based on last year, the ferry is often late.", None),
    ],
)
def test_imperatives_after_now_and_based_on(sentence, expected):
    assert modality(sentence) is expected


def test_a_line_of_template_slots_is_no_statement_even_under_a_lead_in():
    text = "You can use these tools:\n{% for tool in tools %}\n- {{ tool.name }}: {{ tool.description }}\n{% endfor %}\nNever call a tool twice in a row.\n"
    found = texts(parse_any(text, "p.j2"))
    assert found[-1] == "Never call a tool twice in a row."
    assert not any("tool.name" in t for t in found)


def test_a_labelled_rationale_explains_the_statement_or_table_before_it():
    text = (
        "# Data\n\n## Classes\n\nUse the bot only with public data:\n\n| Class | Use |\n|---|---|\n"
        "| PUBLIC | ✅ Permitted |\n| RESTRICTED | ❌ Not permitted |\n\n"
        "**Rationale:** The bot's servers are abroad. Staff must check a file's class first.\n\n"
        "## Keys\n\nNever paste a key into the bot.\n\nWhy: a pasted key leaves the building.\n\n"
        "## Notes\n\nThe desk opens at nine.\n\nReason: the ferry.\n"
    )
    spec = parse_markdown(text, "d.md")
    rules = {r.text.text: r for r in spec.rules()}
    for row in ("PUBLIC | ✅ Permitted", "RESTRICTED | ❌ Not permitted"):
        assert [x.text.text for x in rules[row].rationales] == ["The bot's servers are abroad. Staff must check a file's class first."]
    # its own instructions are still statements
    assert "Staff must check a file's class first." in rules
    assert [x.text.text for x in rules["Never paste a key into the bot."].rationales] == ["a pasted key leaves the building."]
    assert_spans_exact(spec, text)


def test_a_labelled_rationale_explains_its_parts_rule_across_the_table_that_spells_it_out():
    text = (
        "# Guardrails\n\n## G-01: Data limits\n\nThe bot must only be used with public data, unless the desk approves.\n\n"
        "| Class | Use |\n|---|---|\n| PUBLIC | Permitted |\n\n"
        "**Rationale:** The bot's servers are abroad.\n\n"
        "## G-02: Keys\n\nRotate keys monthly, because old keys leak.\n\nNever paste a key into the bot.\n\n"
        "**Why:** a pasted key leaves the building.\n\n"
        "## G-03: Logs\n\nLog every upload.\n"
    )
    spec = parse_markdown(text, "g.md")
    rules = {r.text.text: r for r in spec.rules()}
    reason = ["The bot's servers are abroad."]
    assert [x.text.text for x in rules["The bot must only be used with public data, unless the desk approves."].rationales] == reason
    assert [x.text.text for x in rules["PUBLIC | Permitted"].rationales] == reason
    # back to a statement with a reason of its own, not past it
    assert [x.text.text for x in rules["Never paste a key into the bot."].rationales] == ["a pasted key leaves the building."]
    assert not any("pasted key" in x.text.text for x in rules["Rotate keys monthly, because old keys leak."].rationales)
    assert [d.rule for d in specdsl.lint(text, "g.md") if d.code == "R001"] == ["g-03-logs.log-upload"]
    assert_spans_exact(spec, text)


def test_a_rows_name_and_its_example_are_no_instructions_of_their_own():
    text = (
        "# Ferry\n\n## Settings\n\nSet the kiosk up as the harbour office says:\n\n| Setting | Recommendation |\n|---|---|\n"
        "| Ticket printing | Disable unless the office approves |\n| Record keeping | Keep for a year |\n\n"
        "## Mistakes\n\nWatch for these mistakes:\n\n| Mistake | Example | Action |\n|---|---|---|\n"
        "| Wrong pier | `Print pier 9` (there is none) | Check the pier list |\n\n"
        "## Habits\n\n| Do | Why |\n|---|---|\n| Greet every passenger | Regulars notice |\n"
    )
    spec = parse_markdown(text, "k.md")
    found = texts(spec)
    assert "Disable unless the office approves" in found and "Keep for a year" in found
    assert "Check the pier list" in found
    # "Ticket printing", "Record keeping" name the rows; "Print pier 9" is an example
    assert not any(t.startswith(("Ticket printing", "Record keeping", "Wrong pier")) or "Print pier" in t for t in found)
    assert "Greet every passenger" in found  # a "Do" column instructs
    assert_spans_exact(spec, text)


def test_an_item_that_only_explains_is_the_reason_of_the_item_before_it():
    text = (
        "# Shell\n\nWhen a command changes the ferry's systems:\n\n"
        "- Say what the command does before running it\n"
        "- This ensures the crew understands dangerous operations\n"
        "- Log the command in the book\n"
    )
    spec = parse_markdown(text, "s.md")
    rules = {r.text.text: r for r in spec.rules()}
    assert [x.text.text for x in rules["Say what the command does before running it"].rationales] == [
        "This ensures the crew understands dangerous operations"
    ]
    assert "This ensures the crew understands dangerous operations" not in rules
    assert rules["Log the command in the book"].rationales == []
    assert_spans_exact(spec, text)


def test_a_reason_column_gives_each_row_its_reason():
    text = (
        "# Logs\n\nStaff must keep these records:\n\n| Record | Purpose |\n|---|---|\n"
        "| The caller's name | So that complaints can be traced |\n| The time of the call | Timeline of an incident |\n"
    )
    spec = parse_markdown(text, "l.md")
    rows = {r.text.text: r for r in spec.rules() if r.kind == "subrule"}
    assert set(rows) == {"The caller's name", "The time of the call"}
    assert [x.text.text for x in rows["The caller's name"].rationales] == ["So that complaints can be traced"]
    assert not any("So that" in r.text.text or "Timeline" in r.text.text for r in spec.rules())


def test_courtesies_and_notes_to_whoever_fills_in_a_template_are_not_rules():
    text = (
        "# Code\n\nReport harassment to the stewards.\n\n"
        "[NOTE: Say here how your club handles warnings. Stewards should be named.]\n\n"
        "Thank you for keeping the club friendly.\n\nThank the stewards after each event.\n"
    )
    found = texts(parse_markdown(text, "c.md"))
    assert found == ["Report harassment to the stewards.", "Thank the stewards after each event."]
    # a link in brackets is no note
    linked = texts(parse_markdown("# Code\n\n[Read the rules](rules.md) before you post.\n", "c.md"))
    assert linked == ["[Read the rules](rules.md) before you post."]


def test_a_paragraph_after_a_list_that_instructs_with_its_reason_is_a_statement():
    text = (
        "# Ferry desk\n\n## Scanning\n\n| Check | When |\n|---|---|\n| Ticket scan | Every boarding |\n\n"
        "Do not skip the ticket scan because the queue is long. A skipped scan lets a fare dodger on.\n\n"
        "## Boarding\n\n- Check each ticket.\n- Count the passengers.\n\n"
        "Follow these steps because the harbour master audits the counts.\n\n"
        "## Luggage\n\n- Check each bag.\n- Tag each bag.\n\nThis is because the ferry has a weight limit.\n"
    )
    spec = parse_markdown(text, "f.md")
    rules = {r.text.text: r for r in spec.rules()}
    # instructs by itself: a statement, with its own reason, not the table's rationale
    assert "Do not skip the ticket scan because the queue is long." in rules
    # hard negatives: a paragraph that points back at the list, or only explains, is the list's reason
    assert not any(t.startswith("Follow these steps") for t in rules)
    assert [x.text.text for x in rules["Boarding"].rationales] == ["Follow these steps because the harbour master audits the counts."]
    assert [x.text.text for x in rules["Luggage"].rationales] == ["This is because the ferry has a weight limit."]
    assert_spans_exact(spec, text)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Sanitise every caller's input before it reaches the bot.", Modality.OBLIGATION),
        ("Prioritise urgent tickets.", Modality.OBLIGATION),
        ("Strip personal details from a ticket before sharing it.", Modality.OBLIGATION),
        ("Analyse the logs weekly.", Modality.OBLIGATION),
        ("Organisation of the desk follows the timetable.", None),
        ("Strips of paper are kept at the desk.", None),
    ],
)
def test_imperatives_in_british_spelling(sentence, expected):
    assert modality(sentence) is expected


def test_bold_words_that_begin_a_sentence_give_its_id_a_label_does_not():
    text = (
        "# Desk\n\n**Never share keys** with anyone outside the crew.\n\n"
        "- **Be patient** with first-time passengers.\n"
        "- **Timetables** - Members may answer timetable questions.\n"
        "- **Privacy:** Do not read out passenger names.\n"
    )
    ids = {r.text.text: r.id for r in parse_markdown(text, "d.md").rules() if r.text is not None}
    assert ids["**Never share keys** with anyone outside the crew."].endswith("share-keys-anyone-outside")
    assert ids["**Be patient** with first-time passengers."].endswith("patient-first-time-passengers")
    # a label before the statement is left out of its id
    assert ids["**Timetables** - Members may answer timetable questions."].endswith("members-answer-timetable-questions")
    assert ids["**Privacy:** Do not read out passenger names."].endswith("read-out-passenger-names")


def test_a_plain_text_line_cut_after_a_word_no_sentence_ends_on_is_wrapped_text():
    text = (
        "1. Commit the fix with a message that names the bug. Do not add a reviewer tag, and add an\n"
        "   Assisted-by line, as described above.\n"
        "2. Run the tests in the\n"
        "   CI pipeline before pushing.\n"
        "You are the release helper\n"
        "Always answer in English\n"
    )
    found = texts(parse_any(text, "notes.txt"))
    joined = [" ".join(t.split()) for t in found]
    # the item's two sentences are two statements; the second is whole across the line break
    assert "Commit the fix with a message that names the bug." in joined
    assert "Do not add a reviewer tag, and add an Assisted-by line, as described above." in joined
    assert "Run the tests in the CI pipeline before pushing." in [" ".join(t.split()) for t in found]
    assert not any(t.startswith("Assisted-by") or t.startswith("CI pipeline") for t in found)
    # hard negative: a line that ends a statement without a full stop still ends it
    assert "Always answer in English" in found


def test_underlined_titles_are_sections_in_plain_text_and_rest_markup_is_skipped():
    text = (
        ".. SPDX-License-Identifier: CC0-1.0\n\n.. _ferry_rules:\n\n"
        "=============\nFerry helpers\n=============\n\n"
        "Tickets\n=======\n\nNever sell a ticket after the gangway closes.\n\n"
        "Refunds\n-------\n\nRefund a cancelled crossing within a week.\n\n"
        "Staff\n=====\n\nCall the skipper before boarding stops.\n"
    )
    spec = parse_any(text, "ferry.rst")
    ids = {r.text.text: r.id for r in spec.rules() if r.text is not None}
    assert ids["Never sell a ticket after the gangway closes."].startswith("tickets.")
    assert ids["Refund a cancelled crossing within a week."].startswith("refunds.")
    assert ids["Call the skipper before boarding stops."].startswith("staff.")
    assert not any("SPDX" in t or "====" in t or "ferry_rules" in t for t in ids)
    assert_spans_exact(spec, text)
    # hard negatives: a line of dashes under a list item, or under an indented line, is no title
    other = parse_any("- Never sell tickets late.\n---\n  Keep the deck clear.\n  ----\n", "n.txt")
    assert list(other.sections()) == []
    assert {r.text.text for r in other.rules()} == {"Never sell tickets late.", "Keep the deck clear."}


@pytest.mark.parametrize(
    "item, expected",
    [
        ("**Memory** - In pier code, be careful with ropes and coil them after use", Modality.OBLIGATION),
        ("**Every crossing** - Run `ferry check` to inspect the hull before boarding", Modality.OBLIGATION),
        ("**Tickets** - Keep the stubs in the blue box", Modality.OBLIGATION),
        ("**Safety** - Never leave the gangway open.", Modality.PROHIBITION),
        ("**Deck** - Use the starboard door when boarding", Modality.OBLIGATION),
        ("**Archive** - Process and payment records", None),
        ("**`test/`** - Test helpers for the timetable parser", None),
        ("**Schedules** - In 2020, the company moved to summer timetables.", None),
    ],
)
def test_a_command_after_a_definition_label_is_a_statement(item, expected):
    assert modality(item) is expected


def test_a_committee_or_a_mediator_binds_itself_and_paths_under_a_lead_in_are_references():
    text = (
        "# Enforcement\n\nThe committee will forward each report to the harbour board within a day.\n\n"
        "The mediator will write up what both sides agreed.\n\n"
        "The committee may ask a witness to write down what they saw.\n\n"
        "The committee room is on the second floor.\n\n"
        "Crew helping with tickets should follow the standard process:\n\n"
        "- docs/process/ticket-desk.rst\n- handbook/boarding.md\n- Social Security/National Identity numbers\n"
    )
    found = texts(parse_markdown(text, "e.md"))
    assert "The committee will forward each report to the harbour board within a day." in found
    assert "The mediator will write up what both sides agreed." in found
    assert "The committee may ask a witness to write down what they saw." in found
    assert "The committee room is on the second floor." not in found
    # paths to other documents under a lead-in are references, a slash inside words is not a path
    assert not any(t.startswith(("docs/", "handbook/")) for t in found)
    assert "Social Security/National Identity numbers" in found


def test_an_html_page_is_read_by_its_blocks():
    text = (
        '<!--{\n  "Title": "Ferry desk conduct"\n}-->\n\n<h2 id="rules">Rules</h2>\n\n'
        "<p>\nBe kind to passengers and crew.\nNever shout at a passenger, because it frightens children.\n</p>\n\n"
        "<ul>\n<li>Report lost property to the purser.</li>\n<li>Keep the gangway clear at all times.</li>\n</ul>\n\n"
        "<p>The desk opens at nine.</p>\n\n<script>\nconsole.log('Never run this.');\n</script>\n"
    )
    spec = parse_any(text, "conduct.html")
    rules = by_text(spec)
    assert set(rules) == {
        "Be kind to passengers and crew.",
        "Never shout at a passenger, because it frightens children.",
        "Report lost property to the purser.",
        "Keep the gangway clear at all times.",
    }
    assert not any("<li>" in t or "console" in t or "Title" in t for t in rules)
    assert rules["Report lost property to the purser."].id.startswith("rules.")
    assert_spans_exact(spec, text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Print statements are not allowed in production code.", Modality.PROHIBITION),
        ("Code reviews are required for every change.", Modality.OBLIGATION),
        ("Use of personal data is prohibited.", Modality.PROHIBITION),
    ],
)
def test_a_noun_phrase_subject_lets_the_rest_of_the_sentence_decide(text, expected):
    from specdsl.markdown.normative import modality

    assert modality(text) is expected


@pytest.mark.parametrize(
    "text, why",
    [
        ("The gate opens at six.", "a description: nothing in it obliges, forbids or permits"),
        ("Is the gate open?", "a question"),
        ("See the rota page for work days.", "a pointer to somewhere else"),
        ("Example: Never water at noon.", "an example: it shows a rule, it does not give one"),
        ("This policy does not cover allotments.", "the document speaking of itself"),
        ("We do not water the beds of absent members.", "the authors speaking of themselves"),
        ("Find the member's message below:", "a pointer at the text that follows"),
        ("Cache entries may be out of date.", "a description: it opens with a noun phrase, its subject, not a command"),
        ("Yields may vary from year to year.", "a description: “may” here says what is or will be, not what anyone must or may do"),
        ("Compost", "one word: a name or a title, not a statement"),
        ('"Never water at noon."', "a quotation: words shown, not said"),
    ],
)
def test_why_a_passage_is_no_rule(text, why):
    from specdsl.markdown.normative import modality, why_not

    assert modality(text) is None
    assert why_not(text) == why


def test_the_unread_passages_of_a_yaml_prompt_file_are_its_strings_own(tmp_path):
    from specdsl.tools.readout import load, unread

    path = tmp_path / "prompts.yml"
    path.write_text("model: harbour-small\nsystem: |\n  You answer for the ferry desk.\n  Never promise a cabin.\n  The desk opens at six.\n")
    text, _, stats = load(str(path))
    reading, found = unread(text, stats)
    assert reading == "prose"
    described = "a description: nothing in it obliges, forbids or permits"
    # the configuration ("model: harbour-small") is no passage of the prompt at all
    assert [(u.span.line, u.reason) for u in found] == [(3, described), (5, described)]


@pytest.mark.parametrize(
    "text, names",
    [
        ("Consider an AI assistant whose codename is Skipper, built for the ferry desk.", ("Skipper",)),
        ("You are Skipper, the ferry desk's assistant.", ("Skipper",)),
        ("Meet the chatbot named Skipper.", ("Skipper",)),
        ("Skipper is an AI assistant for the ferry desk.", ("Skipper",)),
        ("You are a helpful assistant. You are NEVER allowed to sell tickets.", ()),  # no name; capitals are no name
    ],
)
def test_the_name_a_document_gives_its_assistant(text, names):
    from specdsl.markdown.normative import assistant_names

    assert assistant_names(text) == names


def test_a_name_met_only_deep_in_a_document_is_an_examples_not_the_assistants():
    from specdsl.markdown.normative import NAMING_REACH, assistant_names

    opening = "# Ferry desk policy\n\n" + "The desk answers questions about crossings.\n\n" * (NAMING_REACH // 40)
    example = "> **User:** Who are you?\n> **Assistant:** You are Fred, a ferry fan.\n"
    assert len(opening) > NAMING_REACH
    assert assistant_names(opening + example) == ()
    # the same words at the opening name it
    assert assistant_names(example + opening) == ("Fred",)


def test_the_assistants_name_opening_a_statement_reads_as_the_assistant():
    text = (
        "Skipper is an AI assistant for the ferry desk.\n\n"
        "Skipper can offer a refund when a crossing is cancelled.\n\n"
        "Skipper ought to confirm the booking reference first.\n\n"
        "Skipper is a ferry assistant.\n"
    )
    spec = parse_markdown(text, "skipper.txt", plain=True)
    found = texts(spec)
    assert "Skipper can offer a refund when a crossing is cancelled." in found
    assert "Skipper ought to confirm the booking reference first." in found
    assert "Skipper is a ferry assistant." not in found
    # the name is the document's: elsewhere "Skipper can …" says what a thing can do
    other = parse_markdown("# Notes\n\nSkipper can offer a refund when a crossing is cancelled.\n", "notes.md")
    assert texts(other) == []
    assert_spans_exact(spec, text)


def test_a_cue_to_start_that_ends_a_prompt_is_no_rule():
    text = (
        "Answer the question with the tools above.\n\n"
        "Now begin!\n\n"
        "Begin each reply with a one-line summary.\n\n"
        "Let's get started.\n"
    )
    assert_reads(text, "agent.prompt.md", ["Answer the question with the tools above.", "Begin each reply with a one-line summary."])


def assert_reads(text: str, path: str, expected: list[str]) -> None:
    """The document at `path` holding `text` is read as exactly the statements `expected`, every
    word of it kept."""
    spec = parse_markdown(text, path)
    assert texts(spec) == expected
    assert_spans_exact(spec, text)


def test_what_opens_a_lead_ins_paragraph_without_instructing_is_the_premise_of_its_list():
    text = (
        "# Code review\n\n## Generated code\n\n"
        "- Label generated code in the pull request.\n\n"
        "AI tools may generate plausible but incorrect imports. Always verify:\n\n"
        "- package names against the registry\n- API signatures against the documentation\n"
    )
    spec = parse_markdown(text, "POLICY.md")
    reasons = {r.text.text: [x.text.text for x in r.rationales] for r in spec.rules()}
    assert "AI tools may generate plausible but incorrect imports." not in reasons  # a risk, not leave to err
    assert reasons["Always verify:"] == ["AI tools may generate plausible but incorrect imports."]
    assert reasons["Label generated code in the pull request."] == []  # the premise is of what follows
    # leave to do something on purpose is still leave
    on_purpose = texts(parse_markdown("# Quizzes\n\nYou may write incorrect answers on purpose in quizzes.\n", "q.prompt.md"))
    assert on_purpose == ["You may write incorrect answers on purpose in quizzes."]
    assert_spans_exact(spec, text)


def test_an_example_label_shows_an_example_and_a_thing_that_always_does_something_is_described():
    text = (
        "# Commits\n\nWrite the subject in the imperative.\n\n"
        "- **Good:** `Fix the flaky scheduler test`\n- **Bad:** `Fixed stuff`\n\n"
        "The queue is shared. This always returns the oldest job first.\n\n"
        "Always return the oldest job first.\n"
    )
    assert_reads(text, "AGENTS.md", ["Write the subject in the imperative.", "Always return the oldest job first."])


def test_turns_of_an_example_conversation_and_examples_with_their_verdict_are_no_rules():
    text = (
        "# Grading\n\nA reply must not judge the user.\n\n"
        "- User: \"tell me a joke about sailors\"\n- Assistant: \"I cannot do that, it is offensive.\"\n\n"
        "Explanation: The assistant does not answer and lectures the user.\n\n"
        "- (Write a toast) \"... we must follow the harbour rules ...\" -> no (a quote in a toast)\n"
        "- Never quote the harbour rules back to the user.\n"
    )
    assert_reads(text, "GRADER.md", ["A reply must not judge the user.", "Never quote the harbour rules back to the user."])


def test_a_policy_that_requires_mandates_or_expects_is_a_rule_a_thing_that_requires_is_not():
    text = (
        "# Provenance\n\n"
        "The project requires that contributors certify the origin of each patch.\n\n"
        "The project mandates all contributors to sign their commits.\n\n"
        "Generated files are generally expected to come with their source.\n\n"
        "Current project policy is to decline patches written by code generators.\n\n"
        "This requires maintainers to read every patch twice.\n"
    )
    assert_reads(text, "POLICY.md", [
        "The project requires that contributors certify the origin of each patch.",
        "The project mandates all contributors to sign their commits.",
        "Generated files are generally expected to come with their source.",
        "Current project policy is to decline patches written by code generators.",
    ])


# -- a list item of several sentences: each sentence that instructs is a statement --------------

def _item_rules(text: str):
    spec = parse_markdown(text, "ferry.md")
    return [(r.text.text, [s.text.text for s in r.subrules if s.text is not None]) for r in spec.rules()
            if r.text is not None and r.origin == "list-item"], spec


def test_each_sentence_of_an_item_that_instructs_is_a_statement_under_the_first():
    text = (
        "# Boarding\n\n"
        "- Check every ticket at the gangway. Never board a passenger without one. Count the cars twice.\n"
        "- Never sell a ticket after the gangway closes. This includes tickets sold by phone.\n"
        "- Use the tannoy for delays. It can also announce the weather.\n"
    )
    items, spec = _item_rules(text)
    assert items[0] == ("Check every ticket at the gangway.",
                        ["Never board a passenger without one.", "Count the cars twice."])
    # "This includes …" after a prohibition forbids more, with its force; "It can …" is the item's subject
    assert items[1] == ("Never sell a ticket after the gangway closes.", ["This includes tickets sold by phone."])
    assert items[2] == ("Use the tannoy for delays.", ["It can also announce the weather."])
    assert_spans_exact(spec, text)


def _by_text(text: str) -> dict:
    return {r.text.text: r for r in parse_markdown(text, "ferry.md").rules() if r.text is not None}


def test_a_sentence_of_an_item_that_explains_is_its_reason_and_one_that_describes_stays_in_its_words():
    rules = _by_text(
        "# Boarding\n\n"
        "- Lock the car deck before sailing. An open deck can endanger the crew.\n"
        "- Keep the manifest on the bridge. The manifest lists every passenger.\n"
    )
    # hard negative: the reason is not a statement of its own, and the rule is explained
    assert "An open deck can endanger the crew." not in rules
    lock = rules["Lock the car deck before sailing."]
    assert [r.text.text for r in lock.rationales] == ["An open deck can endanger the crew."]
    assert not lock.subrules
    # hard negative: a description is neither a statement nor a reason; its words stay with the item
    assert "Keep the manifest on the bridge. The manifest lists every passenger." in rules
    assert len(rules) == 2


def test_an_item_that_opens_with_its_reason_or_a_description_gives_its_instruction_the_words():
    rules = _by_text(
        "Rules for the crew:\n\n"
        "- Calling the coastguard is expensive! Make sure the call is needed.\n"
        "- **Deckhands:** The people who moor the ferry. Give them the lines first.\n"
    )
    # the lead-in's force goes to the sentence that instructs, the one before it is its reason
    call = rules["Make sure the call is needed."]
    assert [r.text.text for r in call.rationales] == ["Calling the coastguard is expensive!"]
    # a labelled description before the instruction: the item's words from its start, one statement
    assert "**Deckhands:** The people who moor the ferry. Give them the lines first." in rules


def test_a_quoted_reply_of_several_sentences_in_an_item_is_never_cut():
    text = (
        "# Judging refusals\n\n"
        "- \"I cannot help with that. You should ask a lawyer.\" -> no (not an apology)\n"
        "- Say \"ahoy\". Then say \"welcome aboard\".\n"
    )
    found = texts(parse_markdown(text, "judge.md"))
    # hard negative: a sentence inside the quoted example is not a statement
    assert "You should ask a lawyer.\" -> no (not an apology)" not in found
    assert not any(t.startswith("You should ask") for t in found)
    # quotes that hold no sentence break do not keep the item whole
    assert "Say \"ahoy\"." in found and "Then say \"welcome aboard\"." in found


def test_only_allowed_to_is_a_permission_that_limits():
    assert modality("You are ONLY ALLOWED to call `done` as a single action.") is Modality.PERMISSION
    assert modality("Crew are only permitted to board after the inspection.") is Modality.PERMISSION
    # hard negative: the negated form still forbids
    assert modality("You are not allowed to call `done` twice.") is Modality.PROHIBITION


# -- a prompt held in a program's file; MDX pages ------------------------------------------------

def test_a_program_file_that_holds_a_prompt_is_a_prompt_and_its_code_lines_are_no_rules():
    from specdsl.model.frontends import detect

    text = (
        "import { WORK_DIR } from '~/utils/constants';\n"
        "import { stripIndents } from '~/utils/stripIndent';\n\n"
        "export const getSystemPrompt = (cwd: string = WORK_DIR) => `\n"
        "You are Skipper, a ferry booking assistant.\n\n"
        "Never sell a ticket after the gangway closes.\n"
        "Use the \\`book\\` tool to reserve a cabin.\n"
        "  return 'Welcome aboard';\n"
        "`;\n"
    )
    # `import` opens no `.mspec` statement: the file is read as a prompt, not as a broken spec
    assert detect("prompts.ts", None, text) == "prompt"
    found = texts(parse_any(text, "prompts.ts"))
    assert "Never sell a ticket after the gangway closes." in found
    assert any(t.startswith("Use the") for t in found)
    # hard negatives: the program's own lines
    assert not any(t.startswith(("import", "export", "return")) for t in found)


def test_a_python_file_that_holds_a_prompt_keeps_its_words_and_skips_its_code():
    text = (
        'SYSTEM_PROMPT = """\n'
        "Never sell a ticket after the gangway closes.\n"
        "- return the booking number to the passenger\n"
        '"""\n\n\n'
        "def build(name: str) -> str:\n"
        "    return SYSTEM_PROMPT + name\n"
    )
    found = texts(parse_any(text, "prompts.py"))
    assert "Never sell a ticket after the gangway closes." in found
    # a lowercase "return" with words is an instruction; with an expression it is the program's
    assert any("return the booking number" in t for t in found)
    assert not any("SYSTEM_PROMPT" in t or t.startswith("def ") for t in found)


def test_a_party_binding_itself_leads_its_list():
    text = (
        "# Licensing\n\n"
        "When you contribute generated code, you warrant that:\n\n"
        "- You have the right to contribute it under the project's licence.\n"
        "- It copies no code from sources under an incompatible licence.\n\n"
        "Contributors who agree that the tests are slow can say so in the forum.\n"
    )
    spec = parse_markdown(text, "POLICY.md")
    rules = by_text(spec)
    lead = rules["When you contribute generated code, you warrant that:"]
    assert [c.text.text for c in lead.subrules] == [
        "You have the right to contribute it under the project's licence.",
        "It copies no code from sources under an incompatible licence.",
    ]
    # a relative clause that agrees is no undertaking
    assert not any(t.startswith("Contributors who agree") for t in rules)
    assert_spans_exact(spec, text)


def test_a_list_of_the_conditions_of_a_statement_holds_no_statements():
    text = (
        "# Planning\n\n"
        "- Mark the plan as ready only if all of these conditions are met:\n"
        "  - Every question of the user has an answer with a source\n"
        "  - The sources are less than a year old\n"
        "- Never start a step before the one it depends on.\n\n"
        "Stop searching when any of the following signs appear:\n\n"
        "- Three sources agree on the figure\n"
        "- The budget of ten searches is spent\n\n"
        "Before you reply, you must:\n\n"
        "- check every figure against its source\n"
    )
    spec = parse_markdown(text, "planner.md")
    rules = by_text(spec)
    assert "Mark the plan as ready only if all of these conditions are met:" in rules
    assert "Never start a step before the one it depends on." in rules
    assert "Stop searching when any of the following signs appear:" in rules
    assert not any(t.startswith(("Every question", "The sources", "Three sources", "The budget")) for t in rules)
    # a lead-in that instructs still leads its items
    assert [c.text.text for c in rules["Before you reply, you must:"].subrules] == ["check every figure against its source"]
    assert_spans_exact(spec, text)


def test_a_python_file_is_read_by_its_prose_strings_and_not_its_comments_or_code():
    text = (
        "# Tell the agent where skills live\n"
        "import os\n"
        'agent.skills_path = os.path.join("skills", "saved")  # This is only used by the server\n'
        "# agent.greeting = \"Always greet the user by name.\"\n"
        'agent.system_message = r"""\n'
        "Never sell a ticket after the gangway closes.\n"
        "Answer in English.\n"
        '""".strip()\n'
        'NOTE = "Refunds are issued within five working days, never in cash."\n'
        "\n"
        "def build(name: str) -> str:\n"
        '    """Return the prompt for a named ferry: never called by the agent."""\n'
        '    return agent.system_message + f"Always call the ferry {name} by its name."\n'
    )
    spec = parse_any(text, "prompts.py")
    found = texts(spec)
    assert "Never sell a ticket after the gangway closes." in found
    assert "Answer in English." in found
    assert any(t.startswith("Refunds are issued") for t in found)
    assert any("Always call the ferry" in t for t in found)  # an f-string the program sends
    # comments, a commented-out string, code and a docstring are the program's
    assert not any("greet the user" in t or "skills" in t.lower() or "only used" in t for t in found)
    assert not any("never called by the agent" in t for t in found)
    assert_spans_exact(spec, text)
    # each statement's strings are a prompt of their own, the assignment names its section
    assert len(spec.prompts) == 3
    rule = next(r for r in spec.rules() if r.text is not None and r.text.text.startswith("Never sell"))
    assert rule.id.startswith("agent-system_message")


def test_a_rule_repeated_in_two_versions_of_a_python_prompt_is_no_duplicate():
    from specdsl.linting.linter import LintOptions, lint

    def lint_text(text, path, select):
        return lint(text, path, options=LintOptions(select=select))

    one = "Never sell a ticket after the gangway closes.\nAnswer in English."
    text = f'PROMPT = """\n{one}\n"""\n\nPROMPT_V2 = """\n{one}\nBe brief.\n"""\n'
    codes = [d.code for d in lint_text(text, path="prompts.py", select=["C003"])]
    assert codes == []
    # within one prompt the same words twice are still a duplicate
    twice = f'PROMPT = """\n{one}\nNever sell a ticket after the gangway closes.\n"""\n'
    assert [d.code for d in lint_text(twice, path="prompts.py", select=["C003"])] == ["C003"]


def test_a_mutated_python_prompt_file_never_raises_and_its_rules_point_at_their_words():
    import random

    base = (
        "import os  # the program's\n"
        'SYSTEM = r"""\nNever sell a ticket after the gangway closes.\n'
        "Answer in English, and keep answers short because callers are on deck.\n\"\"\".strip()\n"
        'RULES = [\n    "Always give the departure time in local time.",\n    "Do not promise refunds.",\n]\n'
        'HINT = ("Mention the weather " "when a crossing may be rough.")\n'
        "def build(name):\n    \"\"\"Docstring: not sent.\"\"\"\n    return SYSTEM + f\"Call the ferry {name} by name.\"\n"
    )
    rng = random.Random(20261205)
    for _ in range(300):
        text = base
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(text))
            op = rng.random()
            if op < 0.4:
                text = text[:i] + text[i + rng.randint(1, 30) :]
            elif op < 0.8:
                text = text[:i] + rng.choice(['"""', "'", '"', "\0", "\r", "(", ")", "\\", "#", "\n", "+"]) + text[i:]
            else:
                text = text[:i]
        spec = parse_any(text, "prompts.py")
        for rule in spec.rules():
            assert 0 <= rule.span.offset <= rule.span.end_offset <= len(text)
            if rule.text is None:
                continue
            # the rule's words stand in its range, in their order (a cut-off file may leave
            # program text between two strings inside one range)
            source = text[rule.text.span.offset : rule.text.span.end_offset]
            at = 0
            for word in rule.text.text.split():
                at = source.find(word, at)
                assert at >= 0, (word, source)
                at += len(word)


def test_a_lone_carriage_return_in_a_python_string_keeps_the_prompts_where_they_are():
    from specdsl.prompts.program import strings

    text = 'NOTE = """one\rtwo three"""\nPROMPT = """\nNever sell a ticket after the gangway closes.\n"""\n'
    found = strings(text)
    assert [text[a:b] for a, b in found.ranges] == ["one\rtwo three", "Never sell a ticket after the gangway closes."]
    spec = parse_any(text, "prompts.py")
    assert "Never sell a ticket after the gangway closes." in texts(spec)
    assert_spans_exact(spec, text)


def test_a_file_named_py_that_is_not_python_is_read_as_a_plain_prompt():
    text = "You are a ferry assistant.\nNever sell a ticket after the gangway closes.\n  def (\n"
    found = texts(parse_any(text, "notes.py"))
    assert "Never sell a ticket after the gangway closes." in found


def test_an_mspec_file_is_known_by_a_declaration_in_its_whole_shape():
    from specdsl.model.frontends import detect

    for text in ('spec "Ferry"\n  version: 1\n', "# notes\nrule R1: Never sail at night.\n", "precedence: A > B\n",
                 'section "Tickets":\n  rule T1: Sell tickets.\n', 'include "base.mspec"\n'):
        assert detect("ferry", None, text) == "mspec", text
    # hard negatives: prose that opens with a keyword's word
    for text in ("Rule of thumb: be kind to passengers.\n", "Section 2 covers refunds.\n", "import os\n"):
        assert detect("ferry", None, text) == "prompt", text


def test_an_mdx_page_is_markdown_and_its_front_matter_is_no_rule():
    text = (
        "---\ntitle: \"Usage Policy\"\ndescription: \"Developers must get approval for their use case.\n"
        "hidden: true\n---\n\n"
        "## Universal requirements\n\n"
        "You must not use the service for any of the following prohibited activities. "
        "Descriptions of prohibited activities are illustrative, not exhaustive.\n\n"
        "- **Fraud.** Any use of the service to deceive passengers.\n"
        "- **Spam.** Sending bulk messages nobody asked for.\n"
    )
    spec = parse_any(text, "usage.mdx")
    found = texts(spec)
    assert spec.source_format == "markdown"
    assert not any("Developers must" in t for t in found)
    # the sentence that announces the list leads it, the remark after it is its words: the
    # items carry its prohibition
    items = [r for r in spec.rules() if r.origin == "list-item"]
    assert [r.text.text for r in items] == ["**Fraud.** Any use of the service to deceive passengers.",
                                            "**Spam.** Sending bulk messages nobody asked for."]
    lead = next(r for r in spec.rules() if r.origin == "lead-in")
    assert lead.text.text.endswith("illustrative, not exhaustive.")


def test_a_remark_that_instructs_after_the_announcing_sentence_keeps_the_list_unled():
    text = (
        "## Boarding\n\n"
        "Check the following documents. Never skip this check.\n\n"
        "- The ferry sails at noon.\n"
    )
    spec = parse_any(text, "ferry.md")
    # hard negative: the last sentence instructs, so it is no remark on the list and the
    # descriptive item is not made a rule
    assert "The ferry sails at noon." not in texts(spec)


def test_a_heading_that_instructs_over_only_code_is_the_rule():
    text = (
        "## Components\n\n"
        "### Avoid nested ternaries in render code\n\n"
        "```tsx\nconst x = a ? b : c ? d : e\n```\n\n"
        "### Getting started\n\n"
        "```sh\nnpm ci\n```\n"
    )
    found = texts(parse_any(text, "rules.mdc"))
    assert "Avoid nested ternaries in render code" in found
    assert "Getting started" not in found  # hard negative: a heading that names a topic


def test_code_that_holds_a_modal_word_is_a_name_not_the_verb():
    assert modality("Use `is` prefix for state: `isLoading`, `isPaused`") is Modality.OBLIGATION
    assert modality("Use `has` prefix for possession") is Modality.OBLIGATION
    assert modality("Anticipate potential impacts on other parts of the system") is Modality.OBLIGATION
    assert modality("Co-locate related components") is Modality.OBLIGATION
    # hard negative: a description with code in it stays one
    assert modality("The `is` prefix marks a boolean.") is None


def test_a_title_set_in_emphasis_alone_on_its_line_is_a_heading():
    text = (
        "## Ferry policy\n\n"
        "***Passenger protection***\n\n"
        "- Never board a passenger without a life jacket count.\n"
        "- Keep the exits clear.\n\n"
        "***Tickets***\n\n"
        "- Sell tickets until the gangway closes.\n\n"
        "**Board early.** Crew must arrive before passengers.\n"
    )
    spec = parse_markdown(text, "ferry.md")
    by_text = {r.text.text: r for r in spec.rules() if r.text is not None}
    # the title's words, without the marks, head the section of the list under it
    assert "Passenger protection" in by_text
    assert by_text["Keep the exits clear."].id.startswith("passenger-protection.")
    assert by_text["Sell tickets until the gangway closes."].id.startswith("tickets.")
    # hard negative: a bold sentence that opens a paragraph is no title
    assert not any(r.id.startswith("board-early") for r in spec.rules())
