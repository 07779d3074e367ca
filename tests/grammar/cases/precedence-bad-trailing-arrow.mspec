# The line ends with `>` and the next id is missing.
precedence: SAFE1 > HONEST1 >

rule SAFE1: Do not help with weapons capable of mass casualties.
