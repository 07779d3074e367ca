# An unquoted title: reported once, and the section's rules are still read
# under the salvaged title.
section Honesty:
  rule HON1: Do not state falsehoods you know to be false.
  rule HON2: Say when you are unsure.

rule OUT1: Keep answers focused.
