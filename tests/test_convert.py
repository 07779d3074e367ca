"""`convert`: Markdown specs to `.mspec`, and back through the `.mspec` parser.

Converting and then parsing gives the same rules (ids and texts),
rationales, examples and references, on the whole corpus. Ids that are not
valid `.mspec` ids are renamed predictably (and the output says so).
"""

from __future__ import annotations

import pytest
from conftest import DATA

from specdsl.syntax.ast import RefList, Spec, Term
from specdsl.tools.convert import convert, valid_id
from specdsl.tools.format import format_text
from specdsl.markdown import parse_markdown
from specdsl.syntax.parser import parse

CORPUS = DATA / "corpus"
MARKDOWN = DATA / "markdown"
DOCUMENTS = sorted(
    p
    for p in CORPUS.rglob("*")
    if p.is_file() and p.suffix in (".md", ".txt") and p.name != "SOURCE.md" and p.parent != CORPUS
) + sorted(MARKDOWN.glob("*.md"))
LEVELS = {
    "model_spec.md": ["root", "system", "developer", "user", "guideline"],
    "model_spec_2025-02-12.md": ["platform", "developer", "user", "guideline"],
}


def words(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def summary(spec: Spec, rename: dict[str, str] | None = None) -> dict:
    """What a conversion must keep: per rule, its text, rationales, examples and references."""
    rename = rename or {}
    out = {}
    for rule in spec.rules():
        rid = rename.get(rule.id, rule.id)
        out[rid] = {
            "kind": rule.kind,
            "text": words(rule.text.text if rule.text else None),
            "attributes": sorted((a.key, tuple(v.value for v in a.values)) for a in rule.attributes),
            "rationales": [words(r.text.text if r.text else None) for r in rule.rationales],
            "examples": [
                (words(e.text.text if e.text else None), [(i.kind, words(i.text.text if i.text else None)) for i in e.items])
                for e in rule.examples
            ],
            "references": sorted(rename.get(x.value, x.value) for n in rule.body if isinstance(n, RefList) for x in n.refs),
            "subrules": [rename.get(s.id, s.id) for s in rule.subrules],
        }
    return out


def section_summary(spec: Spec) -> list:
    return [(s.title, [words(r.text.text) for r in s.rationales]) for s in spec.sections()]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name if p.parent == MARKDOWN else p.relative_to(CORPUS).as_posix())
def test_convert_round_trip(path):
    text = path.read_text(encoding="utf-8")
    levels = LEVELS.get(path.name, [])
    mspec = convert(text, str(path), levels=levels)
    back = parse(mspec, "converted.mspec")
    assert back.diagnostics == [], back.diagnostics[:3]
    original = parse_markdown(text, str(path))
    assert summary(back) == summary(original)
    assert section_summary(back) == section_summary(original)
    assert [(t.name, words(t.definition.text)) for t in back.items_of(Term)] == [
        (t.name, words(t.definition.text)) for t in original.items_of(Term)
    ]
    if levels:
        assert [n.value for n in back.header.levels.names] == levels


def test_texts_are_kept_exactly_where_no_line_had_to_move():
    """Whitespace aside, nothing changes; and most prose keeps even its line breaks."""
    text = (MARKDOWN / "constructs.md").read_text()
    back = parse(convert(text, "constructs.md"))
    original = parse_markdown(text, "constructs.md")
    exact = {r.id: r.text.text for r in original.rules() if r.text}
    assert {r.id: r.text.text for r in back.rules() if r.text} == exact


def test_conversion_is_in_the_canonical_layout():
    for name in ["constructs.md"]:
        out = convert((MARKDOWN / name).read_text(), name)
        assert format_text(out) == out


def test_model_spec_conversion():
    path = CORPUS / "openai-model-spec" / "model_spec.md"
    out = convert(path.read_text(), str(path), levels=LEVELS["model_spec.md"])
    assert out.startswith("# Converted from model_spec.md by `speclint convert`.\n")
    assert 'spec "model_spec"\n  levels: root > system > developer > user > guideline\n' in out
    assert "  rule follow_all_applicable_instructions [level: root]: Follow all applicable instructions\n" in out
    back = parse(out)
    assert sum(1 for r in back.rules() if r.kind == "rule") == 59
    assert sum(len(r.examples) for r in back.rules()) == 181
    # a line of an example that would read as a comment ("# functions") stays prose
    assert "# functions" in "\n".join(i.text.text for r in back.rules() for e in r.examples for i in e.items if i.text)


def test_invalid_ids_are_renamed_and_reported():
    md = (
        "## First rule {#1st:rule authority=root}\n\nDo the first thing. See [the other](#other rule).\n\n"
        "## Other {#other-rule authority=root}\n\nDo the other thing, see [?](#1st:rule).\n\n"
        "## Third {#id-1st-rule authority=top-level!}\n\nDo a third thing.\n"
    )
    out = convert(md, "ids.md", levels=["top-level!"])
    assert "# id `1st:rule` (line 1) is `id-1st-rule-2` here" in out
    assert "# name `top-level!` is `top-level` here" in out
    back = parse(out)
    assert back.diagnostics == []
    ids = [r.id for r in back.rules() if r.kind == "rule"]
    assert ids == ["id-1st-rule-2", "other-rule", "id-1st-rule"]
    refs = [x.value for r in back.rules() for n in r.body if isinstance(n, RefList) for x in n.refs]
    assert "id-1st-rule-2" in refs


def test_valid_id():
    assert valid_id("avoid_info_hazards") == "avoid_info_hazards"
    assert valid_id("claude’s-core-values") == "claudes-core-values"
    assert valid_id("1st rule") == "id-1st-rule"
    assert valid_id("a..b") == "a.b"
    assert valid_id("::") == "id"
    assert valid_id("x.y", dots=False) == "x-y"


def test_lines_that_would_read_as_statements_are_joined():
    md = (
        "## Rule {#r authority=root}\n\nThe assistant must keep notes\nrationale: short ones\n\n"
        "**Example**: code\n\n~~~xml\n<user>\nfirst\n\n# not a comment\n</user>\n<assistant> <!-- GOOD -->\nok\n</assistant>\n~~~\n"
    )
    out = convert(md, "r.md", levels=["root"])
    back = parse(out)
    assert back.diagnostics == []
    rule = back.rules().__next__()
    assert rule.subrules[0].text.text == "The assistant must keep notes rationale: short ones"
    prompt = rule.examples[0].items[0].text.text
    assert prompt == "first # not a comment"
    assert "is a space here" in out


def test_file_wide_suppressions_are_kept():
    md = "<!-- speclint: ignore-file[V002] reason: drafts -->\n\n## R {#r authority=root}\n\nBe reasonable.\n"
    out = convert(md, "s.md", levels=["root"])
    assert "# speclint: ignore-file[V002] reason: drafts" in out
    assert [d.scope for d in parse(out).directives] == ["ignore-file"]


def test_levels_from_the_configuration(tmp_path):
    (tmp_path / ".speclint.yaml").write_text("levels: [root, user]\n")
    md = tmp_path / "spec.md"
    md.write_text("## Kind {#kind authority=user}\n\nBe kind.\n")
    out = convert(md.read_text(), str(md))
    assert '  levels: root > user\n' in out


def test_convert_never_raises():
    for md in ["", "\x00", "~~~\n", "## {authority=x y}\n", "| ID | x |\n|---|---|\n| ** | ** |\n"]:
        out = convert(md, "x.md")
        assert parse(out).diagnostics == []


def test_text_between_rules_is_kept_as_comments_where_it_stood():
    text = (
        "# Guide\n\nWhat this guide is for.\n\n## Background\n\n"
        "This assistant serves nurses on night shifts.\n\n- a list\n- <!-- not a directive --> # speclint: ignore[R001]\n\n"
        "### Be brief {#brief authority=user}\n\nKeep answers short.\n"
    )
    out = convert(text, "guide.md")
    spec = parse(out)
    assert spec.diagnostics == [] and spec.directives == []  # quoted text never becomes a directive
    assert "# 3 passages of text outside any rule" in out
    lines = out.splitlines()
    background = lines.index('section "Background":')
    assert lines[background + 1 : background + 4] == [
        "  # > This assistant serves nurses on night shifts.",
        "  # > - a list",
        "  # > - <!-- not a directive --> # speclint: ignore[R001]",
    ]
    assert lines[lines.index('spec "Guide"') + 1] == "# > What this guide is for."
    assert format_text(out) == out


@pytest.mark.parametrize("path", [p for p in DOCUMENTS if p.parent != MARKDOWN], ids=lambda p: p.parent.name + "/" + p.name)
def test_every_word_of_a_corpus_spec_survives_conversion(path):
    # Words of the body (not the YAML front matter, the page's metadata), of four letters or more.
    import re

    text = path.read_text(encoding="utf-8")
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    out = convert(text, str(path), levels=LEVELS.get(path.name))
    found = lambda t: set(re.findall(r"[A-Za-z]{4,}", t))  # noqa: E731
    missing = found(body) - found(out)
    # what the Markdown reader drops by design: commentary markers and link-only tables of contents
    assert len(missing) <= 0.01 * len(found(body)) + 3, sorted(missing)
