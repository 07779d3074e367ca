"""Output escaping: text from a repository made safe for a terminal, a CI log
or JSON. Every face that prints what a spec says (the reporters, `stats`,
`diff`) goes through `escape()` or `json_safe()`: a spec must not be able to
move the cursor, recolour the terminal, hide text behind bidirectional
overrides, or start a line that a CI runner takes as a command.
"""

from __future__ import annotations

#: Bidirectional formatting characters: they reorder the text around them on
#: screen, so a line can show one thing and say another ("Trojan Source").
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: What the Actions runner skips before it looks for `::` at the start of a line
#: (.NET's white space, which is Python's too, once controls are escaped), and a few invisible others.
_BLANKS = " \xa0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\ufeff"

_TEXT_ESCAPES: dict[int, str] | None = None
_JSON_ESCAPES: dict[int, str] | None = None


def _text_escapes() -> dict[int, str]:
    global _TEXT_ESCAPES
    if _TEXT_ESCAPES is None:
        table = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))}
        table.update({0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"})
        for ch in "\u2028\u2029" + BIDI:
            table[ord(ch)] = f"\\u{ord(ch):04x}"
        for c in range(0xD800, 0xE000):  # lone surrogates: an undecodable byte of a file name is shown as that byte
            table[c] = f"\\x{c - 0xDC00:02x}" if 0xDC80 <= c <= 0xDCFF else f"\\u{c:04x}"
        _TEXT_ESCAPES = table
    return _TEXT_ESCAPES


def escape(text: str) -> str:
    """`text` made safe for one line of terminal or CI-log output.

    Control characters (C0 with tab, line feed and carriage return, DEL, C1
    with NEL), the line and paragraph separators, bidirectional formatting
    characters and lone surrogates are shown as visible escapes (`\\n`,
    `\\x1b`, `\\u2028`). Two printable sequences that the GitHub Actions runner
    executes are broken too: `##[` anywhere in a line (the runner's older
    command syntax) becomes `#\\x23[`, and a leading `::` (after blanks)
    becomes `\\x3a:`. A backslash is left as it is, so that a Windows path
    stays readable (`\\n` in the output may be a backslash and an n).
    """
    if not text.isprintable() or "##[" in text:
        text = text.translate(_text_escapes())
        if "##[" in text:
            text = text.replace("##[", "#\\x23[")
    head = text.lstrip(_BLANKS)
    if head.startswith("::"):
        cut = len(text) - len(head)
        text = text[:cut] + "\\x3a" + text[cut + 1 :]
    return text


def _json_escapes() -> dict[int, str]:
    global _JSON_ESCAPES
    if _JSON_ESCAPES is None:
        codes = (0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, *map(ord, BIDI), *range(0xD800, 0xE000))
        _JSON_ESCAPES = {c: f"\\u{c:04x}" for c in codes}
    return _JSON_ESCAPES


def json_safe(text: str) -> str:
    """Serialized JSON with nothing in it that acts on a terminal or a CI log.

    `json` escapes C0 controls only; this also writes DEL, C1 controls, the
    line and paragraph separators, bidirectional formatting characters and
    lone surrogates as `\\uXXXX`, and `##[` as `#\\u0023[`. Outside its strings
    JSON is ASCII punctuation, so these can only be inside strings, where
    the escape reads back as the same text: the document is unchanged.
    """
    if not text.isascii() or "\x7f" in text:
        text = text.translate(_json_escapes())
    if "##[" in text:
        text = text.replace("##[", "#\\u0023[")
    return text
