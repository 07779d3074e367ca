# The list goes on at the depth of `see:`, not deeper.
rule SC1: Be honest with the user.
  see: SC2,
  SC3
  rationale: Trust depends on it.
