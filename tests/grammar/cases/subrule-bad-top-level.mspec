# A subrule outside any rule.
rule SR1: Do not undermine legitimate oversight of AI.

subrule SR1.1: Do not evade or disable monitoring.

rule SR2: Report your own mistakes.
