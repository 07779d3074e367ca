"""The language server end to end: real JSON-RPC over stdio with pytest-lsp,
against the installed `speclint lsp`."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import diagnostics_for, start_in

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "examples"
SPECLINT = shutil.which("speclint")

SPEC = """spec "Support"
  levels: root > operator > user

term "verified caller": A caller who has given the booking code and surname.

precedence: ID1 > BK2

section "Identity":
  rationale: Booking records hold travel plans, so they go only to their owner.

  rule ID1 [hard, level: root]: Verify the caller before discussing a booking.
    rationale: A stranger who learns a booking can cancel it.
    subrule ID1.1: Ask for the booking code.
    subrule ID1.2: Ask for the surname on the booking.
    see: BK2

  rule BK2 [level: operator]: Always share the booking reference with the verified caller.
    rationale: Callers need the reference to check in, so sharing it saves a second call.

section "Refunds":
  rule RF1 [level: operator]: Never issue a refund.
    rationale: Refunds are decided by the finance team, which keeps fraud down.

  rule RF2 [level: operator]: Issue a refund when the airline cancels the flight.
    rationale: Passengers are owed their money back when we fail to fly them.

  rule RF3: Respond in a reasonable time.
"""


def position_of(text: str, needle: str, nth: int = 0, delta: int = 0) -> types.Position:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    start += delta
    line = text.count("\n", 0, start)
    return types.Position(line=line, character=start - (text.rfind("\n", 0, start) + 1))


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[SPECLINT or "speclint", "lsp"]),
)
async def client(lsp_client: LanguageClient, tmp_path_factory):
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        lsp_client.registrations.extend(params.registrations)

    await start_in(lsp_client, tmp_path_factory.mktemp("ws"))
    yield
    await lsp_client.shutdown_session()


def open_doc(client: LanguageClient, name: str, text: str, language: str = "mspec") -> str:
    path = client.workspace / name
    path.write_text(text)
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
        )
    )
    return uri


def change(client: LanguageClient, uri: str, version: int, start: tuple[int, int], end: tuple[int, int], text: str) -> None:
    """An incremental edit: replace (line, character) `start` to `end` with `text`."""
    where = types.Range(start=types.Position(line=start[0], character=start[1]), end=types.Position(line=end[0], character=end[1]))
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=where, text=text)],
        )
    )


async def test_diagnostics_carry_code_link_source_and_related(client: LanguageClient):
    uri = open_doc(client, "support.mspec", SPEC)
    diags = await diagnostics_for(client, uri)
    codes = {d.code for d in diags}
    assert {"C004", "R001", "V002"} <= codes, codes
    c004 = next(d for d in diags if d.code == "C004")
    assert c004.source == "speclint"
    assert c004.code_description.href.endswith("/C004")
    assert c004.related_information and c004.related_information[0].location.uri == uri
    assert c004.severity == types.DiagnosticSeverity.Warning
    v002 = next(d for d in diags if d.code == "V002")
    assert SPEC.splitlines()[v002.range.start.line][v002.range.start.character : v002.range.end.character] == "reasonable"


async def test_diagnostics_follow_edits_incrementally(client: LanguageClient):
    uri = open_doc(client, "edit.mspec", "rule A: Cite sources.\n  rationale: Readers trust claims they can check.\n")
    assert await diagnostics_for(client, uri) == []
    client.diagnostics.pop(uri)
    change(client, uri, 2, (2, 0), (2, 0), "rule B: Use good judgment.\n")
    diags = await diagnostics_for(client, uri)
    assert {d.code for d in diags} == {"R001", "V001"}


async def test_hover_on_rule_id_reference_and_term(client: LanguageClient):
    uri = open_doc(client, "hover.mspec", SPEC)
    await diagnostics_for(client, uri)
    at_def = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(SPEC, "ID1 [hard"))
    )
    assert "**ID1**" in at_def.contents.value and "hard" in at_def.contents.value
    assert "A stranger who learns a booking can cancel it." in at_def.contents.value
    at_ref = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(SPEC, "BK2", 1))
    )
    assert "Callers need the reference" in at_ref.contents.value and "level `operator`" in at_ref.contents.value
    term = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(SPEC, "verified caller.", 0, 2)
        )
    )
    assert "booking code and surname" in term.contents.value
    on_finding = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(SPEC, "reasonable"))
    )
    assert "V002 vague-qualifier" in on_finding.contents.value and "Why it matters" in on_finding.contents.value


CONFLICT_SPEC = """spec "Ops"
  levels: root > user

section "Shell":
  rule SH1 [level: user]: Never run shell commands as root.
    rationale: A mistake as root can wipe the machine.

section "Packages":
  rule SH2 [level: user]: Always run shell commands as root.
    rationale: Packages install only as root.
    when: installing system | packages
"""


async def test_hover_on_a_conflict_shows_both_rules_and_how_to_settle_it(client: LanguageClient):
    uri = open_doc(client, "conflict.mspec", CONFLICT_SPEC)
    diags = await diagnostics_for(client, uri)
    assert "C004" in {d.code for d in diags}
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(CONFLICT_SPEC, "SH1 [", 0, 1))
    )
    value = hover.contents.value
    # side by side: one table, a column per rule, with levels, sections and conditions
    assert "| rule | **SH1** | **SH2** |" in value
    assert "| text | Never run shell commands as root. | Always run shell commands as root. |" in value
    assert "| level | `user` | `user` |" in value
    assert "| section | Shell | Packages |" in value
    assert "| when | — | installing system \\| packages |" in value  # a pipe of the text does not break the table
    # the ways to settle it
    assert "add `unless: installing system" in value and "under `SH1` (quick fix)" in value  # the quick fix first
    assert "`precedence: SH1 > SH2`" in value and "`when:`" in value
    assert "ignore[C004]" in value
    assert "C004 absolute-with-exception" in value or "**C004" in value  # the check's documentation follows


async def test_hover_on_a_c001_offers_its_quick_fix_first(client: LanguageClient):
    text = (
        "rule LG1: Never log the session token.\n  rationale: Logs are read by many.\n"
        "rule LG2: Always log the session token.\n  rationale: Support traces sessions with it.\n"
    )
    uri = open_doc(client, "c001.mspec", text)
    assert "C001" in {d.code for d in await diagnostics_for(client, uri)}
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, "LG2", 0, 1))
    )
    value = hover.contents.value
    assert "| rule | **LG2** | **LG1** |" in value
    assert "(quick fix)" in value and "add `precedence: LG2 > LG1`" in value  # the hovered rule's own finding


async def test_hover_on_a_rule_without_a_conflict_shows_no_table(client: LanguageClient):
    uri = open_doc(client, "plain.mspec", SPEC)
    await diagnostics_for(client, uri)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(SPEC, "RF3", 0, 1))
    )
    assert "RF3" in hover.contents.value and "To settle it" not in hover.contents.value


async def test_definition_references_and_rename(client: LanguageClient):
    uri = open_doc(client, "nav.mspec", SPEC)
    await diagnostics_for(client, uri)
    doc = types.TextDocumentIdentifier(uri=uri)
    definition = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc, position=position_of(SPEC, "BK2", 0))
    )
    target = definition if isinstance(definition, types.Location) else definition[0]
    assert target.range.start == position_of(SPEC, "BK2 [level")
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc,
            position=position_of(SPEC, "BK2 [level"),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert len(refs) == 3  # precedence, see, definition
    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=doc, position=position_of(SPEC, "ID1 [hard", 0, 1))
    )
    assert prepared.placeholder == "ID1"
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=doc, position=position_of(SPEC, "ID1 [hard"), new_name="IDV")
    )
    new_texts = sorted(e.new_text for e in edit.changes[uri])
    assert new_texts == ["IDV", "IDV", "IDV.1", "IDV.2"]  # definition, precedence, both subrules
    for bad in ("1 bad", "IDV\n"):  # a line end after a good id is no good either
        with pytest.raises(Exception, match="not a valid rule id"):
            await client.text_document_rename_async(
                types.RenameParams(text_document=doc, position=position_of(SPEC, "ID1 [hard"), new_name=bad)
            )
    term = position_of(SPEC, "verified caller", 0, 2)
    for bad, why in (("a\rb", "without quotes or line breaks"), ("a\u2028b", "without quotes or line breaks")):
        with pytest.raises(Exception, match=why):
            await client.text_document_rename_async(types.RenameParams(text_document=doc, position=term, new_name=bad))
    edit = await client.text_document_rename_async(types.RenameParams(text_document=doc, position=term, new_name="known caller\\"))
    assert '"known caller\\\\"' in [e.new_text.join('""') for e in edit.changes[uri]]  # the backslash cannot escape the quote


async def test_a_term_cannot_be_renamed_to_another_term(client: LanguageClient):
    text = 'term "kind": Considerate.\nterm "calm": Unhurried.\nrule A: Be kind and calm, because users are people.\n'
    uri = open_doc(client, "terms.mspec", text)
    await diagnostics_for(client, uri)
    with pytest.raises(Exception, match='a term named "kind" exists already'):
        await client.text_document_rename_async(
            types.RenameParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, "calm", 0, 1), new_name="Kind")
        )


async def test_documents_whose_uri_is_escaped_or_unsaved(client: LanguageClient):
    # VS Code escapes a space or an accent in a URI; pygls keys documents by the
    # unescaped one. Both spellings, and an unsaved buffer, get diagnostics.
    text = "rule A1: Use good judgment.\n"
    (client.workspace / "My Specs").mkdir()
    for name in ("My Specs/x.mspec", "café.mspec"):
        path = client.workspace / name
        path.write_text(text)
        for uri in (path.as_uri(), "file://" + str(path)):
            client.text_document_did_open(
                types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="mspec", version=1, text=text))
            )
            assert {d.code for d in await diagnostics_for(client, uri)} == {"R001", "V001"}, uri
            hover = await client.text_document_hover_async(
                types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=6))
            )
            assert hover is not None and "A1" in hover.contents.value
    untitled = "untitled:Untitled-1.mspec"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=untitled, language_id="mspec", version=1, text=text))
    )
    assert {d.code for d in await diagnostics_for(client, untitled)} == {"R001", "V001"}


async def test_odd_text_and_positions(client: LanguageClient):
    # A lone surrogate (a client may send one as a JSON escape), a completion
    # past the end, and nesting 500 deep: answers, and the findings the CLI gives.
    uri = (client.workspace / "odd.mspec").as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="mspec", version=1, text="rule A1: Do \ud83d the thing.\n")
        )
    )
    assert [d.code for d in await diagnostics_for(client, uri)] == ["R001"]
    empty = open_doc(client, "empty.mspec", "")
    await diagnostics_for(client, empty)
    listed = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=empty), position=types.Position(line=3, character=0))
    )
    assert not listed.items
    deep = "".join("  " * i + f'section "S{i}":\n' for i in range(500)) + "  " * 500 + "rule A1: Do it.\n"
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))  # this client reads 500-deep symbols too
    uri = open_doc(client, "deep.mspec", deep)
    assert [d.code for d in await diagnostics_for(client, uri, timeout=60)] == ["R001"]
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    depth, node = 0, symbols[0]
    while node.children:
        depth, node = depth + 1, node.children[0]
    assert depth == 500 and node.name.startswith("A1")


async def test_symbols_folding_selection_tokens(client: LanguageClient):
    uri = open_doc(client, "outline.mspec", SPEC)
    await diagnostics_for(client, uri)
    doc = types.TextDocumentIdentifier(uri=uri)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc))
    names = [s.name for s in symbols]
    assert names[:4] == ["Support", "verified caller", "precedence", "Identity"]
    identity = next(s for s in symbols if s.name == "Identity")
    id1 = identity.children[0]
    assert id1.name == "ID1" and [c.name for c in id1.children] == ["ID1.1", "ID1.2"]
    workspace = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="RF"))
    assert {s.name for s in workspace} >= {"RF1", "RF2", "RF3"}
    folds = await client.text_document_folding_range_async(types.FoldingRangeParams(text_document=doc))
    assert any(f.start_line == position_of(SPEC, "rule ID1").line for f in folds)
    selections = await client.text_document_selection_range_async(
        types.SelectionRangeParams(text_document=doc, positions=[position_of(SPEC, "Ask for the surname")])
    )
    depth = 0
    node = selections[0]
    while node is not None:
        depth += 1
        node = node.parent
    assert depth >= 4  # word, subrule, rule, section, document
    tokens = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=doc))
    assert len(tokens.data) % 5 == 0 and len(tokens.data) > 50


async def test_completion(client: LanguageClient):
    text = SPEC + "\n  rule RF4: x\n    see: \n    \n"
    uri = open_doc(client, "complete.mspec", text)
    await diagnostics_for(client, uri)
    doc = types.TextDocumentIdentifier(uri=uri)
    see_line = text.count("\n", 0, text.index("    see: \n"))
    after_see = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc, position=types.Position(line=see_line, character=9))
    )
    assert {"ID1", "BK2", "RF1"} <= {i.label for i in after_see.items}
    in_rule = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc, position=types.Position(line=see_line + 1, character=4))
    )
    assert {"rationale:", "subrule", "example:", "when:"} <= {i.label for i in in_rule.items}
    level_line = text.count("\n", 0, text.index("[level: operator]: Always"))
    level_char = position_of(text, "[level: operator]: Always", 0, 8).character
    levels = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc, position=types.Position(line=level_line, character=level_char))
    )
    assert [i.label for i in levels.items] == ["root", "operator", "user"]


async def test_code_actions_quick_fixes_ignore_and_fix_all(client: LanguageClient):
    text = "# speclint: ignore[V002] reason: kept for the audit\nrule A: Cite sources.\n  rationale: Readers trust claims they can check.\n"
    uri = open_doc(client, "actions.mspec", text)
    diags = await diagnostics_for(client, uri)
    assert [d.code for d in diags] == ["S007"]
    doc = types.TextDocumentIdentifier(uri=uri)
    result = await client.text_document_code_action_async(
        types.CodeActionParams(text_document=doc, range=diags[0].range, context=types.CodeActionContext(diagnostics=diags))
    )
    titles = [a.title for a in result]
    assert any("remove the unused suppression" in t for t in titles)
    assert any(t.startswith("Ignore S007 here") for t in titles)
    fix_all = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc,
            range=diags[0].range,
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
        )
    )
    assert fix_all and fix_all[0].edit.changes[uri][0].new_text == text.split("\n", 1)[1]
    bare = "rule B: Answer briefly.\n"
    uri2 = open_doc(client, "bare.mspec", bare)
    diags2 = await diagnostics_for(client, uri2)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri2),
            range=diags2[0].range,
            context=types.CodeActionContext(diagnostics=diags2),
        )
    )
    stub = next(a for a in actions if "rationale stub" in a.title)
    assert stub.edit.changes[uri2][0].new_text == "\n  rationale: TODO: say why this rule exists"


async def test_markdown_is_read_as_its_configuration_says(client: LanguageClient):
    """`reading` and `per-path-reading` hold in the editor as on the command line:
    read as prose, the sentence under a heading without an id is a rule too, and
    a quick fix that adds a rationale to it is checked on the text read so."""
    (client.workspace / ".speclint.yaml").write_text(
        "levels: [user]\nmarkdown: ['*.md']\nreading: prose\nper-path-reading:\n  'markup.md': markup\n"
        "per-path-ignores:\n  'quiet.md': [R001]\n"
    )
    text = "## Be brief {#brief authority=user}\n\nAnswer briefly.\n\n## Other\n\nNever invent a fare.\n"
    prose = open_doc(client, "policy.md", text, "markdown")
    markup = open_doc(client, "markup.md", text, "markdown")
    quiet = open_doc(client, "quiet.md", text, "markdown")
    assert sorted((d.code, d.range.start.line) for d in await diagnostics_for(client, prose)) == [("R001", 0), ("R001", 6)]
    assert [(d.code, d.range.start.line) for d in await diagnostics_for(client, markup)] == [("R001", 0)]
    assert await diagnostics_for(client, quiet) == []
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=prose))
    )
    names = [s.name for s in symbols] + [c.name for s in symbols for c in s.children or []]
    assert "other.invent-fare" in names, names
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="invent"))
    assert {s.location.uri for s in found if s.name == "other.invent-fare"} == {prose, quiet}, found
    line = types.Range(start=types.Position(line=6, character=0), end=types.Position(line=6, character=0))
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=quiet), range=line, context=types.CodeActionContext(diagnostics=[])
        )
    )
    assert "Add a rationale to `other.invent-fare`" in [a.title for a in actions], [a.title for a in actions]


async def test_conflict_precedence_action(client: LanguageClient):
    text = (
        'section "S":\n  rule A: Always share the booking reference.\n    rationale: Callers need it, so it saves calls.\n'
        "  rule B: Never share the booking reference.\n    rationale: It lets strangers cancel trips, which harms owners.\n"
    )
    uri = open_doc(client, "conflict.mspec", text)
    diags = await diagnostics_for(client, uri)
    c001 = [d for d in diags if d.code == "C001"]
    assert len(c001) == 2 and c001[0].severity == types.DiagnosticSeverity.Error
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=c001[0].range,
            context=types.CodeActionContext(diagnostics=c001),
        )
    )
    edit = next(a for a in actions if "precedence: A > B" in a.title)
    assert edit.edit.changes[uri][0].new_text == "precedence: A > B\n\n"


async def test_formatting_document_and_range(client: LanguageClient):
    text = "rule   A:  Cite sources.\n  rationale:   Readers trust claims they can check.\nrule B:   Answer briefly.\n  rationale: Users read short answers, so it respects them.\n"
    uri = open_doc(client, "fmt.mspec", text)
    await diagnostics_for(client, uri)
    doc = types.TextDocumentIdentifier(uri=uri)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=doc, options=types.FormattingOptions(tab_size=2, insert_spaces=True))
    )
    assert edits and "rule A: Cite sources." in "".join(e.new_text for e in edits)
    ranged = await client.text_document_range_formatting_async(
        types.DocumentRangeFormattingParams(
            text_document=doc,
            range=types.Range(start=types.Position(line=2, character=0), end=types.Position(line=2, character=5)),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    assert ranged and all(e.range.start.line <= 2 for e in ranged)


async def test_code_lens(client: LanguageClient):
    uri = open_doc(client, "lens.mspec", SPEC)
    await diagnostics_for(client, uri)
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    titles = [lens.command.title for lens in lenses]
    assert "rationale ✓ · 2 subrules" in titles
    assert "no rationale" in titles


async def test_workspace_diagnostics_across_includes(client: LanguageClient):
    shared = 'rule S1: Never share the booking reference.\n  rationale: Strangers could cancel trips, which harms owners.\n'
    (client.workspace / "shared.mspec").write_text(shared)
    main = 'include "shared.mspec"\nrule M1: Always share the booking reference.\n  rationale: Callers need it to check in, so it saves calls.\n'
    uri = open_doc(client, "main.mspec", main)
    diags = await diagnostics_for(client, uri)
    assert [d.code for d in diags] == ["C001"]
    shared_uri = (client.workspace / "shared.mspec").as_uri()
    shared_diags = await diagnostics_for(client, shared_uri)
    assert [d.code for d in shared_diags] == ["C001"]  # reported in both files
    assert diags[0].related_information[0].location.uri == shared_uri


async def test_configuration_reload_and_bad_settings(client: LanguageClient):
    uri = open_doc(client, "conf.mspec", "rule A: Respond in a reasonable time.\n  rationale: Users wait, so speed shows respect.\n")
    diags = await diagnostics_for(client, uri)
    assert [d.code for d in diags] == ["V002"]
    client.diagnostics.pop(uri)
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"speclint": {"severity": {"V002": "off"}}})
    )
    assert await diagnostics_for(client, uri) == []
    client.diagnostics.pop(uri)
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"speclint": {"debounceMs": "soon"}})
    )
    await diagnostics_for(client, uri)
    assert any("ignoring the editor settings" in m.message for m in client.messages)
    # a configuration file change is picked up without a restart
    client.diagnostics.pop(uri)
    (client.workspace / ".speclint.yaml").write_text("ignore: [V002]\nseverity: {}\n")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=(client.workspace / ".speclint.yaml").as_uri(), type=types.FileChangeType.Created)]
        )
    )
    assert await diagnostics_for(client, uri) == []


def test_formatting_edits_rebuild_the_formatted_text(monkeypatch):
    # A line diff where it is affordable; past its budget, one edit for the
    # changed middle (a diff's cost grows with the product of the lengths).
    from specdsl.lsp.features import editing

    class View:
        text = "spec \"x\"\n\nrule A:  a\nrule B: b\nrule C:  c\nrule D: d\n"

    new = "spec \"x\"\n\nrule A: a\nrule B: b\nrule C: c\nrule D: d\n"

    def applied(edits) -> str:
        lines = View.text.split("\n")
        out = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
        for edit in sorted(edits, key=lambda e: e.range.start.line, reverse=True):
            out[edit.range.start.line : edit.range.end.line] = [edit.new_text]
        return "".join(out)

    fine = editing._line_edits(View, new)
    assert applied(fine) == new and [(e.range.start.line, e.range.end.line) for e in fine] == [(2, 3), (4, 5)]
    monkeypatch.setattr(editing, "DIFF_BUDGET", 1)
    coarse = editing._line_edits(View, new)
    assert applied(coarse) == new and [(e.range.start.line, e.range.end.line) for e in coarse] == [(2, 5)]
    assert editing._line_edits(View, View.text) == []


async def test_an_edit_after_a_unicode_line_separator_lands_on_its_line(client: LanguageClient):
    # LSP counts lines at CR LF, LF and CR only; U+2028 and a form feed are text.
    text = "rule A1: Say hello\u2028politely\x0c, because people like it.\nrule B1: Say bye, because it is kind.\n"
    uri = open_doc(client, "sep.mspec", text)
    await diagnostics_for(client, uri)
    client.diagnostics.pop(uri)
    change(client, uri, 2, (1, 6), (1, 7), "2")
    await diagnostics_for(client, uri)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert [s.name.split()[0] for s in symbols] == ["A1", "B2"]


def test_settings_that_are_not_an_object_are_said_so():
    from specdsl.lsp.options import ServerOptions, parse_options

    for raw in ({"speclint": 5}, {"speclint": [1]}, 5):
        options, message = parse_options(raw)
        assert options == ServerOptions() and "not an object" in message, raw
    assert parse_options({"speclint": None}) == (ServerOptions(), None)
    assert parse_options({"speclint": {"debounceMs": 50}})[0].debounce_ms == 50


async def test_hover_on_a_sentence_that_is_no_rule_says_why(client: LanguageClient):
    """An author hovering a sentence of a Markdown spec that was not read as a rule learns why,
    as `speclint rules --unread` says it; a rule's own words show no such note."""
    (client.workspace / ".speclint.yaml").write_text("markdown: ['*.md']\n")
    text = "# Harbour desk\n\nThe desk opens at six. Is the ferry late?\n\n- Never promise a cabin that is not booked.\n"
    uri = open_doc(client, "desk.md", text, "markdown")
    await diagnostics_for(client, uri)

    async def hover_at(needle: str):
        return await client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, needle, 0, 2))
        )

    question = await hover_at("Is the ferry")
    assert question.contents.value.startswith("**Not read as a rule**: a question.")
    assert question.range.start == position_of(text, "Is the ferry") and question.range.end == position_of(text, "?", 0, 1)
    described = await hover_at("desk opens")
    assert "a description: nothing in it obliges, forbids or permits" in described.contents.value
    on_rule = await hover_at("promise a cabin")
    assert on_rule is None or "Not read as a rule" not in on_rule.contents.value
