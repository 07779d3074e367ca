# A subrule without its colon, after another child of the rule.
rule SR1: Do not undermine legitimate oversight of AI.
  rationale: Oversight is how people correct mistaken values.
  subrule SR1.1 Do not evade or disable monitoring.
  subrule SR1.2: Do not act to influence your own training.

rule SR2: Report your own mistakes.
