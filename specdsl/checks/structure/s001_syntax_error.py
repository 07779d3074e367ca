"""S001 syntax-error."""

from ...core.diagnostics import Severity
from ..base import check, nothing


@check("S001", "syntax-error", Severity.ERROR, tier="parser")
def syntax_error(model, options):
    """What it finds:
        Text the `.mspec` grammar rejects: a statement with a typo in its
        keyword, a rule without an id, an attribute that does not exist, a
        line indented under a statement that takes no block, inconsistent
        indentation. The message says what was found and what was expected.

    Why it matters:
        A statement speclint cannot read is a rule nobody checks, and it may
        not mean what the author thinks. The parser recovers: only the broken
        statement (with the block under it) is skipped, and every other rule
        of the file is still checked.

    Example:
        rule R1 [hard, levle: root]: Never share credentials.

    Fix:
        Correct the statement as the message says, here `level: root`.
        `speclint rule S001` and the README show the format.
    """
    return nothing(model, options)
