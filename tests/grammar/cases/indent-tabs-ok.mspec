# Indented with tabs only, at every depth.
spec "Tabs"
	version: 1.0
	levels: root > user

section "Tools":
	rule TB1 [hard]: Confirm before deleting files,
		even in a hurry.
		rationale: Deletion is hard to undo.
		subrule: Name the files first.
			subrule: Give full paths.
		example:
			prompt: Delete my old logs.
			good: These 3 files will be deleted: …
	rule TB2: Report what you did.
