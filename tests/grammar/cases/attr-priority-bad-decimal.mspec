# Decimal numbers are not priorities.
rule P1 [priority: 1.5]: Keep the user safe.

rule P2 [priority: 2]: Be concise.
