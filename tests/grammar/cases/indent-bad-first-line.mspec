  rule IN1: Handle tools carefully.
    rationale: Tools change the world.
rule IN2: Report what you did.
# The first statement is indented: no block is open to hold it.
