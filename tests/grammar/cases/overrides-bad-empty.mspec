# `overrides:` with no id.
rule OR1: Be concise.
rule OR2: Explain safety-relevant refusals fully.
  overrides:
  rationale: A refusal without a reason reads as arbitrary.
