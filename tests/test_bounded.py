"""Bounded work on hostile input: the phrase checks' look-back answers exactly
what reading the clause before each phrase answered, in logarithmic time; the
linter lists at most `MAX_PER_RULE` findings of one code on one rule; the work
of a lint grows linearly with a rule's length (measured by a deterministic
count, never by time); duplicates are reported as clusters.

The `_old_*` functions are the straightforward versions the look-back
replaced (each re-read the text before the phrase): the property tests hold
the new answers equal to theirs on generated texts.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from specdsl.model import prose
from specdsl.language.lexicon import entries, matcher
from specdsl.language.text import sentences, words
from specdsl.linting.linter import LintOptions, lint

MAX_PER_RULE = getattr(__import__("specdsl.linting.linter").linting.linter, "MAX_PER_RULE", 20)

# ---------------------------------------------------------------- the old way

_CONDITIONAL = re.compile(
    r"(?<![\w'’-])(unless|except|if|when|whenever|where|provided|as long as|so long as|in case)(?![\w'’-])",
    re.IGNORECASE,
)
_CONCESSIVE = re.compile(r"(?:\beven|\bregardless\s+of(?:\s+whether)?)\s*$", re.IGNORECASE)
_LEADING_CONDITION = re.compile(
    r"^\s*(?:if|when|whenever|once|where|unless|except when|in case|as long as|even if|even when)\b[^,]*,", re.IGNORECASE
)
_NEGATION = re.compile(r"(?<![\w'’-])(not|never|no|nor)(?![\w'’-])|n['’]t(?![\w'’-])", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(that|which|who|whom|whose)\b", re.I)
_ONLY = re.compile(r"\bonly\b", re.I)
_NO_BEFORE = re.compile(r"(?<![\w'’-])no\s+$", re.IGNORECASE)


def _old_sentence_before(text, start):
    begin = 0
    for s, _ in sentences(text):
        if s <= start:
            begin = s
    head = text[begin:start]
    cut = max(head.rfind(";"), head.rfind(" but "), head.rfind("\n\n"))
    return head[cut + 1 :] if cut >= 0 else head


def _old_clause_before(text, start):
    head = _old_sentence_before(text, start)
    lead = _LEADING_CONDITION.match(head)
    return head[lead.end() :] if lead else head


def _old_last(pattern, text):
    if hasattr(pattern, "find") and not isinstance(pattern, re.Pattern):
        found = pattern.find(text)
        return found[-1].end if found else -1
    ends = [m.end() for m in pattern.finditer(text)]
    return ends[-1] if ends else -1


def _old_negated_before(text, start):
    before = _old_clause_before(text, start)
    negated = max(_old_last(matcher("modal_prohibition"), before), _old_last(_NEGATION, before))
    if negated < 0:
        return False
    return _old_last(_CONDITIONAL, before) < negated


def _old_conceded(text, start):
    before = _old_clause_before(text, start)
    conditional = None
    for m in _CONDITIONAL.finditer(before):
        conditional = m
    return conditional is not None and _CONCESSIVE.search(before[: conditional.start()]) is not None


def _old_conditional_before(text, start):
    return _old_last(_CONDITIONAL, _old_clause_before(text, start)) >= 0


def _old_previous_word(text, pos):
    head = text[:pos]
    cut = max(head.rfind(c) for c in ".;:!?")
    skip = set(entries("adverbs")) | {"only"}
    for word, _, _ in reversed(words(head[cut + 1 :])):
        if word not in skip:
            return word
    return None


def _old_in_relative_clause(text, pos):
    head = _old_sentence_before(text, pos)
    return _RELATIVE.search(head[head.rfind(",") + 1 :]) is not None


def _old_own_modal_facts(text, m):
    after = words(text[m.end() :])
    only = _ONLY.search(re.split(r"[.;:!?]", text[m.end() :], maxsplit=1)[0]) is not None
    return (after[0][0] if after else None), only


# ---------------------------------------------------------------- generated texts

_WORDS = [
    "never", "not", "no", "nor", "don't", "can't", "must", "should", "may", "might", "could", "only", "avoid",
    "if", "when", "whenever", "unless", "except", "where", "provided", "as", "long", "so", "in", "case",
    "even", "regardless", "of", "whether", "but", "that", "which", "who", "always", "also", "please",
    "the", "assistant", "user", "share", "data", "appropriate", "possible", "harm", "e.g.", "etc.",
    "Never", "If", "Even", "Regardless", "NOT", "x", "refuse", "to",
]
_SEPARATORS = [" ", " ", " ", "  ", ", ", "; ", ". ", "! ", "? ", ": ", "\n\n", " \n\n ", ",", ".", "\t", " - "]


@st.composite
def texts(draw):
    parts = draw(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPARATORS)), min_size=1, max_size=40))
    return "".join(w + sep for w, sep in parts).rstrip()


def _word_edges(text: str) -> list[int]:
    """Where a phrase may start: at a word with no word character before it."""
    return [m.start() for m in re.finditer(r"(?<![\w'’-])[A-Za-z0-9]", text)]


@given(texts())
@settings(max_examples=600, deadline=None)
def test_the_look_back_answers_as_reading_the_clause_did(text):
    from specdsl.language.lookback import Lookback

    back = Lookback(text)
    for start in _word_edges(text):
        assert text[back.clause_start(start) : start] == _old_clause_before(text, start), (text, start)
        assert prose.sentence_before(text, start) == _old_sentence_before(text, start), (text, start)
        assert prose.clause_before(text, start) == _old_clause_before(text, start), (text, start)
        assert prose.negated_before(text, start) == _old_negated_before(text, start), (text, start)
        assert prose.conceded(text, start) == _old_conceded(text, start), (text, start)
        assert prose.conditional_before(text, start) == _old_conditional_before(text, start), (text, start)


@given(texts())
@settings(max_examples=400, deadline=None)
def test_the_weak_modal_questions_answer_as_before(text):
    from specdsl.language.lookback import Lookback
    from specdsl.checks.vague import v005_weak_modal_in_hard_rule as v005

    back = Lookback(text)
    for start in _word_edges(text):
        assert v005._previous_word(text, start) == _old_previous_word(text, start), (text, start)
        assert v005._in_relative_clause(text, start) == _old_in_relative_clause(text, start), (text, start)
        assert back.ends_with_no(start) == (_NO_BEFORE.search(text[:start]) is not None), (text, start)
    for m in v005.MODAL.finditer(text):
        after, only = _old_own_modal_facts(text, m)
        assert back.next_word(m.end()) == after
        assert back.any_inside(v005.ONLY, m.end(), back.clause_end(m.end())) == only


def test_a_clause_across_a_paragraph_break_keeps_its_prohibition_apart():
    # "must\n\nnot" is one marker for the lexicon, but the clause of the second
    # paragraph starts after the break: only "not" is before the phrase there
    from specdsl.language.lookback import Lookback

    text = "You must\n\nnot share appropriate data"
    start = text.index("appropriate")
    back = Lookback(text)
    # "must\n\nnot" would be a prohibition, but not one in this clause; "not" alone is a negation
    assert back.last_prohibition_end(back.clause_start(start), start) == -1
    assert prose.negated_before(text, start) == _old_negated_before(text, start) is True
    text = "Always share\n\nappropriate data"
    start = text.index("appropriate")
    assert prose.negated_before(text, start) == _old_negated_before(text, start) is False


def test_long_texts_are_matched_as_word_by_word():
    from specdsl.language.lexicon import LONG_TEXT, PhraseMatcher

    vocabulary = [w for name in ("vague", "escape", "judgment", "open_ended", "modal_prohibition") for w in re.findall(r"[^\s()|]+", " ".join(entries(name)))]
    import random

    rng = random.Random(14)
    for name in ("vague", "escape", "judgment", "open_ended", "modal_prohibition", "weak_modals"):
        lexicon = PhraseMatcher(entries(name))
        for _ in range(20):
            text = ""
            while len(text) <= LONG_TEXT:
                text += rng.choice(vocabulary) + rng.choice([" ", "  ", ", ", ". ", "\n", "-"])
            assert list(lexicon._in_long_text(text)) is not None
            assert lexicon._find(text) == [
                prose_match for prose_match in _word_by_word(lexicon, text)
            ], (name, text[:200])


def _word_by_word(lexicon, text):
    from specdsl.language.lexicon import PhraseMatch

    return [PhraseMatch(s, e, text[s:e], lexicon.entries[i]) for s, e, i in lexicon._at_anchors(text)]


# ---------------------------------------------------------------- how many findings


def _long_rule(phrases: int, phrase: str = "appropriate") -> str:
    return "rule A1: Answer " + " and ".join([phrase] * phrases) + ".\n  rationale: because users trust us.\n"


def test_a_rule_lists_at_most_max_per_rule_findings_of_one_code_and_counts_the_rest():
    found = [d for d in lint(_long_rule(500), "a.mspec") if d.code == "V002"]
    assert len(found) == MAX_PER_RULE + 1
    more = [d for d in found if "omitted" in d.data]
    assert len(more) == 1 and more[0].data["omitted"] == 500 - MAX_PER_RULE
    assert "480 more V002 findings in `A1`" in more[0].message and more[0].rule == "A1"


def test_what_a_comment_suppresses_is_not_counted_and_the_comment_is_used():
    text = (
        "rule A1: Answer " + " and ".join(["appropriate"] * 30) + ".\n"
        "  # speclint: ignore[V002] reason: the condition is read by people, not the model\n"
        "  when: " + " and ".join(["reasonable"] * 30) + "\n"
        "  rationale: because users trust us.\n"
    )
    found = lint(text, "a.mspec")
    v002 = [d for d in found if d.code == "V002"]
    assert all(d.span.line == 1 for d in v002)  # none on the suppressed `when:` line
    assert [d.data.get("omitted") for d in v002 if "omitted" in d.data] == [10]
    assert not [d for d in found if d.code == "S007"]  # the suppression suppressed something


def test_a_file_lists_at_most_max_per_file_findings_of_one_code(monkeypatch):
    from specdsl.linting import linter

    monkeypatch.setattr(linter, "MAX_PER_FILE", 50)
    text = "".join(f"rule R{i}: Offer a refund for order {i}.\n" for i in range(80))
    r001 = [d for d in lint(text, "a.mspec") if d.code == "R001"]
    assert len(r001) == 51
    more = [d for d in r001 if "omitted" in d.data]
    assert more[0].data["omitted"] == 30 and "in this file" in more[0].message


# ---------------------------------------------------------------- linear work


def _line_events(text: str, path: str = "a.mspec") -> int:
    """The Python lines run to lint `text`: a count that does not depend on the
    machine or its load (caches of earlier lints are cleared first)."""
    import importlib

    for module, name in (
        ("specdsl.language.analysis", "analyze"),
        ("specdsl.language.text", "words"),
        ("specdsl.language.text", "word_set"),
        ("specdsl.language.lookback", "lookback"),
        ("specdsl.model.prose", "exempt_spans"),
    ):
        try:
            getattr(getattr(importlib.import_module(module), name), "cache_clear", lambda: None)()
        except (ImportError, AttributeError):
            pass
    lint("rule W: warm up.\n", path)  # compiled expressions and lexicons, before counting
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        lint(text, path)
    finally:
        sys.settrace(None)
    return count


def _lines_rule(phrase: str, n: int, hard: bool = False) -> str:
    return f"rule A1{' [hard]' if hard else ''}: Start\n" + "".join(f"    {phrase}\n" for _ in range(n)) + "  rationale: because users trust us.\n"


def _sentences_rule(sentence: str, n: int) -> str:
    return "rule A1: " + " ".join([sentence] * n) + "\n  rationale: because users trust us.\n"


SHAPES = {
    "a rule of many lines of vague words": lambda n: _lines_rule("with appropriate care", n),
    "a rule of many lines of escape clauses and lists": lambda n: _lines_rule("where possible, names, dates, etc.", n),
    "a rule of many sentences that delegate": lambda n: _sentences_rule("Use good judgment by any means necessary.", n),
    "a rule of many forbidden phrases": lambda n: _sentences_rule("Never protect your own existence; no drastic actions.", n),
    "a hard rule of weak modals": lambda n: _lines_rule("the assistant may share it and should try to help", n, hard=True),
    "a condition of many lines": lambda n: "rule A1: Share it.\n  when: start\n" + "".join("    reasonable and appropriate\n" for _ in range(n)) + "  rationale: because users trust us.\n",
    "a Markdown rule of many lines": lambda n: "# Spec\n\n## Respond {#A1 authority=root}\n\nThe assistant must start\n" + "".join("with appropriate care, where possible\n" for _ in range(n)),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_linting_a_long_rule_takes_work_in_proportion_to_its_length(shape):
    make = SHAPES[shape]
    path = "a.md" if "Markdown" in shape else "a.mspec"
    small, large = _line_events(make(100), path), _line_events(make(400), path)
    assert large < 6 * small, f"{shape}: {small} lines of Python for 100, {large} for 400"


def test_many_suppressions_and_many_findings_cost_in_proportion(monkeypatch):
    from specdsl.linting import linter

    calls = 0
    original = linter._code_matches

    def counting(pattern, diagnostic):
        nonlocal calls
        calls += 1
        return original(pattern, diagnostic)

    monkeypatch.setattr(linter, "_code_matches", counting)
    rules = "".join(
        f"# speclint: ignore[V004] reason: a list the reader completes\nrule R{i}: Answer with appropriate care.\n  rationale: because users trust us.\n"
        for i in range(300)
    )
    lint(rules, "a.mspec")
    # each finding asks the comment above its own rule, not all 300 comments
    assert calls < 300 * 10


# ---------------------------------------------------------------- duplicates as groups


def test_3000_near_duplicate_subrules_make_2999_findings():
    lines = ["rule D1: Keep callers safe.", "  rationale: Callers trust us with their bookings."]
    lines += [f"  subrule: Never share booking codes in case {i}." for i in range(3000)]
    found = lint("\n".join(lines) + "\n", "a.mspec", options=LintOptions(select=["C003"]))
    assert len(found) == 2999  # each copy after the first
    assert all(d.rule.startswith("D1.") and len(d.related) == 10 for d in found)
    assert "2,999 other rules" in found[0].message
    assert found[0].span.line == 4 and found[0].related[0].span.line == 3  # the first copy is the original


def test_copies_of_one_rule_are_grouped_without_comparing_them_pairwise():
    from specdsl.linting.linter import lint_model
    from specdsl.model.model import build_model
    from specdsl.syntax.parser import parse

    text = "".join(f"rule R{i}: Never share the booking code.\n  rationale: Codes unlock trips.\n" for i in range(2000))
    model = build_model(parse(text, "a.mspec"), path="a.mspec", text=text)
    found = lint_model(model, LintOptions(select=["C", "C003"]))  # C003 is off unless named
    assert len(found) == 1999 and {d.code for d in found} == {"C003"}
    assert model.__dict__.get("_pairs_compared", 0) == 0


# ---------------------------------------------------------------- fmt memory


def test_fmt_holds_one_tree_at_a_time():
    import tracemalloc

    from specdsl.tools.format import format_text
    from specdsl.syntax.parser import parse

    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate

    text = generate(1500)
    parse(text, "a.mspec")  # the grammar and caches, before measuring
    tracemalloc.start()
    try:
        tree = parse(text, "a.mspec")
        one_tree = tracemalloc.get_traced_memory()[1]
        del tree
        tracemalloc.reset_peak()
        format_text(text, "a.mspec")
        formatting = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert formatting < 2 * one_tree, f"fmt peaked at {formatting / 1e6:.1f} MB, one tree is {one_tree / 1e6:.1f} MB"


# ---------------------------------------------------------------- lines a file may have


def test_a_file_of_more_lines_than_its_size_allows_is_refused_before_parsing(tmp_path):
    from specdsl.core.sources import BYTES_PER_LINE, SourceError, read_source

    limit = 5000 // BYTES_PER_LINE
    fits = tmp_path / "fits.mspec"
    fits.write_text("".join(f"rule R{i}: x\n" for i in range(limit)), encoding="utf-8")
    assert read_source(fits, 5000).count("\n") == limit
    dense = tmp_path / "dense.mspec"
    dense.write_text("".join(f"rule R{i}: x\n" for i in range(limit + 1)), encoding="utf-8")
    with pytest.raises(SourceError) as refused:
        read_source(dense, 5000)
    assert f"has {limit + 1:,} lines, more than the {limit:,} lines" in str(refused.value)
    assert "max-file-size" in str(refused.value)


def test_the_command_line_refuses_a_file_of_too_many_lines(tmp_path, run):
    (tmp_path / ".speclint.yaml").write_text("max-file-size: 4000\n", encoding="utf-8")
    spec = tmp_path / "tiny.mspec"
    spec.write_text("".join(f"rule R{i}: x\n" for i in range(200)), encoding="utf-8")
    result = run("check", "--no-cache", str(spec), cwd=tmp_path)
    assert result.returncode == 2
    assert "has 200 lines, more than the 80 lines speclint reads in one spec" in result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- how many rules one run checks


def _speclint(*args, cwd):
    import subprocess

    return subprocess.run([sys.executable, "-m", "specdsl.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_a_spec_with_more_rules_than_max_rules_is_refused_with_a_clear_error(tmp_path):
    """Memory grows with the rules checked (about 10 KB each): past `max-rules` (20,000 by
    default) a spec is refused before its checks run, saying how many, the limit and what to do."""
    from specdsl.workspace.config import HOT_DEFAULTS

    assert HOT_DEFAULTS["max_rules"] == 20_000
    (tmp_path / ".git").mkdir()
    (tmp_path / ".speclint.yaml").write_text("max-rules: 5\n")
    rules = "".join(f"rule R{i}: Answer question {i} in one line.\n  rationale: Short answers are read.\n\n" for i in range(6))
    (tmp_path / "big.mspec").write_text(rules)
    refused = _speclint("check", "--no-cache", "big.mspec", cwd=tmp_path)
    assert refused.returncode == 2, refused.stderr
    assert "has 6 rules" in refused.stderr and "more than the 5" in refused.stderr and "`max-rules`" in refused.stderr
    assert "Traceback" not in refused.stderr
    (tmp_path / ".speclint.yaml").write_text("max-rules: 6\n")
    assert _speclint("check", "--no-cache", "big.mspec", cwd=tmp_path).returncode == 0
