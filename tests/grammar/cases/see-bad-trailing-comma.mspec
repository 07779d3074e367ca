# A trailing comma with no id after it.
rule SE1: Be honest with the user.
  see: SE2, SE3,
  rationale: Trust depends on it.
