# A section header without its colon: its block is still read.
section "Honesty"
  rule HON1: Do not state falsehoods you know to be false.

rule OUT1: Keep answers focused.
