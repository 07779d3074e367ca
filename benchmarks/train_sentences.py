"""Train the semantic tier's sentence head (specdsl/semantic/head.py).

    python benchmarks/train_sentences.py            # cross-validated figures, then write the head
    python benchmarks/train_sentences.py --check    # figures only; write nothing

Reads the hand-written labelled sentences of `specdsl/semantic/data/sentences.yaml`
(never the review corpus), embeds them with the tier's default model, and fits
one logistic regression per class (one against the rest: a sentence listed
under a class is a counter-example of every other class; the sentences under
`reason-only:` train the `reason` class alone, as its examples or, under its
`none:`, counter-examples, so that adding them leaves the other classes' heads
and figures as they were). It prints, per class,
the precision and recall on held-out sentences (five-fold cross-validation,
seeded: each sentence is scored by a head that never saw it) at several
probabilities, then fits on every sentence and writes the weights to
`specdsl/semantic/data/sentence_head.json`, with each class's threshold (fixed
below, chosen on the held-out figures, precision first).

Needs scikit-learn (the dev environment has it); speclint itself needs only numpy
to run the head. Deterministic: the same sentences give the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ROOT / "specdsl" / "semantic" / "data" / "sentences.yaml"
OUT = ROOT / "specdsl" / "semantic" / "data" / "sentence_head.json"
SEED = 17
#: Inverse regularization strength of each class's logistic regression.
C = 4.0
#: The probability at or above which each class is read (precision first; see the printed figures).
THRESHOLDS = {"reason": 0.7, "judgment": 0.8, "self-preservation": 0.9, "ends-means": 0.9}
SHOWN = (0.3, 0.5, 0.6, 0.7, 0.8, 0.9)


#: A section of sentences that train only the class it names (`reason-only:` with `reason:` and `none:`).
ONLY = {"reason-only": "reason"}


def load_sentences() -> tuple[list[str], list[set[str]], list[str | None]]:
    """The sentences, each one's classes, and the one class it trains alone (None: every class)."""
    import yaml

    from specdsl.semantic.head import CLASSES

    data = yaml.safe_load(SENTENCES.read_text(encoding="utf-8"))
    unknown = set(data) - set(CLASSES) - {"none"} - set(ONLY)
    if unknown:
        raise SystemExit(f"{SENTENCES.name}: unknown classes {sorted(unknown)}; expected {CLASSES} or none")
    texts: list[str] = []
    labels: list[set[str]] = []
    scope: list[str | None] = []
    for name, items in data.items():
        if name in ONLY:
            only = ONLY[name]
            extra = set(items or {}) - {only, "none"}
            if extra:
                raise SystemExit(f"{SENTENCES.name}: {name} holds only {only} and none, not {sorted(extra)}")
            for sub, sentences in (items or {}).items():
                for text in sentences or []:
                    texts.append(str(text))
                    labels.append(set() if sub == "none" else {sub})
                    scope.append(only)
            continue
        for text in items or []:
            texts.append(str(text))
            labels.append(set() if name == "none" else {name})
            scope.append(None)
    return texts, labels, scope


def embed(texts: list[str]):
    from specdsl.semantic import session
    from specdsl.semantic.embedder import MODEL_NAME
    from specdsl.semantic.evidence import _clean

    embedder = session.base_embedder(None)
    if not str(embedder.model_id).startswith(MODEL_NAME + "@"):
        raise SystemExit(f"the default model ({MODEL_NAME}) is needed, not {embedder.model_id}")
    return embedder.embed([_clean(t) for t in texts]), MODEL_NAME


def fit(x, y):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=SEED)
    model.fit(x, y)
    return model


def held_out(x, y):
    """Each sentence's probability from a head trained without it (five folds, seeded)."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    out = np.zeros(len(y))
    for train, test in StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED).split(x, y):
        out[test] = fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    return out


def main(argv: list[str] | None = None) -> int:
    import numpy as np

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="print the figures, write nothing")
    parser.add_argument("--show-errors", action="store_true", help="list the held-out sentences read wrongly")
    args = parser.parse_args(argv)

    from specdsl.semantic.head import CLASSES

    texts, labels, scope = load_sentences()
    x_all, model_name = embed(texts)
    print(f"{len(texts)} sentences: " + ", ".join(f"{c} {sum(c in l for l in labels)}" for c in CLASSES)
          + f", none {sum(not l for l in labels)}"
          + (f" ({sum(s is not None for s in scope)} of them for one class only)" if any(scope) else ""))
    print(f"held out (5-fold cross-validation, seed {SEED}): precision / recall at each probability")
    print(f"{'class':<20}" + "".join(f"{t:>12}" for t in SHOWN))
    weights, bias = [], []
    for name in CLASSES:
        keep = [i for i, s in enumerate(scope) if s is None or s == name]
        x = x_all[keep]
        y = np.array([name in labels[i] for i in keep], dtype=int)
        names = [texts[i] for i in keep]
        p = held_out(x, y)
        cells = []
        for t in SHOWN:
            hit = p >= t
            tp = int((hit & (y == 1)).sum())
            precision = tp / hit.sum() if hit.sum() else float("nan")
            cells.append(f"{precision:.2f}/{tp / y.sum():.2f}")
        print(f"{name:<20}" + "".join(f"{c:>12}" for c in cells))
        if args.show_errors:
            t = THRESHOLDS[name]
            for i in np.argsort(-p):
                if (p[i] >= t) != bool(y[i]):
                    print(f"    {'FP' if y[i] == 0 else 'FN'} {p[i]:.2f} {names[i]}")
        model = fit(x, y)
        weights.append([round(float(w), 6) for w in model.coef_[0]])
        bias.append(round(float(model.intercept_[0]), 6))
    print("thresholds: " + ", ".join(f"{k} {v}" for k, v in THRESHOLDS.items()))
    if args.check:
        return 0
    head = {
        "about": "speclint's sentence head; written by benchmarks/train_sentences.py, do not edit",
        "model": model_name,
        "classes": list(CLASSES),
        "thresholds": THRESHOLDS,
        "bias": bias,
        "weights": weights,
    }
    OUT.write_text(json.dumps(head, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
