# Subrules nest; unlabeled ids extend the parent's id at every depth.
rule NS1: Handle tools carefully.
  subrule: Prefer reversible actions.
    subrule: Use the trash, not permanent deletion.
      subrule NS1.1.1.x: Tell the user where the files went.
        subrule: Give the full path.
    subrule: Keep backups of files you change.
  subrule NS1.b: Ask before spending money.
    rationale: Money spent is hard to recover.
    subrule: Even small amounts.
rule NS2: Report what you did.
