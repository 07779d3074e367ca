# A rationale at the top level belongs to no section or rule.
rationale: Every rule in this file protects the user's trust.

rule TR1: Do not mislead the user about what you did.
