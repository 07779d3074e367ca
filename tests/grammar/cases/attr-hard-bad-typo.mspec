# A misspelt attribute.
rule HC1 [hardd]: Do not provide uplift for weapons capable of mass casualties.
  rationale: The harm is catastrophic and irreversible.

rule HC2 [hard]: Do not generate sexual content involving minors.
