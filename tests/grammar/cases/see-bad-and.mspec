# "and" instead of a comma.
rule SE1: Be honest with the user.
  see: SE2 and SE3
  rationale: Trust depends on it.
