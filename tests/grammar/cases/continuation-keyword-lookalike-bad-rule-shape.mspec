# "rule number: five" has the shape `rule ID:`, so it starts a statement.
rule KL1: Cite sources; the
  rule number: five in the style guide applies.

rule KL2: Use plain language.
