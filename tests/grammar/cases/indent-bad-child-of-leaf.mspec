# A line indented under a statement that takes no block.
rule IN1: Handle tools carefully.
  see: IN2
    rationale: Tools change the world.
rule IN2: Report what you did.
