# Indentation is spaces only; tabs appear only inside text and before
# comments, which is not mixing.
rule MX1: Separate columns	with tabs	if you must.
  rationale: Some tools	expect tab-separated values.
	# a tab-indented comment
  see: MX2
rule MX2: Report what you did.
