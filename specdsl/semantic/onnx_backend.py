"""The model's transformer on ONNX Runtime: the same vectors, a fraction of the start-up.

Importing sentence-transformers takes several seconds (it brings torch,
transformers, scikit-learn and SciPy) before a single text is embedded; the
encoding itself is bound by matrix products, and ONNX Runtime does those at
the speed torch does on a CPU. So when the model is a sentence-transformers
pipeline this module can reproduce exactly (a transformer, mean pooling,
optionally normalization), the transformer is exported to ONNX once, with
torch, into the user's cache folder, and every later process runs it with
ONNX Runtime and the `tokenizers` package: about half a second to start
instead of six, and no torch in memory. The vectors equal those of
sentence-transformers to within 1e-6 (a test holds them to it), so they
share its cache key.

Anything else (another pooling, a model without `tokenizer.json`, ONNX
Runtime not installed) is embedded by sentence-transformers as before.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .embedder import BATCH_SIZE, SemanticUnavailable, _offline_environment, _stdout_to_stderr, model_dir, model_id_for

if TYPE_CHECKING:
    import numpy as np

#: Bumped when the export changes, so that an old file is not reused.
EXPORT_VERSION = 1
_TRANSFORMER = "sentence_transformers.models.Transformer"
_POOLING = "sentence_transformers.models.Pooling"
_NORMALIZE = "sentence_transformers.models.Normalize"

log = logging.getLogger("speclint.semantic")


@dataclass(frozen=True)
class Plan:
    """What a model directory holds, when this backend can run it."""

    directory: Path
    max_length: int


def plan(directory: Path | None) -> Plan | None:
    """The pipeline of a sentence-transformers model directory, if it is one this
    backend reproduces exactly (transformer, mean pooling, normalization); else None."""
    if directory is None:
        return None
    try:
        modules = json.loads((directory / "modules.json").read_text(encoding="utf-8"))
        types = [m.get("type") for m in modules]
        if not (types[:2] == [_TRANSFORMER, _POOLING] and types[2:] in ([], [_NORMALIZE])):
            return None
        if modules[0].get("path", "") not in ("", "."):
            return None
        pooling = json.loads((directory / modules[1]["path"] / "config.json").read_text(encoding="utf-8"))
        modes = {k for k, v in pooling.items() if k.startswith("pooling_mode") and v is True}
        if modes != {"pooling_mode_mean_tokens"}:
            return None
        if not (directory / "tokenizer.json").is_file() or not (directory / "config.json").is_file():
            return None
        settings_file = directory / "sentence_bert_config.json"
        settings = json.loads(settings_file.read_text(encoding="utf-8")) if settings_file.is_file() else {}
        if settings.get("do_lower_case"):
            return None  # sentence-transformers lowercases before the tokenizer: not reproduced here
        max_length = int(settings.get("max_seq_length") or 512)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None
    return Plan(directory=directory, max_length=max_length)


def available() -> bool:
    """Whether ONNX Runtime and tokenizers are installed (nothing is imported)."""
    from importlib.util import find_spec

    try:
        return all(find_spec(m) is not None for m in ("onnxruntime", "tokenizers", "numpy"))
    except (ImportError, ValueError):
        return False


def cache_folder() -> Path:
    """Where exported models are kept: `SPECLINT_MODEL_CACHE`, else the user's cache folder."""
    configured = os.environ.get("SPECLINT_MODEL_CACHE")
    if configured:
        return Path(configured).expanduser()
    from ..core.cachefs import user_cache_dir

    return user_cache_dir() / "models"


def exported_file(model_id: str) -> Path:
    safe = "".join(c if c.isalnum() or c in "-_.=@" else "_" for c in model_id)
    return cache_folder() / f"{safe}.v{EXPORT_VERSION}.onnx"


def export(directory: Path) -> bytes:
    """The model's transformer as an ONNX graph (needs torch and transformers, once)."""
    _offline_environment()
    with _stdout_to_stderr():
        import io
        import logging
        import warnings

        for name in ("transformers", "torch.onnx"):
            logging.getLogger(name).setLevel(logging.ERROR)
        try:
            import torch
            from transformers import AutoModel
        except Exception as error:
            raise SemanticUnavailable(f"cannot export the model to ONNX: {error}") from error

        class _Hidden(torch.nn.Module):
            def __init__(self, model):
                super().__init__()
                self.model = model

            def forward(self, input_ids, attention_mask, token_type_ids):
                out = self.model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
                return out.last_hidden_state

        try:
            model = AutoModel.from_pretrained(str(directory), local_files_only=True, trust_remote_code=False).eval()
            ids = torch.ones((2, 8), dtype=torch.long)
            sample = (ids, torch.ones_like(ids), torch.zeros_like(ids))
            buffer = io.BytesIO()
            axes = {0: "batch", 1: "tokens"}
            with warnings.catch_warnings(), torch.no_grad():
                warnings.simplefilter("ignore")
                torch.onnx.export(
                    _Hidden(model), sample, buffer,
                    input_names=["input_ids", "attention_mask", "token_type_ids"],
                    output_names=["last_hidden_state"],
                    dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes, "last_hidden_state": axes},
                    opset_version=17, dynamo=False,
                )
        except SemanticUnavailable:
            raise
        except Exception as error:
            raise SemanticUnavailable(f"cannot export the model to ONNX ({type(error).__name__}: {error})") from error
        return buffer.getvalue()


def _store(path: Path, data: bytes) -> None:
    """Write atomically, never through a link at the file's name; a cache folder
    that cannot be written is not an error."""
    from ..core.cachefs import write_private

    with contextlib.suppress(OSError):
        write_private(path, data)


def _is_regular(path: Path) -> bool:
    """A regular file, not a link to one (the exported model is only ever one we wrote)."""
    import stat

    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


class OnnxEmbedder:
    """An `Embedder` for a mean-pooling sentence-transformers model, on ONNX Runtime.

    When the model cannot be exported or run here, it says why in the log and
    embeds with sentence-transformers instead."""

    def __init__(self, model_path: str | None = None, plan_: Plan | None = None):
        self.configured = model_path
        self.model_id = model_id_for(model_path)
        self._plan = plan_
        self._session = None
        self._tokenizer = None
        self._inputs: set[str] = set()
        self._lock = threading.Lock()
        self._fallback = None

    @property
    def loaded(self) -> bool:
        return self._session is not None or (self._fallback is not None and self._fallback.loaded)

    def load(self) -> None:
        if self._session is not None:
            return
        with self._lock:
            if self._session is not None:
                return
            if self._fallback is None:
                try:
                    self._load()
                    return
                except SemanticUnavailable as error:
                    from .embedder import SentenceTransformerEmbedder

                    log.warning("embedding with sentence-transformers: %s", error)
                    self._fallback = SentenceTransformerEmbedder(self.configured)
        self._fallback.load()

    def _load(self) -> None:
        found = self._plan or plan(model_dir(self.configured))
        if found is None:
            raise SemanticUnavailable("the model is not one the ONNX backend can run")
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except Exception as error:
            raise SemanticUnavailable(f"cannot import ONNX Runtime: {error}") from error
        try:
            tokenizer = Tokenizer.from_file(str(found.directory / "tokenizer.json"))
            tokenizer.no_padding()
            tokenizer.enable_truncation(found.max_length)
        except Exception as error:
            raise SemanticUnavailable(f"cannot read the model's tokenizer: {error}") from error
        options = ort.SessionOptions()
        options.log_severity_level = 3
        options.intra_op_num_threads = max(1, os.cpu_count() or 1)
        target = exported_file(self.model_id)
        session = None
        if _is_regular(target):
            try:
                session = ort.InferenceSession(str(target), options, providers=["CPUExecutionProvider"])
            except Exception:
                session = None  # a damaged file: export again
        if session is None:
            data = export(found.directory)
            _store(target, data)
            try:
                session = ort.InferenceSession(data, options, providers=["CPUExecutionProvider"])
            except Exception as error:
                raise SemanticUnavailable(f"ONNX Runtime cannot run the exported model: {error}") from error
        self._inputs = {i.name for i in session.get_inputs()}
        self._tokenizer = tokenizer
        self._plan = found
        self._session = session

    def embed(self, texts: Sequence[str]) -> "np.ndarray":
        import numpy as np

        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        self.load()
        if self._fallback is not None:
            return self._fallback.embed(texts)
        texts = list(texts)
        encodings = self._tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))  # little padding per batch
        out: np.ndarray | None = None
        for start in range(0, len(order), BATCH_SIZE):
            chosen = order[start : start + BATCH_SIZE]
            width = max(1, max(len(encodings[i].ids) for i in chosen))
            ids = np.zeros((len(chosen), width), dtype=np.int64)
            mask = np.zeros((len(chosen), width), dtype=np.int64)
            for row, i in enumerate(chosen):
                tokens = encodings[i].ids
                ids[row, : len(tokens)] = tokens
                mask[row, : len(tokens)] = 1
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run(None, feed)[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)  # unit vectors
            if out is None:
                out = np.zeros((len(texts), pooled.shape[1]), dtype=np.float32)
            out[chosen] = pooled
        return np.ascontiguousarray(out, dtype=np.float32)
