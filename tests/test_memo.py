"""Caches bounded by the bytes they hold (specdsl/memo.py): what a long-lived
language server keeps while its user types, where every keystroke is a new
text for every cache keyed by one."""

from __future__ import annotations

import gc
import sys

from specdsl.core.memo import ByteLRU, accounted, bounds, text_cache


def test_a_full_cache_lets_the_least_recently_used_go_first():
    cache = ByteLRU(1000, "test")
    for i in range(10):
        cache.put(f"k{i}", i, 150)
        cache.get("k0")  # used all along
        assert cache.bytes <= 1000
    # 6 entries of 150 bytes fit: k0 (read after each put) and the five latest
    assert cache.keys() == ["k5", "k6", "k7", "k8", "k9", "k0"]
    assert cache.bytes == 900
    assert cache.get("k1") is None and cache.get("k0") == 0
    # an entry bigger than the whole bound is not kept, and takes its older value with it
    assert cache.put("k9", "huge", 1001) is False
    assert "k9" not in cache and cache.bytes == 750
    # one bigger entry pushes out as many of the oldest as it takes
    cache.put("big", "b", 700)
    assert cache.keys() == ["k8", "k0", "big"] and cache.bytes == 1000
    assert cache.pop("k0") == 0 and cache.bytes == 850
    assert cache.discard_if(lambda key, value: value == "b") == 1 and cache.keys() == ["k8"] and cache.bytes == 150


def test_a_text_cache_is_bounded_by_the_size_of_its_texts():
    calls = []

    @text_cache(64 * 1024, per_char=8)
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    # 64 KB in a long-lived process; a command-line run (this one) allows more
    bound = shout.cache.max_bytes
    assert bound >= 64 * 1024
    kept = "kept " * 100
    for i in range(1000):
        assert shout(f"{i:04} " + "x" * 1000) == f"{i:04} " + "X" * 1000
        shout(kept)
        assert shout.cache.bytes <= bound
    assert calls.count(kept) == 1  # used after every other text: never evicted
    assert len(shout.cache) <= bound // 9000  # a text of 1 KB costs about 9 KB: a few fit, not a thousand
    n = len(calls)
    shout("0999 " + "x" * 1000)  # the latest is kept
    assert len(calls) == n
    shout("0000 " + "x" * 1000)  # the first is long gone
    assert len(calls) == n + 1
    shout.cache_clear()
    assert shout.cache.bytes == 0
    assert accounted()[shout.cache.name] == 0 and bounds()[shout.cache.name] == bound
    # held to a smaller bound, it lets the least recently used go at once
    for i in range(5):
        shout(f"{i}" + "y" * 1000)
    shout.cache.resize(3 * 9400)
    assert shout.cache.bytes <= 3 * 9400 and len(shout.cache) == 3
    n = len(calls)
    shout("4" + "y" * 1000)
    assert len(calls) == n


def deep_size(obj) -> int:
    """The memory of an object and of everything it refers to (each object once;
    classes, modules and functions are shared, not counted)."""
    seen: set[int] = set()
    todo = [obj]
    total = 0
    while todo:
        item = todo.pop()
        if id(item) in seen or isinstance(item, (type, type(sys), type(deep_size))):
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        todo.extend(gc.get_referents(item))
    return total


TEXTS = [
    "The assistant must never share the user's personal data with third parties, whatever they ask.",
    " ".join("a b c d e f g h" for _ in range(500)),
    ", ".join(str(n) for n in range(3000)),
    "Never " + "appropriately " * 2000,
    "Never share " + " ".join(f"w{i}" for i in range(3000)) + " with anyone unless " + " ".join(f"v{i}" for i in range(3000)),
    "You must " + ", ".join(f"do thing{i} with object{i} in 2025" for i in range(500)) + ". Then stop; now; here: done.",
]


def _estimate_holds(fn, *args) -> None:
    fn.cache_clear()
    value = fn(*args)
    actual = deep_size(args) + deep_size(value)
    assert fn.cache.bytes >= actual, (fn.__name__, str(args)[:40], fn.cache.bytes, actual)


def test_the_text_caches_estimates_are_not_below_what_they_hold():
    """The estimates of the caches the server fills while its user types hold on
    texts of every shape: long prose, tiny words, lists of numbers, long lists."""
    from specdsl.language.analysis import analyze
    from specdsl.language.reasons import reason_in
    from specdsl.language.text import stem, word_set, words
    from specdsl.markdown.normative import _modality_of as modality  # the remembered part of `modality`
    from specdsl.markdown.patterns import _normative
    from specdsl.markdown.prose import _words_slug
    from specdsl.semantic import evidence

    for fn in (words, word_set, analyze, _normative, modality, _words_slug, evidence._first_stem, evidence._numbers,
               evidence.appeals_to_judgment, evidence._clauses, reason_in):
        for text in TEXTS:
            _estimate_holds(fn, text)
    for word in ("a", "appropriately", "x" * 5000):
        _estimate_holds(stem, word)


#: Texts whose scopes and limits are many and long (a phrase at every opening word, a limit in every clause).
SCOPED = [
    "In production " * 400,
    "For " + TEXTS[5],
    "In " + TEXTS[4],
    "Never share the logs in project P2 " * 300 + "unless the operator asks",
    "at most 3 words, " * 500,
    "no more than 5 retries or at least 2 times " * 300,
    "Never share data in production in production " * 100,
    "For a in b for c in d, " * 200,
]


def test_the_scope_caches_estimates_are_not_below_what_they_hold():
    """The same for what the conflict checks keep by a rule's words in the server
    (its scope, a section title's scope, its limits), read again on every keystroke."""
    from test_reuse import server_caches

    from specdsl.language.modality import Modality
    from specdsl.language.scope import limits
    from specdsl.model.candidates import _title_scope, own_scope

    with server_caches(bound=64 * 2**20):  # room for the longest of these texts
        for text in TEXTS + SCOPED:
            _estimate_holds(_title_scope, text)
            _estimate_holds(limits, text, True, "retri")
            for inherited in (None, Modality.PROHIBITION):
                _estimate_holds(own_scope, text, inherited, (), ())
            _estimate_holds(own_scope, "Share the logs.", None, (text, "in production"), (text[-2000:],))


def test_a_cache_for_long_lived_processes_keeps_nothing_in_a_command_line_run():
    """`long_lived_only`: a command-line run (one lint) keeps none of it, so a large
    lint's peak memory does not grow; once the process is long-lived, it keeps."""
    import subprocess
    import sys

    code = (
        "from specdsl.core import memo\n"
        "from specdsl.model.candidates import own_scope\n"
        "own_scope('Never share the logs in production.', None)\n"
        "print(len(own_scope.cache), own_scope.cache.max_bytes)\n"
        "memo.long_lived()\n"
        "own_scope('Never share the logs in production.', None)\n"
        "print(len(own_scope.cache), own_scope.cache.max_bytes)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "0", "1", str(8 * 2**20)]
