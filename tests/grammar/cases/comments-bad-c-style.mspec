// Comments start with `#`, not `//`.
rule CM1: Be honest with the user.
  rationale: Trust depends on it.
