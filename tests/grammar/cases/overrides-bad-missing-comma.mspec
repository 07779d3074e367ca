# Ids without a comma between them.
rule OR1: Be concise.
rule OR2: Explain safety-relevant refusals fully.
  overrides: OR1 OR3
  rationale: A refusal without a reason reads as arbitrary.
