"""Running a custom check over a model: the one check function every
`custom-checks:` entry is registered with (its entry comes as its options).

Patterns are matched with the `regex` module and a time bound
(`TIMEOUT` seconds for each text): a pattern that backtracks catastrophically
stops with a `PatternTimeout`, which says which check and which rule, instead
of hanging a run.

A substitution's fix is safe: `speclint fix` applies it, in a rule's own words
too. It changes the author's words, but exactly as the team's configuration
says; the fixer's guard (`linting.fixes`) lets the swapped words differ and
still refuses any other change of a rule.
"""

from __future__ import annotations

import fnmatch
import re
from typing import Any, Iterator

from ..checks.base import finding
from ..core.diagnostics import Diagnostic, Edit, Fix
from ..core import precompiled

#: Seconds a custom check's pattern may spend on one text.
TIMEOUT = 0.5


class PatternTimeout(Exception):
    """A custom check's pattern took longer than `TIMEOUT` on one text: which check
    (`code`), on which rule (`rule`, `path`) and where its text is (`span`), so that
    the language server can show it on that rule and go on with the other checks."""

    def __init__(self, message: str, *, code: str = "", rule: str | None = None, path: str | None = None, span=None):
        super().__init__(message)
        self.code, self.rule, self.path, self.span = code, rule, path, span


def compile_pattern(pattern: str, ignorecase: bool):
    """A `regex` pattern, or ValueError saying what is wrong with it."""
    import regex

    try:
        return regex.compile(pattern, regex.IGNORECASE if ignorecase else 0)
    except regex.error as error:
        raise ValueError(f"`{pattern}` is not a valid regular expression: {error}") from None


def _phrases(phrases, ignorecase: bool):
    """One pattern for literal words or phrases, each matched as a whole word, any
    run of spaces or a line break between its words."""
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        body = r"\s+".join(re.escape(word) for word in phrase.split())
        head = r"(?<!\w)" if phrase[:1].isalnum() or phrase[:1] == "_" else ""
        tail = r"(?!\w)" if phrase[-1:].isalnum() or phrase[-1:] == "_" else ""
        parts.append(f"{head}{body}{tail}")
    return compile_pattern("|".join(parts), ignorecase)


class Compiled:
    """A validated entry with its patterns compiled."""

    def __init__(self, entry: Any):
        self.entry = entry
        self.patterns = []
        if entry.kind == "existence":
            if entry.tokens:
                self.patterns.append(_phrases(entry.tokens, entry.ignorecase))
            if entry.pattern:
                self.patterns.append(compile_pattern(entry.pattern, entry.ignorecase))
        elif entry.kind == "substitution":
            self.patterns.append(_phrases(entry.swap, entry.ignorecase))
            fold = (lambda s: " ".join(s.split()).casefold()) if entry.ignorecase else (lambda s: " ".join(s.split()))
            self.fold = fold
            self.swap = {fold(k): v for k, v in entry.swap.items()}


class Options:
    """A custom check's options: its compiled entry (and, like a check's pydantic
    options, its JSON, which an editor's kept findings are keyed by)."""

    __slots__ = ("definition",)

    def __init__(self, definition: Compiled):
        self.definition = definition

    def model_dump_json(self) -> str:
        return self.definition.entry.model_dump_json()


def run_custom(model, options) -> Iterator[Diagnostic]:
    compiled = getattr(options, "definition", None)
    if compiled is None:  # a code this file's configuration does not define
        return
    entry = compiled.entry
    for info in model.paced(model.rules):
        if not _selected(info, entry.rules):
            continue
        if entry.kind in ("existence", "substitution"):
            yield from _matches(model, info, compiled)
        elif entry.kind == "occurrence":
            yield from _occurrence(model, info, entry)
        else:
            yield from _structural(info, entry)


def _selected(info, rules) -> bool:
    if not rules.subrules and info.parent is not None:
        return False
    if rules.hard is not None and info.hard != rules.hard:
        return False
    if rules.level is not None and info.level != rules.level:
        return False
    if rules.tag is not None and rules.tag not in info.rule.tags:
        return False
    if rules.section is not None:
        glob = rules.section.casefold()
        if not any(fnmatch.fnmatchcase(section.title.casefold(), glob) for section in info.sections):
            return False
    return True


def _texts(info, scope: str):
    """The prose nodes of a rule that `scope` reads."""
    from ..model.prose import iter_rule_texts
    from ..syntax.ast import Example, Rationale

    rule = info.rule
    if scope in ("text", "all"):
        for prose, _ in iter_rule_texts(None, info):
            yield prose
    if scope in ("rationale", "all"):
        for node in rule.body:
            if isinstance(node, Rationale) and node.text is not None:
                yield node.text
    if scope in ("examples", "all"):
        for node in rule.body:
            if isinstance(node, Example):
                if node.text is not None:
                    yield node.text
                for item in node.items:
                    if item.text is not None:
                        yield item.text


def _search(pattern, prose, info, entry):
    try:
        return list(pattern.finditer(prose.text, timeout=TIMEOUT))
    except TimeoutError:
        raise PatternTimeout(
            f"custom check {entry.code}: its pattern took more than {TIMEOUT:g} s on the text of rule "
            f"{info.id}{f' in {info.path}' if info.path else ''} and was stopped (it backtracks catastrophically); "
            "rewrite it without a repeat inside a repeat or alternatives that match the same text",
            code=entry.code,
            rule=info.id,
            path=info.path,
            span=prose.span,
        ) from None


def _fill(message: str, **values) -> str:
    """The message with its `{name}` placeholders filled (plain replacement, not `str.format`)."""
    for name, value in values.items():
        message = message.replace("{" + name + "}", str(value))
    return message


def _matches(model, info, compiled: Compiled) -> Iterator[Diagnostic]:
    from ..model.prose import phrase_span, source_text, span_cache

    entry = compiled.entry
    source = source_text(model, info.path)
    cache = span_cache(model)
    for prose in _texts(info, entry.scope):
        for pattern in compiled.patterns:
            for match in _search(pattern, prose, info, entry):
                if match.end() == match.start():
                    continue
                found = match.group(0)
                said = " ".join(found.split())  # a phrase over a line break, said on one line
                span = phrase_span(prose, match.start(), match.end(), source, cache=cache)
                if entry.kind == "existence":
                    yield finding(span, _fill(entry.message, found=said, rule=info.id), path=info.path, rule=info.id, data={"phrase": said})
                    continue
                expected = compiled.swap.get(compiled.fold(found))
                if expected is None or expected == found:
                    continue
                if found[:1].isupper() and expected[:1].islower():
                    expected = expected[:1].upper() + expected[1:]
                fix = Fix(message=f'Write "{expected}" instead of "{said}"', edits=[Edit(span=span, new_text=expected)], swaps=[(said, expected)])
                yield finding(
                    span,
                    _fill(entry.message, found=said, expected=expected, rule=info.id),
                    path=info.path,
                    rule=info.id,
                    fix=fix,
                    data={"phrase": said},
                )


_WORD = precompiled.compile(r"\w+(?:['’\-]\w+)*")
_SENTENCE_END = precompiled.compile(r"[.!?]+(?=\s|$)")


def _count(text: str, what: str) -> int:
    if what == "characters":
        return len(" ".join(text.split()))
    if what == "words":
        return len(_WORD.findall(text))
    if not text.strip():
        return 0
    ends = len(_SENTENCE_END.findall(text.rstrip()))
    return ends + (0 if re.search(r"[.!?]\W*$", text.rstrip()) else 1)


def _occurrence(model, info, entry) -> Iterator[Diagnostic]:
    count = sum(_count(prose.text, entry.count) for prose in _texts(info, entry.scope))
    if entry.max is not None and count > entry.max:
        bound = f"{count} {entry.count}, at most {entry.max}"
    elif entry.min is not None and count < entry.min:
        bound = f"{count} {entry.count}, at least {entry.min}"
    else:
        return
    yield finding(
        info.rule.id_span,
        _fill(entry.message, count=count, rule=info.id),
        path=info.path,
        rule=info.id,
        data={"count": count, "bound": bound},
    )


def _has(info, feature: str) -> bool:
    rule = info.rule
    if feature == "rationale":
        return bool(info.all_rationales())
    if feature == "own-rationale":
        return bool(info.own_rationales())
    if feature == "example":
        return bool(rule.examples)
    if feature == "level":
        return rule.level is not None
    if feature == "hard":
        return info.hard
    if feature == "see":
        return bool(rule.refs("see"))
    if feature == "overrides":
        return bool(rule.refs("overrides"))
    if feature == "tags":
        return bool(rule.tags)
    raise ValueError(feature)


def _structural(info, entry) -> Iterator[Diagnostic]:
    """`require`: report a rule that lacks any part of the predicate; `forbid`: one that has it all."""
    failing = [f"no {feature}" for feature in entry.has if not _has(info, feature)]
    bounds = entry.subrule_count
    if bounds is not None:
        n = len(info.rule.subrules)
        if bounds.min is not None and n < bounds.min:
            failing.append(f"{n} subrules (at least {bounds.min})")
        if bounds.max is not None and n > bounds.max:
            failing.append(f"{n} subrules (at most {bounds.max})")
    if entry.kind == "require" and not failing:
        return
    if entry.kind == "forbid" and failing:
        return
    missing = ", ".join(failing)
    yield finding(
        info.rule.id_span,
        _fill(entry.message, rule=info.id, missing=missing),
        path=info.path,
        rule=info.id,
        data={"missing": missing} if missing else {},
    )
