"""Cache files a repository cannot subvert: no symbolic link followed, every entry sealed.

speclint keeps its caches in `.speclint_cache/` inside the repository it
lints, and a repository is untrusted input: a pull request can commit that
folder. So:

- the cache's folders are opened from the workspace root one name at a time,
  with `O_NOFOLLOW`: a folder on the way that is a symbolic link (or not a
  folder) is refused, and the cache is not used;
- files are read with `O_NOFOLLOW` and a size limit, only when they are
  regular files, and written as a fresh file (`O_EXCL`, a random name) in the
  same folder that is then renamed over the entry; the folder's `.gitignore`
  is created with `O_EXCL` too (a dangling link there creates nothing);
- every entry is sealed with an HMAC-SHA256 keyed by a secret of this user,
  kept outside every repository (`$XDG_CACHE_HOME/speclint/key`, else
  `~/.cache/speclint/key`, mode 0600): an entry this machine did not write
  does not verify and is ignored (then rewritten), never trusted.

Whatever goes wrong (no key, a folder that cannot be written, a link) means
linting without that cache, said once (`note`; the CLI prints the notes on
stderr).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Sequence

#: The folder under the workspace root; its `.gitignore` keeps it out of commits.
CACHE_DIR = ".speclint_cache"
IGNORE_TEXT = b"# created by speclint\n*\n"
#: Bytes of the secret key.
KEY_BYTES = 32
#: Temporary files in a cache folder start with this; one older than `TMP_AGE`
#: seconds was left by a killed process and is removed.
TMP_PREFIX = ".tmp-"
TMP_AGE = 3600

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
#: Folders opened by descriptor (openat and friends): every POSIX system. Elsewhere
#: (Windows) each name is checked with lstat before it is used.
_AT = bool(_NOFOLLOW) and hasattr(os, "O_DIRECTORY") and os.open in os.supports_dir_fd and os.rename in os.supports_dir_fd


class Refused(OSError):
    """A cache path that is a symbolic link, or not a folder where one belongs."""


# ---------------------------------------------------------------- notes

_pending: list[str] = []
_topics: set[str] = set()


def note(topic: str, message: str) -> None:
    """Say `message`, once per process for `topic` (the CLI prints notes on stderr)."""
    if topic not in _topics:
        _topics.add(topic)
        _pending.append(message)


def take_notes() -> list[str]:
    """The notes not taken yet."""
    out = list(_pending)
    _pending.clear()
    return out


def _reason(error: OSError) -> str:
    return str(error) if isinstance(error, Refused) else (error.strerror or str(error)).lower()


# ---------------------------------------------------------------- folders


class Folder:
    """A folder of a cache, opened without following symbolic links (see the module docstring).

    `Folder(root, ("a", "b"))` opens `root/a/b`, creating the missing folders
    when `create`; `root` itself is the user's choice and may be a link. Raises
    `Refused` for a link or a non-folder on the way, `FileNotFoundError` when a
    folder is missing and not created, another `OSError` when it cannot be
    created. Close it (or use `with`)."""

    def __init__(self, root: str | os.PathLike, parts: Sequence[str] = (), create: bool = False):
        self.path = Path(root, *parts)
        self.fd: int | None = None
        if _AT:
            fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | _CLOEXEC)
            here = Path(root)
            for part in parts:
                fd = _step(fd, part, create, here)  # closes the folder it was given
                here = here / part
            self.fd = fd
        else:
            here = Path(root)
            for part in parts:
                here = here / part
                if create:
                    try:
                        os.mkdir(here)
                    except FileExistsError:
                        pass
                info = os.lstat(here)
                if not stat.S_ISDIR(info.st_mode):
                    raise Refused(_refusal(here, info.st_mode))

    def sub(self, name: str, create: bool = False) -> "Folder":
        """The folder `name` inside this one (same rules)."""
        if self.fd is None:
            return Folder(self.path, (name,), create)
        child = Folder.__new__(Folder)
        child.path, child.fd = self.path / name, None
        child.fd = _step(os.dup(self.fd), name, create, self.path)
        return child

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> "Folder":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except OSError:
            pass

    # -- files -------------------------------------------------------------
    def _open(self, name: str, flags: int, mode: int = 0o666) -> int:
        if self.fd is not None:
            return os.open(name, flags | _NOFOLLOW | _CLOEXEC | _BINARY, mode, dir_fd=self.fd)
        target = self.path / name
        if os.path.islink(target):
            raise Refused(f"{target} is a symbolic link")
        return os.open(target, flags | _BINARY, mode)

    def read(self, name: str, limit: int, touch_after: float | None = None) -> bytes | None:
        """The content of the regular file `name`, or None (missing, a link, a pipe or
        device, larger than `limit` bytes, unreadable). A file last modified more than
        `touch_after` seconds ago gets a new modification time (it was used)."""
        try:
            fd = self._open(name, os.O_RDONLY | _NONBLOCK)
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
                return None
            data = _read_at_most(fd, limit)
            if data is None:
                return None
            if touch_after is not None and os.utime in os.supports_fd:
                import time

                if info.st_mtime < time.time() - touch_after:
                    try:
                        os.utime(fd)
                    except OSError:
                        pass
            return data
        except OSError:
            return None
        finally:
            os.close(fd)

    def write(self, name: str, data: bytes) -> None:
        """Replace the entry `name` with `data`: a fresh temporary file, then a rename
        (which replaces a link itself, never what it points to). Raises OSError."""
        tmp = f"{TMP_PREFIX}{os.urandom(8).hex()}"
        fd = self._open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            if self.fd is not None:
                os.replace(tmp, name, src_dir_fd=self.fd, dst_dir_fd=self.fd)
            else:
                os.replace(self.path / tmp, self.path / name)
        except BaseException:
            self.remove(tmp)
            raise

    def create(self, name: str, data: bytes) -> bool:
        """Create `name` with `data` unless something (even a dangling link) is there already."""
        try:
            fd = self._open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except (FileExistsError, Refused):
            return False
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        return True

    def remove(self, name: str) -> None:
        """Remove the file (or link) `name`; a folder or a missing name is left alone."""
        try:
            if self.fd is not None:
                os.unlink(name, dir_fd=self.fd)
            else:
                os.unlink(self.path / name)
        except OSError:
            pass

    def lstat(self, name: str) -> os.stat_result | None:
        try:
            if self.fd is not None:
                return os.stat(name, dir_fd=self.fd, follow_symlinks=False)
            return os.lstat(self.path / name)
        except OSError:
            return None

    def names(self) -> list[str]:
        """The names in the folder."""
        try:
            return os.listdir(self.fd if self.fd is not None else self.path)
        except OSError:
            return []


def _step(fd: int, part: str, create: bool, where: Path) -> int:
    """Open the folder `part` inside the folder `fd` (closed) without following a link."""
    try:
        if create:
            try:
                os.mkdir(part, 0o777, dir_fd=fd)
            except FileExistsError:
                pass
        try:
            return os.open(part, os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=fd)
        except OSError as error:
            if error.errno not in (errno.ENOTDIR, errno.ELOOP):
                raise
            info = os.stat(part, dir_fd=fd, follow_symlinks=False)
            raise Refused(_refusal(where / part, info.st_mode)) from None
    finally:
        os.close(fd)


def _refusal(path: Path, mode: int) -> str:
    if stat.S_ISLNK(mode):
        return f"{path} is a symbolic link, which speclint does not follow in its cache"
    return f"{path} is not a folder"


def _read_at_most(fd: int, limit: int) -> bytes | None:
    chunks = []
    total = 0
    while True:
        chunk = os.read(fd, min(1 << 20, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            return None


def open_cache(root: str | os.PathLike, create: bool) -> Folder | None:
    """The `.speclint_cache` folder of a workspace root, None when it is absent and not
    created. Creating it creates its `.gitignore`. Raises `Refused` or OSError."""
    try:
        folder = Folder(root, (CACHE_DIR,), create)
    except FileNotFoundError:
        if create:
            raise
        return None
    if create:
        try:
            folder.create(".gitignore", IGNORE_TEXT)
        except OSError:
            pass
    return folder


def refused_note(error: OSError, where: Path, writing: bool) -> None:
    """The one note for a cache that cannot be used (a link) or written."""
    if isinstance(error, Refused):
        note(f"refused:{where}", f"{error}: running without the cache")
    elif writing:
        note(f"unwritable:{where}", f"cannot write the cache in {where} ({_reason(error)}): running without caching")


# ---------------------------------------------------------------- the key


def user_cache_dir() -> Path:
    """speclint's folder in the user's cache folder (`$XDG_CACHE_HOME/speclint`, else
    `~/.cache/speclint`): outside every repository."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG rule: a relative value is ignored
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "speclint"


_key: list[bytes | None] = []


def secret() -> bytes | None:
    """This user's key for sealing cache entries (read, else created once), or None
    (with a note) when it can be neither read nor created."""
    if not _key:
        path = user_cache_dir() / "key"
        try:
            _key.append(_read_key(path) or _create_key(path))
        except OSError as error:
            note("key", f"cannot keep the cache's key in {path} ({_reason(error)}): running without a cache")
            _key.append(None)
    return _key[0]


def _read_key(path: Path) -> bytes | None:
    """The key in `path` if it is one: a regular file (not a link) of this user that
    nobody else can read or write, of the right size."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC | _NONBLOCK | _BINARY)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            return None  # a link: replaced by a real key
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size != KEY_BYTES:
            return None
        if os.name == "posix" and (info.st_uid != os.geteuid() or info.st_mode & 0o077):
            return None
        data = _read_at_most(fd, KEY_BYTES)
        return data if data and len(data) == KEY_BYTES else None
    finally:
        os.close(fd)


def _create_key(path: Path) -> bytes:
    """A new key in `path`, created 0600 in one step; when another process made one
    first, that one."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = os.urandom(KEY_BYTES)
    tmp = path.parent / f".key-{os.urandom(8).hex()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # never replaces: two processes agree on the first key
        except FileExistsError:
            theirs = _read_key(path)
            if theirs is not None:
                return theirs
            os.replace(tmp, path)  # not a usable key (a link, the wrong mode): ours instead
        except OSError:
            os.replace(tmp, path)  # a filesystem without hard links
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
    return key


def mac(label: bytes, body: bytes) -> bytes | None:
    """The HMAC-SHA256 of `label` and `body` under this user's key (None without one)."""
    key = secret()
    if key is None:
        return None
    import hmac

    return hmac.new(key, label + b"\0" + body, "sha256").digest()


def seal(label: str, body: bytes) -> bytes | None:
    """`body` with its MAC in front (a line of hex), or None without a key."""
    tag = mac(label.encode("utf-8", "surrogatepass"), body)
    return None if tag is None else tag.hex().encode() + b"\n" + body


def unseal(label: str, blob: bytes) -> bytes | None:
    """The body of a sealed entry if its MAC is this user's for `label`, else None."""
    head, sep, body = blob.partition(b"\n")
    if not sep or len(head) != 64:
        return None
    tag = mac(label.encode("utf-8", "surrogatepass"), body)
    if tag is None:
        return None
    import hmac

    return body if hmac.compare_digest(tag.hex().encode(), head) else None


# ---------------------------------------------------------------- files of the user's cache


def read_private(path: Path, limit: int) -> bytes | None:
    """A file of the user's own cache folder: regular, not a link, at most `limit` bytes."""
    try:
        with Folder(path.parent) as folder:
            return folder.read(path.name, limit)
    except OSError:
        return None


def write_private(path: Path, data: bytes) -> None:
    """Replace a file of the user's own cache folder (created if need be) without
    following a link at its name, and remove the temporary files a killed
    process left there (an exported model is about 90 MB). Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with Folder(path.parent) as folder:
        remove_stale(folder)
        folder.write(path.name, data)


def remove_stale(folder: Folder, now: float | None = None) -> None:
    """Remove the temporary files (`TMP_PREFIX`) older than `TMP_AGE` in `folder`."""
    import time

    limit = (time.time() if now is None else now) - TMP_AGE
    for name in folder.names():
        if name.startswith(TMP_PREFIX):
            info = folder.lstat(name)
            if info is not None and stat.S_ISREG(info.st_mode) and info.st_mtime < limit:
                folder.remove(name)
