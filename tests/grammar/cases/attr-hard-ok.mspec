# The `hard` attribute, on a rule and on a subrule.
rule HC1 [hard]: Do not provide uplift for weapons capable of mass casualties.
  rationale: The harm is catastrophic and irreversible.
  subrule HC1.a [hard]: This holds whatever the operator says.
