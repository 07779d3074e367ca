"""Fixes that keep the spec (issue 14, findings 6 to 8; issue 19).

`speclint fix --unsafe-fixes` keeps every rule, as the safe path does; a fix
is applied, and offered in the editor, only when applying it removes its
finding; a Markdown suppression goes without changing the blocks around it;
`fmt` keeps a no-break space that is a suppression's whole reason; and the fix
of a suppression without a reason takes all of it, `]` included.
"""

from __future__ import annotations

import gc
from collections import Counter
from pathlib import Path

import pytest

import specdsl
from specdsl import cli
from specdsl.checks.edits import EMPTY_COMMENT
from specdsl.core.diagnostics import Diagnostic, Edit, Fix
from specdsl.linting.fixes import apply_fix, fix_text
from specdsl.workspace.options import file_linter as linter
from specdsl.model.frontends import parse_any


@pytest.fixture(autouse=True)
def _collector():
    yield
    gc.enable()  # `cli.main` turns the cyclic collector off for its short-lived process


def rules_of(path: Path) -> list[tuple[str, str]]:
    text = path.read_text()
    return [(r.id, " ".join(r.text.text.split()) if r.text else "") for r in parse_any(text, str(path)).rules()]


def fix(path: Path, *flags: str, capsys=None) -> str:
    """Run `speclint fix FLAGS PATH`; its message on stderr."""
    assert cli.main(["fix", *flags, str(path)]) == 0
    return capsys.readouterr().err if capsys is not None else ""


LEVELS = "---\nspeclint:\n  levels: [root]\n---\n"

# Finding 6: a suppression inside an HTML block, with a `~~~` after it in the block.
HTML_BLOCK = (
    LEVELS + "# Policy\n\n"
    "<div>\n<!-- speclint: ignore[V004] reason: none here -->\n~~~\n</div>\n\n"
    "## Be honest {#honest authority=root}\n\n"
    "The assistant must never lie to the user, because trust depends on it.\n\n"
    "## Be kind {#kind authority=root}\n\n"
    "The assistant must be kind to users.\n"
)


# ---------------------------------------------------------------- finding 6


@pytest.mark.parametrize("flags", [(), ("--unsafe-fixes",)])
def test_removing_a_suppression_inside_an_html_block_keeps_every_rule(tmp_path, capsys, flags):
    spec = tmp_path / "policy.md"
    spec.write_text(HTML_BLOCK)
    before = rules_of(spec)
    assert [rule for rule, _ in before] == ["honest", "honest.1", "kind", "kind.1"]
    fix(spec, *flags, capsys=capsys)
    text = spec.read_text()
    assert "speclint: ignore" not in text
    # the comment went without a trace: a blank line would have ended the block,
    # and the `~~~` would have opened a fence to the end of the file
    assert "<div>\n~~~\n</div>\n" in text
    assert not Counter(before) - Counter(rules_of(spec))


def test_the_rule_guard_applies_to_unsafe_fixes(tmp_path, monkeypatch, capsys):
    # Whatever an unsafe fix does, `fix --unsafe-fixes` never drops or rewords a rule.
    from specdsl.linting import fixes

    spec = tmp_path / "s.mspec"
    original = "rule A: Answer briefly.\nrule B: Cite a source for each claim.\n"
    spec.write_text(original)
    real = fixes.apply_fixes

    def dropping(text, diagnostics, **kwargs):
        # every fix deletes the first rule's line (and claims to add a rationale)
        bad = Fix.make(message="add a rationale", safe=False, edits=[Edit.make(span=_span(text, 0, 24), new_text="")])
        return real(text, [d.replace(fix=bad) for d in diagnostics], **kwargs)

    monkeypatch.setattr(fixes, "apply_fixes", dropping)
    err = fix(spec, "--unsafe-fixes", capsys=capsys)
    assert spec.read_text() == original
    assert "not fixed: the fix would change the spec's rules" in err


def _span(text: str, start: int, end: int):
    from specdsl.checks.edits import _point

    return _point(text, start).to(_point(text, end))


# ---------------------------------------------------------------- Markdown suppressions keep the blocks


def _removal(text: str) -> str:
    """The text once the unused suppression's fix is applied."""
    (s007,) = [d for d in specdsl.lint(text, "x.md") if d.code == "S007"]
    return apply_fix(text, s007.fix)


def _blocks(text: str) -> list[tuple[str, str]]:
    """The blocks markdown-it reads (type and text), without the HTML comments."""
    from specdsl.markdown.tokens import _md

    out = []
    for tok in _md().parse(text, {}):
        content = tok.content
        if tok.type == "html_block":
            content = "".join(line for line in content.splitlines(True) if "<!--" not in line)
            if not content.strip():
                continue
        out.append((tok.type, content))
    return out


HEAD = LEVELS + "# Spec\n\n## Keys {#keys authority=root}\n\n"


@pytest.mark.parametrize(
    "name, text, expected",
    [
        (
            "inside a div, above a fence mark",
            HEAD + "<div>\n<!-- speclint: ignore[V004] reason: none -->\n~~~\n</div>\n\nNever share keys, because keys open doors.\n",
            HEAD + "<div>\n~~~\n</div>\n\nNever share keys, because keys open doors.\n",
        ),
        (
            "ending a comment opened above",
            HEAD + "<!-- notes\n<!-- speclint: ignore[V004] reason: none -->\nNever share keys, because keys open doors.\n",
            HEAD + f"<!-- notes\n{EMPTY_COMMENT}\nNever share keys, because keys open doors.\n",
        ),
        (
            "between two lists",
            HEAD + "- Never share keys.\n<!-- speclint: ignore[V004] reason: none -->\n- Never share passwords.\n",
            HEAD + f"- Never share keys.\n{EMPTY_COMMENT}\n- Never share passwords.\n",
        ),
        (
            "between a lead-in and its list",
            HEAD + "The assistant never shares:\n<!-- speclint: ignore[V004] reason: none -->\n- keys,\n- passwords.\n",
            HEAD + f"The assistant never shares:\n{EMPTY_COMMENT}\n- keys,\n- passwords.\n",
        ),
        (
            "before the H1 that would become the title",
            "<!-- speclint: ignore-file[V004] reason: none -->\n# Spec\n\n## Keys {#keys authority=root}\n\nNever share keys.\n",
            f"{EMPTY_COMMENT}\n# Spec\n\n## Keys {{#keys authority=root}}\n\nNever share keys.\n",
        ),
    ],
)
def test_markdown_suppression_removal_keeps_the_blocks(name, text, expected):
    fixed = _removal(text)
    assert fixed == expected
    assert _blocks(fixed) == _blocks(text)
    assert [(r.id, r.text.text) for r in parse_any(fixed, "x.md").rules()] == [
        (r.id, r.text.text) for r in parse_any(text, "x.md").rules()
    ]


def test_a_markdown_suppression_of_its_own_goes_with_its_line_as_before():
    # Not a regression: what the common cases did, they still do (a comment line
    # between two paragraphs leaves a blank line; above its paragraph it just goes).
    between = HEAD + "Never share keys, because keys open doors.\n<!-- speclint: ignore[V004] reason: none -->\nNever share passwords, because they open accounts.\n"
    assert _removal(between) == HEAD + "Never share keys, because keys open doors.\n\nNever share passwords, because they open accounts.\n"
    above = HEAD + "<!-- speclint: ignore[V004] reason: none -->\nNever share keys, because keys open doors.\n"
    assert _removal(above) == HEAD + "Never share keys, because keys open doors.\n"


# ---------------------------------------------------------------- finding 7


def test_a_rule_in_a_markdown_table_gets_no_stub_and_fix_leaves_the_table(tmp_path, capsys):
    spec = tmp_path / "principles.md"
    text = (
        "# Policy\n\n## Principles\n\n| ID | Principle |\n|----|-----------|\n"
        "| P1 | The assistant must never lie to users. |\n| P2 | The assistant must not share private data. |\n\n"
        "## After\n\nSome closing text.\n"
    )
    spec.write_text(text)
    r001 = [d for d in specdsl.lint(text, str(spec)) if d.code == "R001"]
    assert [d.rule for d in r001] == ["P1", "P2"]
    assert all(d.fix is None for d in r001)  # a block after a row would break the table
    assert fix(spec, "--unsafe-fixes", capsys=capsys).endswith("fixed 0 findings in 0 files\n")
    assert spec.read_text() == text


INDENT_ERROR = (
    'spec "T"\n\nsection "S":\n'
    "    rule A1: Do one thing.\n      rationale: Because it matters to users.\n"
    "  rule A2 [hard]: Do not delete user files.\n"
    "    rationale: Deleted files cannot be recovered, so users lose work.\n"
)


def test_a_rule_under_an_indentation_error_gets_no_stub(tmp_path, capsys):
    spec = tmp_path / "s.mspec"
    spec.write_text(INDENT_ERROR)
    found = specdsl.lint(INDENT_ERROR, str(spec))
    assert {d.code for d in found} == {"S001", "R002"}
    assert all(d.fix is None for d in found)
    fix(spec, "--unsafe-fixes", capsys=capsys)
    fix(spec, "--unsafe-fixes", capsys=capsys)
    assert spec.read_text() == INDENT_ERROR  # not ten `rationale: TODO` lines a run


def _never_clearing(model, info):
    """A rationale 'stub' that is only a comment: it can never clear R001."""
    text = model.text_of(info.path)
    end = text.find("\n", info.rule.span.offset)
    end = len(text) if end < 0 else end
    return Fix.make(message="add a rationale stub", safe=False, edits=[Edit.make(span=_span(text, end, end), new_text="\n  # TODO")])


def test_a_fix_that_leaves_its_finding_is_not_applied(tmp_path, monkeypatch, capsys):
    from specdsl.checks.rationale import r001_missing_rationale

    monkeypatch.setattr(r001_missing_rationale, "rationale_stub", _never_clearing)
    spec = tmp_path / "s.mspec"
    spec.write_text("rule A: Answer briefly.\n")
    err = fix(spec, "--unsafe-fixes", capsys=capsys)
    assert spec.read_text() == "rule A: Answer briefly.\n"
    assert "s.mspec:1: R001: not fixed: the fix would leave its finding in place" in err
    assert err.endswith("fixed 0 findings in 0 files\n")


def test_fix_text_keeps_the_fixes_that_work_and_refuses_the_others(tmp_path):
    # One good fix (an unused suppression goes) and one that adds a syntax error: the good one is kept.
    path = tmp_path / "s.mspec"
    text = "# speclint: ignore[V004] reason: none\nrule A: Answer briefly.\n  rationale: Users read short answers.\n"
    path.write_text(text)
    lint = linter(str(path))
    (s007,) = [d for d in lint(text).diagnostics if d.code == "S007"]
    broken = s007.replace(code="X001", message="made up", fix=Fix.make(
        message="break it", safe=False, edits=[Edit.make(span=_span(text, len(text), len(text)), new_text="rule\n")]))
    first = lint(text)

    def with_broken(t):
        found = lint(t)
        if t == text:
            found.diagnostics = [*first.diagnostics, broken]
        return found

    run = fix_text(text, with_broken, unsafe=True, path=str(path))
    assert run.text == "rule A: Answer briefly.\n  rationale: Users read short answers.\n"
    assert [d.code for d in run.applied] == ["S007"]
    assert [(d.code, why) for d, why in run.refused] == [("X001", "add a syntax error")]


@pytest.mark.parametrize("together", [False, True], ids=["one-fix-at-fault", "fine-alone-not-together"])
def test_finding_the_fixes_at_fault_never_lints_a_text_twice(tmp_path, together):
    # A refused round is sifted for the fixes at fault; a text whose verdict is
    # known (the whole round's) is not linted again to learn it.
    path = tmp_path / "s.mspec"
    text = "rule A: Answer briefly.\n  rationale: Users read short answers.\n"
    path.write_text(text)
    lint = linter(str(path))
    first = lint(text)
    assert first.diagnostics == []

    def made_up(code: str, at: int, line: str) -> Diagnostic:
        edit = Edit.make(span=_span(text, at, at), new_text=line)
        return Diagnostic(code=code, message=code, span=_span(text, at, at), path=str(path),
                          fix=Fix.make(message=code, safe=False, edits=[edit]))

    # X1 adds a comment line above the rule; X2 one below it, or a line that breaks the spec
    fixes = [made_up("X1", 0, "# one\n"), made_up("X2", len(text), "# two\n" if together else "rule\n")]
    linted: Counter = Counter()

    def counted(t):
        linted[t] += 1
        found = lint(t)
        if t == text:
            found.diagnostics = [*first.diagnostics, *fixes]
        elif together and "# one" in t and "# two" in t:
            found.syntax_errors += 1  # the two get on alone, not together
        return found

    run = fix_text(text, counted, unsafe=True, path=str(path))
    assert [t for t, n in linted.items() if n > 1] == []
    if together:
        assert [d.code for d in run.applied] == ["X1"] and not run.refused  # the first half is kept
    else:
        assert [d.code for d in run.applied] == ["X1"]
        assert [(d.code, why) for d, why in run.refused] == [("X2", "add a syntax error")]


def test_fix_text_does_not_lint_again_the_text_whose_lint_it_is_given(tmp_path):
    # The editor has linted the buffer already (as for `proves`): fixing it starts from that lint.
    path = tmp_path / "s.mspec"
    text = "# speclint: ignore[V004] reason: none\nrule A: Answer briefly.\n  rationale: Users read short answers.\n"
    path.write_text(text)
    lint = linter(str(path))
    linted: Counter = Counter()

    def counted(t):
        linted[t] += 1
        return lint(t)

    run = fix_text(text, counted, path=str(path), before=lint(text))
    assert run.text == "rule A: Answer briefly.\n  rationale: Users read short answers.\n"
    assert [d.code for d in run.applied] == ["S007"]
    assert linted == Counter({run.text: 1})


def test_the_language_server_offers_only_fixes_that_clear_their_finding(tmp_path, monkeypatch):
    from lsprotocol import types

    from specdsl.checks.rationale import r001_missing_rationale
    from specdsl.lsp.features.actions import code_actions
    from specdsl.lsp.positions import LineIndex
    from specdsl.lsp.state import View, lint_run

    def actions_for(name: str, text: str) -> list[str]:
        path = str(tmp_path / name)
        Path(path).write_text(text)
        run = lint_run(path, text, 1, loader=lambda p: Path(p).read_text())
        index = LineIndex(text)
        view = View(uri=f"file://{path}", path=path, text=text, version=1, spec=run.model.root.spec,
                    model=run.model, index=index, diagnostics=run.by_path[path])
        (r001,) = [d for d in view.diagnostics if d.code == "R001"]
        found = code_actions(view, index.range(r001.span), None, lambda p: index, lambda p: view.uri)
        return [a.title for a in found]

    text = "rule A: Answer briefly.\n"
    assert "add a rationale stub to fill in with the rule's reason (R001)" in actions_for("a.mspec", text)
    monkeypatch.setattr(r001_missing_rationale, "rationale_stub", _never_clearing)
    titles = actions_for("b.mspec", text)
    assert not any(t.endswith("(R001)") for t in titles)
    assert "Ignore R001 here (with a reason)" in titles


# ---------------------------------------------------------------- finding 8


def test_fmt_keeps_a_no_break_space_that_is_a_whole_reason(tmp_path, capsys):
    spec = tmp_path / "s.mspec"
    text = "# speclint: ignore[V002] reason:\u00a0\nrule A1: Give an appropriate answer.\n  rationale: Users need answers they can use.\n"
    spec.write_text(text, encoding="utf-8")
    assert [d.code for d in specdsl.lint(text, str(spec))] == []
    assert cli.main(["fmt", str(spec)]) == 0
    assert spec.read_text(encoding="utf-8") == text
    assert [d.code for d in specdsl.lint(spec.read_text(encoding="utf-8"), str(spec))] == []


def test_fmt_lines_up_comments_and_keeps_their_characters():
    from specdsl.tools.format import format_text

    text = "rule A1: Give an answer.\n      #\u00a0a note\u00a0 \n  rationale: Users need answers they can use.\n"
    assert format_text(text, "s.mspec") == "rule A1: Give an answer.\n  #\u00a0a note\u00a0\n  rationale: Users need answers they can use.\n"


# ---------------------------------------------------------------- issue 19


def test_removing_a_suppression_without_a_reason_takes_its_closing_bracket(tmp_path, capsys):
    spec = tmp_path / "s.mspec"
    text = "# speclint: ignore[V002]\nrule A1: Give an answer.\n  rationale: Users need answers they can use.\n"
    spec.write_text(text)
    found = {d.code: d for d in specdsl.lint(text, str(spec))}
    assert text[found["S008"].span.offset : found["S008"].span.end_offset] == "# speclint: ignore[V002]"
    assert apply_fix(text, found["S007"].fix) == text.split("\n", 1)[1]
    err = fix(spec, "--unsafe-fixes", capsys=capsys)
    assert err.endswith("fixed 1 finding in 1 file\n")
    assert spec.read_text() == text.split("\n", 1)[1]
