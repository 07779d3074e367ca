"""Reading spec files safely: size limits, binary files, encodings, atomic writes."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

#: Files larger than this are refused with a clear message (configurable).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: A file may have one line for each this many bytes of the size limit (209,715
#: lines under 10 MB): each line may be a rule, and a rule takes a few
#: kilobytes to check, so ten megabytes of one-line rules would take gigabytes.
BYTES_PER_LINE = 50


class SourceError(Exception):
    """A file that cannot be read as a spec (or written); the message names the
    file and the problem, `reason` is the problem alone."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason

    def __reduce__(self):  # crosses from a worker process intact
        return type(self), (self.name, self.reason)


#: The longest path an `include` may name (Linux's PATH_MAX): a longer one is junk.
MAX_PATH_CHARS = 4096


def printable(text: str, limit: int = 120) -> str:
    """A name from a spec or a folder as a message can show it: control
    characters, invisible format characters and what is not text (a lone
    surrogate) as visible escapes (`\\n`, `\\x1b`, `\\u202e`), and a name longer
    than `limit` characters cut in the middle with `…`. A name from a
    repository must not write on the terminal or the CI log that shows it."""
    if len(text) > limit:
        half = max(limit // 2 - 1, 1)
        text = text[:half] + "…" + text[-half:]
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def _escape(char: str) -> str:
    code = ord(char)
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
    if named:
        return named
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def path_problem(path: str) -> str | None:
    """Why `path` (written in a spec) cannot name a file, or None when it can.

    What the operating system would refuse with an exception rather than an
    error number (a NUL, a lone surrogate), and what no file name of a spec
    needs (control characters, more than `MAX_PATH_CHARS` characters)."""
    if not path.strip():
        return "the path is empty"
    if len(path) > MAX_PATH_CHARS:
        return f"the path is {len(path):,} characters long, more than the {MAX_PATH_CHARS:,} a file name can have"
    if path.isprintable():
        return None
    for char in path:
        if char == "\x00":
            return "the path contains a NUL character"
        if "\ud800" <= char <= "\udfff":
            return f"the path contains {_escape(char)}, half of a character (a lone surrogate), not text"
        if ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0:
            return f"the path contains the control character {_escape(char)}"
    return None


def package_text(package: str, *parts: str) -> str:
    """A data file shipped in one of speclint's packages, e.g. a lexicon.

    Read from the package's folder; `importlib.resources` (a few milliseconds
    of imports on a cold start) only for an installation that is not a folder.
    Raises ModuleNotFoundError when there is no such package.
    """
    __import__(package)
    for directory in getattr(sys.modules[package], "__path__", ()):
        try:
            return Path(directory, *parts).read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError):
            continue
    from importlib import resources

    return resources.files(package).joinpath(*parts).read_text(encoding="utf-8")


def decode(data: bytes, name: str) -> str:
    """Bytes to text, refusing binary files and invalid UTF-8 with a clear message."""
    if b"\x00" in data[:8192] or b"\x00" in data:
        raise SourceError(name, "is a binary file (it contains NUL bytes), not a spec")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise SourceError(
            f"{name}:{line}:{column}",
            f"is not valid UTF-8 text (byte 0x{data[error.start]:02x}); "
            "save the file as UTF-8"
        ) from None


def bom_of(path: str | os.PathLike) -> str:
    """"\ufeff" if the file starts with a UTF-8 byte-order mark (which `decode`
    leaves out of the text), else "": what a rewrite must put back."""
    try:
        with open(path, "rb") as handle:
            return "\ufeff" if handle.read(3) == b"\xef\xbb\xbf" else ""
    except OSError:
        return ""


def read_source(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of a spec file, or a `SourceError` that says what is wrong."""
    p = Path(path)
    name = str(path)
    try:
        info = p.stat()
    except FileNotFoundError:
        raise SourceError(name, "no such file or directory") from None
    except OSError as error:
        raise SourceError(name, f"cannot read: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(name, "is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(name, "is not a regular file (a pipe, socket or device is not read)")
    if info.st_size > max_bytes:
        raise SourceError(
            name,
            f"is {_size(info.st_size)}, more than the limit of "
            f"{_size(max_bytes)} for one spec (`max-file-size` in the configuration)"
        )
    try:
        data = p.read_bytes()
    except PermissionError:
        raise SourceError(name, "cannot read: permission denied") from None
    except OSError as error:
        raise SourceError(name, f"cannot read: {error.strerror or error}") from None
    lines = data.count(b"\n")
    if lines > max_bytes // BYTES_PER_LINE:
        raise SourceError(
            name,
            f"has {lines:,} lines, more than the {max_bytes // BYTES_PER_LINE:,} lines speclint reads in one spec "
            f"(one for each {BYTES_PER_LINE} bytes of `max-file-size`, since every line may be a rule that "
            "takes memory to check); raise `max-file-size` in the configuration to read it"
        )
    return decode(data, name)


def _size(count: int) -> str:
    """A number of bytes for people: `512 bytes`, `12.5 KB`, `10 MB`."""
    if count < 1024:
        return f"{count} byte{'s' if count != 1 else ''}"
    if count < 1048576:
        return f"{count / 1024:.1f}".removesuffix(".0") + " KB"
    return f"{count / 1048576:.1f}".removesuffix(".0") + " MB"


_UMASK: list[int] = []


def _umask() -> int:
    """The process's umask (read once: reading it means setting it)."""
    if not _UMASK:
        current = os.umask(0o022)
        os.umask(current)
        _UMASK.append(current)
    return _UMASK[0]


def write_atomic(path: str | os.PathLike, text: str | bytes) -> None:
    """Replace a file's content (text as UTF-8, or bytes) in one step: a temporary
    file beside it, then a rename.

    The file's permissions are kept; a new file gets the ones `open` would give
    it (0666 less the umask), not the temporary file's 0600. A crash or a full
    disk leaves either the old content or the new one, never a mix. A process
    killed while writing leaves its temporary file (`.NAME.speclint-XXXXXXXX.tmp`);
    the next write in that folder removes those more than an hour old.
    """
    # Through a symbolic link to the file it names: replacing the link itself
    # would leave the real file as it was and turn the link into a copy.
    p = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        _replace(p, text)
    except IsADirectoryError:
        raise SourceError(str(path), "cannot write: is a directory") from None
    except FileNotFoundError:
        raise SourceError(str(path), f"cannot write: no such directory: {p.parent}") from None
    except OSError as error:
        raise SourceError(str(path), f"cannot write: {error.strerror or error}") from None


def _replace(p: Path, text: str | bytes) -> None:
    """`write_atomic`'s work, its OSErrors left for it to say."""
    try:
        mode = p.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    if p.is_dir():
        raise IsADirectoryError(p)
    import tempfile  # only when writing: it is a few milliseconds of a cold start

    folder = p.parent if str(p.parent) else Path(".")
    _remove_stale_temporaries(folder)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}{TEMP_MARK}", suffix=".tmp", dir=folder)
    try:
        binary = isinstance(text, bytes)
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


#: What names write_atomic's temporary files: `.NAME` + this + 8 random characters + `.tmp`.
TEMP_MARK = ".speclint-"
#: A temporary file of ours older than this was left by a killed process.
STALE_TEMP_AGE = 3600
_cleaned: set[str] = set()


def _remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files `write_atomic` left in `folder` when a process was
    killed mid-write: its own naming only, regular files of this user more than an
    hour old (a running write's file is younger). Once per folder per process."""
    key = os.path.abspath(folder)
    if key in _cleaned:
        return
    _cleaned.add(key)
    import re
    import time

    pattern = re.compile(r"\..+" + re.escape(TEMP_MARK) + r"[a-z0-9_]{8}\.tmp")
    limit = time.time() - STALE_TEMP_AGE
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if not pattern.fullmatch(entry.name):
                    continue
                try:
                    info = entry.stat(follow_symlinks=False)
                    mine = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
                    if stat.S_ISREG(info.st_mode) and mine and info.st_mtime < limit:
                        os.unlink(entry.path)
                except OSError:
                    pass
    except OSError:
        pass
