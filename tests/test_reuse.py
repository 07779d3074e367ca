"""Keeping rule-local findings between an editor's lints (specdsl/linting/reuse.py)."""

from __future__ import annotations

import threading

import pytest

from specdsl import checks
from specdsl.checks.base import Check, finding
from specdsl.core.diagnostics import Severity
from specdsl.syntax.incremental import IncrementalParser
from specdsl.linting.linter import LintOptions, lint_model
from specdsl.model.model import build_model
from specdsl.linting.reuse import FindingsCache
from specdsl.workspace.settings import Config


def rules(n: int) -> str:
    return "".join(
        f"rule R{i}: Answer questions about topic {i} where possible.\n"
        f"  rationale: Users rely on the answers, so they must be complete.\n\n"
        for i in range(n)
    )


class Editor:
    """One buffer linted as the language server lints it: block by block, findings kept."""

    def __init__(self, path: str = "/workspace/spec.mspec"):
        self.path = path
        self.parser = IncrementalParser()
        self.cache = FindingsCache()

    def lint(self, text: str, config=None) -> list:
        spec = self.parser.parse(text, self.path)
        model = build_model(spec, path=self.path, text=text)
        return lint_model(model, LintOptions(config=config, reuse=(self.cache, self.parser.layout[self.path])))


def fresh(text: str, path: str = "/workspace/spec.mspec", config=None) -> list:
    model = build_model(IncrementalParser().parse(text, path), path=path, text=text)
    return lint_model(model, LintOptions(config=config))


def same(a: list, b: list) -> bool:
    return [d.to_json() for d in a] == [d.to_json() for d in b]


def test_an_edit_checks_again_only_the_block_it_touched():
    editor = Editor()
    text = rules(30)
    first = editor.lint(text)
    assert editor.cache.misses == 30 and editor.cache.hits == 0
    assert sum(d.code == "V003" for d in first) == 30  # "where possible" in every rule
    edited = text.replace("topic 3 where possible", "topic 3 without fail")
    second = editor.lint(edited)
    assert (editor.cache.misses, editor.cache.hits) == (31, 29)
    assert sum(d.code == "V003" for d in second) == 29
    assert same(second, fresh(edited))
    # the blocks below the edit moved (one character shorter): their findings moved with them
    moved = [d for d in second if d.rule == "R20" and d.code == "V003"][0]
    assert edited[moved.span.offset : moved.span.end_offset] == "where possible"


def test_a_new_term_reaches_the_findings_of_unchanged_blocks():
    editor = Editor()
    text = rules(5)
    assert sum(d.code == "V003" for d in editor.lint(text)) == 5
    with_term = text + 'term "where possible": when the user has given the data needed to answer.\n'
    after = editor.lint(with_term)
    assert not [d for d in after if d.code == "V003"]
    assert same(after, fresh(with_term))
    assert sum(d.code == "V003" for d in editor.lint(text)) == 5  # and back


def test_a_change_of_configuration_is_a_new_context():
    editor = Editor()
    text = rules(4) + "rule V: Give reasonable answers.\n  rationale: Users rely on them, so they must be complete.\n"
    assert [d.rule for d in editor.lint(text, Config.defaults()) if d.code == "V002"] == ["V"]
    allowed = Config.model_validate({"allowed-terms": ["reasonable"]})
    assert not [d for d in editor.lint(text, allowed) if d.code == "V002"]
    assert same(editor.lint(text, allowed), fresh(text, config=allowed))
    assert [d.rule for d in editor.lint(text, Config.defaults()) if d.code == "V002"] == ["V"]


@pytest.fixture
def outside_check(monkeypatch):
    """A rule-local check that (wrongly) points past its rule's block: at the next block."""

    def point_at_next_block(model, options):
        for info in model.rules:
            text = model.text_of(info.path)
            start = text.find("\nrule ", info.rule.span.offset)
            if start >= 0:
                from specdsl.core.spans import make_span

                line = text.count("\n", 0, start + 1) + 1
                yield finding(make_span(line, 1, start + 1, line, 5, start + 5), "next", path=info.path, rule=info.id)

    check = Check("X901", "points-outside", Severity.INFO, point_at_next_block, scope="rule")
    monkeypatch.setitem(checks.load(), "X901", check)
    return check


def test_a_finding_outside_its_block_is_reported_but_never_kept(outside_check):
    editor = Editor()
    text = rules(6)
    assert sum(d.code == "X901" for d in editor.lint(text)) == 5
    # kept only for the last block, whose rule has no next block to point at
    assert [key[0][0].split(":")[0] for key, entry in editor.cache.entries.items() if "X901" in entry] == ["rule R5"]
    edited = text.replace("topic 4 where", "topic 4 if at all feasible and where")
    assert same(editor.lint(edited), fresh(edited))


def test_layouts_parsed_whole_keep_nothing():
    """Tabs and carriage returns make the incremental parser parse the whole text: no layout, nothing kept."""
    editor = Editor()
    text = rules(3).replace("\n", "\r\n")
    assert editor.parser.parse(text, editor.path) is not None and editor.parser.layout[editor.path] is None
    found = lint_model(
        build_model(editor.parser.parse(text, editor.path), path=editor.path, text=text),
        LintOptions(reuse=(editor.cache, editor.parser.layout[editor.path])),
    )
    assert same(found, fresh(text)) and not editor.cache.entries


def test_the_server_thread_keeps_its_own_findings(tmp_path):
    """`lint_run` keeps findings per linting thread, as it keeps parsers."""
    from specdsl.lsp import state

    path = str(tmp_path / "a.mspec")
    text = rules(8)
    caches = []

    def work():
        state.lint_run(path, text, 1, loader=lambda p: "")
        state.lint_run(path, text.replace("topic 2", "topic two"), 2, loader=lambda p: "")
        caches.append(state._PARSERS.findings)

    for _ in range(2):
        worker = threading.Thread(target=work)
        worker.start()
        worker.join()
    assert caches[0] is not caches[1]
    assert all((c.misses, c.hits) == (9, 7) for c in caches)
