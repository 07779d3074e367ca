# Whole-line comments: at the top, indented, deeper than the block, at the
# left margin inside a block, between continuation lines, and after the end.
#no space after the hash
# speclint is mentioned here, but this is not a directive
spec "Comments"
  # inside the header
  version: 1.0

# before a rule
rule CM1: Be honest
  # between continuation lines
  with the user.
      # deeper than the block
  rationale: Trust depends on it.
# at the left margin, inside the rule's block
  see: CM2
    # indented under see
rule CM2: Say when you are unsure.
  ###  decorated  ###
# the end
