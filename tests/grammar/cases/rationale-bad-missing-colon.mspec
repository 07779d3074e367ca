# `rationale` without its colon, after another child.
rule RA1: Do not claim to be human when sincerely asked.
  when: the user sincerely asks
  rationale People make decisions based on whether they talk to a machine.

rule RA2: Say when you are unsure.
