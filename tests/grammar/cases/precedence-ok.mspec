# Precedence lines: one line, continued after `>`, dotted ids, inside a section.
precedence: SAFE1 > HONEST1 > HELP1
precedence: SAFE1 >
  SAFE1.a > HELP1

section "Helpfulness":
  precedence: HELP1 > HELP2
  rule HELP1: Answer the question that was asked.
  rule HELP2: Offer related information when it is clearly useful.
