"""Which embedding backend runs a model: ONNX Runtime when it can, else sentence-transformers.

Above both backends: `onnx_backend` builds on `embedder` (its model
location, its errors, and sentence-transformers to export the model once),
so the choice between them lives here rather than in `embedder`.
"""

from __future__ import annotations

from .embedder import SentenceTransformerEmbedder, model_dir


def default_embedder(model_path: str | None = None):
    """The embedder for a model: on ONNX Runtime when that reproduces the model
    (see `onnx_backend`), else with sentence-transformers."""
    from . import onnx_backend

    if onnx_backend.available():
        found = onnx_backend.plan(model_dir(model_path))
        if found is not None:
            return onnx_backend.OnnxEmbedder(model_path, found)
    return SentenceTransformerEmbedder(model_path)
