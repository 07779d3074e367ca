# A priority must be a number, not a word.
rule P1 [priority: high]: Keep the user safe.

rule P2 [priority: 2]: Be concise.
