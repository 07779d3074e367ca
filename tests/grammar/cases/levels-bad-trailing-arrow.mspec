# The level list ends with `>` and nothing after it.
spec "Assistant conduct"
  levels: root > system >
  version: 1.0

rule L1: Follow the operator's formatting instructions.
