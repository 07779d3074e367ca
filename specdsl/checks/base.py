"""What a check is: a code, a name, a default severity, options, documentation,
and a pure function from the resolved spec to findings.

A check module defines one function and decorates it:

    @check("S002", "duplicate-id", Severity.ERROR)
    def duplicate_id(model: SpecModel, options: NoOptions) -> Iterator[Diagnostic]:
        '''What it finds … Why it matters … Example … Fix …'''

The decorator validates the metadata when the module loads (a malformed code,
a duplicate code or a docstring without its four sections is an error at
import time, caught by the test suite) and registers the check.

A check that looks at one rule at a time says so with `scope="rule"`: what it
finds on the rules of a top-level block may depend only on that block, the
glossary's term names and the configuration. The language server then keeps
its findings for the blocks an edit did not touch (`specdsl.linting.reuse`), and the
property test `test_kept_findings_equal_a_fresh_lint` holds it to that.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from types import SimpleNamespace

from ..core.diagnostics import Diagnostic, Fix, Related, Severity, Span, trusted

#: Built-in codes are a family letter and three digits (S001); a plugin's may have a
#: prefix of its own of up to three letters (HSE101). X is for the configuration's
#: custom checks (`specdsl.custom`), which are not registered with `check`.
CODE_RE = re.compile(r"^(?!X)[A-Z]{1,3}\d{3}$")
NAME_RE = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
SECTIONS = ("What it finds", "Why it matters", "Example", "Fix")
FAMILIES = {
    "S": "structure",
    "R": "rationale",
    "V": "vagueness",
    "C": "conflict",
    "M": "misuse",
    "X": "custom",
}


def __getattr__(name: str) -> Any:
    if name == "NoOptions":  # the pydantic model, loaded on first use (see `checks.options`)
        from .options import NoOptions

        return NoOptions
    raise AttributeError(name)


@dataclass(frozen=True)
class Check:
    code: str
    name: str
    severity: Severity
    function: Callable[..., Iterator[Diagnostic]]
    #: The options' schema, a pydantic model: the model itself, or its name in
    #: `specdsl.checks.options` (`"options:R005Options"`), imported on first use
    #: of `schema` so that a lint without a `checks:` configuration loads no pydantic.
    options_schema: Any = None
    #: The options' default values, by field name: what `run` gives the check
    #: when the configuration sets none (None: the schema's, which loads pydantic).
    defaults: tuple[tuple[str, Any], ...] | None = None
    #: "lexical" (always on), "semantic" (needs the semantic extra), or
    #: "parser"/"linter" for findings made outside the check functions.
    tier: str = "lexical"
    aliases: tuple[str, ...] = ()
    #: Codes this check makes redundant on the same rule (R002 supersedes R001:
    #: a hard rule without a rationale is reported once, as R002).
    supersedes: tuple[str, ...] = ()
    #: "rule": the findings on the rules of a top-level block depend only on that
    #: block's text, the glossary's term names and the configuration, so an
    #: editor may keep them while the block is unchanged (`specdsl.linting.reuse`);
    #: "spec": they may depend on anything in the spec.
    scope: str = "spec"
    #: False: off by default, run only when its code or name is selected by itself
    #: (`--select C003`, `extend-select: [C002]`), never by `ALL` or a prefix. Checks
    #: whose findings on real specs nobody here wrote were mostly judged wrong.
    default: bool = True
    #: The severity of its findings in a Markdown or prompt document, when that differs
    #: (measured on real prose specs; `.mspec` findings keep `severity`). A configured
    #: `severity:` for the code wins over both.
    prose_severity: Severity | None = None
    #: A page that documents the check (a custom check's `link`); None: speclint's own page.
    help_uri: str | None = None
    doc: str = ""
    sections: dict[str, str] = field(default_factory=dict)

    @property
    def family(self) -> str:
        return FAMILIES.get(self.code[0], "plugin") if len(self.code) == 4 else "plugin"

    @property
    def summary(self) -> str:
        return " ".join(self.sections.get("What it finds", "").split("\n\n")[0].split())

    @property
    def options(self) -> Any:
        """The pydantic model of the check's options (imports pydantic)."""
        schema = self.options_schema
        if schema is None or isinstance(schema, str):
            from importlib import import_module

            module, _, name = (schema or "options:NoOptions").partition(":")
            schema = getattr(import_module(f"{__package__}.{module}"), name)
            object.__setattr__(self, "options_schema", schema)
        return schema

    def run(self, model: Any, options: Any = None) -> Iterator[Diagnostic]:
        if options is None:
            if self.defaults is not None or self.options_schema is None:
                # the plain defaults: no schema, no pydantic
                options = SimpleNamespace(**dict(self.defaults or ()))
            else:  # a plugin's check that gives its schema only
                options = self.options.model_construct()
        return self.function(model, options)


REGISTRY: dict[str, Check] = {}


class CheckDefinitionError(Exception):
    """A check module's metadata is malformed."""


def parse_sections(doc: str) -> dict[str, str]:
    """Split a check docstring into its `Section:` blocks."""
    sections: dict[str, str] = {}
    current = None
    lines: list[str] = []
    for line in doc.splitlines():
        stripped = line.strip()
        head = stripped.rstrip(":")
        if stripped.endswith(":") and head in SECTIONS:
            if current:
                sections[current] = "\n".join(lines).strip()
            current, lines = head, []
        elif current:
            lines.append(line)
    if current:
        sections[current] = "\n".join(lines).strip()
    return sections


def check(
    code: str,
    name: str,
    severity: Severity,
    *,
    options: Any = None,
    defaults: dict[str, Any] | None = None,
    tier: str = "lexical",
    aliases: tuple[str, ...] = (),
    supersedes: tuple[str, ...] = (),
    scope: str = "spec",
    default: bool = True,
    prose_severity: Severity | None = None,
):
    """Register the decorated function as a check (see the module docstring)."""

    def register(function: Callable[..., Iterator[Diagnostic]]) -> Callable[..., Iterator[Diagnostic]]:
        if not CODE_RE.match(code):
            raise CheckDefinitionError(f"{function.__module__}: bad check code {code!r}")
        if not NAME_RE.match(name):
            raise CheckDefinitionError(f"{code}: bad check name {name!r} (kebab-case)")
        if code in REGISTRY:
            raise CheckDefinitionError(f"{code}: registered twice")
        if any(c.name == name for c in REGISTRY.values()):
            raise CheckDefinitionError(f"{code}: the name {name!r} is taken")
        doc = inspect.cleandoc(function.__doc__ or "")
        sections = parse_sections(doc)
        missing = [s for s in SECTIONS if not sections.get(s)]
        if missing:
            raise CheckDefinitionError(f"{code}: docstring lacks {', '.join(missing)}")
        if tier not in ("lexical", "semantic", "parser", "linter"):
            raise CheckDefinitionError(f"{code}: unknown tier {tier!r}")
        if scope not in ("rule", "spec"):
            raise CheckDefinitionError(f"{code}: unknown scope {scope!r}")
        REGISTRY[code] = Check(
            code=code,
            name=name,
            severity=severity,
            function=function,
            options_schema=options,
            defaults=None if defaults is None else tuple(defaults.items()),
            tier=tier,
            aliases=aliases,
            supersedes=supersedes,
            scope=scope,
            default=default,
            prose_severity=prose_severity,
            doc=doc,
            sections=sections,
        )
        return function

    return register


def finding(
    span: Span,
    message: str,
    *,
    path: str | None = None,
    rule: str | None = None,
    related: list[Related] | None = None,
    fix: Fix | None = None,
    data: dict[str, Any] | None = None,
) -> Diagnostic:
    """A diagnostic without its code: the linter stamps code, name and severity."""
    return trusted(
        Diagnostic,
        {
            "code": "",
            "message": message,
            "span": span,
            "path": path,
            "rule": rule,
            "related": related or [],
            "fix": fix,
            "data": data or {},
        },
    )


class Omitted:
    """Stands for a finding that the linter would only count, not list (see
    `only_counted`): a check yields it instead of building the finding."""

    __slots__ = ("path", "rule", "count")

    def __init__(self, path: str | None, rule: str | None, count: int = 1):
        self.path = path
        self.rule = rule
        self.count = count  # how many findings it stands for


def only_counted(model: Any, path: str | None, rule: str | None, first_line: int, last_line: int) -> bool:
    """Whether a finding of the running check on `rule`, somewhere on lines
    `first_line`..`last_line`, would only be counted: the linter already lists
    as many findings of this check on this rule as it shows
    (`linter.MAX_PER_RULE`), and no suppression comment reaches those lines.
    A check that may make very many findings on one rule (a phrase repeated
    through a megabyte line) then yields `Omitted(path, rule)` instead of
    building each finding, and stays fast."""
    listing = model.__dict__.get("_listing")
    return listing is not None and listing.only_counted(path, rule, first_line, last_line)


def nothing(model: Any, options: Any) -> Iterator[Diagnostic]:
    """For codes whose findings are made by the parser or the linter itself."""
    return iter(())


def semantic_active(model: Any) -> bool:
    """Whether the semantic tier runs for this lint (the linter decides and records it
    on the model). Checked before importing `specdsl.semantic`, which a lexical run
    never needs."""
    return bool(model.__dict__.get("_semantic_active"))
