"""Property-based tests over generated and mutated specs (hypothesis).

For any text: the parser never raises and every diagnostic lies inside the
document. For any text that parses cleanly: `fmt` is idempotent and keeps
every word and comment (the formatter checks this itself and raises
FormatError if it would not; here that would fail the test).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from specdsl import lint, parse
from specdsl.tools.format import format_text, signature

EXAMPLES = int(os.environ.get("SPECLINT_HYPOTHESIS_EXAMPLES", "3000"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

WORDS = st.sampled_from(
    "the assistant must never share data with anyone because users trust it rule of law see note "
    "when unless good bad prompt rationale: section level hard tags # speclint ignore reason [x] "
    "A1 B2 é 中文 — \"quoted\" , > : 100% etc. ok".split()
)
IDS = st.from_regex(r"[A-Z][A-Z0-9_]{0,3}", fullmatch=True)


@st.composite
def prose(draw, max_lines=3):
    lines = draw(st.lists(st.lists(WORDS, min_size=1, max_size=8).map(" ".join), min_size=1, max_size=max_lines))
    return lines


def emit_prose(out: list[str], head: str, indent: int, lines: list[str], blank_between: bool) -> None:
    out.append(" " * indent + f"{head} {lines[0]}".rstrip())
    for i, line in enumerate(lines[1:]):
        if blank_between and i == 0:
            out.append("")
        out.append(" " * (indent + 2) + line)


@st.composite
def rule_block(draw, indent: int, depth: int, kind: str = "rule"):
    out: list[str] = []
    rid = draw(IDS)
    attrs = draw(
        st.lists(
            st.sampled_from(["hard", "level: root", "level: user", "priority: 3", "tags: a, b"]),
            unique=True,
            max_size=3,
        )
    )
    head = f"{kind} {rid}" if kind == "rule" or draw(st.booleans()) else kind
    if attrs:
        head += " [" + ", ".join(attrs) + "]"
    emit_prose(out, head + ":", indent, draw(prose()), draw(st.booleans()))
    for _ in range(draw(st.integers(0, 4))):
        choice = draw(st.sampled_from(["rationale", "when", "unless", "see", "overrides", "example", "subrule", "comment"]))
        inner = indent + 2
        if choice in ("rationale", "when", "unless"):
            emit_prose(out, choice + ":", inner, draw(prose()), False)
        elif choice in ("see", "overrides"):
            out.append(" " * inner + f"{choice}: " + ", ".join(draw(st.lists(IDS, min_size=1, max_size=3))))
        elif choice == "example":
            out.append(" " * inner + "example:")
            for item in draw(st.lists(st.sampled_from(["prompt", "good", "bad", "note"]), min_size=1, max_size=3)):
                emit_prose(out, item + ":", inner + 2, draw(prose(2)), False)
        elif choice == "subrule" and depth < 4:
            out += draw(rule_block(inner, depth + 1, "subrule"))
        elif choice == "comment":
            out.append(" " * inner + "# " + " ".join(draw(st.lists(WORDS, max_size=4))))
    return out


@st.composite
def specs(draw):
    out: list[str] = []
    if draw(st.booleans()):
        out += ['spec "Generated"', "  version: 1", "  levels: root > user"]
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["rule", "section", "term", "precedence", "blank", "comment", "directive"]))
        if kind == "rule":
            out += draw(rule_block(0, 0))
        elif kind == "section":
            out.append(f'section "{draw(WORDS)}":')
            if draw(st.booleans()):
                emit_prose(out, "rationale:", 2, draw(prose()), False)
            for _ in range(draw(st.integers(0, 3))):
                out += draw(rule_block(2, 0))
        elif kind == "term":
            emit_prose(out, f'term "{draw(WORDS)}":', 0, draw(prose()), False)
        elif kind == "precedence":
            out.append("precedence: " + " > ".join(draw(st.lists(IDS, min_size=1, max_size=4))))
        elif kind == "blank":
            out.append("")
        elif kind == "comment":
            out.append("# " + " ".join(draw(st.lists(WORDS, max_size=5))))
        else:
            out.append(f"# speclint: ignore[{draw(st.sampled_from(['S002', 'R001', 'V002, S003']))}] reason: test")
    return "\n".join(out) + ("\n" if draw(st.booleans()) else "")


def check_ranges(text: str, diagnostics) -> None:
    lines = text.split("\n")
    for d in diagnostics:
        s = d.span
        assert 1 <= s.line <= s.end_line <= len(lines), (d, len(lines))
        assert 0 <= s.offset <= s.end_offset <= len(text), d
        assert 1 <= s.column and 1 <= s.end_column
        assert s.column - 1 <= len(lines[s.line - 1]), d
        assert s.end_column - 1 <= len(lines[s.end_line - 1]), d
        line_start = sum(len(x) + 1 for x in lines[: s.line - 1])
        assert s.offset == line_start + s.column - 1, d


def check_format(text: str) -> None:
    spec = parse(text)
    if spec.diagnostics:
        return
    once = format_text(text)
    assert format_text(once) == once
    assert signature(parse(once)) == signature(spec)
    wrapped = format_text(text, wrap=40)
    assert format_text(wrapped, wrap=40) == wrapped
    assert signature(parse(wrapped), True) == signature(spec, True)


@SETTINGS
@given(specs())
def test_generated_specs(text):
    spec = parse(text)
    check_ranges(text, spec.diagnostics)
    check_ranges(text, lint(text))
    check_format(text)


@st.composite
def mutated(draw):
    text = draw(specs())
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["insert", "delete", "replace", "dup_line", "garbage_line", "indent"]))
        pos = draw(st.integers(0, len(text)))
        if op == "insert":
            text = text[:pos] + draw(st.text(max_size=6)) + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 8)) :]
        elif op == "replace":
            text = text[:pos] + draw(st.sampled_from([":", "[", "]", ",", ">", "\t", " ", "\n", '"', "#"])) + text[pos + 1 :]
        elif op == "dup_line":
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif op == "garbage_line":
            text = text[:pos] + "\n" + draw(st.text(max_size=20)) + "\n" + text[pos:]
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = " " * draw(st.integers(1, 5)) + lines[i]
            text = "\n".join(lines)
    return text


@SETTINGS
@given(mutated())
def test_mutated_specs(text):
    spec = parse(text)
    check_ranges(text, spec.diagnostics)
    check_ranges(text, lint(text))
    check_format(text)


def full_dump(spec):
    """Everything of a tree, spans included, for comparing two parses."""
    from specdsl.syntax.ast import deep_recursion

    with deep_recursion():
        return (
            spec.to_dict(exclude={"diagnostics"}) if len(spec.diagnostics) < 90 else None,
            [(d.code, d.span, d.message) for d in spec.diagnostics] if len(spec.diagnostics) < 90 else None,
        )


INCREMENTAL = None


@SETTINGS
@given(mutated(), mutated())
def test_incremental_parse_equals_full_parse(before, after):
    """The editor's block-by-block parser gives the same tree as the full parser,
    also after an edit (the second text reuses blocks of the first)."""
    global INCREMENTAL
    from specdsl.syntax.incremental import IncrementalParser

    if INCREMENTAL is None:
        INCREMENTAL = IncrementalParser()
    for text in (before, after, before + "\n" + after):
        assert full_dump(INCREMENTAL.parse(text)) == full_dump(parse(text))


KEPT_DIR = os.path.join(__import__("tempfile").mkdtemp(prefix="speclint-kept-"), "spec.mspec")


def _findings(run) -> list:
    return sorted((d.path or "", d.span, d.code, d.message, d.rule, repr(d.fix), repr(d.related)) for found in run.by_path.values() for d in found)


def _fresh_lint(text: str):
    """A lint in a thread with nothing kept: a new parser, no findings cache, and
    none of the analyses, scopes and limits kept by a rule's words."""
    import threading

    from specdsl.language.analysis import analyze
    from specdsl.language.scope import limits
    from specdsl.lsp.state import lint_run
    from specdsl.model import candidates

    for cached in (analyze, limits, candidates.own_scope, candidates._title_scope):
        cached.cache_clear()
    out = []
    worker = threading.Thread(target=lambda: out.append(lint_run(KEPT_DIR, text, None, loader=lambda p: "")))
    worker.start()
    worker.join()
    return out[0]


@settings(SETTINGS, max_examples=max(50, EXAMPLES // 4))
@given(mutated(), mutated(), WORDS)
def test_kept_findings_equal_a_fresh_lint(before, after, word):
    """The editor's lint keeps the findings of rule-local checks on the blocks it has
    seen (`specdsl.linting.reuse`); edit after edit, including a new term elsewhere that
    exempts a phrase of an unchanged block, it reports what a fresh lint reports
    (one with no parser, findings or per-text caches kept)."""
    from specdsl.lsp.state import lint_run

    from test_reuse import server_caches

    term = f'\nterm "{word}": what this spec means by it\n'
    with server_caches():  # what the server keeps by a rule's words, kept here too
        for text in (before, after, before + "\n" + after, before + "\n" + after + term, after + term, after):
            kept = lint_run(KEPT_DIR, text, None, loader=lambda p: "")
            assert _findings(kept) == _findings(_fresh_lint(text))
