# Cross-references.
rule SE1: Be honest with the user.
  see: SE2
rule SE2: Say when you are unsure.
  see: SE1, SE3.a, privacy-2
