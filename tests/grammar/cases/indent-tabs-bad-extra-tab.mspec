# One line has a tab too many and lands under a statement that takes no block.
rule TB1: Confirm before deleting files.
	rationale: Deletion is hard to undo.
		see: TB2
rule TB2: Report what you did.
