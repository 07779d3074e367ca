"""The Markdown front end (see issue 5): Markdown specs into the same AST.

Until it lands, a Markdown file reads as a spec with no rules, so that
`speclint check` over a folder with READMEs in it reports nothing for them.
"""

from __future__ import annotations

from .ast import Spec
from .diagnostics import make_span


def parse_markdown(text: str, path: str | None = None) -> Spec:
    end_line = text.count("\n") + 1
    end_column = len(text) - (text.rfind("\n") + 1) + 1
    return Spec.make(span=make_span(1, 1, 0, end_line, end_column, len(text)), source_format="markdown")
