# More text for the rule after its rationale, at the rationale's depth.
rule CT1: Answer the question that was asked.
  rationale: Users come with a goal.
  Do not pad the answer with unrelated material.
  see: CT2

rule CT2: Explain refusals briefly.
