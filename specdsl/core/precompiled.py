"""speclint's own regular expressions, compiled once and kept, like bytecode.

Compiling a regular expression is pure Python in CPython (`re._parser` and
`re._compiler`), and speclint's checks and its reader of language hold big
ones: word lists of a few hundred alternatives. Compiling them all took a
third of a cold `speclint check` of a small spec (about 30 ms of 90). The
result of a compilation, the program that the C matcher runs, is a list of
integers: this module keeps those programs in one file beside speclint's
bytecode (`specdsl/__pycache__/`), keyed by the pattern's text and flags,
and a later process hands them to the matcher directly (under a millisecond
for all of them).

Only patterns written in speclint's source go through `compile` here:
nothing that a spec, a configuration or a plugin supplies, so nothing in a
repository reaches the file. The file is written the way Python writes
bytecode: only where the package's `__pycache__` can be written, not under
`python -B` (`PYTHONDONTWRITEBYTECODE`), atomically, and once, when the
process ends having compiled something new. It is named after the
interpreter's cache tag and the matcher's version, so another Python never
reads it; one that cannot be read (a truncated or foreign file) is ignored,
and on any interpreter but CPython, or if anything here fails, `compile` is
`re.compile`.
"""

from __future__ import annotations

import os
import re
import sys
import threading

__all__ = ["compile"]

try:  # CPython's matcher and compiler; anything else: plain `re.compile`.
    import _sre
    from re import _compiler, _parser

    _TAG = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}"
except (ImportError, AttributeError):  # pragma: no cover - not CPython
    _sre = None
    _TAG = None

#: Above this many programs in the file, those this process did not use are
#: dropped when it is written again (patterns change as speclint does).
_KEEP = 600

#: (pattern, flags) -> (flags, code, groups, groupindex, indexgroup), as read
#: from the file (None: not read yet) and as compiled by this process.
_stored: dict | None = None
_new: dict = {}
_used: set = set()
_registered = False
#: `compile` may run on several threads (the language server's parser builds
#: its scanners on first use): the tables change under this lock.
_lock = threading.Lock()


def cache_file() -> str | None:
    """Where the programs are kept: beside speclint's bytecode."""
    if _TAG is None:
        return None
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return os.path.join(package, "__pycache__", f"regex.{_TAG}.marshal")


def _load() -> dict:
    global _stored
    if _stored is None:
        _stored = {}
        path = cache_file()
        if path:
            try:
                import marshal

                with open(path, "rb") as handle:
                    data = marshal.loads(handle.read())
                if isinstance(data, dict):
                    _stored = data
            except (OSError, ValueError, EOFError, TypeError):
                pass
    return _stored


def _program(pattern: str, flags: int) -> tuple:
    """Compile as `re._compiler.compile` does, returning what it gives the matcher."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def compile(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile(pattern, flags)`, from the kept program when there is one."""
    if _sre is None or not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    with _lock:
        program = _load().get(key) or _new.get(key)
    if program is not None:
        try:
            compiled = _matcher(pattern, program)
            _used.add(key)
            return compiled
        except Exception:  # a foreign or damaged program: made again below
            pass
    try:
        program = _program(pattern, int(flags))
        compiled = _matcher(pattern, program)
    except Exception:  # pragma: no cover - whatever `re` does with it, it does below
        return re.compile(pattern, flags)
    with _lock:
        _new[key] = program
        _used.add(key)
        _remember()
    return compiled


def _matcher(pattern: str, program: tuple) -> re.Pattern:
    result_flags, code, groups, groupindex, indexgroup = program
    return _sre.compile(pattern, result_flags, code, groups, groupindex, indexgroup)


def _remember() -> None:
    global _registered
    if not _registered and not sys.dont_write_bytecode:
        import atexit

        atexit.register(save)
        _registered = True


def save() -> None:
    """Write the kept programs with this process's new ones (atomically; errors ignored)."""
    path = cache_file()
    if not _new or not path or sys.dont_write_bytecode:
        return
    with _lock:
        programs = dict(_load())
        if len(programs) + len(_new) > _KEEP:
            programs = {key: program for key, program in programs.items() if key in _used}
        new = dict(_new)
        programs.update(new)
    try:
        import marshal

        os.makedirs(os.path.dirname(path), exist_ok=True)
        # as importlib writes bytecode: a new file of this process, then renamed over the old
        temp = f"{path}.{os.getpid()}.tmp"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(marshal.dumps(programs))
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise
    except (OSError, ValueError):
        return
    with _lock:
        _stored.update(new)
        for key in new:
            _new.pop(key, None)
