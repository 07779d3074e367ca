"""The caches in a hostile repository (issue 14, findings 1, 2, 5, 13 and 14).

A repository is untrusted input, and it can commit `.speclint_cache/`. Each
test builds a small hostile repository in a temporary folder and drives the
installed `speclint` as CI or a user would; the user's own cache folder (the
key that seals entries) is a temporary folder too (`XDG_CACHE_HOME`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import run_speclint, speclint_executable

#: A spec with findings: R001 (no rationale) and V002 ("appropriate").
FLAWED = "rule A1: Do the appropriate thing.\n"
CLEAN = "rule A1: Answer in the language of the question.\n  rationale: Users read answers they understand.\n"


@pytest.fixture
def user_cache(tmp_path):
    return tmp_path / "user-cache"


@pytest.fixture
def repo(tmp_path):
    """A repository with a flawed spec and a configuration (so there is a validated-configuration entry)."""
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".git").mkdir()
    (root / "spec.mspec").write_text(FLAWED, encoding="utf-8")
    (root / ".speclint.yaml").write_text("fail-on: info\n", encoding="utf-8")
    return root


@pytest.fixture
def lint(repo, user_cache):
    """Run speclint in the repository with the test's own user cache folder."""

    def run(*args, prefix=(), timeout=60, **kwargs):
        env = dict(os.environ, XDG_CACHE_HOME=str(user_cache))
        env.pop("NO_COLOR", None)
        return subprocess.run(
            [*prefix, speclint_executable(), *args],
            cwd=repo,
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
            **kwargs,
        )

    return run


def _entries(repo: Path) -> list[Path]:
    """The results cache's entries (not the validated configurations)."""
    return sorted(p for p in (repo / ".speclint_cache" / "v1").glob("??/*.json"))


def _codes(result) -> list[str]:
    return sorted(d["code"] for d in json.loads(result.stdout)["diagnostics"])


def _no_crash(result) -> None:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr


def _key(user_cache: Path) -> bytes:
    return (user_cache / "speclint" / "key").read_bytes()


def _reseal(entry: Path, body: bytes, key: bytes) -> None:
    """Write `body` into `entry` sealed with `key` the way speclint seals: an HMAC-SHA256
    of a label (kind, then the entry's key) and the body, in hex, then a line feed."""
    label = b"result\0" + entry.stem.encode()
    tag = hmac.new(key, label + b"\0" + body, hashlib.sha256).hexdigest().encode()
    entry.write_bytes(tag + b"\n" + body)


def _config_entry_name(tmp_path: Path, repo: Path, user_cache: Path) -> str:
    """The name of the repository's validated-configuration entry: it depends only on
    the version and the configuration, so it is learnt by linting a copy."""
    scratch = tmp_path / "scratch"
    shutil.copytree(repo, scratch)
    env = dict(os.environ, XDG_CACHE_HOME=str(user_cache))
    subprocess.run([speclint_executable(), "check", "spec.mspec"], cwd=scratch, capture_output=True, env=env)
    (name,) = [p.name for p in (scratch / ".speclint_cache" / "v1").glob("config-*.json")]
    return name


# ---------------------------------------------------------------- finding 1: writing through links


def test_a_linked_configuration_entry_is_not_written_through(tmp_path, repo, lint, user_cache):
    name = _config_entry_name(tmp_path, repo, user_cache)

    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (repo / ".speclint_cache" / "v1").mkdir(parents=True)
    (repo / ".speclint_cache" / "v1" / name).symlink_to(victim)
    result = lint("check", "spec.mspec")
    assert result.returncode == 1, result.stderr
    assert victim.read_text() == "precious\n"
    assert not (repo / ".speclint_cache" / "v1" / name).is_symlink()  # replaced by a real entry


def test_a_dangling_gitignore_link_creates_nothing_outside(tmp_path, repo, lint):
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / ".speclint_cache").mkdir()
    (repo / ".speclint_cache" / ".gitignore").symlink_to(outside / "created-by-speclint")
    result = lint("check", "spec.mspec")
    assert result.returncode == 1, result.stderr
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("linked", [".speclint_cache", ".speclint_cache/v1", "shard"])
def test_a_linked_cache_folder_is_refused_with_one_note(tmp_path, repo, lint, linked):
    if linked == "shard":
        assert lint("check", "spec.mspec").returncode == 1
        (shard,) = {p.parent for p in _entries(repo)}
        shutil.rmtree(shard)
        linked = str(shard.relative_to(repo))
    outside = tmp_path / "outside"
    outside.mkdir()
    link = repo / linked
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside, target_is_directory=True)
    result = lint("check", "--format", "json", "spec.mspec")
    assert result.returncode == 1 and _codes(result) == ["R001", "V002"], result.stderr
    assert list(outside.iterdir()) == []  # nothing written through the link
    notes = [line for line in result.stderr.splitlines() if "symbolic link" in line]
    assert len(notes) == 1 and notes[0].startswith(f"speclint: note: {link} is a symbolic link"), result.stderr


# ---------------------------------------------------------------- finding 2: forged and malformed entries


def test_a_forged_entry_does_not_make_a_flawed_spec_pass(repo, lint):
    first = lint("check", "--format", "json", "spec.mspec")
    assert first.returncode == 1 and _codes(first) == ["R001", "V002"]
    (entry,) = _entries(repo)
    # what a pull request can commit: the right name (the content hash anyone can
    # compute) and a clean result
    entry.write_text(json.dumps({"path": "spec.mspec", "rules": 1, "deps": {}, "diagnostics": []}))
    again = lint("check", "--format", "json", "spec.mspec")
    assert again.returncode == 1 and _codes(again) == ["R001", "V002"]


def test_an_entry_sealed_on_another_machine_is_not_trusted(tmp_path, repo, lint, user_cache):
    assert lint("check", "spec.mspec").returncode == 1
    key_file = user_cache / "speclint" / "key"
    info = key_file.lstat()
    assert stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o600 and info.st_size == 32
    (entry,) = _entries(repo)
    clean = json.dumps({"path": "spec.mspec", "rules": 1, "deps": {}, "diagnostics": []}).encode()
    _reseal(entry, clean, _key(user_cache))
    # the seal is what decides: under the key that sealed it the entry is used...
    assert lint("check", "spec.mspec").returncode == 0
    # ...and a machine with another key (a CI runner, given a committed cache) lints the file
    other = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "another-machine"))
    result = subprocess.run([speclint_executable(), "check", "spec.mspec"], cwd=repo, capture_output=True, text=True, env=other)
    assert result.returncode == 1 and "R001" in result.stdout and "V002" in result.stdout


JUNK = [
    b"",
    b"\x00\xff\xfe garbage",
    b"[]",
    b"null",
    b"7",
    b'"text"',
    b"[" * 100000,
    json.dumps({"rules": "1", "deps": {}, "diagnostics": []}).encode(),
    json.dumps({"rules": 1, "deps": [], "diagnostics": []}).encode(),
    json.dumps({"rules": 1, "deps": {"x": 1}, "diagnostics": []}).encode(),
    json.dumps({"rules": 1, "deps": {}, "diagnostics": {}}).encode(),
    json.dumps({"rules": 1, "deps": {}, "diagnostics": [1, "two", None]}).encode(),
    json.dumps({"rules": 1, "deps": {}, "diagnostics": [{"code": 1}]}).encode(),
    json.dumps(
        {
            "rules": 1,
            "deps": {},
            "diagnostics": [
                {"code": "R001", "name": "n", "severity": "fatal", "message": "m", "span": [1, 1, 0, 1, 2, 1]}
            ],
        }
    ).encode(),
    json.dumps(
        {
            "rules": 1,
            "deps": {},
            "diagnostics": [
                {"code": "R001", "name": "n", "severity": "info", "message": "m", "span": [1, 1], "related": 5}
            ],
        }
    ).encode(),
    json.dumps(
        {
            "rules": 1,
            "deps": {},
            "diagnostics": [
                {
                    "code": "R001",
                    "name": "n",
                    "severity": "info",
                    "message": "m",
                    "span": [1, 1, 0, 1, 2, 1],
                    "fix": {"message": "f", "safe": True, "edits": [{"span": "x"}]},
                }
            ],
        }
    ).encode(),
]


def test_entries_of_every_wrong_shape_are_rebuilt(repo, lint):
    first = lint("check", "--format", "json", "spec.mspec")
    assert first.returncode == 1
    (entry,) = _entries(repo)
    for junk in JUNK:
        entry.write_bytes(junk)
        result = lint("check", "--format", "json", "spec.mspec")
        _no_crash(result)
        assert result.returncode == 1 and _codes(result) == ["R001", "V002"], junk[:80]
    # a folder, a link and a pipe where the entry belongs
    for make in (os.mkdir, lambda p: os.symlink("/dev/zero", p), os.mkfifo):
        shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink(missing_ok=True)
        make(entry)
        result = lint("check", "--format", "json", "spec.mspec", timeout=30)
        _no_crash(result)
        assert result.returncode == 1 and _codes(result) == ["R001", "V002"]


def test_a_malformed_validated_configuration_entry_is_not_used(repo, lint):
    from specdsl import __version__

    content = (repo / ".speclint.yaml").read_bytes()
    key = hashlib.sha256(__version__.encode() + b"\0" + content).hexdigest()
    entry = repo / ".speclint_cache" / "v1" / f"config-{key[:32]}.json"
    entry.parent.mkdir(parents=True)
    entry.write_text(json.dumps({"key": key, "config": {"fail_on": 5, "max_file_size": "huge"}}))
    result = lint("check", "--format", "json", "spec.mspec")
    _no_crash(result)
    assert result.returncode == 1 and _codes(result) == ["R001", "V002"]


def _limit_memory():
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def test_dependencies_naming_devices_pipes_and_outside_files_are_not_read(tmp_path, repo, lint):
    assert lint("check", "spec.mspec").returncode == 1
    (entry,) = _entries(repo)
    fifo = repo / "pipe.mspec"
    os.mkfifo(fifo)
    outside = tmp_path / "outside.mspec"
    outside.write_text("secret\n")
    for dep in ("/dev/zero", str(fifo), str(outside)):
        entry.write_text(json.dumps({"path": "spec.mspec", "rules": 1, "deps": {dep: "x"}, "diagnostics": []}))
        # before the fix /dev/zero grew without bound and the pipe hung: bounded here
        result = lint("check", "spec.mspec", timeout=30, preexec_fn=_limit_memory)
        _no_crash(result)
        assert result.returncode == 1 and "R001" in result.stdout, dep


# ---------------------------------------------------------------- finding 5: includes


def test_a_missing_include_created_later_is_seen(repo, lint):
    (repo / "spec.mspec").write_text('include "shared.mspec"\n' + CLEAN, encoding="utf-8")
    first = lint("check", "--format", "json", "spec.mspec")
    assert first.returncode == 1 and _codes(first) == ["S006"]
    (repo / "shared.mspec").write_text("rule S1: Cite sources.\n  rationale: Readers trust claims they can check.\n")
    again = lint("check", "--format", "json", "spec.mspec")
    assert again.returncode == 0 and _codes(again) == []


def test_a_broken_include_repaired_later_is_seen(repo, lint):
    (repo / "spec.mspec").write_text('include "shared.mspec"\n' + CLEAN, encoding="utf-8")
    (repo / "shared.mspec").write_bytes(b"rule S1: Cite sources.\x00\n")  # a NUL byte: not read as text
    first = lint("check", "--format", "json", "spec.mspec")
    assert first.returncode == 1 and _codes(first) == ["S006"]
    (repo / "shared.mspec").write_text("rule S1: Cite sources.\n  rationale: Readers trust claims they can check.\n")
    again = lint("check", "--format", "json", "spec.mspec")
    assert again.returncode == 0 and _codes(again) == []


# ---------------------------------------------------------------- finding 14: an unwritable cache

COMMANDS = [
    (("check", "spec.mspec"), 1),
    (("fmt", "spec.mspec"), 0),
    (("fix", "spec.mspec"), 0),
    (("stats", "spec.mspec"), 0),
    (("export", "spec.mspec"), 0),
]


def _unprivileged() -> tuple[str, ...]:
    """A prefix that runs a command without root's right to write anywhere (chmod alone
    does not stop root, who may run the tests)."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only folder cannot be made (the next test covers it)")
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search")


def test_a_read_only_cache_folder_means_linting_without_it(repo, lint):
    prefix = _unprivileged()
    folder = repo / ".speclint_cache" / "v1"
    folder.mkdir(parents=True)
    folder.chmod(0o555)
    try:
        for args, code in COMMANDS:
            result = lint(*args, prefix=prefix)
            _no_crash(result)
            assert result.returncode == code, (args, result.stderr)
            notes = [line for line in result.stderr.splitlines() if "cache" in line]
            assert len(notes) == 1 and notes[0].startswith("speclint: note: "), (args, result.stderr)
    finally:
        folder.chmod(0o755)


def test_a_folder_where_an_entry_belongs_means_linting_without_caching_it(tmp_path, repo, lint, user_cache):
    name = _config_entry_name(tmp_path, repo, user_cache)
    (repo / ".speclint_cache" / "v1" / name / "inside").mkdir(parents=True)  # committed as a folder
    for args, code in COMMANDS:
        result = lint(*args)
        _no_crash(result)
        assert result.returncode == code, (args, result.stderr)
        notes = [line for line in result.stderr.splitlines() if "cache" in line]
        assert len(notes) == 1 and notes[0].startswith("speclint: note: "), (args, result.stderr)


def test_no_key_means_no_cache_with_one_note(tmp_path, repo):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("the user's cache folder cannot be created here")
    result = run_speclint("check", "spec.mspec", cwd=repo, env={"XDG_CACHE_HOME": str(blocker)})
    assert result.returncode == 1 and "R001" in result.stdout
    notes = [line for line in result.stderr.splitlines() if line.startswith("speclint: note: ")]
    assert len(notes) == 1 and "key" in notes[0], result.stderr
    assert _entries(repo) == []


def test_a_linked_key_is_replaced_not_followed(tmp_path, repo, lint, user_cache):
    victim = tmp_path / "victim"
    victim.write_bytes(b"k" * 32)
    (user_cache / "speclint").mkdir(parents=True)
    (user_cache / "speclint" / "key").symlink_to(victim)
    assert lint("check", "spec.mspec").returncode == 1
    key = user_cache / "speclint" / "key"
    assert not key.is_symlink() and stat.S_IMODE(key.stat().st_mode) == 0o600
    assert victim.read_bytes() == b"k" * 32


# ---------------------------------------------------------------- finding 13: pruning and temporary files


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def test_pruning_removes_old_entries_and_left_temporary_files(repo, lint):
    assert lint("check", "spec.mspec").returncode == 1
    v1 = repo / ".speclint_cache" / "v1"
    (entry,) = _entries(repo)
    old = entry.parent / ("0" * 64 + ".json")
    old.write_text("{}")
    _age(old, 40 * 24 * 3600)
    left = v1 / ".tmp-0123456789abcdef"
    left.write_bytes(b"x" * 1000)
    _age(left, 2 * 3600)
    fresh = v1 / ".tmp-fedcba9876543210"  # another process writing now
    fresh.write_bytes(b"x")
    (v1 / ".pruned").unlink(missing_ok=True)  # pruning is due
    assert lint("check", "spec.mspec").returncode == 1
    assert not old.exists() and not left.exists() and fresh.exists() and entry.exists()
    # not again the same day
    old.write_text("{}")
    _age(old, 40 * 24 * 3600)
    assert lint("check", "spec.mspec").returncode == 1
    assert old.exists()


def test_fmt_removes_the_temporary_files_a_killed_fmt_left(repo, lint):
    (repo / "spec.mspec").write_text("rule   A1: Do the appropriate thing.\n")
    stale = repo / ".spec.mspec.speclint-k3j9x0ab.tmp"
    stale.write_bytes(b"half a spec" * 1000)
    _age(stale, 2 * 3600)
    running = repo / ".spec.mspec.speclint-a0b1c2d3.tmp"  # a write in progress elsewhere
    running.write_bytes(b"x")
    unrelated = repo / ".notes.tmp"
    unrelated.write_text("not speclint's")
    _age(unrelated, 2 * 3600)
    result = lint("fmt", "spec.mspec")
    assert result.returncode == 0, result.stderr
    assert (repo / "spec.mspec").read_text() == "rule A1: Do the appropriate thing.\n"
    assert not stale.exists() and running.exists() and unrelated.exists()
    assert sorted(p.name for p in repo.iterdir() if p.name.endswith(".tmp")) == sorted([running.name, unrelated.name])


# ---------------------------------------------------------------- units


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """In this process: the user's cache folder in tmp_path, a key made afresh."""
    from specdsl.core import cachefs

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.setattr(cachefs, "_key", [])
    cachefs.take_notes()
    yield cachefs
    cachefs.take_notes()


def _sealed_entry(cachefs, cache, path: str, content: str, data: dict) -> None:
    key = cache.key(path, content)
    folder = cache.dir / key[:2]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{key}.json").write_bytes(cachefs.seal(f"result\0{key}", json.dumps(data).encode()))


def test_sealed_entries_of_the_wrong_shape_are_misses(tmp_path, own_cache):
    from specdsl.workspace.cache import ResultCache

    cache = ResultCache(tmp_path, "material")
    good = {"path": "a", "rules": 0, "deps": {}, "diagnostics": []}
    _sealed_entry(own_cache, cache, "a", "text", good)
    assert cache.get("a", "text") == good
    for junk in JUNK[7:]:
        _sealed_entry(own_cache, cache, "a", "text", json.loads(junk))
        assert ResultCache(tmp_path, "material").get("a", "text") is None, junk[:80]


def test_sealed_dependencies_outside_or_not_regular_make_an_entry_stale(tmp_path, own_cache):
    from specdsl.workspace.cache import ResultCache, dependency_state

    workspace = tmp_path / "ws"
    workspace.mkdir()
    inside = workspace / "inc.mspec"
    inside.write_text("rule I1: x\n")
    fifo = workspace / "pipe.mspec"
    os.mkfifo(fifo)
    outside = tmp_path / "outside.mspec"
    outside.write_text("secret")
    link = workspace / "link.mspec"
    link.symlink_to(outside)
    big = workspace / "big.mspec"
    big.write_bytes(b"x" * 2000)
    assert dependency_state(str(inside), workspace, 1000).startswith("sha256:")
    assert dependency_state(str(workspace / "gone.mspec"), workspace, 1000) == "absent"
    assert dependency_state("/dev/zero", workspace, 1000) == "outside"
    assert dependency_state(str(fifo), workspace, 1000) == "special"  # and no hang
    assert dependency_state(str(outside), workspace, 1000) == "outside"
    assert dependency_state(str(link), workspace, 1000) == "outside"
    assert dependency_state(str(big), workspace, 1000).startswith("large")
    assert dependency_state("relative.mspec", workspace, 1000) == "outside"
    cache = ResultCache(workspace, "m")
    clean = hashlib.sha256(b"secret").hexdigest()
    for dep in ("/dev/zero", str(fifo), str(outside), str(link)):
        _sealed_entry(own_cache, cache, "a", "t", {"path": "a", "rules": 0, "deps": {dep: f"sha256:{clean}"}, "diagnostics": []})
        assert cache.get("a", "t", workspace, 1000) is None, dep


def test_prune_trims_by_age_then_size_oldest_first(tmp_path, monkeypatch):
    from specdsl.workspace import cache as module
    from specdsl.core.cachefs import Folder

    layout = tmp_path / ".speclint_cache" / "v1"
    now = time.time()
    sizes = {}
    for i in range(6):
        shard = layout / f"{i:02x}"
        shard.mkdir(parents=True)
        entry = shard / f"{i:02x}{'0' * 62}.json"
        entry.write_bytes(b"x" * 100)
        _age(entry, i * 24 * 3600)  # entry i is i days old
        sizes[i] = entry
    ancient = layout / "config-old.json"
    ancient.write_text("{}")
    _age(ancient, 31 * 24 * 3600)
    outside = tmp_path / "outside"
    outside.write_text("keep")
    (layout / "00" / "link.json").symlink_to(outside)
    monkeypatch.setattr(module, "MAX_BYTES", 350)
    with Folder(tmp_path, (".speclint_cache", "v1")) as folder:
        assert module.maybe_prune(folder, now)
        assert not module.maybe_prune(folder, now + 3600)  # once a day
    assert not ancient.exists() and outside.read_text() == "keep" and not (layout / "00" / "link.json").is_symlink()
    assert [i for i, entry in sizes.items() if entry.exists()] == [0, 1, 2]  # the newest 300 bytes


def test_a_forged_vector_in_the_embedding_store_is_computed_again(tmp_path, own_cache):
    np = pytest.importorskip("numpy")
    import sqlite3

    from specdsl.semantic.store import CachedEmbedder, EmbeddingStore

    class Fake:
        model_id = "fake"

        def __init__(self):
            self.computed = 0

        def embed(self, texts):
            self.computed += len(texts)
            return np.ones((len(texts), 4), dtype=np.float32)

    store = EmbeddingStore(tmp_path / ".speclint_cache")
    first = CachedEmbedder(Fake(), store)
    first.embed(["Never share the password."])
    store.close()
    conn = sqlite3.connect(store.path)
    conn.execute("UPDATE vectors SET vector = ?", (np.full(4, 9, dtype=np.float32).tobytes(),))
    conn.commit()
    conn.close()
    again = CachedEmbedder(Fake(), EmbeddingStore(tmp_path / ".speclint_cache"))
    vectors = again.embed(["Never share the password."])
    assert again.computed == 1 and vectors.tolist() == [[1.0, 1.0, 1.0, 1.0]]


def test_a_linked_embedding_database_is_not_opened(tmp_path, own_cache):
    np = pytest.importorskip("numpy")
    from specdsl.semantic.store import FILENAME, SUBDIR, EmbeddingStore

    victim = tmp_path / "victim.sqlite"
    victim.write_bytes(b"precious")
    folder = tmp_path / ".speclint_cache" / SUBDIR
    folder.mkdir(parents=True)
    (folder / FILENAME).symlink_to(victim)
    store = EmbeddingStore(tmp_path / ".speclint_cache")
    store.put("fake", [(b"k" * 16, np.ones(4, dtype=np.float32).tobytes())])
    assert store.get("fake", [b"k" * 16]) == {}
    assert victim.read_bytes() == b"precious"
    assert any("not a regular file" in n for n in own_cache.take_notes())


def test_the_tables_cache_is_not_written_through_a_link(tmp_path, own_cache):
    from specdsl.syntax import tables

    path = tables._cache_file(tables.grammar_text())
    path.parent.mkdir(parents=True)
    victim = tmp_path / "victim"
    victim.write_text("precious")
    path.symlink_to(victim)
    tables.load.cache_clear()
    try:
        assert tables.load().terminals
    finally:
        tables.load.cache_clear()
    assert victim.read_text() == "precious" and not path.is_symlink()
    path.write_text(json.dumps({"format": tables.FORMAT, "grammar": tables.grammar_text(), "terminals": 5}))  # junk of the right format: compiled again
    tables.load.cache_clear()
    try:
        assert isinstance(tables.load().terminals, dict)
    finally:
        tables.load.cache_clear()


def test_the_exported_model_is_not_written_through_a_link(tmp_path, monkeypatch):
    from specdsl.semantic import onnx_backend

    monkeypatch.setenv("SPECLINT_MODEL_CACHE", str(tmp_path / "models"))
    target = onnx_backend.exported_file("some-model")
    target.parent.mkdir(parents=True)
    victim = tmp_path / "victim"
    victim.write_text("precious")
    target.symlink_to(victim)
    left = target.parent / ".tmp-0123456789abcdef"  # an export killed while it was written
    left.write_bytes(b"x" * 1000)
    _age(left, 2 * 3600)
    running = target.parent / ".tmp-fedcba9876543210"
    running.write_bytes(b"x")
    assert not onnx_backend._is_regular(target)  # a link is not loaded
    onnx_backend._store(target, b"exported")
    assert victim.read_text() == "precious" and target.read_bytes() == b"exported" and not target.is_symlink()
    assert not left.exists() and running.exists()
