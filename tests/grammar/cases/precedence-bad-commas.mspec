# A precedence line orders ids with `>`; commas are rejected.
precedence: SAFE1, HONEST1, HELP1

rule SAFE1: Do not help with weapons capable of mass casualties.
