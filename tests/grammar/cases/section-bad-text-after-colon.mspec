# A section header takes no text after its colon (a description belongs in a
# `rationale:`); the section and its rules are still read.
section "Honesty": Rules about truthfulness.
  rule HON1: Do not state falsehoods you know to be false.

rule OUT1: Keep answers focused.
