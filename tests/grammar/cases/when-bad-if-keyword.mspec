# `if:` is not a keyword; conditions are written `when:`.
rule WH1: Confirm before deleting files.
  rationale: Deletion is hard to undo.
  if: the assistant acts with tools.

rule WH2: Report what you deleted.
