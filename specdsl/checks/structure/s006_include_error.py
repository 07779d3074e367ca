"""S006 include-error."""

from __future__ import annotations

from typing import Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...model.model import SpecModel
from ..base import check


@check("S006", "include-error", Severity.ERROR)
def include_error(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        An `include` of a file that does not exist or cannot be read, of a
        file outside the workspace, of a file that includes the including
        file again (a cycle), or of a file with syntax errors.

    Why it matters:
        The rules of an included file join the spec: its references,
        precedence and conflicts are checked together with the includer's.
        A broken include silently drops those rules from every check.

    Example:
        include "../../etc/policy.mspec"

    Fix:
        Point the include at an existing `.mspec` or Markdown file inside the
        workspace, and break cycles by moving shared rules into a third file
        that both include.
    """
    yield from model.include_diagnostics
