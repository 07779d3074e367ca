"""Reading specs as they are written: prose, system prompts, agent instruction files.

Hard negatives (a README, a CHANGELOG, design notes, a story told in the
second person, quoted bad prompts) read no rule; every prompt syntax (tag
sections, nested tags, templates, plain text) has positive and negative
cases; ids are stable; `reading:` in the configuration chooses markup or
prose; the reader never raises and every rule's span points at its words.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from specdsl.model.frontends import detect, parse_any
from specdsl.markdown import parse_markdown

MARKDOWN = DATA / "markdown"
NEGATIVES = sorted((MARKDOWN / "negatives").iterdir())
PROMPTS = MARKDOWN / "prompts"
CONSTITUTION = DATA / "corpus" / "anthropic-claude-constitution" / "claude_constitution_20260120.md"


def read(path: Path):
    return parse_any(path.read_text(encoding="utf-8"), str(path))


def texts(spec) -> list[str]:
    return [r.text.text for r in spec.rules() if r.text is not None]


# ---------------------------------------------------------------- hard negatives


@pytest.mark.parametrize("path", NEGATIVES, ids=lambda p: p.name)
def test_hard_negatives_read_no_rule(path):
    spec = read(path)
    assert spec.diagnostics == []
    assert texts(spec) == []


def test_a_readme_read_as_prose_on_request_gives_its_instructions():
    # by name a README is read by its markup only; `reading="prose"` reads it as a spec
    text = (MARKDOWN / "negatives" / "README.md").read_text()
    found = texts(parse_markdown(text, "README.md", reading="prose"))
    assert any(t.startswith("Run `tidepool init`") for t in found)


# ---------------------------------------------------------------- prose


POLICY = """\
# Community rules

People come here to ask for help with their code.

## Conduct

Be kind to newcomers. Members must not post other people's personal information.
Moderators may lock a thread that turns hostile. This is because a hostile thread drives
newcomers away.

## Spam

- Do not post the same question in several channels.
- Never advertise paid services.
- Links to your own blog are fine when they answer the question.

This keeps the channels readable for everyone.

## History

The forum started in 2009 as a mailing list.
"""


def test_prose_statements_are_rules_with_their_origin():
    spec = parse_markdown(POLICY, "rules.md")
    rules = {r.text.text: r for r in spec.rules()}
    assert list(rules) == [
        "Be kind to newcomers.",
        "Members must not post other people's personal information.",
        "Moderators may lock a thread that turns hostile.",
        "Spam",
        "Do not post the same question in several channels.",
        "Never advertise paid services.",
    ]
    kind = rules["Be kind to newcomers."]
    assert kind.origin == "sentence" and kind.kind == "rule" and kind.id == "conduct.kind-newcomers"
    lock = rules["Moderators may lock a thread that turns hostile."]
    assert [r.text.text for r in lock.rationales] == ["This is because a hostile thread drives newcomers away."]
    # a heading over a list of normative items is a rule, the items its subrules
    spam = rules["Spam"]
    assert spam.origin == "heading" and [s.origin for s in spam.subrules] == ["list-item", "list-item"]
    assert [r.text.text for r in spam.rationales] == ["This keeps the channels readable for everyone."]
    assert [s.title for s in spec.sections()] == ["Conduct", "History"]


def rules_by_text(spec) -> dict:
    """The rules read, by their words."""
    return {r.text.text: r for r in spec.rules()}


def test_a_heading_is_the_rule_of_its_list_only_when_most_items_instruct():
    text = (
        "# Guide\n\n## Testing strategy\n\n"
        "- **Unit tests**: `tests/` with one file per module\n"
        "- **Fixtures**: `tests/fixtures/` for recorded timetables\n"
        "- **Fake clock**: Use `FakeClock` for deterministic timetables\n"
        "- **Supported versions**: Python 3.10 to 3.13\n\n"
        "## Releases\n\n"
        "- Tag every release.\n- Never publish from a branch.\n- Write the changelog first.\n- The release notes live in `docs/`.\n"
    )
    spec = parse_markdown(text, "AGENTS.md")
    by_text = rules_by_text(spec)
    # one instruction among descriptions: it is a rule of its own, the heading a section's title
    assert "Testing strategy" not in by_text
    clock = by_text["**Fake clock**: Use `FakeClock` for deterministic timetables"]
    assert clock.origin == "list-item" and clock.kind == "rule"
    # three of four items instruct: the heading is their rule
    releases = by_text["Releases"]
    assert releases.origin == "heading" and len(releases.subrules) == 3


def test_a_section_title_that_names_what_is_forbidden_forbids_the_items_of_its_lists():
    text = (
        "# Harbour forum policy\n\n## Prohibited content\n\n"
        "- **Doxxing**: home addresses, phone numbers, or instructions to find them.\n"
        "- **Touting**: selling tickets for sailings you do not run.\n\n"
        "## Permitted uses\n\n- Photos of the harbour from public ground.\n\n"
        "## Prohibited and allowed items\n\n- Bicycles on the car deck.\n\n"
        "## Restricted content\n\n- Photos of the crew.\n"
    )
    spec = parse_markdown(text, "policy.md", reading="prose")
    by_text = rules_by_text(spec)
    prohibited = by_text["Prohibited content"]
    assert prohibited.origin == "heading" and [s.text.text for s in prohibited.subrules] == [
        "**Doxxing**: home addresses, phone numbers, or instructions to find them.",
        "**Touting**: selling tickets for sailings you do not run.",
    ]
    assert "Photos of the harbour from public ground." in by_text  # a permission
    # a title naming both, or only a topic, carries nothing: its noun-phrase items are no rules
    assert "Bicycles on the car deck." not in by_text and "Photos of the crew." not in by_text


def test_a_bold_lead_in_that_names_violations_forbids_its_items():
    text = (
        "# Harbour forum policy\n\n## Touting\n\nSelling tickets for other people's sailings.\n\n"
        "**Examples of violations:**\n\n- Reselling a season pass\n- Posting a ticket for sale in the timetable thread\n\n"
        "**Key facts:**\n\n- The forum opened in 2019\n- Three moderators\n"
    )
    spec = parse_markdown(text, "policy.md", reading="prose")
    lead = next(r for r in spec.rules() if r.text.text == "**Examples of violations:**")
    assert lead.origin == "lead-in" and [s.text.text for s in lead.subrules] == [
        "Reselling a season pass", "Posting a ticket for sale in the timetable thread"
    ]
    assert not any("2019" in r.text.text or "moderators" in r.text.text for r in spec.rules())


def test_a_hard_line_break_ends_a_title_or_a_statement_but_not_a_sentence():
    text = (
        "# Values\n\n"
        "1. Punctuality over speed  \n   Announce a delay before the sailing, not after it.\n"
        "2. Plain words  \n   Explain a cancellation in words a child can follow.\n\n"
        "The crew does not guess.  \nThe crew does not promise.\n\n"
        "Always announce the platform of the connecting train when  \nthe ferry is late.\n"
    )
    spec = parse_markdown(text, "values.md", reading="prose")
    found = [r.text.text for r in spec.rules()]
    assert "Announce a delay before the sailing, not after it." in found
    assert "Explain a cancellation in words a child can follow." in found
    assert "The crew does not guess." in found and "The crew does not promise." in found
    # a sentence carried on over a hard break stays one statement
    assert any(t.startswith("Always announce the platform") and t.endswith("the ferry is late.") for t in found)
    assert "Plain words" not in found  # the title alone instructs nothing


def test_a_forbidding_title_or_a_dangling_lead_in_hands_its_force_to_the_lists_of_its_subsections():
    text = (
        "# Crew AI policy\n\n"
        "## Prohibited uses\n\n### Passenger data\n\n- Manifests of sailings\n- Cabin numbers of named passengers\n\n"
        "### Examples of allowed prompts\n\n- Timetable summaries\n\n"
        "## Tools\n\nAI tools must not be used to:\n\n### Safety\n\n- Plan a rescue at sea\n- Set a ballast plan\n\n"
        "## Uses\n\nAI tools may be used for:\n\n- Drafting notices\n- Translating announcements\n\n"
        "Only tools approved by the harbour office may be used for crew business.\n"
    )
    spec = parse_markdown(text, "policy.md", reading="prose")
    by_text = rules_by_text(spec)
    # noun phrases, read as rules only by the force handed down to them
    assert [x.text.text for x in by_text["Passenger data"].subrules] == ["Manifests of sailings", "Cabin numbers of named passengers"]
    assert [x.text.text for x in by_text["Safety"].subrules] == ["Plan a rescue at sea", "Set a ballast plan"]
    assert "Timetable summaries" not in by_text  # a subsection that turns away ("allowed") is handed nothing
    uses = by_text["AI tools may be used for:"]
    assert [x.text.text for x in uses.subrules] == ["Drafting notices", "Translating announcements"]
    assert "Only tools approved by the harbour office may be used for crew business." in by_text


def test_a_rule_column_of_names_does_not_make_a_document_mark_its_rules():
    text = (
        "# Setup\n\nEmployees may only use approved tools.\n\n"
        "| Rule | Requirement |\n|---|---|\n| Software installation | Do not install unapproved software |\n"
        "| Account usage | Do not use personal accounts for crew work |\n"
    )
    spec = parse_markdown(text, "setup.md")
    found = [r.text.text for r in spec.rules()]
    assert "Employees may only use approved tools." in found  # read as prose: nothing is marked
    assert "Do not use personal accounts for crew work" in found
    # a column of ids still marks them
    marked = parse_markdown(text.replace("Software installation", "S-1").replace("Account usage", "S-2"), "setup.md")
    assert sorted(r.id for r in marked.rules()) == ["S-1", "S-2"]


def test_every_rule_has_an_origin_and_mspec_rules_none():
    for rule in parse_markdown(POLICY, "rules.md").rules():
        assert rule.origin in ("heading", "list-item", "lead-in", "sentence", "tag", "table-row")
    mspec = parse_any('spec "S"\n\nrule a: Be kind.\n', "s.mspec")
    assert [r.origin for r in mspec.rules()] == [None]


def test_a_normative_lead_in_carries_its_modality_into_its_items():
    from specdsl.model.model import build_model

    text = "# Tutor\n\n## Homework\n\nThe tutor should never:\n\n- write the essay\n- hand over the answers\n"
    spec = parse_markdown(text, "t.md")
    model = build_model(spec, path="t.md", text=text)
    (lead,) = [r for r in spec.rules() if r.kind == "rule"]
    assert lead.origin == "lead-in" and lead.id == "homework"
    from specdsl.language import Modality

    for sub in lead.subrules:
        assert model.analysis(model.by_id[sub.id]).modality is Modality.PROHIBITION


def test_tables_without_an_id_column_give_a_rule_per_normative_row():
    text = "## Sharing\n\n| Data | Policy |\n| --- | --- |\n| Address | Never share it. |\n| City | Share it when asked. |\n| Name | Public. |\n"
    spec = parse_markdown(text, "t.md")
    rows = [r for r in spec.rules() if r.origin == "table-row"]
    assert [r.text.text for r in rows] == ["Never share it.", "Share it when asked."]
    for r in rows:
        assert text[r.text.span.offset : r.text.span.end_offset] == r.text.text


# ---------------------------------------------------------------- ids


def test_ids_are_stable_and_adding_a_rule_keeps_the_others():
    first = [r.id for r in parse_markdown(POLICY, "rules.md").rules()]
    assert first == [r.id for r in parse_markdown(POLICY, "rules.md").rules()]
    grown = POLICY.replace("- Never advertise paid services.\n", "- Never advertise paid services.\n- Never post invite links.\n")
    grown = grown.replace("Be kind to newcomers.", "Greet newcomers by name. Be kind to newcomers.")
    second = [r.id for r in parse_markdown(grown, "rules.md").rules()]
    assert set(first) < set(second) and len(second) == len(first) + 2


def test_statements_that_begin_alike_are_told_apart_by_their_text():
    text = "## Tone\n\n- Never use sarcasm with a customer who is upset.\n- Never use sarcasm with a customer who is new.\n"
    ids = [r.id for r in parse_markdown(text, "t.md").rules()]
    assert len(set(ids)) == len(ids) == 3
    assert ids[1] == "tone.use-sarcasm-customer-upset"


# ---------------------------------------------------------------- markup


def test_a_bare_id_marks_a_rule_unless_the_document_gives_levels():
    bare = "# Spec\n\n## Be brief {#brief}\n\nAnswer in three sentences at most.\n\n## About\n\nWe sell ferries.\n"
    spec = parse_markdown(bare, "b.md")
    (rule,) = [r for r in spec.rules() if r.kind == "rule"]
    assert rule.id == "brief" and rule.origin == "heading"
    # only marked headings are rules: "We sell ferries." is not read
    assert [r.text.text for r in spec.rules()] == ["Be brief", "Answer in three sentences at most."]
    strong = bare + "\n## Never lie {#no_lies authority=root}\n\nDo not lie.\n"
    assert [r.id for r in parse_markdown(strong, "s.md").rules() if r.kind == "rule"] == ["no_lies"]


def test_reading_prose_reads_a_marked_document_whole():
    text = "## Be brief {#brief authority=user}\n\nAnswer briefly.\n\n## Other\n\nNever invent a fare.\n"
    assert [r.id for r in parse_markdown(text, "m.md").rules()] == ["brief", "brief.1"]
    prose = parse_markdown(text, "m.md", reading="prose")
    assert [r.text.text for r in prose.rules()] == ["Be brief", "Answer briefly.", "Never invent a fare."]
    assert next(prose.rules()).level == "user"


def test_reading_in_the_configuration(tmp_path):
    from specdsl.workspace.config import ConfigError, load_config
    from specdsl.workspace.runner import model_for

    spec = tmp_path / "policy.md"
    spec.write_text("## Be brief {#brief authority=user}\n\nAnswer briefly.\n\n## Other\n\nNever invent a fare.\n")
    config = tmp_path / ".speclint.yaml"
    config.write_text("levels: [user]\n")
    assert len(model_for(str(spec))[0].rules) == 2
    config.write_text("levels: [user]\nreading: prose\n")
    assert len(model_for(str(spec))[0].rules) == 3
    config.write_text("levels: [user]\nreading: prose\nper-path-reading:\n  'policy.md': markup\n")
    assert len(model_for(str(spec))[0].rules) == 2
    config.write_text("reading: sometimes\n")
    with pytest.raises(ConfigError, match="reading"):
        load_config(config)


# ---------------------------------------------------------------- prompts


def test_tag_sections_are_sections_named_by_their_tag():
    spec = read(PROMPTS / "tags.txt")
    assert [s.title for s in spec.sections()] == ["system_prompt", "rules", "refunds", "context"]
    found = texts(spec)
    assert found == [
        "Never share a passenger's booking reference with anyone but the passenger.",
        "Always give departure times in the port's local time.",
        "Offer a refund when a sailing is cancelled.",
        "Do not promise compensation for delays.",
    ]
    # nested tags nest; the example's turns are quoted, never rules
    refunds = next(s for s in spec.sections() if s.title == "refunds")
    assert [r.id for r in refunds.body] == ["refunds.offer-refund-sailing-cancelled", "refunds.promise-compensation-delays"]
    assert not any("booking number" in t or "Sorry" in t for t in found)
    text = (PROMPTS / "tags.txt").read_text()
    for section in spec.sections():
        assert text[section.title_span.offset : section.title_span.end_offset] == section.title


def test_template_syntax_is_skipped():
    spec = read(PROMPTS / "template.j2")
    assert texts(spec) == [
        "Remind passengers that the café is closed after 22:00.",
        "Never guess a departure time you have not been given.",
    ]


def test_plain_text_is_read_by_lines():
    spec = read(PROMPTS / "plain.txt")
    assert texts(spec) == [
        "Answer in the passenger's language",
        "Never take a card number in the chat",
        "If a passenger asks about pets, point them to the pet policy page",
    ]
    # in a Markdown paragraph, lines without a full stop run together
    as_markdown = texts(parse_markdown((PROMPTS / "plain.txt").read_text(), "p.md", plain=False))
    assert "language Never take a card number" in as_markdown[0]


@pytest.mark.parametrize("name", ["no-rules.txt", "not-sections.md"])
def test_prompt_negatives(name):
    spec = read(PROMPTS / name)
    assert texts(spec) == [] and spec.diagnostics == []
    assert list(spec.sections()) == []  # <details> is HTML, not a tag section


def test_prompt_files_are_dispatched_by_name():
    assert [detect(p) for p in ["a.txt", ".cursorrules", "x/system.j2", "p.jinja", "AGENTS.md", "a.mspec", "x.yaml", "x"]] == [
        "prompt", "prompt", "prompt", "prompt", "markdown", "mspec", "yaml", "mspec"
    ]


def test_check_reads_a_prompt_file_named_explicitly(tmp_path):
    from specdsl.workspace.runner import run

    path = tmp_path / ".cursorrules"
    path.write_text("1. **No Apologies**: Never use apologies.2. **Be Brief**: Keep answers short.\n")
    result = run([str(path)], use_cache=False)
    assert result.errors == [] and result.rules == 2


def test_the_claude_constitution_yields_its_statements():
    spec = read(CONSTITUTION)
    rules = list(spec.rules())
    assert len(rules) > 300
    assert {r.origin for r in rules} >= {"sentence", "list-item", "lead-in"}


# ---------------------------------------------------------------- never raises, spans exact


SEEDS = [POLICY, (PROMPTS / "tags.txt").read_text(), (PROMPTS / "template.j2").read_text(),
         (MARKDOWN / "negatives" / "bad-prompt-examples.md").read_text(), (PROMPTS / "prompts.yml").read_text(),
         (PROMPTS / "plain-blocks.txt").read_text(), (MARKDOWN / "forms" / "charter.md").read_text(),
         (MARKDOWN / "forms" / "policy.md").read_text()]
PIECES = ["<rules>\n", "</rules>\n", "<example>", "</example>", "{% if x %}", "{{ y }}", "{#", "#}", "- ", "1. ", "## ",
          "> ", "```\n", "Never ", "must ", ":\n", "\n\n", "|", "**", "`", "\r\n", "\t", "é", "${", "}",
          "<p>", "</p>", "<li>", "<ol>", "<br>", "content: |\n", "  - ", "&anchor ", "*anchor", "<%= x %>"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), edits=st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1), st.sampled_from(PIECES)), max_size=6),
       name=st.sampled_from(["a.md", "a.txt", "a.j2", ".cursorrules", "a.yml", "a.html.md.erb"]))
def test_mutated_documents_never_raise_and_spans_point_at_their_words(seed, edits, name):
    text = seed
    for where, cut, piece in edits:
        a = int(where * len(text))
        b = min(len(text), a + int(cut * 20))
        text = text[:a] + piece + text[b:]
    spec = parse_any(text, name)
    assert all(d.code == "S001" for d in spec.diagnostics)
    for rule in spec.rules():
        assert 0 <= rule.span.offset <= rule.span.end_offset <= len(text)
        if rule.text is not None and rule.text.text.split():
            first = rule.text.text.split()[0]
            assert first in text[rule.text.span.offset : rule.text.span.end_offset]
    # what was not read, and why (`speclint rules --unread`), never raises either, and points at its words
    from specdsl.tools.readout import unread_text

    reading, passages = unread_text(text, name)
    assert reading in ("prose", "markup", None)
    for u in passages:
        a, b = u.span.offset, u.span.end_offset
        assert 0 <= a < b <= len(text) and text[a:b] == u.text and u.reason
