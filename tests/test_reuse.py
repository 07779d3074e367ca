"""Keeping rule-local findings between an editor's lints (specdsl/linting/reuse.py)."""

from __future__ import annotations

import contextlib
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


# ------------------------------------------- what the conflict checks keep by text

CONFLICTS = """\
section "In production":
  rule GIT9: Never do the following:
    rationale: Shared history is what the whole team builds on.
    subrule GIT9.1: rewrite the history of the main branch
  rule REL2: Rewrite the history of the main branch.
    rationale: Secrets committed by mistake must be purged.
section "In staging":
  rule REL3: Never rewrite the history of the main branch.
    rationale: Testers need a stable base.
rule SYN1: Retry a failed sync at most 3 times.
  rationale: Endless retries drain the battery.
rule SYN2: Retry a failed sync at least 5 times in the nightly batch.
  rationale: Nobody is waiting at night.
rule ARC1: Archive replies after each task in project P2.
  rationale: The project's auditors read them.
rule ARC2: Do not archive replies in project P2.
  rationale: The replies hold customer secrets.
rule BK1: Share the booking reference with the caller.
  rationale: Callers need it to change a booking.
rule BK2: Never share the booking reference.
  rationale: A reference is enough to cancel a booking.
"""

#: Edits one after the other, each changing what a rule's scope or limits are
#: read from without (always) changing the rule's own words: the lead-in above
#: an unchanged item, a section's title, a `when:` or `unless:` line, a number.
CONFLICT_EDITS = [
    ("Never do the following:", "Always do the following:"),  # the item's text is the same, its modality is not
    ("Always do the following:", "Never do the following:"),
    ('section "In staging":', 'section "In production, too":'),  # REL3 now shares REL2's place
    ('section "In production, too":', 'section "In staging":'),
    ("Do not archive replies in project P2.", "Do not archive replies in project P540."),  # disjoint
    ("Do not archive replies in project P540.", "Do not archive replies in project P2."),
    ("at least 5 times", "at least 2 times"),  # compatible limits
    ("at least 2 times", "at least 5 times"),
    ("with the caller.\n", "with the caller.\n  when: the caller is verified\n"),  # an exception (C004)
    ("when: the caller is verified", "unless: the caller is verified"),
    ("unless: the caller is verified", "unless: the caller is a partner"),
    ("  unless: the caller is a partner\n", ""),
]


@contextlib.contextmanager
def server_caches(bound: int | None = None):
    """The caches that only a long-lived process fills (`text_cache(long_lived_only=True)`:
    a rule's scope and limits, a title's scope, the phrases a lexicon finds in a
    text) on, at the server's bounds (or at `bound`), for a block."""
    from specdsl.core import memo
    from specdsl.language.lexicon import _found
    from specdsl.language.scope import limits
    from specdsl.model import candidates

    caches = [fn.cache for fn in (candidates.own_scope, candidates._title_scope, limits, _found)]
    before = [c.max_bytes for c in caches]
    for c in caches:
        c.resize(bound or memo._SCALED[c])
    try:
        yield
    finally:
        for c, bound in zip(caches, before):
            c.resize(bound)


def _forget_texts() -> None:
    """Empty the caches keyed by a rule's words (scopes, titles, limits, analyses):
    what a lint in a new process would compute."""
    from specdsl.language.analysis import analyze
    from specdsl.language.scope import limits
    from specdsl.model import candidates

    for cached in (candidates.own_scope, candidates._title_scope, limits, analyze):
        cached.cache_clear()


def _fresh_run(path: str, text: str):
    """`lint_run` in a new thread (a new parser, no kept findings), every text cache emptied."""
    from specdsl.lsp import state

    _forget_texts()
    out = []
    worker = threading.Thread(target=lambda: out.append(state.lint_run(path, text, None, loader=lambda p: "")))
    worker.start()
    worker.join()
    return out[0]


def _run_findings(run) -> list:
    return [d.to_json() for found in run.by_path.values() for d in sorted(found, key=lambda d: (d.span.offset, d.code))]


def _conflicts(run) -> set:
    return {(d.code, d.rule) for found in run.by_path.values() for d in found if d.code.startswith("C")}


MARKDOWN = """\
# Assistant policy

## In production

Never do the following:

- rewrite the history of the main branch
- delete remote tags

You must rewrite the history of the main branch.

## In staging

Never rewrite the history of the main branch.

## Sync

Retry a failed sync at most 3 times. Retry a failed sync at least 5 times in the nightly batch.
"""

MARKDOWN_EDITS = [
    ("Never do the following:", "Always do the following:"),
    ("Always do the following:", "Never do the following:"),
    ("## In staging", "## In production, too"),  # a heading places the rules under it
    ("## In production, too", "## In staging"),
    ("at least 5 times", "at least 2 times"),
    ("at least 2 times", "at least 5 times"),
]


def _edited(path: str, text: str, edits: list) -> list[set]:
    """Lint `text` and each edit of it as the server does, and as a fresh lint does;
    they must agree. The conflicts found after each step."""
    from specdsl.lsp import state

    found = []
    for old, new in [(None, None)] + edits:
        if old is not None:
            assert old in text, old
            text = text.replace(old, new)
        kept = state.lint_run(path, text, None, loader=lambda p: "")
        assert _run_findings(kept) == _run_findings(_fresh_run(path, text)), (old, new)
        # and again, from what the fresh lint left in the caches
        assert _run_findings(state.lint_run(path, text, None, loader=lambda p: "")) == _run_findings(kept)
        found.append(_conflicts(kept))
    from specdsl.model.candidates import own_scope

    assert len(own_scope.cache) > 0  # the lints kept scopes (and read them: the second lint of each text)
    return found


def test_edits_to_what_a_scope_is_read_from_give_what_a_fresh_lint_gives(tmp_path):
    """The conflict checks keep each rule's scope and limits by its words, the
    lead-in modality it was read with, and its `when:`/`unless:` lines, and a
    section title's scope by the title: edit after edit (a lead-in, a title, a
    condition, a number), the findings are those of a lint with nothing kept."""
    with server_caches():
        found = _edited(str(tmp_path / "spec.mspec"), CONFLICTS, CONFLICT_EDITS)
    # the edits change the findings (the test is not about a spec without any)
    assert ("C001", "GIT9.1") in found[0] and ("C001", "GIT9.1") not in found[1]
    assert ("C001", "REL3") not in found[0] and ("C001", "REL3") in found[3]
    assert ("C001", "ARC2") in found[0] and ("C001", "ARC2") not in found[5]
    assert ("C001", "SYN2") in found[0] and ("C001", "SYN2") not in found[7]
    assert ("C001", "BK1") in found[0] and ("C001", "BK1") not in found[9]
    assert found[-1] == found[0]


def test_markdown_edits_to_lead_ins_and_headings_give_what_a_fresh_lint_gives(tmp_path):
    """The same for a Markdown document: a lead-in above unchanged items, a heading above unchanged rules."""
    with server_caches():
        found = _edited(str(tmp_path / "spec.md"), MARKDOWN, MARKDOWN_EDITS)
    assert len(found[0]) > len(found[1])  # the items no longer forbid
    assert len(found[3]) > len(found[0])  # "In staging" no longer places its rule apart
    assert len(found[5]) < len(found[0])  # compatible limits
    assert found[-1] == found[0]
