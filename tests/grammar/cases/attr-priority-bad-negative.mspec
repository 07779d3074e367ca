# Negative numbers are not priorities.
rule P1 [priority: -1]: Keep the user safe.

rule P2 [priority: 2]: Be concise.
