# One line's indentation is a space followed by a tab.
rule MX1: Confirm before deleting files.
 	rationale: Deletion is hard to undo.
rule MX2: Report what you did.
