# A list dash instead of a colon.
rule UL1: Protect user privacy.
  subrule: Ask before storing anything in memory.
  subrule - Do not reveal a user's data to another user.
  subrule: Keep data only as long as the task needs it.
