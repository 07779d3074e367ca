"""The third stage of reading prose: statements made rules, with stable ids.

`read_prose` walks the outline. A heading's part is a section (definitions
and hard-constraint headings are marked as in `.mspec`); a tag section's
part is a section named by its tag; an example tag's content is left out.
A part whose own statements are one list and nothing else (no other
statement, no part nested in it) is a rule itself, its heading or tag its
text and the list's statements its subrules ("a heading over a list of
normative items"). A heading marked as a rule (`{#id …}`) stays a rule, with
its id and attributes, and everything normative under it is its subrules.

Each `Statement` becomes a rule (a subrule under a lead-in, a list item or a
rule heading), its reasons its rationales; a `Reason` is the rationale of
the rule read just before it in the same part, else of the section (one
that opens a paragraph after a rule is the rationale of the paragraph's
statements instead). Every
rule says where it was found (`origin`). A heading that is a modality
("Do:", "Don't", "Never") carries it into the lists of its part. A link in
a sentence that is no rule is a reference of the first rule its paragraph
gave.

Ids are derived from the section and the statement's first content words
(`refunds.never-send-refund-card`; a subrule: its parent's id, a dot, its
words), so the same document gives the same ids on every run, and adding a
rule does not renumber the others; two statements that begin alike are told
apart by a short hash of their whole text. A lead-in rule takes its
section's slug (before any heading, its own words), a heading or tag rule
its title's.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..syntax.ast import Attribute, Example, Rationale, Term
from ..language import Modality
from ..language.text import WORD_RE, stopwords
from ..core import precompiled
from ..core.memo import MB, text_cache
from .doc import Doc
from .markup import demote, heading, is_rule_heading, section
from .normative import heading_modality, label_end, lead_in_modality, plain, title_modality
from .units import introduces
from .outline import Outline, Part
from .patterns import _ATTR_BLOCK, _id_slug, _parse_attrs, _plain
from .pieces import links
from .state import _RuleB, _SecB
from .statements import Kept, Listed, Reading, Reason, Statement, part_statements

#: How many content words make the second half of an id.
ID_WORDS = 4


def read_prose(doc: Doc, outline: Outline, plain: bool = False) -> list:
    """The top-level items of a document read as prose (see the module docstring)."""
    root = _SecB(title="", title_span=None, start=0, end=0, level=0)
    reader = _Prose(doc, outline, plain)
    reader.fill(outline.root, root, None)
    for node, rule in reader.first_of.values():
        links(doc, node, rule)  # links in a block's sentences that are not rules: its first rule's
    return root.body



def _instructs(title: str) -> bool:
    """Whether a heading is itself an instruction of conduct ("Be Respectful", "Never Share
    Passwords", "Understand Other Views"): over the normative sentences of its section's
    paragraphs it is their rule, as a heading over a list is (over steps, a list, it is the
    title of a procedure). A heading that names a topic ("Tickets", "Getting Started",
    "Build and Test": an imperative of two content words or fewer that names a step) is not."""
    from .normative import modality

    words = title.split()
    if len(words) < 2 or title.rstrip().endswith("?"):
        return False
    found = modality(title)
    if found is None or found is Modality.PERMISSION:
        return False
    content = [w for w in words if w.lower() not in ("and", "or", "but", "by", "the", "a", "an", "of", "to", "with", "&")]
    return len(content) >= 3 or words[0].lower() in ("be", "don't", "do", "never", "always", "avoid", "stay", "keep")

def _items(lst) -> int:
    """How many items a list holds (0 for a table, whose rows are not counted)."""
    return sum(1 for c in lst.children if c.type == "list_item")


class _Prose:
    """The walk over the outline (one per document): parts in, sections and rules out."""

    def __init__(self, doc: Doc, outline: Outline, plain: bool):
        self.doc = doc
        self.outline = outline
        self.plain = plain
        self.first_of: dict[int, tuple] = {}  # a block's first rule, by the block's id

    # -- parts ------------------------------------------------------------------
    def fill(self, part: Part, ctx, slug: str | None) -> None:
        """Read a part's items into `ctx` (a section or a rule); `slug` prefixes the ids made in it."""
        definitions = isinstance(ctx, _SecB) and ctx.definitions
        reading = Reading(self.doc, self.outline, self.plain, definitions, _carried(ctx))
        run: list = []
        last: list = [None]  # the rule read last in this part (reasons after it are its own)
        handed = _carried(ctx) if isinstance(ctx, _SecB) and ctx.rule is None else None  # "Prohibited uses" over its subsections
        for item in part.items:
            if isinstance(item, Part):
                if run:
                    dangling = self._dangling(run[-1])
                    if dangling is not None:
                        handed = dangling  # "AI tools must NOT be used to:" over "### Data security" and its list
                    self.place(part_statements(reading, run), ctx, slug, last)
                    run = []
                last[0] = None
                self.child(item, ctx, slug, handed)
            else:
                run.append(item)
        if run:
            self.place(part_statements(reading, run), ctx, slug, last)

    def _dangling(self, node) -> Modality | None:
        """The force of a paragraph that introduces what follows it but has no list after it (a
        lead-in over the subsections that hold its lists), or None."""
        if node.type != "paragraph":
            return None
        text = self.doc.inline_text(node)
        if not text or not introduces(text.text):
            return None
        return lead_in_modality(text.text)

    def child(self, part: Part, parent, slug: str | None, handed: Modality | None = None) -> None:
        doc = self.doc
        if part.heading is None:
            tag = part.tag
            if tag is None:
                return
            if tag.example:
                doc.stats.left_out.append((tag.open_start, tag.close_end))
                return
            # the tag's name where it is written: after "<" in `<name>`, the key itself in YAML
            # (not at all when a sibling `name:` names it: then the tag's first character)
            at = doc.text.find(tag.name, tag.open_start, tag.open_end)
            title_span = doc.span(at, at + len(tag.name)) if at >= 0 else doc.span(tag.open_start, tag.open_start + 1)
            sec = _SecB(tag.name, title_span, tag.open_start, tag.close_end, parent.level if isinstance(parent, _SecB) else 99)
            self.section_or_rule(part, sec, parent, "tag", slug)
            return
        text = doc.inline_text(part.heading)
        if text and part.heading.type == "paragraph":
            # a title set in emphasis ("***Escalation Avoidance***"): its words, without the marks
            marks = len(text.text) - len(text.text.lstrip("*_"))
            text = text.cut(marks, len(text.text.rstrip().rstrip("*_")), doc.text)
        attrs = _ATTR_BLOCK.search(text.text) if text else None
        parsed = _parse_attrs(attrs.group(1)) if attrs else None
        owner = parent.rule if isinstance(parent, _SecB) and parent.rule is not None else parent
        if is_rule_heading(parsed, self.outline) or isinstance(owner, _RuleB):
            made = heading(doc, self.outline, part, parent)
            if isinstance(made, _RuleB) and made.kind == "rule" and isinstance(parent, _SecB):
                parent.body.append(made)
            target = made.rule if isinstance(made, _SecB) and made.rule is not None else made
            self.fill(part, made, target.id if isinstance(target, _RuleB) else slug)
            if isinstance(made, _RuleB) and not demote(doc, made, parent):
                _extend(parent, made.end)
            return
        title_text = text.cut(0, attrs.start(), doc.text) if attrs else text
        title = _plain(title_text.text) if title_text else ""
        a, b = doc.node_range(part.heading)
        sec = section(doc, title_text, title, a, b, part.level, parent)
        if handed in (Modality.PROHIBITION, Modality.PERMISSION) and not _TURNS.search(title):
            sec.handed = handed
        self.section_or_rule(part, sec, parent, "heading", slug)

    def section_or_rule(self, part: Part, sec: _SecB, parent, origin: str, slug: str | None) -> None:
        """A part read as a section; made a rule when all it holds is one list."""
        own = _id_slug(sec.title) if sec.title and sec.title != "(untitled)" else None
        self.fill(part, sec, own or slug)
        rules = [x for x in sec.body if isinstance(x, _RuleB)]
        listed = sec.listed
        others = [x for x in sec.body if not isinstance(x, (_RuleB, Rationale))]
        if not others and (
            (rules and listed and len(rules) == len(listed) and all(r.origin != "lead-in" for r in rules)
             and 2 * len(rules) >= sec.items)
            or (rules and origin == "heading" and all(r.origin == "sentence" for r in rules) and _instructs(sec.title))
            # a heading that instructs over nothing but code or examples ("### Avoid nested
            # ternaries" over a bad and a good snippet): the heading is the rule
            or (not rules and origin == "heading" and not sec.body and _instructs(sec.title))
        ):
            rule = self.container(sec, origin, rules, parent)
            parent.body.append(rule)
            _extend(parent, rule.end)
            return
        if isinstance(parent, _RuleB):
            for x in sec.body:  # sections do not open inside rules: their rules are subrules
                if isinstance(x, _RuleB):
                    x.kind = "subrule"
                    parent.body.append(x)
                elif isinstance(x, Rationale):
                    parent.body.append(x)
            _extend(parent, sec.end)
            return
        parent.body.append(sec)
        _extend(parent, sec.end)

    def container(self, sec: _SecB, origin: str, rules: list[_RuleB], parent) -> _RuleB:
        """A heading or tag over one list: a rule, the list's rules its subrules."""
        doc = self.doc
        kind = "subrule" if isinstance(parent, _RuleB) else "rule"
        rule = doc.new_rule(kind, sec.start, sec.end, sec.level, origin=origin)
        rule.auto_id = False
        span = sec.title_span
        rule.text = _title_prose(doc, span) if span is not None else None
        rule.id = doc.unique(_id_slug(sec.title))
        doc.rule_ids.add(rule.id)
        rule.id_span = span if span is not None else doc.span(sec.start, sec.start)
        if sec.hard and kind == "rule":
            rule.attributes = [Attribute.make(span=rule.id_span, key="hard")]
        for x in sec.body:
            if isinstance(x, _RuleB):
                x.kind = "subrule"
                x.attributes = []
                _rebase(doc, x, rule.id)
            rule.body.append(x)
        return rule

    # -- statements -------------------------------------------------------------
    def place(self, items: list, ctx, slug: str | None, last: list) -> None:
        """File what a run of blocks gave in `ctx`."""
        doc = self.doc
        in_rule = isinstance(ctx, _RuleB) or (isinstance(ctx, _SecB) and ctx.rule is not None)
        owner = ctx.rule if isinstance(ctx, _SecB) and ctx.rule is not None else ctx
        for item in items:
            if isinstance(item, Statement):
                rule = self.rule(item, owner if in_rule else None, slug, ctx)
                (owner.body if in_rule else ctx.body).append(rule)
                _extend(ctx, rule.end)
                last[0] = rule
            elif isinstance(item, Listed):
                made = []
                for st in item.statements:
                    rule = self.rule(st, owner if in_rule else None, slug, ctx)
                    (owner.body if in_rule else ctx.body).append(rule)
                    made.append(rule)
                    _extend(ctx, rule.end)
                if not in_rule and isinstance(ctx, _SecB):
                    ctx.listed = (ctx.listed or []) + made
                    ctx.items += _items(item.node)
                last[0] = ctx if (isinstance(ctx, _SecB) and ctx.level > 0 and not in_rule) else (made[-1] if made else None)
            elif isinstance(item, Reason):
                target = last[0]
                if target is not None and item.opens:
                    continue  # it opens a paragraph after a rule: the statements after it carry it
                if target is None:
                    target = owner if in_rule else ctx
                    if isinstance(target, _SecB) and not (target.level > 0 or target.start > 0) and item.opens:
                        continue  # before any section: the statements after it keep it
                    item.keep()  # nothing before it in the part: the whole part's
                if isinstance(target, _RuleB):
                    target.body.append(item.rationale)
                    target.end = max(target.end, item.rationale.span.end_offset)
                elif isinstance(target, _SecB) and (target.level > 0 or target.start > 0):
                    target.body.append(item.rationale)
                else:
                    doc.stats.skipped.append(f"line {item.rationale.span.line}: a rationale outside any section or rule")
                    doc.stats.left_out.append((item.rationale.span.offset, item.rationale.span.end_offset))
            elif isinstance(item, Kept):
                for node in item.items:
                    if isinstance(node, Example):
                        target = last[0] if isinstance(last[0], _RuleB) else (owner if in_rule else None)
                        if isinstance(target, _RuleB):
                            target.body.append(node)
                        else:
                            doc.stats.orphan_examples += 1
                            doc.stats.left_out.append((node.span.offset, node.span.end_offset))
                    elif isinstance(node, _RuleB):
                        if in_rule:
                            node.kind = "subrule"
                        (owner.body if in_rule else ctx.body).append(node)
                    elif isinstance(node, Term) and not in_rule:
                        ctx.body.append(node)

    def rule(self, st: Statement, parent: _RuleB | None, slug: str | None, ctx) -> _RuleB:
        """The rule (or subrule, under `parent`) a statement is, with its children."""
        top = self._one(st, parent, slug, ctx)
        work = [(top, st)]
        while work:
            rule, statement = work.pop()
            for child in statement.children:
                sub = self._one(child, rule, slug, ctx)
                rule.body.append(sub)
                rule.end = max(rule.end, sub.end)
                work.append((sub, child))
        return top

    def _one(self, st: Statement, parent: _RuleB | None, slug: str | None, ctx) -> _RuleB:
        doc = self.doc
        kind = "subrule" if parent is not None else "rule"
        rule = doc.new_rule(kind, st.start, max(st.end, st.text.end), origin=st.origin)
        rule.auto_id = False
        rule.text = st.text.prose(doc.src)
        if st.origin == "lead-in" and parent is None and slug:
            rule.id = doc.unique(slug)  # "The tutor should never:" under "Homework": `homework`
        else:
            rule.id = _statement_id(doc, st.text.text, parent.id if parent is not None else slug)
        doc.rule_ids.add(rule.id)
        if st.marker is not None:
            rule.id_span = doc.span(*st.marker)
        else:
            doc.point_id(rule, st.text, st.start)
        if parent is None and isinstance(ctx, _SecB) and ctx.hard and st.modality is not Modality.PERMISSION:
            rule.attributes = [Attribute.make(span=rule.id_span, key="hard")]
        rule.body.extend(st.reasons)
        if st.node is not None:
            links(doc, st.node, rule, within=(st.text.start, st.text.end))
            self.first_of.setdefault(id(st.node), (st.node, rule))
        return rule


def _carried(ctx) -> Modality | None:
    """The modality a part's heading gives its lists ("Do:", "Don't", "Never")."""
    if isinstance(ctx, _SecB):
        if ctx.rule is not None:
            return _carried(ctx.rule)
        return (title_modality(ctx.title) if ctx.title else None) or ctx.handed
    if isinstance(ctx, _RuleB) and ctx.origin == "heading" and ctx.text is not None:
        return heading_modality(ctx.text.text)
    return None


#: A subsection title that turns away from the force its parent hands down: "Examples of allowed
#: content" under "Prohibited content", "Exceptions".
_TURNS = precompiled.compile(r"\b(?:allow|allowed|permitted|permissible|acceptable|exceptions?|examples?|okay|ok|fine|fair)\b", re.I)


def _extend(ctx, end: int) -> None:
    if end > ctx.end:
        ctx.end = end


def _title_prose(doc: Doc, span):
    from .source import _Text

    return _Text([(span.offset, span.end_offset)], [], doc.text).prose(doc.src)


#: A contraction's ending, dropped from an id's words ("don't" -> "don").
_CONTRACTION = re.compile(r"'(?:s|ve|re|ll|d|t|m)$")


@text_cache(1 * MB, per_char=0, base=256)
def _words_slug(text: str) -> str:
    """The first content words of a statement, as an id part ("never-send-refund-card")."""
    cut = label_end(text)
    if cut and text[cut:cut + 1].islower():
        cut = 0  # "**Never share keys** with anyone": the bold words are the sentence's own, not a label
    s = (plain(text[cut:]) or plain(text)).lower().replace("’", "'")
    stop = stopwords()
    picked: list[str] = []
    first: list[str] = []
    for m in WORD_RE.finditer(s):
        w = m.group()
        if "'" in w:
            w = _CONTRACTION.sub("", w)
        if len(first) < ID_WORDS:
            first.append(w)
        if w not in stop and not w.isdigit():
            picked.append(w)
            if len(picked) == ID_WORDS:
                break
    value = "-".join(picked or first)
    if not value.isascii():
        value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return _id_slug(value) if value else "rule"


def _statement_id(doc: Doc, text: str, prefix: str | None) -> str:
    """`prefix.words`, told apart from a taken id by a hash of the whole text, then by a number."""
    base = f"{prefix}.{_words_slug(text)}" if prefix else _words_slug(text)
    if base not in doc.used_ids and base not in doc.explicit_ids:
        doc.used_ids[base] = 1
        return base
    digest = hashlib.blake2b(" ".join(text.split()).encode("utf-8", "replace"), digest_size=2).hexdigest()
    return doc.unique(f"{base}-{digest}")


def _rebase(doc: Doc, rule: _RuleB, prefix: str) -> None:
    """A rule's id under a new parent: the parent's id, a dot, its own words (and so for its subrules)."""
    old = rule.id
    stack = [rule]
    while stack:
        r = stack.pop()
        stack.extend(c for c in r.body if isinstance(c, _RuleB))
        doc.used_ids.pop(r.id, None)
        doc.rule_ids.discard(r.id)
        tail = r.id[len(old):] if r.id.startswith(old) else "." + r.id.rsplit(".", 1)[-1]
        new = prefix + "." + old.rsplit(".", 1)[-1] + tail
        r.id = doc.unique(new)
        doc.rule_ids.add(r.id)
