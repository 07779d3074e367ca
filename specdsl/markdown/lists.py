"""Lists: lead-ins, and the statements of their items.

A paragraph whose last sentence ends in ":" (or says "the following", "here
are" …), or a line that is only a modality ("Should not", "Can") before a
list is a lead-in (`lead_in`): when it is normative its
items are statements whatever they say, carrying its modality ("You must
never:"); a lead-in that only refers back ("This includes:", "These
include:") carries the modality of the statement before it in its
paragraph ("We do not tolerate harassment. This includes:"); otherwise only
the normative items are statements.

An item is read as a paragraph is, sentence by sentence (`list_items`): its
first normative sentence is the item's statement (under a lead-in, the first
carries the lead-in's force whatever it says, unless it only gives the reason
for the next: "Calling it is slow! Make sure you need it."), and each further
normative sentence is a statement of its own, under the first; a sentence that
explains is the reason of the statement before it, one that only describes
stays in its words, and a quotation of several sentences (an example reply)
is never cut. A bold label that is itself an
instruction (`**Respect each other.** Be civil. Don't harass anyone.`,
`**Communicate with empathy** - …`) is the item's statement, and the
sentences after it its children. A reason right after a statement is its
rationale. Nested lists and blocks are the children of the item's
statement; an item that is not normative itself, with normative items
under it, gives them in its place.
"""

from __future__ import annotations

import re

from ..syntax.ast import Rationale
from ..language import Modality
from ..language.reasons import reason_in
from ..language.text import sentences
from .doc import Doc
from .found import Listed, Reading, Reason, Statement, flatten
from .normative import heading_modality, lead_in_modality, modality
from .patterns import _RATIONALE_LABEL, _explains
from .pieces import ignorable
from .rows import led_rows
from .source import _Text
from .tokens import _Node
from .units import _ANNOUNCES, _EXTENDS, _PRONOUN, announcing, introduces, join_units, line_units, paragraph, run_in_bullets, run_in_items, units
from ..core import precompiled

LISTS = ("bullet_list", "ordered_list")
#: A bold label at the start of an item, then a dash or the label's own full stop:
#: `**Respect each other.** …`, `**Be clear and stay on topic** - …`.
_ITEM_LABEL = precompiled.compile(r"^(\*\*|__)(?P<label>[^*_\n]{2,120}?)\1(?P<sep>[ \t]*[-–—:][ \t]+|[ \t]+(?=\S))")
#: A lead-in that only refers back to the sentence before it: "This includes:", "These include:".
_REFERS_BACK = precompiled.compile(
    r"^\W*(?:this|these|that|which|such \w+|examples?(?: of \w+(?: \w+)?)?|it)\s+(?:(?:also|may|can|might|will)\s+)?"
    r"(?:includes?|including|means?|covers?|consists? of|are|is|involves?|"
    r"(?:be\s+)?(?:achieved|done|accomplished|met|fulfilled|carried\s+out|put\s+into\s+practice)\s+(?:\w+\s+){0,2}?by)\b[^.:]{0,160}:\s*$",
    re.I,
)
#: A lead-in that asks for a rating on a scale whose levels its list describes: "Score 1 to 5
#: based on …:", "Rate each answer as follows:", "Classify the message into one of:".
_SCALE = precompiled.compile(r"^\W*(?:please\s+)?(?:score|rate|grade|classify|categori[sz]e|assign\s+(?:a\s+|the\s+|one\s+|each\s+)?(?:numeric\s+)?(?:score|rating|grade|label|category|identifier|level))\b", re.I)
#: A lead-in whose list names the exceptions to its statement: "All AI usage requires
#: disclosure, except in these cases:", "… with the following exceptions:": what its items name
#: is allowed without it.
_EXCEPTIONS = precompiled.compile(
    r"(?:\bexcept(?:\s+(?:in|for|when))?|\bwith\s+the\s+(?:following\s+)?exceptions?\s+of|\bunless)\s+"
    r"(?:(?:in\s+)?(?:these|the\s+following|the\s+cases\s+below|any\s+of\s+the\s+following)(?:\s+(?:cases|situations|circumstances|uses))?)\s*:\s*$"
    r"|\bwith\s+the\s+following\s+exceptions\s*:\s*$",
    re.I,
)

#: A lead-in whose list completes a qualifier of its statement, not a list of acts: "…, whether
#: they are:", "regardless of:", "no matter their:".
_QUALIFIES = precompiled.compile(
    r"\b(?:whether\s+(?:they|you|it|he|she|we|those|these)\s+(?:are|is|be|have|were)|regardless\s+of|irrespective\s+of|no\s+matter)"
    r"\b[^.:]{0,40}:\s*$"
    # the conditions of the statement: "Set it to true only if all of these conditions are met:"
    r"|\b(?:(?:only\s+)?if|when|unless|where)\s+(?:all|any|one|each|none|either|both|at\s+least\s+one)\s+of\s+"
    r"(?:these|those|the\s+following)\s+(?:conditions?|criteria|requirements?|cases?|situations?|signs?|signals?|checks?)\s+"
    r"(?:are|is|apply|applies|exist|exists|hold|holds|occur|occurs|appear|appears)(?:\s+(?:met|true|present|satisfied|fulfilled))?\s*:\s*$",
    re.I,
)
#: A lead-in that only announces examples: "For example:", "E.g.:", "Examples for \"yes\":".
_EXAMPLES_LEAD = precompiled.compile(
    r"^[\s*_]*(?:for\s+(?:example|instance)|e\.\s?g\.|examples?(?:\s+(?:of|for)\b[^:\n]{0,40})?)[\s*_]*:[\s*_]*$", re.I
)
#: A lead-in that only labels its items as notes or tips: "Notes:", "**Note:**", "Efficiency tips:".
_NOTES_LEAD = precompiled.compile(
    r"^[\s*_]*(?:(?:please\s+)?notes?|n\.\s?b\.?|(?:[\w-]+\s+)?(?:tips?|hints?)|reminders?|remarks?)[\s*_]*:[\s*_]*$", re.I
)
#: "… in all activities, including but not limited to:": the items are examples of a noun of the
#: statement (where it forbids, they are what it forbids, each a statement).
_INCLUDING = precompiled.compile(r",\s*including(?:,?\s+(?:but\s+not\s+limited\s+to|without\s+limitation))?,?\s*:\s*$", re.I)


def is_label_lead(text: str) -> bool:
    """Whether a lead-in's words only label its items as notes, tips or examples ("Notes:",
    "**Efficiency tips:**", "For example:", "Examples of autonomous decisions:"): it groups them
    and says nothing to justify or to weigh."""
    return bool(_EXAMPLES_LEAD.match(text) or _NOTES_LEAD.match(text))


def _announces_itself(text: str) -> bool:
    """A last sentence that is itself the lead-in: it ends in ":" or says "the following"."""
    return text.rstrip().rstrip("*_").rstrip().endswith(":") or _ANNOUNCES.search(text) is not None


def lead_in(reading: Reading, node: _Node, text: _Text, lst: _Node, out: list) -> None:
    """A paragraph introducing a list or a table: its own statements, then the list's items
    (the table's rows, `rows.led_rows`) under its last unit."""
    doc = reading.doc
    pieces = units(reading, text)
    if not pieces:
        return
    at = announcing([p.text for p in pieces])
    if at is not None and not _announces_itself(pieces[-1].text):
        # "… any of the following prohibited activities. Descriptions are illustrative, not
        # exhaustive.": the sentence that announces the list leads it, the remarks after it
        # are its words
        head, last = pieces[:at], pieces[at]
        words = join_units(pieces[at:], doc)
    else:
        head, last = pieces[:-1], pieces[-1]
        words = last
    before: list = paragraph(reading, node, join_units(head, doc)) if head else []
    out.extend(before)
    if _QUALIFIES.search(last.text) or (_INCLUDING.search(last.text) and modality(last.text) is not Modality.PROHIBITION):
        # "Include everyone, whether they are:" - the items qualify the one statement, they
        # are not statements of their own
        doc.left_out(lst)
        own = modality(last.text)
        if own is not None:
            out.append(Statement("sentence", last, own, last.start, last.end, node))
        return
    carried = lead_in_modality(last.text) or heading_modality(last.text)  # "You must never:", "Should not"
    if carried is not None and _SCALE.match(last.text):
        carried = None  # "Score 1 to 5 on helpfulness:": its items are the scale's levels, each read by its own words
    if _EXCEPTIONS.search(last.text):
        carried = Modality.PERMISSION  # "X requires Y, except in these cases:": the items need no Y
    if carried is None and _REFERS_BACK.match(last.text):
        carried = next((x.modality for x in reversed(before) if isinstance(x, Statement)), None)
        if carried is None and not head and out and isinstance(out[-1], Statement) and out[-1].origin == "sentence":
            carried = out[-1].modality  # "X will not be tolerated." then a paragraph "This includes:"
    if lst.type == "table":
        doc.stats.tables += 1
        found, led = led_rows(reading, lst, carried)
        doc.left_out(lst)  # the other cells of a row are kept nowhere else
        if not led:
            # no row took its force ("Below are prompts you can use:" over a table of prompts):
            # the sentence is read as any other, the rows as a table's
            out.extend(paragraph(reading, node, last))
            if found:
                if reason_in(last.text):
                    # "Below are components you can include to mitigate harms in your system.":
                    # what the sentence says the table is for is the reason of its rows
                    rationale = last.rationale(doc.src)
                    for st in found:
                        st.reasons.append(rationale)
                out.append(Listed(found, lst))
            return
    else:
        found = list_items(reading, lst, carried)
    if not found:
        doc.left_out(lst)
        own = modality(last.text)
        if own is not None:
            out.append(Statement("sentence", last, own, last.start, last.end, node))
        return
    _, b = doc.node_range(lst)
    lead = Statement("lead-in", words, carried or modality(last.text), last.start, b, node)
    lead.children = found
    # "AI tools can invent package names. Always verify:": what opens the lead-in's paragraph
    # without instructing is the premise of its list (as "Results can be stale. Cite their date.")
    k = len(before)
    while k and isinstance(before[k - 1], Reason) and not before[k - 1].opens:
        k -= 1
    for reason in before[k:]:
        lead.reasons.append(reason.rationale)
        reason.opens.append(lead)
    out.append(lead)


def labelled_rationale(doc: Doc, text: _Text) -> tuple[Rationale, _Text] | None:
    """A text labelled as the reason of what stands before it ("**Rationale:** …", "Why: …",
    "- Rationale: …"): the rationale its words after the label make, and those words; None
    when it has no such label or no words after it."""
    labelled = _RATIONALE_LABEL.match(text.text)
    if labelled is None:
        return None
    rest = text.cut(labelled.end(), len(text.text), doc.text)
    if not rest:
        return None
    return rest.rationale(doc.src), rest


def list_items(reading: Reading, lst: _Node, carried: Modality | None) -> list[Statement]:
    """The statements of a list's items (see the module docstring); `carried`: a lead-in's modality."""
    doc = reading.doc
    out: list[Statement] = []
    explained = 0  # the items before this one are explained by a "Rationale:" item
    for item in lst.children:
        if item.type != "list_item":
            continue
        kids = item.children
        if reading.quoted(item):
            doc.left_out(item)
            continue
        if not kids or kids[0].type not in ("paragraph", "heading"):
            for inner in reading.blocks(reading, kids):
                out.extend(flatten(inner))
            continue
        text = doc.inline_text(kids[0])
        if not text or ignorable(doc, kids[0], text):
            continue
        if carried is not None and len(kids) == 1 and _only_a_link(text.text):
            doc.left_out(item)  # "- Mozilla's [Moderation Guidelines](…)" under "… learn from them:": a reference
            continue
        labelled = labelled_rationale(doc, text) if len(kids) == 1 and out[explained:] else None
        if labelled is not None:
            # "- Rationale: consistent error handling": the reason of the items before it (back to
            # the last such item), whatever words it gives it in
            rationale, _ = labelled
            for st in out[explained:]:
                st.reasons.append(rationale)
            explained = len(out)
            continue
        made = _item(reading, lst, item, text, carried)
        if (not made and out and len(kids) == 1 and _POINTS_BACK.match(text.text) and _explains(text.text)
                and modality(text.text) is None):
            # "- This ensures the user understands dangerous operations": an item that only
            # explains is the reason of the item before it
            out[-1].reasons.append(text.rationale(doc.src))
            continue
        out.extend(made)
    return out


_LINK = precompiled.compile(
    r"!?\[([^\]\n]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|<https?://[^>\s]+>|https?://\S+"
    # a path to another document ("Documentation/process/coding-style.rst"): two slashes, or one and a file suffix
    r"|(?<!\S)`?(?:(?:[\w.~-]+/){2,}[\w.~-]+|[\w.~-]+/[\w~-]+\.[A-Za-z]\w{0,4})`?(?!\S)"
)


#: An item that points back at the one before it: "This ensures …", "Doing so keeps …".
_POINTS_BACK = precompiled.compile(r"^\W*(?:this|that|these|those|doing\s+so|it|such\s+\w+)\b", re.I)


def _only_a_link(text: str) -> bool:
    """An item that is a link (or a path to another document) and at most a few words naming
    whose it is ("Mozilla's [Forum Guidelines](…)", "[5 tips for moderators](…) (blog)",
    "docs/process/coding-style.rst"): a reference, not an act (unless the link's own words
    instruct)."""
    links = list(_LINK.finditer(text))
    if not links or any(m.group(1) and modality(m.group(1)) is not None for m in links):
        return False  # "[Engage or assist in an attack](…)": the link's words instruct
    rest = _LINK.sub(" ", text)
    return len(re.findall(r"[A-Za-z]{2,}", rest)) <= 3 and modality(rest) is None


def _item(reading: Reading, lst: _Node, item: _Node, text: _Text, carried: Modality | None) -> list[Statement]:
    doc = reading.doc
    kids = item.children
    a, b = doc.node_range(item)
    lines = line_units(reading, text) if len(text.segs) > 1 else [text]
    number = _item_number(lst, item)
    run_in = run_in_items(text.text, number + 1) if number else []
    if len(run_in) > 1:
        lines = [text.cut(x, y, doc.text) for x, y in run_in]
    elif len(lines) == 1 and (bullets := run_in_bullets(text.text)):
        lines = [text.cut(x, y, doc.text) for x, y in bullets]  # "- May revoke it. - Must track it."
    # (unit, starts a line: carries the force, is a label, a later sentence of a plain line,
    # the first of a plain line of several)
    pieces: list[tuple[_Text, bool, bool, bool, bool]] = []
    statements_ = 0  # the item's units, a plain line counted as one (its force goes to a nested lead-in)
    for line in lines:
        units_, plain = _units(reading, line)
        statements_ += 1 if plain else len(units_)
        # a titled paragraph under a lead-in ("**Impersonation** - You may not …"): the force
        # goes to its first sentence only when no sentence of it instructs by itself; in a line of
        # sentences, the first takes it unless it gives the reason for the next ("Calling it is
        # slow! Make sure you need it.")
        titled = len(units_) > 1 and carried is not None and (
            any(modality(u.text) is not None for u, _ in units_) if not plain
            else _explains(units_[0][0].text) and any(modality(u.text) is not None for u, _ in units_[1:]))
        for k, (unit, label) in enumerate(units_):
            pieces.append((unit, k == 0 and not titled, label, plain and k > 0, plain and k == 0 and len(units_) > 1))
    head: Statement | None = None
    labelled = False
    siblings: list[Statement] = []
    last: Statement | None = None
    fronted: list[Rationale] = []  # reasons before the item's first statement ("X is slow! Use Y.")
    leading: list[_Text] = []  # what else comes before it ("**Users:** Those who … Treat them …")
    for unit, starts, label, later, opens in pieces:
        if not later:
            leading = []
        found = modality(unit.text, carried if starts else None)
        if found is None and later and last is not None:
            if last.modality is Modality.PROHIBITION and _EXTENDS.match(unit.text):
                found = last.modality  # "Never post X. This includes Y.": more of what it forbids
            elif _PRONOUN.match(unit.text):
                found = modality(_PRONOUN.sub("You ", unit.text, count=1))  # "It can also give ranges."
            if found is None:
                # a sentence of the line that does not instruct is the reason of the statement
                # before it when it explains ("Test it. Untested code is rejected."), else part
                # of its words ("Use X. This means Y.")
                if _explains(unit.text):
                    last.reasons.append(unit.rationale(doc.src))
                else:
                    last.text = join_units([last.text, unit], doc)
                continue
        if found is None:
            if _explains(unit.text):
                if last is not None:
                    last.reasons.append(unit.rationale(doc.src))
                elif len(pieces) > 1:
                    fronted.append(unit.rationale(doc.src))
            elif head is None and (opens or later):
                leading.append(unit)
            continue
        if head is None:
            if leading:
                unit = join_units([*leading, unit], doc)  # the item's words from its start
            head = last = Statement("list-item", unit, found, a, b, kids[0])
            head.reasons.extend(fronted)
            labelled = label
        else:
            last = Statement("list-item" if starts else "sentence", unit, found, unit.start, unit.end, kids[0])
            # a further sentence of the item's line ("The changes must be tested. You should also
            # test the feature by hand.") is a statement of its own, under the item's first one
            (head.children if labelled or later else siblings).append(last)
    rest = kids[1:]
    nested = rest[0] if rest and rest[0].type in LISTS else None
    intro = nested is not None and introduces(lines[-1].text)
    children: list[Statement] = []
    if nested is not None and intro and head is not None and _QUALIFIES.search(lines[-1].text):
        # "Set it to true only if all of these conditions are met:": the nested items are the
        # conditions of the item's statement, not statements of their own
        doc.left_out(nested)
        nested = None
        rest = rest[1:]
    if nested is not None:
        force = carried if statements_ == 1 else None
        inherit = lead_in_modality(lines[-1].text, force) if intro else None
        children = list_items(reading, nested, inherit or (carried if intro else None))
        rest = rest[1:]
    for inner in reading.blocks(reading, rest):
        children.extend(flatten(inner))
    if head is None:
        if not children:
            doc.left_out(item)
            return []
        if not intro and not carried:
            return children  # an item that is not a rule: its normative items stand in its place
        head = Statement("lead-in" if intro else "list-item", lines[0], None, a, b, kids[0])
    if siblings:
        head.end = head.text.end
    owner = last if intro and last is not None and last is not head and not labelled else head
    owner.children.extend(children)
    if owner is not head:
        owner.end = b
    head.marker = _marker(doc, lst, item, head.text)
    return [head, *siblings]


def _units(reading: Reading, line: _Text) -> tuple[list[tuple[_Text, bool]], bool]:
    """The units of one line of an item, whether each is a label that instructs on its own,
    and whether they are the plain sentences of the line.

    A line that opens with a bold label naming a topic (`**Threats of violence** - …`)
    is a titled paragraph: each of its sentences is a unit; so is a line under a bold
    sentence that instructs (`**Respect each other.** Be civil. …`), the label a unit of its
    own. A line under a bold label that is an instruction without a full stop ("**Be clear**
    - People use …") is one unit, the label's statement. Any other line is read sentence by
    sentence, as a paragraph is ("The comment should be brief. It should not …": two
    statements; a sentence that explains is the reason of the one before it)."""
    doc = reading.doc
    m = _ITEM_LABEL.match(line.text)
    if m is None:
        if _quotes_passage(line.text):
            return [(line, False)], True  # a quoted passage (an example reply): one unit, never cut in it
        return [(u, False) for u in _sentences(line, doc)], True
    label = m.group("label").strip()
    dash = m.group("sep").strip() in ("-", "–", "—")
    rest = line.cut(m.end(), len(line.text), doc.text)
    if not rest or not (dash or label[-1:] in ".!"):
        return [(u, False) for u in _sentences(line, doc)], True
    if modality(label) is None:
        return [(u, False) for u in _sentences(line, doc)], False
    if label[-1:] in ".!":  # "**Respect each other.** Be civil. …": a sentence as title, its rules under it
        head = line.cut(0, m.end("label") + len(m.group(1)), doc.text)
        return [(head, True), *((u, False) for u in _sentences(rest, doc))], False
    return [(line, False)], False


#: A sentence's end followed by more words: inside a quotation, the quotation holds two sentences.
_INNER_END = precompiled.compile(r"[.!?][\"')\]]*\s+\S")
#: A quotation in straight or curly double quotes.
_QUOTATION = precompiled.compile(r"“[^“”\n]*”|\"[^\"\n]*\"")


def _quotes_passage(text: str) -> bool:
    """Whether a line quotes more than one sentence (`"I can't help. Sorry!" -> no`): an example's
    words, not sentences of its own (`Say "hi". Then say "bye".` quotes none)."""
    return ('"' in text or "“" in text) and any(_INNER_END.search(m.group()) for m in _QUOTATION.finditer(text))


def _sentences(text: _Text, doc: Doc) -> list[_Text]:
    out = []
    for x, y in sentences(text.text):
        cut = text.cut(x, y, doc.text)
        if cut:
            out.append(cut)
    return out or [text]


def _item_number(lst: _Node, item: _Node) -> int:
    """The number of an ordered list's item (0 in a bullet list)."""
    if lst.type != "ordered_list":
        return 0
    info = getattr(item.tok, "info", "") or ""
    return int(info) if info.isdigit() else 0


def _marker(doc: Doc, lst: _Node, item: _Node, text: _Text) -> tuple[int, int] | None:
    """Where an item's list marker stands (its automatic id points at it)."""
    if not item.map or not item.tok.markup:
        return None
    ma, _ = doc.src.bounds(item.map[0])
    mk = item.tok.markup
    if lst.type == "ordered_list":
        m = re.compile(r"\d{1,9}" + re.escape(mk)).search(doc.text, ma, text.start)
        return (m.start(), m.end()) if m else None
    at = doc.text.find(mk, ma, text.start)
    return (at, at + len(mk)) if at >= 0 else None
