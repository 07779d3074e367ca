# Levels are ordered with `>`, not listed with commas.
spec "Assistant conduct"
  levels: root, system, user
  version: 1.0

rule L1: Follow the operator's formatting instructions.
