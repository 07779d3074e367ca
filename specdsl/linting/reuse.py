"""Keeping the findings of rule-local checks between an editor's lints.

After a keystroke the language server parses only the top-level block that
changed (`specdsl.syntax.incremental`), but every check still walks every rule. Most
checks look at one rule at a time (`scope="rule"` in their registration):
what they find on the rules of a top-level block depends only on that
block's text, the names of the glossary's terms and the configuration. Their
findings are kept here by block, in coordinates relative to the block; the
next lint runs those checks only on the rules of blocks it has not seen
(with that glossary and configuration) and moves the kept findings of the
others to where their blocks now are. Checks that compare rules (conflicts,
duplicates, references, precedence) always run on the whole spec.

A finding is kept only when everything it points at (its span, its related
places, its fix's edits) lies in its block and it names a rule of that
block; any other finding is reported but not kept, so its block is checked
again next time. A property test holds the findings of a lint with kept
findings equal to those of a fresh lint, edit after edit.
"""

from __future__ import annotations

import copy
import sys
from bisect import bisect_right
from typing import Any, Iterable

from ..core.diagnostics import Diagnostic
from ..core.memo import MB, ByteLRU

#: What a findings cache may hold, in estimated bytes (see `FindingsCache._put`):
#: the findings of a spec the size of the OpenAI Model Spec take about 1 MB.
FINDINGS_BYTES = 8 * MB

#: The estimated memory of a kept finding besides its message (measured: 1.8
#: to 4.3 KB with its data and fix), and of each of its related places and edits.
FINDING_BYTES = 4096
PART_BYTES = 1024


class FindingsCache:
    """Findings of rule-local checks by (block text, first block?, context), least recently used first out.

    Bounded by the estimated bytes of the findings and of the block texts that key them.
    """

    def __init__(self, max_bytes: int = FINDINGS_BYTES):
        #: by ((block text, first block?), context): the root document's path,
        #: and the findings of each check
        self.entries = ByteLRU(max_bytes, "kept findings")
        self.hits = 0  # blocks whose findings were reused
        self.misses = 0  # blocks checked again

    def start(self, model, layout: list | None, checks: Iterable, options) -> "BlockLint | None":
        """The reuse for one lint of `model` (its root document parsed as `layout`), or None."""
        if not layout:
            return None
        codes = [c.code for c in checks if c.scope == "rule" and c.tier == "lexical"]
        if not codes:
            return None
        return BlockLint(self, model, layout, set(codes), _context(model, options))

    def forget(self, root: str | None) -> None:
        """Let go of the findings kept for the document at `root` (it was closed)."""
        self.entries.discard_if(lambda key, entry: entry.root == root)

    def _get(self, key: tuple) -> dict[str, list[Diagnostic]] | None:
        return self.entries.get(key)

    def _put(self, key: tuple, root: str | None, code: str, found: list[Diagnostic]) -> None:
        entry = self.entries.get(key)
        if entry is None:
            entry = _Entry(root, sys.getsizeof(key[0][0]) + 256)
        entry[code] = found
        entry.sizes[code] = sum(
            FINDING_BYTES
            + sys.getsizeof(d.message)
            + PART_BYTES * (len(d.related) + (len(d.fix.edits) if d.fix is not None else 0))
            for d in found
        )
        self.entries.put(key, entry, entry.base + sum(entry.sizes.values()))


class _Entry(dict):
    """The kept findings of one block by check, with the root path and their estimated sizes."""

    __slots__ = ("root", "base", "sizes")

    def __init__(self, root: str | None, base: int):
        super().__init__()
        self.root = root
        self.base = base
        self.sizes: dict[str, int] = {}


def _context(model, options) -> bytes:
    """A digest of everything outside a block that a rule-local check may read.

    A digest, not the values: every kept block holds its context, and the
    configuration alone is a kilobyte or two.
    """
    import hashlib

    config = options.config if options.config is not None else model.config
    facts = (
        model.root.path,
        repr(config),  # the workspace's Config, or the plain defaults
        sorted((code, o.model_dump_json()) for code, o in options.check_options.items()),
        sorted(entry[0].name for entry in model.terms.values()),
    )
    return hashlib.blake2b(repr(facts).encode(), digest_size=16).digest()


class BlockLint:
    """The rule-local checks of one lint: fresh on the blocks not seen before, kept on the others."""

    def __init__(self, cache: FindingsCache, model, layout: list, codes: set[str], context: bytes):
        self.cache = cache
        self.codes = codes
        self.root = model.root.path
        self.keys = [(key, context) for key, _, _, _ in layout]
        self.starts = [start for _, start, _, _ in layout]
        self.stops = [stop for _, _, stop, _ in layout]
        self.lines = [line for _, _, _, line in layout]
        self.kept = [cache._get(key) for key in self.keys]
        self.dirty = {i for i, entry in enumerate(self.kept) if entry is None or any(c not in entry for c in codes)}
        cache.hits += len(self.keys) - len(self.dirty)
        cache.misses += len(self.dirty)
        rules = []
        #: the blocks checked afresh that have a rule of each id
        self.owners: dict[str, list[int]] = {}
        for info in model.rules:
            if info.path != self.root:
                rules.append(info)  # an included file's rules are always checked
                continue
            block = self.block_of(info.rule.span.offset)
            if block in self.dirty:
                rules.append(info)
                owners = self.owners.setdefault(info.id, [])
                if block not in owners:
                    owners.append(block)
        #: the model as the checks see it: only the rules to check afresh
        self.view = copy.copy(model)
        self.view.rules = rules

    def block_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def run(self, check, options: Any) -> list[Diagnostic]:
        """The findings of one rule-local check on the whole spec."""
        fresh = list(check.run(self.view, options))
        by_block: dict[int, list[Diagnostic]] = {i: [] for i in self.dirty}
        unkept: set[int] = set()
        for d in fresh:
            if d.path != self.root:
                continue
            block = self.block_of(d.span.offset)
            owners = self.owners.get(d.rule) if d.rule is not None else None
            if block in by_block and owners in (None, [block]) and self._inside(d, block):
                by_block[block].append(d)
                continue
            # not surely of one block (it points outside its block, or its rule's id is
            # in several, or in none checked now): keep nothing of the blocks it may be of
            unkept.update(owners or by_block)
        for block, found in by_block.items():
            if block not in unkept:
                d_offset, d_line = -self.starts[block], 1 - self.lines[block]
                self.cache._put(self.keys[block], self.root, check.code, [_moved(d, d_offset, d_line) for d in found])
        out = fresh
        for block, entry in enumerate(self.kept):
            if block in self.dirty:
                continue
            d_offset, d_line = self.starts[block], self.lines[block] - 1
            out.extend(_moved(d, d_offset, d_line) for d in entry[check.code])
        return out

    def _inside(self, d: Diagnostic, block: int) -> bool:
        """Whether a finding points only inside `block`."""
        start, stop = self.starts[block], self.stops[block]
        spans = [d.span] + [r.span for r in d.related if r.path == self.root]
        if any(r.path != self.root for r in d.related):
            return False
        if d.fix is not None:
            if any(e.path not in (None, self.root) for e in d.fix.edits):
                return False
            spans += [e.span for e in d.fix.edits]
        return all(start <= s.offset and s.end_offset <= stop for s in spans)


def _moved(d: Diagnostic, d_offset: int, d_line: int) -> Diagnostic:
    """A copy of a finding (its own `data`) moved by `d_offset` characters and `d_line` lines."""
    from ..syntax.incremental import moved_copy

    moved = moved_copy(d, d_offset, d_line)
    moved.data = dict(d.data)
    return moved
