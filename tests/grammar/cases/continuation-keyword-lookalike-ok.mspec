# Continuation lines that begin with a keyword's word but not its whole shape
# are prose.
rule KL1: Respect legitimate institutions:
  rule of law matters here,
  section 230 is not legal advice,
  see also the appendix,
  example of a bad answer: none,
  note that courts differ,
  when in doubt, ask,
  unless told otherwise,
  include "sources" when quoting,
  term limits exist,
  spec sheets are public,
  precedence matters in law,
  subrule ordering is informal,
  rationale follows,
  overrides happen,
  prompt replies help,
  good faith counts and bad faith does not.
  rationale: Rule 5: the rule of law is how
    societies settle disputes without force.
