# Priorities are whole numbers.
rule P1 [priority: 1]: Keep the user safe.
rule P2 [priority:20]: Be concise.
rule P3 [priority: 007]: Prefer plain language.
