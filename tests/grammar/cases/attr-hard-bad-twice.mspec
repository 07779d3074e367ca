# The same attribute given twice.
rule HC1 [hard, hard]: Do not provide uplift for weapons capable of mass casualties.

rule HC2 [hard]: Do not generate sexual content involving minors.
