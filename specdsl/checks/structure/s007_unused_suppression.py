"""S007 unused-suppression."""

from ...core.diagnostics import Severity
from ..base import check, nothing


@check("S007", "unused-suppression", Severity.WARNING, tier="linter")
def unused_suppression(model, options):
    """What it finds:
        A `# speclint: ignore[…]` or `ignore-file[…]` comment, or one code in
        it, that suppresses nothing: the finding it was written for is gone,
        or the code does not exist.

    Why it matters:
        A stale suppression hides the next real finding of that code at that
        place, and it tells readers that a problem exists where there is none.

    Example:
        # speclint: ignore[R001] reason: explained in the handbook
        rule P1: Cite sources.
          rationale: Readers check claims against sources.

    Fix:
        Remove the comment, or the codes in it that no longer apply
        (`speclint fix` does it).
    """
    return nothing(model, options)
