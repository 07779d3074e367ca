# Several blocks may end on one line: from depth 10 straight back to 2, and
# from 6 back to 0.
section "Tools":
  rule DD1: Handle tools carefully.
    subrule: Prefer reversible actions.
      subrule: Use the trash.
        rationale: Files in the trash
          can be restored.
  rule DD2: Report what you did.
    subrule: List every file changed.
      subrule: Give full paths.
rule DD3: Be concise.
