"""What was read as a rule, as text: `speclint rules FILE` and `speclint check --show-rules`.

One block per file: a line naming the file and how many rules were read,
then one line per rule, subrules indented under their rule:

    AGENTS.md: 6 rules read
       5  sentence   code-style.run-tests  You must run the tests before committing, because…
      10  lead-in    code-style  Prefer small commits:
      11  list item    code-style.topic  one topic each

the line of the rule, its origin (heading, list item, lead-in, sentence, tag,
table row; `mspec` for a rule of a `.mspec` file: see `tools.readout`), its
id, and its first words, cut to the terminal's width (to 70 characters when
the output is not a terminal). Everything taken from the file goes through
`escape()`: a control character in a rule shows as `\\x1b`, not as what it does.

A file from which no rule was read says so, and how to write a rule that
will be (`no_rules`): the same words as the note of `speclint check`.

With `--unread`, the other passages follow (`write_unread`), each with why it
is no rule:

    not read as rules:
      12  a question  Is the build green?
      14  code: never read as rules  ```sh

and a file read by its markup says that only its marked headings are rules.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, TextIO

from . import escape

if TYPE_CHECKING:
    from ...tools.readout import Entry

#: How much of a rule's text is shown when the output is not a terminal.
TEXT_WIDTH = 70
#: Fewest characters of text shown on a narrow terminal.
MIN_TEXT = 20


def no_rules(path: str, *, see: bool = True) -> str:
    """Why `path` gave no rule, and what to do about it, in the file's own terms:
    a `.mspec` file has no `rule` line; from a Markdown or prompt file the reader
    found no statement that obliges or forbids. With `see`, points at `speclint rules --unread`."""
    from ...model.frontends import detect

    from ...prompts.kinds import not_a_spec

    shown = escape(path)
    kind = detect(path)
    if kind == "mspec" and not path.lower().endswith(".mspec"):
        kind = detect(path, text=_head(path))  # a name that says nothing: read as its text opens (`detect`)
    if kind == "mspec":
        return f"{shown}: the file has no rules (a rule is a line `rule ID: text`)"
    if not_a_spec(path):
        # a README, a CHANGELOG, a licence: its prose speaks to people, so only its markup is read
        glob = escape(PurePath(path).name)
        return (
            f"{shown}: no rules read; a file named so (a README, a changelog, a licence) is read by its rule markup only, "
            f"since its prose speaks to people; to read it as prose, add `per-path-reading: {{\"{glob}\": prose}}` to the configuration"
        )
    how = 'write each rule as a statement that obliges or forbids ("must", "never", "always")'
    if kind == "markdown":
        how += ", or mark a heading with {#id}"
    return f"{shown}: no rules read; {how}" + (f" (`speclint rules --unread {shown}` says why each passage is none)" if see else "")


#: How much of a file `no_rules` reads to tell what it is.
_HEAD = 64 * 1024


def _head(path: str) -> str | None:
    """The first characters of the file at `path`, or None when it cannot be read."""
    try:
        with open(path, "rb") as f:
            return f.read(_HEAD).decode("utf-8", "replace")
    except (OSError, ValueError):
        return None


def _cut(text: str, room: int) -> str:
    """`text` (escaped) in at most `room` characters, an ellipsis marking a cut."""
    if len(text) <= room:
        return text
    return text[: max(0, room - 1)].rstrip() + "…"


def write_listing(out: TextIO, path: str, found: list[Entry], *, width: int | None = None) -> None:
    """The block of one file (see the module's docstring); `width` is the terminal's, or None."""
    from ...tools.readout import count, one_line

    total = count(found)
    if not total:
        out.write(no_rules(path, see=False) + "\n")
        return
    out.write(f"{escape(path)}: {total} rule{'s' if total != 1 else ''} read\n")
    rows = [entry for top in found for entry in top.walk()]
    digits = len(str(max(entry.rule.span.line for entry in rows)))
    origin_width = max(len(entry.origin) for entry in rows)
    for entry in rows:
        head = f"  {entry.rule.span.line:>{digits}}  {escape(entry.origin):<{origin_width}}  {'  ' * entry.depth}{escape(entry.rule.id)}"
        text = escape(one_line(entry.text))
        if not text:
            out.write(head + "\n")
            continue
        room = max(MIN_TEXT, width - len(head) - 2 - 1) if width else TEXT_WIDTH
        out.write(f"{head}  {_cut(text, room)}\n")


#: What a file read by its markup says under `--unread`.
MARKUP_NOTE = (
    "only the headings marked with {#id …} are rules in this file (it marks its rules), "
    "its other text is not read; `reading: prose` in the configuration reads its statements too"
)


def write_unread(out: TextIO, reading: str | None, found: list, *, width: int | None = None) -> None:
    """The passages of one file not read as rules (`tools.readout.unread`), under the file's
    listing: line, why, first words; a file read by its markup says so instead."""
    from ...tools.readout import one_line

    if reading is None:
        return  # a `.mspec` file: its rules are its `rule` lines
    if reading == "markup":
        out.write(f"  {MARKUP_NOTE}\n")
        return
    if not found:
        out.write("  every passage was read (as a rule, a reason or an example)\n")
        return
    out.write("  not read as rules:\n")
    digits = len(str(max(u.span.line for u in found)))
    for u in found:
        head = f"  {u.span.line:>{digits}}  {escape(u.reason)}"
        text = escape(one_line(u.text))
        room = max(MIN_TEXT, width - len(head) - 2 - 1) if width else TEXT_WIDTH
        out.write(f"{head}  {_cut(text, room)}\n")
