"""Publishing a document's findings, in process: each file a publish places
spans in is read and indexed once, however many related places point into it
(an index goes over the whole text: once per related place, the publish of a
270 KB spec with 30 related places took 22 ms instead of 4, on every keystroke)."""

from __future__ import annotations

from pathlib import Path

from pygls.workspace import Workspace

from specdsl.lsp.server import SpeclintServer
from specdsl.lsp.state import lint_run

INCLUDED = "rule BASE: Never share the user's personal data with advertisers.\n"
ROOT = 'include "base.mspec"\n\n' + "".join(
    f"rule A{i}: Always share the user's personal data with advertisers.\n" for i in range(4)
) + "".join(f"rule D{i}: Never share the user's personal data with advertisers.\n" for i in range(4))


def test_a_publish_reads_and_indexes_each_file_once(tmp_path):
    root, included = tmp_path / "root.mspec", tmp_path / "base.mspec"
    root.write_text(ROOT)
    included.write_text(INCLUDED)
    (tmp_path / ".git").mkdir()
    ls = SpeclintServer()
    ls.protocol._workspace = Workspace(tmp_path.as_uri())
    ls.store.put(lint_run(str(root), ROOT, 1, loader=lambda p: Path(p).read_text()))
    reads: list[str] = []
    text_of = ls.text_of

    def counted(path: str):
        reads.append(path)
        return text_of(path)

    ls.text_of = counted
    sent: list = []
    ls.text_document_publish_diagnostics = sent.append
    ls.publish(str(root))
    related = [r.location.uri for d in sent[0].diagnostics for r in d.related_information or []]
    assert related.count(root.as_uri()) >= 10 and included.as_uri() in related, related
    assert sorted(reads) == sorted({str(root), str(included)}), reads
