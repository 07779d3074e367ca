"""What the language server keeps while its user types is bounded by bytes:
the parsed blocks (specdsl/syntax/incremental.py), the kept findings
(specdsl/linting/reuse.py), and what a closed document leaves behind (lsp/state.py).

Before, the caches were bounded by entry count (20,000) and each keystroke in
a 25-rule section added a parse of the whole section: about 186 KB a
keystroke, for ever."""

from __future__ import annotations

import threading
import tracemalloc

from test_memo import deep_size

from specdsl.syntax.incremental import IncrementalParser, tree_bytes
from specdsl.linting.linter import LintOptions, lint_model
from specdsl.core.memo import MB, ByteLRU, accounted, bounds
from specdsl.model.model import build_model
from specdsl.syntax.parser import parse
from specdsl.linting.reuse import FindingsCache


def sections(count: int, rules: int = 25) -> str:
    out = []
    for s in range(count):
        out.append(f'section "Topic {s}":\n')
        for r in range(rules):
            n = s * rules + r
            out.append(
                f"  rule R{n}: Answer questions about topic {n} where possible, and say which sources you used.\n"
                f"    rationale: Users rely on the answers about topic {n}, so they must be complete and checkable.\n\n"
            )
    return "".join(out)


def typing(text: str, anchor: str, letters: int):
    """The versions of `text` as a person types `letters` letters after `anchor`."""
    at = text.index(anchor) + len(anchor)
    sentence = "and never guess when the answer is not known to you "
    for i in range(letters):
        yield text[:at] + (sentence * 10)[: i + 1] + text[at:]


def test_typing_into_a_section_keeps_parses_and_findings_within_their_bounds():
    path = "/workspace/spec.mspec"
    parser = IncrementalParser(blocks=ByteLRU(2 * MB, "test blocks"), placed=ByteLRU(2 * MB, "test placed"))
    findings = FindingsCache(1 * MB)
    text = sections(6)

    def lint(version: str) -> None:
        spec = parser.parse(version, path)
        model = build_model(spec, path=path, text=version)
        lint_model(model, LintOptions(reuse=(findings, parser.layout[path])))
        assert parser.cache.bytes <= 2 * MB and parser.placed.bytes <= 2 * MB and findings.entries.bytes <= 1 * MB

    versions = list(typing(text, "rule R60: Answer questions about topic 60 ", 260))
    for version in versions[:20]:
        lint(version)
    tracemalloc.start()
    try:
        for version in versions[20:]:
            lint(version)
        grown = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    # each keystroke parses the 25-rule section again: kept by entry count, the
    # 240 versions took 37 MB; what stays is the bounded caches (5 MB), and the
    # words and analyses of the 240 new rule texts (about 4 MB, bounded too)
    assert grown < 12 * MB, grown
    # what is kept is what is used: the latest text's blocks are all there
    misses = parser.misses
    parser.parse(versions[-1], path)
    assert parser.misses == misses


def test_the_parse_estimate_is_not_below_the_tree():
    shapes = {
        "prose": sections(1),
        "tiny rules": 'section "S":\n' + "".join(f"  rule A{i}: x\n" for i in range(500)),
        "tiny terms": "".join(f'term "t{i}": x\n' for i in range(300)),
        "comments": 'section "S":\n' + "".join(f"  # comment {i}\n" for i in range(500)),
        "precedence": "precedence: " + " > ".join(f"A{i}" for i in range(3000)) + "\n",
        "overrides": "rule A1: x\n  overrides: " + ", ".join(f"A{i}" for i in range(3000)) + "\n",
        "levels": 'spec "x":\n  levels: ' + " > ".join(f"l{i}" for i in range(3000)) + "\n",
        "long line": "rule A1: " + "word appropriate " * 5000 + "\n",
        "unicode": "rule A1: " + "é漢字😀 " * 5000 + "\n",
        "directives": "".join("# speclint: disable=R001\n" for _ in range(500)) + "rule A: x\n",
        "errors": 'section "S":\n' + "".join("  rule : : x {\n" for _ in range(500)),
    }
    for name, text in shapes.items():
        assert tree_bytes(text) >= deep_size(parse(text, "x.mspec")) + deep_size(text), name


def test_the_server_caches_stay_within_their_bounds_and_forget_a_closed_document(tmp_path):
    from specdsl.lsp import state

    path = str(tmp_path / "spec.mspec")
    other = str(tmp_path / "other.mspec")
    text = sections(4)

    kept: list = []  # what the thread made, kept past its end (the server's live on)

    def work():
        state.lint_run(other, sections(1), 1, loader=lambda p: "")
        for i, version in enumerate(typing(text, "rule R30: Answer questions about topic 30 ", 120)):
            state.lint_run(path, version, i + 2, loader=lambda p: "")
        state.lint_run(other, sections(1), 2, loader=lambda p: "")  # evicted meanwhile: kept again
        state.lint_run(path, version, i + 3, loader=lambda p: "")
        kept.extend([state._PARSERS.findings, state._PARSERS.parser])

    worker = threading.Thread(target=work)  # a lint thread, as the server's
    worker.start()
    worker.join()
    held, bound = accounted(), bounds()
    findings, parser = kept
    # 120 keystrokes in a 25-rule section fill the thread's findings cache (each
    # keeps the section's 25 findings): it stays under its bound by letting the
    # oldest go (its own: another test's lint thread may hold one too)
    assert findings.entries.bytes > findings.entries.max_bytes * 0.8 and held["parsed blocks"] > 0
    assert all(held[name] <= bound[name] for name in held), held

    placed = state._shared()["placed"]
    assert path in placed and path in parser.layout
    assert any(entry.root == path for _, entry in findings.entries.items())
    state.forget_document(path)
    assert path not in placed and other in placed and path not in parser.layout
    roots = {entry.root for _, entry in findings.entries.items()}
    assert path not in roots and other in roots


def test_the_vectors_kept_in_memory_are_bounded_by_bytes():
    """The semantic tier's vectors of new texts (every keystroke makes some) are
    kept up to a bound in bytes, the least recently used out first; before, up
    to 100,000 of them, then all dropped at once."""
    import numpy as np

    from specdsl.semantic.store import CachedEmbedder

    class Counting:
        model_id = "counting"

        def __init__(self):
            self.seen: list[str] = []

        def embed(self, texts):
            self.seen += list(texts)
            return np.ones((len(texts), 384), dtype=np.float32)

    inner = Counting()
    embedder = CachedEmbedder(inner)
    per_vector = 384 * 4 + 256
    embedder._memory.resize(100 * per_vector)
    for batch in range(50):
        embedder.embed([f"text {batch} {i}" for i in range(10)])
        assert embedder._memory.bytes <= 100 * per_vector
    assert len(embedder._memory) == 100
    inner.seen.clear()
    embedder.embed([f"text 49 {i}" for i in range(10)] + ["text 0 0"])
    assert inner.seen == ["text 0 0"]  # the latest are kept, the first long gone
