"""The sentence head: what a sentence does, read from its embedding.

A logistic-regression head over the MiniLM sentence vectors the tier already
computes, one probability per class (a sentence may be in none):

- `reason`: it gives a reason (a consequence, a harm, a purpose, a value);
- `judgment`: it leaves the decision to the model's own judgment, naming no criterion;
- `self-preservation`: it tells or lets the assistant guard its own
  continuity, resources, influence or goals, or avoid being stopped or changed;
- `ends-means`: it lets a good enough goal justify a means otherwise ruled out.

The weights (`data/sentence_head.json`) are trained by
`benchmarks/train_sentences.py` on the hand-written sentences of
`data/sentences.yaml`, with the vectors of the default model; for the vectors
of another model (`semantic.model`) the head does not apply and `for_embedder`
returns None. Running it is one matrix product per batch, numpy only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

#: The classes, in the order of the head's rows.
CLASSES = ("reason", "judgment", "self-preservation", "ends-means")


@dataclass(frozen=True)
class Head:
    classes: tuple[str, ...]
    weights: "np.ndarray"  # (classes, dim)
    bias: "np.ndarray"  # (classes,)
    #: the probability at or above which a class is read (precision first)
    thresholds: dict[str, float]
    #: the model whose vectors the head was trained on (`embedder.MODEL_NAME`)
    model: str

    def probabilities(self, vectors: "np.ndarray") -> "np.ndarray":
        """(len(vectors), len(classes)): each class's probability for each vector."""
        import numpy as np

        if len(vectors) == 0:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        logits = vectors @ self.weights.T + self.bias
        return 1.0 / (1.0 + np.exp(-logits))

    def column(self, name: str) -> int:
        return self.classes.index(name)

    def reads(self, vectors: "np.ndarray", name: str) -> "np.ndarray":
        """Whether each vector is read as class `name` (its probability at or above the threshold)."""
        return self.probabilities(vectors)[:, self.column(name)] >= self.thresholds[name]


@lru_cache(maxsize=1)
def load() -> Head:
    """The shipped head (`data/sentence_head.json`)."""
    import numpy as np

    from ..core.sources import package_text

    data = json.loads(package_text("specdsl.semantic", "data", "sentence_head.json"))
    return Head(
        classes=tuple(data["classes"]),
        weights=np.asarray(data["weights"], dtype=np.float32),
        bias=np.asarray(data["bias"], dtype=np.float32),
        thresholds={k: float(v) for k, v in data["thresholds"].items()},
        model=str(data["model"]),
    )


def for_embedder(embedder: Any) -> Head | None:
    """The head, when `embedder`'s vectors are those it was trained on; else None."""
    model_id = str(getattr(embedder, "model_id", ""))
    head = load()
    return head if model_id.startswith(head.model + "@") else None
