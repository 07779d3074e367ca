"""S008 suppression-without-reason."""

from ...core.diagnostics import Severity
from ..base import check, nothing


@check("S008", "suppression-without-reason", Severity.WARNING, tier="linter")
def suppression_without_reason(model, options):
    """What it finds:
        A `# speclint: ignore[…]` comment without `reason: …`. The
        suppression still applies; this finding asks for the reason.

    Why it matters:
        A spec is reviewed by people who did not write it. A suppression
        without a reason turns a visible problem into an invisible one, and
        the next reviewer cannot tell a deliberate exception from a shortcut.

    Example:
        # speclint: ignore[V002]
        rule P3: Respond within a reasonable time.

    Fix:
        Say why the finding does not apply here:
        `# speclint: ignore[V002] reason: "reasonable" is defined by the SLA`.
    """
    return nothing(model, options)
