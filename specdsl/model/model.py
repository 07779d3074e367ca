"""The resolved spec: the AST of a document and its includes, indexed.

The model answers the questions checks ask: which rule has this id, what a
reference points at, whether one rule takes precedence over another, which
rationales explain a rule, what a term means. It is built once per lint and
is read-only afterwards.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

from ..syntax.ast import (
    Header,
    Include,
    Node,
    Precedence,
    Rationale,
    Reference,
    RefList,
    Rule,
    Section,
    Spec,
    Term,
)
from ..core.diagnostics import Diagnostic, Related, Severity
from ..core.sources import SourceError, path_problem, printable, read_source

#: Items between two calls of the lint's checkpoint in long loops (`SpecModel.paced`).
CHECKPOINT_EVERY = 16

T = TypeVar("T")


def _paced(items: Iterable[T], hook: Callable[[], None]) -> Iterator[T]:
    for n, item in enumerate(items):
        if n % CHECKPOINT_EVERY == 0:
            hook()
        yield item

#: Reads a file for an include: returns its text, or raises OSError.
Loader = Callable[[Path], str]


@dataclass(eq=False, slots=True)
class RuleInfo:
    """A rule or subrule with where it stands."""

    rule: Rule
    path: str | None
    parent: RuleInfo | None
    sections: tuple[Section, ...]
    index: int  # document order across the whole model
    #: Read from Markdown or a prompt file (any front end but the `.mspec` grammar).
    prose: bool = False
    # The model is read-only once built, so what is derived from it is kept.
    _own: tuple[Rationale, ...] | None = field(default=None, repr=False)
    _inherited: tuple[Rationale, ...] | None = field(default=None, repr=False)
    _placed: tuple[str | None, int | None] | None = field(default=None, repr=False)
    _explained: bool | None = field(default=None, repr=False)

    @property
    def id(self) -> str:
        return self.rule.id

    def ancestors(self) -> Iterator[RuleInfo]:
        """This rule, then its parent rule, and so on up."""
        info: RuleInfo | None = self
        while info is not None:
            yield info
            info = info.parent

    @property
    def level(self) -> str | None:
        """The rule's level, or the nearest ancestor's."""
        return self._level_and_priority()[0]

    @property
    def priority(self) -> int | None:
        """The rule's priority, or the nearest ancestor's."""
        return self._level_and_priority()[1]

    def _level_and_priority(self) -> tuple[str | None, int | None]:
        if self._placed is None:
            # Worked out once per rule, down from the nearest ancestor that knows:
            # asking every rule of a deep nest its ancestors would be quadratic.
            chain: list[RuleInfo] = []
            info: RuleInfo | None = self
            while info is not None and info._placed is None:
                chain.append(info)
                info = info.parent
            level, priority = info._placed if info is not None else (None, None)
            for info in reversed(chain):
                level = info.rule.level or level
                priority = info.rule.priority if info.rule.priority is not None else priority
                info._placed = (level, priority)
        return self._placed

    @property
    def hard(self) -> bool:
        return self.rule.hard

    def _own_rationales(self) -> tuple[Rationale, ...]:
        if self._own is None:
            self._own = tuple(n for n in self.rule.body if isinstance(n, Rationale) and n.text is not None)
        return self._own

    def _inherited_rationales(self) -> tuple[Rationale, ...]:
        if self._inherited is None:
            # Up to the nearest ancestor that knows (no recursion: nesting may be deep),
            # then down again: a rule inherits its parent's own rationales, then what
            # the parent inherits, nearest first; a top rule its sections'.
            chain: list[RuleInfo] = []
            info: RuleInfo | None = self
            while info is not None and info._inherited is None:
                chain.append(info)
                info = info.parent
            for info in reversed(chain):
                if info.parent is not None:
                    info._inherited = info.parent._own_rationales() + info.parent._inherited
                else:
                    info._inherited = tuple(
                        r for section in reversed(info.sections) for r in section.rationales if r.text is not None
                    )
        return self._inherited

    def own_rationales(self) -> list[Rationale]:
        return list(self._own_rationales())

    def inherited_rationales(self) -> list[Rationale]:
        """Rationales of the ancestor rules and of the enclosing sections, nearest first."""
        return list(self._inherited_rationales())

    def all_rationales(self) -> list[Rationale]:
        return list(self._own_rationales() + self._inherited_rationales())

    def explained(self) -> bool:
        """Whether a reader finds a reason for this rule: a rationale of its own or inherited,
        a reason written in its own words or an ancestor's ("…, because …", "… to prevent …"),
        or, in a Markdown or prompt document, a section heading over it that says what its
        rules protect ("Preventing harm", "Human agency"). See `language.reasons`."""
        if self._explained is None:
            self._explained = bool(self.all_rationales()) or self._reason_written()
        return self._explained

    def reason_below(self) -> bool:
        """Whether one of this rule's subrules (at any depth) gives a reason of its own: a
        rationale, or a reason in its words."""
        from ..language.reasons import reason_in

        for sub in self.rule.walk():
            if sub is self.rule:
                continue
            if sub.rationales or (sub.text is not None and reason_in(sub.text.text)):
                return True
        return False

    def _reason_written(self) -> bool:
        from ..language.reasons import names_goal, names_harm, names_value, reason_in

        prose = self.prose
        for info in self.ancestors():
            text = info.rule.text.text if info.rule.text is not None else ""
            if reason_in(text) or names_harm(text):
                return True
            if prose and info.rule.subrules and info.rule.origin in ("heading", "tag") and _titles(text):
                return True  # a heading over its list of rules, read as their rule
            if prose and info is not self and info.rule.origin in ("heading", "tag") and names_goal(text):
                # "Protect people's privacy" over its rules: a heading worded as an instruction that
                # names what they serve explains them (not itself: it is an instruction too)
                return True
        return prose and any(names_value(section.title) for section in self.sections)

    @property
    def section_path(self) -> list[str]:
        return [s.title for s in self.sections]


def _titles(text: str) -> bool:
    """Whether a heading's words name what its rules protect without being an instruction
    themselves ("Protecting children", not "Respect the user's time")."""
    from ..language import analyze
    from ..language.reasons import names_value

    return names_value(text) and not analyze(text).normative


@dataclass(eq=False, slots=True)
class RefInfo:
    """A use of a rule id, and what it resolves to."""

    ref: Reference
    kind: str  # "see", "overrides", "precedence" or "link"
    path: str | None
    owner: RuleInfo | None
    target: RuleInfo | None = None


class ConfiguredOrder:
    """A `precedence` order from the configuration (`.speclint.yaml` or
    `[tool.speclint]`): rule ids, highest first, for documents that cannot say
    precedence inline (Markdown specs, prompts). It joins the same graph as a
    `.mspec` `precedence:` line: C001 and C004 are settled by it, S003 reports
    an id in it that is no rule of the spec, S004 a cycle through it.

    `key` is where it stands in the configuration (`("precedence", 0)`);
    its line is found only when a message needs it. `scoped`: it comes from
    `per-path-precedence`, so it is meant for this file."""

    __slots__ = ("ids", "source", "key", "_locate", "scoped", "_line")

    def __init__(self, ids: tuple[str, ...], source: str, key: tuple, locate: Callable | None = None, *, scoped: bool = False):
        self.ids = ids
        self.source = source
        self.key = key
        self._locate = locate
        self.scoped = scoped
        self._line: int | None | bool = False

    @property
    def text(self) -> str:
        return " > ".join(self.ids)

    @property
    def line(self) -> int | None:
        if self._line is False:
            self._line = self._locate(list(self.key)) if self._locate is not None else None
        return self._line

    @property
    def where(self) -> str:
        """"the configuration's precedence `A > B` (.speclint.yaml, line 4)"."""
        line = self.line
        place = f"{self.source}, line {line}" if line else self.source
        return f"the configuration's precedence `{self.text}` ({place})"


class ConfiguredEdge:
    """What stands for a configured order in `SpecModel.edge_source`: findings on it
    go on the first line of the linted document, and name the configuration."""

    __slots__ = ("order", "span")

    def __init__(self, order: ConfiguredOrder, span):
        self.order = order
        self.span = span


@dataclass(eq=False)
class Document:
    """One parsed file of the model."""

    path: str | None
    spec: Spec
    text: str = ""


#: How far back from a group's rule its lead is looked for.
_LEAD_WINDOW = 600


def _leads_as_first(text: str | None, rule) -> bool:
    """Whether the words that lead `rule`'s group (before its first subrule, back to the start of
    the paragraph the rule stands in) say its rules override all others (`overrides_all`)."""
    if not text or rule.span is None or not rule.subrules:
        return False
    from ..language.analysis import overrides_all

    start = rule.span.offset
    first = rule.subrules[0].span.offset if rule.subrules[0].span is not None else start
    para = text.rfind("\n\n", max(0, start - _LEAD_WINDOW), start)
    return overrides_all(text[(para + 2 if para >= 0 else max(0, start - _LEAD_WINDOW)) : max(first, start)])


@dataclass(eq=False)
class SpecModel:
    """The resolved view of a spec and everything it includes."""

    root: Document
    documents: list[Document] = field(default_factory=list)
    rules: list[RuleInfo] = field(default_factory=list)
    by_id: dict[str, RuleInfo] = field(default_factory=dict)
    duplicates: list[tuple[RuleInfo, RuleInfo]] = field(default_factory=list)
    terms: dict[str, tuple[Term, str | None]] = field(default_factory=dict)
    duplicate_terms: list[tuple[Term, str | None, Term]] = field(default_factory=list)
    references: list[RefInfo] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    #: Explicit "wins over" edges: id -> ids it wins over (precedence, overrides).
    above: dict[str, set[str]] = field(default_factory=dict)
    #: The statement that created each edge, for diagnostics.
    edge_source: dict[tuple[str, str], tuple[Node, str | None]] = field(default_factory=dict)
    include_diagnostics: list[Diagnostic] = field(default_factory=list)
    #: The configuration's precedence orders in effect (`add_configured`).
    configured: list[ConfiguredOrder] = field(default_factory=list)
    workspace: Path | None = None
    #: The configuration (the workspace's `Config`), set by the linter; None: the
    #: defaults (`defaults.DEFAULTS`).
    settings: object | None = None
    _reach: dict[str, set[str]] = field(default_factory=dict)
    _analyses: dict[int, object] = field(default_factory=dict)

    # -- queries -------------------------------------------------------------
    @property
    def spec(self) -> Spec:
        return self.root.spec

    @property
    def header(self) -> Header | None:
        return self.root.spec.header

    def text_of(self, path: str | None) -> str | None:
        """The source text of the model's document at `path` (None when it is not known)."""
        for doc in self.documents:
            if doc.path == path:
                return doc.text or None
        return None

    def rule(self, rid: str) -> RuleInfo | None:
        return self.by_id.get(rid)

    def term(self, name: str) -> Term | None:
        entry = self.terms.get(name.casefold())
        return entry[0] if entry else None

    @property
    def config(self):
        """The configuration in effect (defaults when none was given)."""
        if self.settings is None:
            from .defaults import DEFAULTS

            self.settings = DEFAULTS
        return self.settings

    def analysis(self, info: RuleInfo):
        """The language analysis of a rule's text, computed once per rule.

        A subrule of a lead-in ("The assistant should never:") takes the
        lead-in's modality when its own text has no modal marker.
        """
        cached = self._analyses.get(id(info.rule))
        if cached is not None:
            return cached
        from ..language import analyze

        # Up to the nearest ancestor analysed already, then down again (no
        # recursion: subrules may nest thousands of levels deep).
        chain: list[RuleInfo] = []
        node: RuleInfo | None = info
        while node is not None and id(node.rule) not in self._analyses:
            chain.append(node)
            node = node.parent
        up = self._analyses[id(node.rule)] if node is not None else None
        for node in reversed(chain):
            text = node.rule.text.text if node.rule.text else ""
            up = self._analyses[id(node.rule)] = analyze(text, _handed(up, node.parent))
        return up

    def inherited_modality(self, info: RuleInfo):
        """The modality a rule's text was analysed with besides its own words: its
        parent's, when the parent is a lead-in or a heading whose title forbids or
        allows (see `analysis`); else None."""
        return _handed(self.analysis(info.parent), info.parent) if info.parent is not None else None

    def in_prose(self, path: str | None) -> bool:
        """Whether the model's document at `path` was read from Markdown or a prompt file
        (any front end but the `.mspec` grammar)."""
        known = self.__dict__.setdefault("_prose_form", {})
        found = known.get(path)
        if found is None:
            doc = next((d for d in self.documents if d.path == path), None)
            found = known[path] = doc is not None and doc.spec.source_format != "mspec"
        return found

    def prompt_of(self, info: RuleInfo) -> int | None:
        """Which of its document's separate prompts a rule stands in (a YAML prompt
        collection's strings, `Spec.prompts`, by position), or None when its document is
        one spec or one prompt."""
        known = self.__dict__.setdefault("_prompts", {})
        ranges = known.get(info.path)
        if ranges is None:
            doc = next((d for d in self.documents if d.path == info.path), None)
            ranges = known[info.path] = ([a for a, _ in doc.spec.prompts], doc.spec.prompts) if doc else ([], [])
        starts, spans = ranges
        if not starts:
            return None
        k = bisect_right(starts, info.rule.span.offset) - 1
        return k if k >= 0 and info.rule.span.offset < spans[k][1] else None

    def separate_prompts(self, a: RuleInfo, b: RuleInfo) -> bool:
        """Whether two rules stand in different prompts of one collection (each prompt is
        sent on its own: a rule repeated in both is meant to be)."""
        if a.path != b.path:
            return False
        x = self.prompt_of(a)
        return x is not None and x != self.prompt_of(b)

    def checkpoint(self) -> None:
        """Let the owner of the lint in progress pause or stop it here
        (`LintOptions.checkpoint`): the language server's semantic pass gives way to
        the lexical lint of a keystroke, and stops when a newer edit makes it stale."""
        hook = self.__dict__.get("_checkpoint")
        if hook is not None:
            hook()

    def paced(self, items: Iterable[T]) -> Iterable[T]:
        """`items`, with a checkpoint before every `CHECKPOINT_EVERY`-th (the items
        themselves when no lint owner asked for checkpoints)."""
        hook = self.__dict__.get("_checkpoint")
        if hook is None:
            return items
        return _paced(items, hook)

    def add_configured(self, orders: list[ConfiguredOrder]) -> None:
        """Add the configuration's precedence orders to the graph (once per model:
        the language server may lint one model twice)."""
        if self.configured:
            return
        self.configured = list(orders)
        span = self.first_line_span()
        path = self.root.path
        for order in orders:
            edge = ConfiguredEdge(order, span)
            for a, b in zip(order.ids, order.ids[1:]):
                self.above.setdefault(a, set()).add(b)
                self.edge_source.setdefault((a, b), (edge, path))
        self._reach.clear()

    def first_line_span(self):
        """The span of the linted document's first line (where findings on the
        configuration's orders go: they have no place in the document)."""
        from ..core.diagnostics import make_span

        text = self.root.text or ""
        end = text.find("\n")
        end = len(text) if end < 0 else end
        if end > 0 and text[end - 1] == "\r":
            end -= 1
        return make_span(1, 1, 0, 1, end + 1, end)

    def level_rank(self, level: str | None) -> int | None:
        """0 for the highest declared level, 1 for the next …; None if undeclared."""
        if level is None:
            return None
        try:
            return self.levels.index(level)
        except ValueError:
            return None

    def wins_over(self, a: str, b: str) -> bool:
        """Whether rule `a` is above rule `b` through `precedence:` and `overrides:`."""
        return b in self._reachable(a)

    def _reachable(self, start: str) -> set[str]:
        cached = self._reach.get(start)
        if cached is not None:
            return cached
        seen: set[str] = set()
        stack = list(self.above.get(start, ()))
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            stack.extend(self.above.get(node, ()))
        self._reach[start] = seen
        return seen

    def precedence_between(self, a: RuleInfo, b: RuleInfo) -> tuple[RuleInfo, str] | None:
        """Which of two rules takes precedence, and why; None when nothing orders them.

        A rule inherits the precedence of its ancestors: if SP1 wins over GP1,
        SP1.2 wins over GP1.1 too. The explicit graph (`precedence:`,
        `overrides:`) is asked first, then levels, then priorities.
        """
        a_ids = [x.id for x in a.ancestors()]
        b_ids = [x.id for x in b.ancestors()]
        for x in a_ids:
            for y in b_ids:
                if x != y and self.wins_over(x, y) and not self.wins_over(y, x):
                    return a, f"{x} takes precedence over {y}"
                if x != y and self.wins_over(y, x) and not self.wins_over(x, y):
                    return b, f"{y} takes precedence over {x}"
        ra, rb = self.level_rank(a.level), self.level_rank(b.level)
        if ra is not None and rb is not None and ra != rb:
            return (a if ra < rb else b), f"level {a.level if ra < rb else b.level} is higher"
        pa, pb = a.priority, b.priority
        if pa is not None and pb is not None and pa != pb:
            return (a if pa > pb else b), "a higher priority"
        sa, sb = self.supreme_group(a), self.supreme_group(b)
        if (sa is None) != (sb is None):
            winner, group = (a, sa) if sa is not None else (b, sb)
            return winner, f"the rules of `{group.id}` say they override everything else"
        return None

    def supreme_group(self, info: RuleInfo) -> RuleInfo | None:
        """The rule (itself or an ancestor) whose group of rules the prose before them says
        overrides everything else ("These rules override everything else. Follow them
        strictly:", "The following instructions take precedence over all others:"), or None.
        Only in prose documents, where the words are the document's own way to order rules."""
        cache = self.__dict__.setdefault("_supreme", {})
        for x in info.ancestors():
            if x.index not in cache:
                cache[x.index] = bool(x.prose and x.rule.subrules and _leads_as_first(self.text_of(x.path), x.rule))
            if cache[x.index]:
                return x
        return None

    def precedence_cycles(self) -> list[list[str]]:
        """Strongly connected groups of the explicit precedence graph (iterative Tarjan)."""
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        on_stack: set[str] = set()
        stack: list[str] = []
        cycles: list[list[str]] = []
        counter = 0
        for root in sorted(self.above):
            if root in index:
                continue
            work = [(root, iter(sorted(self.above.get(root, ()))))]
            index[root] = low[root] = counter
            counter += 1
            stack.append(root)
            on_stack.add(root)
            while work:
                node, children = work[-1]
                advanced = False
                for child in children:
                    if child not in index:
                        index[child] = low[child] = counter
                        counter += 1
                        stack.append(child)
                        on_stack.add(child)
                        work.append((child, iter(sorted(self.above.get(child, ())))))
                        advanced = True
                        break
                    if child in on_stack:
                        low[node] = min(low[node], index[child])
                if advanced:
                    continue
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1 or node in self.above.get(node, ()):
                        cycles.append(sorted(group))
        return cycles


# ---------------------------------------------------------------- building


def _handed(up, parent: RuleInfo | None) -> object | None:
    """What a rule's parent (`parent`, analysed as `up`) hands its text: a normative
    lead-in's modality, or that of a heading whose title forbids or allows."""
    handed = handed_down(up)
    if handed is not None and parent is not None and parent.prose and parent.rule.text is not None:
        from ..language import Modality
        from ..language.analysis import offers_alternatives

        if offers_alternatives(parent.rule.text.text):
            return Modality.OBLIGATION  # "Don't ask when you can:": its items are what to do instead
    if handed is None and parent is not None:
        handed = _titled(parent.rule)
    if handed is None and parent is not None:
        handed = _bare_modality(parent.rule)
    return handed


def _bare_modality(rule) -> object | None:
    """The modality a lead-in line that is only a modality ("Should not", "Can", "Never:") hands
    its items, as the reader read them (`markdown.normative.heading_modality`): the analysis of
    two words finds no lead-in in them."""
    if getattr(rule, "origin", None) != "lead-in" or rule.text is None:
        return None
    from ..markdown.normative import heading_modality

    return heading_modality(rule.text.text)


def _titled(rule) -> object | None:
    """The modality a heading read from prose as the rule of its list gives its items when its
    title names what it forbids or allows ("Prohibited content", "Permitted uses"), as the reader
    read them (`markdown.normative.title_modality`)."""
    if getattr(rule, "origin", None) != "heading" or rule.text is None:
        return None
    from ..markdown.normative import title_modality

    return title_modality(rule.text.text)


def handed_down(up) -> object | None:
    """The modality a rule's analysis `up` hands to the texts of its subrules: a
    normative lead-in's ("The assistant should never:"), else None (`_handed` adds
    a forbidding or allowing title's)."""
    if up is None or not up.lead_in or not up.normative:
        return None
    return up.modality


def default_loader(path: Path) -> str:
    """An included file's text, with the checks a file named to `speclint` gets
    (a regular file, within the size limit, UTF-8 text, no NUL bytes)."""
    return read_source(path)


def build_model(
    spec: Spec,
    path: str | None = None,
    text: str = "",
    workspace: str | os.PathLike | None = None,
    loader: Loader | None = None,
    parse_file: Callable[[str, str], Spec] | None = None,
) -> SpecModel:
    """Index a parsed spec and the files it includes.

    `workspace` confines includes (default: the directory of `path`, or the
    current directory); `loader` reads included files (the language server
    passes one that prefers open editor buffers); `parse_file(text, path)`
    parses them (default: by file type).
    """
    root = Document(path=path, spec=spec, text=text)
    base = Path(path).resolve().parent if path else Path.cwd()
    ws = Path(workspace).resolve() if workspace else base
    model = SpecModel(root=root, workspace=ws)
    if spec.header and spec.header.levels:
        model.levels = [n.value for n in spec.header.levels.names]
    _Builder(model, loader or default_loader, parse_file).run(root)
    return model


class _Builder:
    def __init__(self, model: SpecModel, loader: Loader, parse_file):
        self.model = model
        self.loader = loader
        self.parse_file = parse_file
        self.counter = 0
        #: The resolved paths of the files indexed so far: a file included twice is read once.
        self.read: set[Path] = set()

    def run(self, root: Document) -> None:
        self._documents(root)
        self._resolve_references()

    # -- documents and includes ---------------------------------------------
    def _documents(self, root: Document) -> None:
        """Index `root`, and each file it includes where its `include` stands.

        Depth first with a stack of the documents being read rather than by
        recursion: an include chain may be thousands of files long. The stack
        holds each document's resolved path (None for a buffer with no file):
        the chain of includes that led to the one on top, for cycles.
        """
        top = Path(root.path).resolve() if root.path else None
        stack: list[tuple[Document, Iterator, Path | None]] = []
        on_stack: set[Path] = set()

        def enter(doc: Document, path: Path | None) -> None:
            self.model.documents.append(doc)
            stack.append((doc, _walk_items(doc.spec.body), path))
            if path is not None:
                on_stack.add(path)
                self.read.add(path)

        enter(root, top)
        while stack:
            doc, items, path = stack[-1]
            entry = next(items, None)
            if entry is None:
                stack.pop()
                on_stack.discard(path)
                continue
            item, sections = entry
            if not isinstance(item, Include):
                self._item(item, sections, doc)
                continue
            target = self._include_target(item, doc, on_stack, stack)
            if target is not None:
                included = self._load(item, doc, target)
                if included is not None:
                    enter(included, target)

    def _item(self, item: Node, sections: tuple, doc: Document) -> None:
        model = self.model
        if isinstance(item, Rule):
            self._rules(item, doc.path, None, sections, doc.spec.source_format != "mspec")
        elif isinstance(item, Term):
            key = item.name.casefold()
            if key in model.terms:
                model.duplicate_terms.append((item, doc.path, model.terms[key][0]))
            else:
                model.terms[key] = (item, doc.path)
        elif isinstance(item, Precedence):
            for ref in item.order:
                model.references.append(RefInfo(ref, "precedence", doc.path, None))
            for a, b in zip(item.order, item.order[1:]):
                self._edge(a.value, b.value, item, doc.path)

    def _problem(self, node: Include, doc: Document, message: str) -> None:
        """An S006 on the path of an `include`."""
        self.model.include_diagnostics.append(
            Diagnostic.make(
                code="S006",
                name="include-error",
                severity=Severity.ERROR,
                message=message,
                span=node.path_span,
                path=doc.path,
            )
        )

    def _include_target(self, node: Include, doc: Document, on_stack: set[Path], stack: list) -> Path | None:
        """The file an `include` names, when it is to be read now: None (with an
        S006 when it is an error) for a path that is not a file name, leads out
        of the workspace or round a cycle, or a file already read."""
        model = self.model
        problem = path_problem(node.path)
        if problem:
            self._problem(node, doc, f"cannot include `{printable(node.path)}`: {problem}")
            return None
        base = Path(doc.path).resolve().parent if doc.path else Path.cwd()
        try:
            target = (base / node.path).resolve()
        except (OSError, ValueError) as error:  # a loop of links, a name the system refuses
            self._problem(node, doc, f"cannot include `{printable(node.path)}`: {_reason(error)}")
            return None
        if model.workspace is not None and not _inside(target, model.workspace):
            self._problem(
                node, doc, f"`{printable(node.path)}` is outside the workspace ({model.workspace.name}/); includes must stay inside it"
            )
            return None
        if target in on_stack:
            chain = [p for _, _, p in stack if p is not None]
            names = " -> ".join(p.name for p in chain[chain.index(target) :] + [target])
            self._problem(node, doc, f"include cycle: {names}")
            return None
        if target in self.read:
            return None  # already included through another path
        return target

    def _load(self, node: Include, doc: Document, target: Path) -> Document | None:
        """The included file read and parsed, or None (and an S006) when it cannot be read."""
        shown = printable(node.path)
        try:
            text = self.loader(target)
        except FileNotFoundError:
            self._problem(node, doc, f"cannot include `{shown}`: no such file")
            return None
        except (OSError, UnicodeDecodeError, ValueError) as error:
            self._problem(node, doc, f"cannot include `{shown}`: {_reason(error)}")
            return None
        except SourceError as error:
            self._problem(node, doc, f"cannot include `{shown}`: {error.reason}")
            return None
        if self.parse_file is not None:
            spec = self.parse_file(text, str(target))
        else:
            from .frontends import parse_any

            spec = parse_any(text, str(target))
        errors = [d for d in spec.diagnostics if d.severity == Severity.ERROR]
        if errors:
            first = errors[0].span
            self._problem(
                node,
                doc,
                f"`{shown}` has {len(errors)} syntax error{'s' if len(errors) > 1 else ''} "
                f"(the first at line {first.line}, column {first.column})",
            )
        return Document(path=str(target), spec=spec, text=text)

    # -- rules -----------------------------------------------------------------
    def _rules(self, top: Rule, path: str | None, parent: RuleInfo | None, sections, prose: bool) -> None:
        model = self.model
        work = [(top, parent)]
        while work:
            rule, up = work.pop()
            info = RuleInfo(rule=rule, path=path, parent=up, sections=sections, index=self.counter, prose=prose)
            self.counter += 1
            model.rules.append(info)
            if rule.id in model.by_id:
                model.duplicates.append((model.by_id[rule.id], info))
            else:
                model.by_id[rule.id] = info
            for child in rule.body:
                if isinstance(child, RefList):
                    for ref in child.refs:
                        model.references.append(RefInfo(ref, child.kind, path, info))
                        if child.kind == "overrides":
                            self._edge(rule.id, ref.value, child, path)
            work.extend((c, info) for c in reversed(rule.subrules))
        # keep document order (the work list is depth first, children reversed)

    def _edge(self, a: str, b: str, node: Node, path: str | None) -> None:
        self.model.above.setdefault(a, set()).add(b)
        self.model.edge_source.setdefault((a, b), (node, path))

    def _resolve_references(self) -> None:
        for ref in self.model.references:
            ref.target = self.model.by_id.get(ref.ref.value)


def _walk_items(body: list, sections: tuple = ()) -> Iterator[tuple[Node, tuple]]:
    stack = [(list(body), 0, sections)]
    while stack:
        items, i, secs = stack.pop()
        if i >= len(items):
            continue
        item = items[i]
        stack.append((items, i + 1, secs))
        yield item, secs
        if isinstance(item, Section):
            stack.append((item.body, 0, secs + (item,)))


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def _reason(error: Exception) -> str:
    if isinstance(error, UnicodeDecodeError):
        return "it is not valid UTF-8 text"
    if isinstance(error, IsADirectoryError):
        return "it is a directory"
    if isinstance(error, PermissionError):
        return "permission denied"
    return getattr(error, "strerror", None) or str(error)


def related(info: RuleInfo, message: str) -> Related:
    """Related information pointing at a rule's id."""
    return Related.make(path=info.path, rule=info.id, span=info.rule.id_span, message=message)
