"""Reading spec files safely: size limits, binary files, encodings, atomic writes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: Files larger than this are refused with a clear message (configurable).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


class SourceError(Exception):
    """A file that cannot be read as a spec; the message names the file and the problem."""


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
        raise SourceError(f"{name}: is a binary file (it contains NUL bytes), not a spec")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise SourceError(
            f"{name}:{line}:{column}: is not valid UTF-8 text (byte 0x{data[error.start]:02x}); "
            "save the file as UTF-8"
        ) from None


def read_source(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of a spec file, or a `SourceError` that says what is wrong."""
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise SourceError(f"{name}: no such file or directory") from None
    except OSError as error:
        raise SourceError(f"{name}: cannot read: {error.strerror or error}") from None
    if p.is_dir():
        raise SourceError(f"{name}: is a directory")
    if size > max_bytes:
        raise SourceError(
            f"{name}: is {size / 1048576:.1f} MB, more than the limit of "
            f"{max_bytes / 1048576:.0f} MB for one spec (`max-file-size` in the configuration)"
        )
    try:
        data = p.read_bytes()
    except PermissionError:
        raise SourceError(f"{name}: cannot read: permission denied") from None
    except OSError as error:
        raise SourceError(f"{name}: cannot read: {error.strerror or error}") from None
    return decode(data, name)


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
    disk leaves either the old content or the new one, never a mix.
    """
    p = Path(path)
    directory = p.parent if str(p.parent) else Path(".")
    try:
        mode = p.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    import tempfile  # only when writing: it is a few milliseconds of a cold start

    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=directory)
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
