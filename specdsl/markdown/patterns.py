"""What the reader recognises in text, independent of the document.

The module-level regular expressions (attribute blocks, example heads, terms,
section titles, reasons, template lines, alerts, directives, transcript tags),
the table headers that name columns, anchors and ids made from titles
(`slug`, `_id_slug`), attribute blocks (`_parse_attrs`), id mentions in
tables, and the sentence test that uses speclint's language analysis: whether
a paragraph gives a reason rather than instructs.
"""

from __future__ import annotations

import re

from ..core.memo import MB, text_cache
from ..core import precompiled

_ATTR_BLOCK = precompiled.compile(r"[ \t]*\{([^{}\n]*)\}[ \t]*$")
_ATTR_TOKEN = precompiled.compile(r"""([#.])([^\s"'=#.{}][^\s"'={}]*)|([A-Za-z_][\w.:-]*)(?:=("[^"]*"|'[^']*'|[^\s"'{}]*))?""")
_RULE_KEYS = frozenset({"authority", "level", "priority", "hard", "rule"})
_EXAMPLE = precompiled.compile(r"^(?:\*{1,2}|_{1,2})Examples?(?:[ \t]+\d+)?(?:(?:\*{1,2}|_{1,2})[ \t]*:|:[ \t]*(?:\*{1,2}|_{1,2}))[ \t]*")
_TERM = precompiled.compile(r"^(\*\*|__)(?P<name>[^*_\n](?:[^\n]*?[^*_\s])?)(?P<c1>[ \t]*:)?\1(?P<c2>[ \t]*:)?[ \t]*")
_DEFINITIONS_TITLE = precompiled.compile(r"^\W*(definitions?|glossary|terms|terminology|key terms|vocabulary)\b", re.I)
_RATIONALE_TITLE = precompiled.compile(r"^\W*(rationale|why|reasons?|commentary|background|motivation)\b", re.I)
_EXAMPLES_TITLE = precompiled.compile(r"^\W*examples?\b", re.I)
_HARD_TITLE = precompiled.compile(r"\bhard[- ](?:constraints?|rules?|limits?|lines?)\b|\bbright[- ]lines?\b|\bnon-?negotiable", re.I)
_REASON = precompiled.compile(
    r"(?<![\w'’-])(?:because|the reason (?:is|being|for this|we)|(?:this|that|which) is why|(?:that|which)['’]s why|"
    r"so that|in order to|the rationale|the purpose of this|for the sake of)(?![\w'’-])",
    re.I,
)
_REASON_OPENER = precompiled.compile(
    r"^\W*(?:because|this is (?:because|why|so|important)|that is (?:because|why)|that['’]s (?:because|why)|"
    r"the (?:reason|rationale|purpose)|we (?:do|ask|require) this|this (?:helps|ensures|protects|prevents|matters)|"
    r"(?:this|that|doing so) (?:will|would|can|should) (?:help|ensure|save|keep|make sure|let|prevent|protect|avoid|"
    r"reduce|spare|stop|promote|foster|improve|encourage|support))\b",
    re.I,
)
_TEMPLATE_LINE = precompiled.compile(r"^\s*(?:\{%.*%\}|\{\{.*\}\}|\{#.*#\}|:::.*|\[\[_?TOC_?\]\]|\[TOC\]|<%.*%>)\s*$", re.I)
_ALERT = precompiled.compile(r"^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION|INFO|RATIONALE|WHY)\][ \t]*", re.I)
_DIRECTIVE = precompiled.compile(
    r"<!--[ \t]*speclint[ \t]*:[ \t]*(ignore-file|ignore)[ \t]*\[([^\]\n]*)\][ \t]*(?:reason[ \t]*:[ \t]*(.*?))?[ \t]*-->",
    re.S,
)
_HTML_ANCHOR = precompiled.compile(r"""\b(?:id|name)\s*=\s*["']([^"']+)["']""")
_OPEN_TAG = precompiled.compile(r"^[ \t]*<([A-Za-z][\w.-]*)((?:[ \t][^<>\n]*)?)>", re.M)
_VERDICT = precompiled.compile(r"[ \t]*<!--(.*?)-->", re.S)
_VERDICT_WORD = precompiled.compile(r"^\s*(GOOD|BAD|OK)\b(?:\[([^\]]*)\])?", re.I)
_ID_MENTION_CACHE: dict[tuple[str, ...], re.Pattern] = {}
_CLOSE_TAGS: dict[str, re.Pattern] = {}
_SLUG_DROP = precompiled.compile(r"[^\w\- ]", re.U)
_ID_HEADERS = frozenset({"id", "rule id", "rule", "#", "no.", "code", "principle id", "rule-id", "ref"})
_TEXT_HEADERS = ("principle", "rule text", "rule", "text", "statement", "description", "guideline",
                 "requirement", "policy", "behavior", "behaviour", "instruction", "constraint")
_RATIONALE_HEADERS = frozenset({"rationale", "why", "reason", "reasons", "explanation", "justification"})
_LEVEL_HEADERS = frozenset({"level", "authority", "authority level"})


def slug(title: str) -> str:
    """A heading's anchor as GitHub makes it: lowercase, punctuation dropped, spaces to hyphens."""
    return _SLUG_DROP.sub("", title.strip().lower()).replace(" ", "-")


_NOT_ID = precompiled.compile(r"[^a-z0-9_-]+")
_HYPHENS = precompiled.compile(r"-{2,}")


def _id_slug(title: str) -> str:
    """An id made from a title, valid in `.mspec` (ASCII letters, digits, `-` and `_`)."""
    if not title.isascii():
        import unicodedata

        title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    value = _NOT_ID.sub("-", title.lower()).strip("-_")
    if "--" in value:
        value = _HYPHENS.sub("-", value)
    if not value:
        return "rule"
    if not (value[0].isalpha() or value[0] == "_"):
        value = "rule-" + value
    return value


#: A CommonMark backslash escape (a backslash before ASCII punctuation), or a run of emphasis or code marks.
_ESCAPE_OR_MARKS = precompiled.compile(r"\\([!-/:-@\[-`{-~])|[*_`]+")


def _plain(markup: str) -> str:
    """Inline Markdown without emphasis and code marks (for titles, cell and term
    names); an escaped character is kept, other backslashes too (`C:\\Users`)."""
    return _ESCAPE_OR_MARKS.sub(lambda m: m.group(1) or "", markup).strip()


def _parse_attrs(block: str) -> dict:
    """`#id .class key=value` → id, classes, (key, value, raw) items, and whether it makes a rule."""
    rid = None
    classes: list[str] = []
    items: list[tuple[str, str | None, str]] = []
    for m in _ATTR_TOKEN.finditer(block):
        if m.group(1) == "#":
            rid = rid or m.group(2)
        elif m.group(1) == ".":
            classes.append(m.group(2))
        elif m.group(3):
            items.append((m.group(3), m.group(4), m.group(0)))
    keys = {k.lower() for k, _, _ in items} | {c.lower() for c in classes}
    return {"id": rid, "classes": classes, "items": items, "rule": bool(keys & _RULE_KEYS)}


def _mention_pattern(prefixes: tuple[str, ...]) -> re.Pattern:
    cached = _ID_MENTION_CACHE.get(prefixes)
    if cached is None:
        alt = "|".join(re.escape(p) for p in prefixes)
        cached = re.compile(
            rf"(?<![\w.-])({alt})(\d+)(?:\s*(?:–|—|-|to|through)\s*({alt})?(\d+))?(?![\w])"
        )
        _ID_MENTION_CACHE[prefixes] = cached
    return cached


@text_cache(1 * MB, per_char=0, base=128)
def _normative(text: str) -> bool:
    from ..language import analyze

    return analyze(text).normative


def _explains(text: str) -> bool:
    """Whether a sentence that gives no instruction gives a reason: a reason marker or
    opener, or a purpose or consequence clause (`language.reasons.reason_in`)."""
    from ..language.reasons import explains

    return bool(_REASON.search(text) or _REASON_OPENER.match(text)) or explains(text)


def _gives_reason(text: str) -> bool:
    """A paragraph that explains rather than instructs: a reason opener, or a
    reason marker in a paragraph with no instruction in it. (Only markers: a whole
    paragraph's purpose clause may sit beside instructions the sentence reader finds.)"""
    if _REASON_OPENER.match(text):
        return True
    if _REASON.search(text) is None:
        return False
    return not _normative(text)


#: A paragraph or a list item labelled as the reason of what comes before it: "**Rationale:** …",
#: "Why: …", "- Rationale: consistent error handling".
_RATIONALE_LABEL = precompiled.compile(
    r"^\W*(?:\*\*|__)?(?:rationale|reason|reasons|reasoning|why|justification|motivation)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*",
    re.I,
)
