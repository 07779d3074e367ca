"""The word lists: reading `lexicons/NAME.txt` (one entry a line, `#` comments).

Below both `text` (its stop words are a list) and `lexicon` (which turns a
list into a phrase matcher), so that neither imports the other back.
"""

from __future__ import annotations

from functools import lru_cache


def _read(name: str) -> str:
    from ..core.sources import package_text

    return package_text(__package__, "lexicons", f"{name}.txt")


@lru_cache(maxsize=None)
def entries(name: str) -> tuple[str, ...]:
    """The entries of a lexicon file, in file order."""
    out = []
    for line in _read(name).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


def header(name: str) -> str:
    """The header comment of a lexicon file (where the list comes from)."""
    lines = []
    for line in _read(name).splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].strip())
    return "\n".join(lines)
