# A line dedented to a depth between two open blocks (3, between 2 and 4).
rule DD1: Handle tools carefully.
  subrule: Prefer reversible actions.
    rationale: Reversible mistakes can be fixed.
   subrule: Ask before spending money.
  see: DD2
rule DD2: Report what you did.
