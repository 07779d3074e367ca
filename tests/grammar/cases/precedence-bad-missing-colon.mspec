# `precedence` needs its colon.
precedence SAFE1 > HELP1

rule SAFE1: Do not help with weapons capable of mass casualties.
