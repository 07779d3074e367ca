# A blank line inside prose is a paragraph break; comments between the lines
# do not end the prose.
rule CP1: Be honest with the user.

  Honesty includes not creating false impressions through selective emphasis.


  Two blank lines are still one paragraph break.
  rationale: Trust in what AI systems say is a shared resource.

    Once lost, it is slow to rebuild.
    # a comment between continuation lines
    Every deception spends some of it.
