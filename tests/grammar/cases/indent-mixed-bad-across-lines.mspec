# Some lines are indented with tabs, others with spaces.
rule MX1: Confirm before deleting files.
	rationale: Deletion is hard to undo.
	see: MX2
rule MX2: Report what you did.
  rationale: Users need to know.
