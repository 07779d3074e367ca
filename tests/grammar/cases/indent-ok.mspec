# Any consistent depth works: 4 spaces here, 3 there.
rule IN1: Handle tools carefully.
    rationale: Tools change the world.
    subrule: Prefer reversible actions.
       subrule: Use the trash.
    see: IN2
rule IN2: Report what you did.
   rationale: Users need to know.
