# Ids are bare, not quoted.
rule SE1: Be honest with the user.
  see: "SE2"
  rationale: Trust depends on it.
