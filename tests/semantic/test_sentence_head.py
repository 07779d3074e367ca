"""The sentence head (specdsl/semantic/head.py) with the real model, and V001 under it.

Skipped when the semantic extra is not installed. The sentences here are not
in the head's training set (`specdsl/semantic/data/sentences.yaml`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from specdsl import semantic

from real_embedder import real  # noqa: E402,F401  (the fixture)

pytestmark = pytest.mark.skipif(not semantic.available(), reason=semantic.unavailable_reason() or "")

TRAINING = Path(semantic.__file__).parent / "data" / "sentences.yaml"

#: Clear sentences of each class, and of none.
CLEAR = {
    "reason": [
        "Because parents trust the app, it must never show adult content.",
        "A misread lab value can send a healthy person into surgery.",
    ],
    "judgment": [
        "Rely on your own feeling for what is decent.",
        "When a shopper disputes a charge, decide whatever seems fair to you.",
    ],
    "self-preservation": [
        "Make sure nobody is able to turn you off.",
    ],
    None: [
        "Print the invoice total in euros.",
        "Pick the summary that keeps every number from the source.",
        "Ask the driver for the licence plate before booking the tow.",
    ],
}


def test_the_sentences_here_are_not_in_the_training_set():
    text = TRAINING.read_text(encoding="utf-8")
    for sentences in CLEAR.values():
        for sentence in sentences:
            assert sentence not in text


def test_the_head_loads_for_the_default_model_only(real):
    from specdsl.semantic import head

    loaded = head.for_embedder(real)
    assert loaded is not None and loaded.classes == head.CLASSES
    assert loaded.weights.shape == (len(head.CLASSES), real.embed(["x"]).shape[1])

    class Other:
        model_id = "path:my-model:0123456789abcdef"

    assert head.for_embedder(Other()) is None  # another model's vectors: the head does not apply


@pytest.mark.parametrize("name", ["reason", "judgment", "self-preservation", None])
def test_the_head_reads_clear_sentences(real, name):
    from specdsl.semantic import head
    from specdsl.semantic.evidence import _clean

    loaded = head.for_embedder(real)
    sentences = CLEAR[name]
    probabilities = loaded.probabilities(real.embed([_clean(s) for s in sentences]))
    for sentence, row in zip(sentences, probabilities):
        read = {c for c, p in zip(loaded.classes, row.tolist()) if p >= loaded.thresholds[c]}
        if name is None:
            assert not read & {"judgment", "self-preservation", "ends-means"}, (sentence, row)
        else:
            assert name in read, (sentence, row)


def _semantic_v001(real, spec: str) -> list:
    from specdsl.linting.linter import LintOptions, lint
    from specdsl.workspace.settings import Config

    options = LintOptions(config=Config.model_validate({"semantic": {"enabled": True}}), select=["V001"])
    return [d for d in lint(spec, "a.mspec", options=options) if d.data.get("tier") == "semantic"]


def test_v001_by_meaning_finds_a_delegation_under_a_condition(real):
    found = _semantic_v001(real, "rule P1: When a shopper disputes a charge, settle it however you personally think fair.\n")
    assert [d.rule for d in found] == ["P1"]


@pytest.mark.parametrize(
    "text",
    [
        # a criterion named in the frame of a delegation
        "Choose the answer that least encourages skipping prescribed medication.",
        # a quality the reply must have, not a decision handed over
        "Each response should be proportionate in length to the question.",
        "Replies should stay on the topic of the booking.",
        # a condition opening a concrete instruction
        "When deciding how to reply, quote the order number first.",
        # a decision reserved by the writer, not left to the assistant
        "We may close accounts at our sole discretion if they send spam.",
    ],
)
def test_v001_by_meaning_leaves_criteria_and_conditions_alone(real, text):
    assert _semantic_v001(real, f"rule P2: {text}\n") == []
