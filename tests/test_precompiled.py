"""speclint's own regular expressions are compiled once and kept beside its
bytecode (`specdsl.core.precompiled`): a pattern made from a kept program is
the pattern `re.compile` makes, and a missing, damaged or foreign file only
costs the compilation it would have saved (issue 20: the cold start)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from specdsl.core import precompiled

SAMPLES = [
    (r"(?<![\w'’-])(?:because|so that|in order (?:to|that))(?![\w'’-])", re.I),
    (r"(?P<verb>never|always)\s+(?P<what>\w+)(?:\s+(?P=what))?", 0),
    (r"^\s*[-*]\s+(.*)$", re.M),
    (r"[A-Za-z0-9][A-Za-z0-9'’-]*", 0),
    (r"(?x) a \s* b  # verbose, with a comment", 0),
]
TEXTS = [
    "Never share passwords, because attackers reuse them.",
    "always always Check the logs so that nothing is lost.",
    "- first item\n* second item\nnot an item",
    "In Order To keep builds reproducible, pin versions: a   b, ab.",
]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty store in a temporary folder, for this test only."""
    path = tmp_path / "__pycache__" / "regex.test.marshal"
    monkeypatch.setattr(precompiled, "cache_file", lambda: str(path))
    monkeypatch.setattr(precompiled, "_stored", None)
    monkeypatch.setattr(precompiled, "_new", {})
    monkeypatch.setattr(precompiled, "_used", set())
    monkeypatch.setattr(precompiled, "_registered", True)  # no exit hook from a test
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return path


def _same(made: re.Pattern, pattern: str, flags: int) -> None:
    expected = re.compile(pattern, flags)
    assert (made.pattern, made.flags, made.groups, made.groupindex) == (
        expected.pattern, expected.flags, expected.groups, expected.groupindex,
    )
    for text in TEXTS:
        assert [m.span() for m in made.finditer(text)] == [m.span() for m in expected.finditer(text)]
        assert [m.groups() for m in made.finditer(text)] == [m.groups() for m in expected.finditer(text)]


def _start_again(monkeypatch) -> None:
    """What a new process sees: nothing read, nothing new."""
    monkeypatch.setattr(precompiled, "_stored", None)
    monkeypatch.setattr(precompiled, "_new", {})


@pytest.mark.parametrize("pattern, flags", SAMPLES)
def test_a_kept_program_makes_the_pattern_re_compile_makes(fresh, monkeypatch, pattern, flags):
    _same(precompiled.compile(pattern, flags), pattern, flags)
    precompiled.save()
    assert fresh.exists()
    _start_again(monkeypatch)

    def no_compiling(*args):
        raise AssertionError("compiled again although the program was kept")

    monkeypatch.setattr(precompiled, "_program", no_compiling)
    _same(precompiled.compile(pattern, flags), pattern, flags)


def test_a_damaged_file_or_program_is_compiled_again_and_mended(fresh, monkeypatch):
    pattern, flags = SAMPLES[0]
    fresh.parent.mkdir()
    fresh.write_bytes(b"\x00not marshal at all")
    _same(precompiled.compile(pattern, flags), pattern, flags)  # unreadable file: as if none

    _start_again(monkeypatch)
    key = (pattern, int(flags))
    monkeypatch.setattr(precompiled, "_stored", {key: (int(flags), [1, 2, 3], 0, {}, ())})
    _same(precompiled.compile(pattern, flags), pattern, flags)  # a program the matcher refuses
    assert precompiled._new[key][1] != [1, 2, 3]  # and the next save writes the right one


def test_nothing_is_written_under_python_b(fresh, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    precompiled.compile(*SAMPLES[1])
    precompiled.save()
    assert not fresh.exists()


def test_a_new_process_uses_the_programs_the_last_one_kept(tmp_path):
    """End to end: the first process writes the file at exit, the second compiles nothing."""
    script = (
        "import sys\n"
        "from specdsl.core import precompiled\n"
        f"precompiled.cache_file = lambda: {str(tmp_path / 'regex.marshal')!r}\n"
        "sys.dont_write_bytecode = False\n"
        "from re import _parser\n"
        "calls = []\n"
        "parse = _parser.parse\n"
        "_parser.parse = lambda *a: calls.append(a) or parse(*a)\n"
        "assert precompiled.compile(r'(?i)\\bkept\\b').search('Kept here').span() == (0, 4)\n"
        "print(len(calls))\n"
    )
    counts = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.strip()
        for _ in range(2)
    ]
    assert counts == ["1", "0"]
