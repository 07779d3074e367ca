# speclint ignore[R001] reason: the colon after "speclint" is missing
rule DI1: Treat users with appropriate care.
rule DI2: Be concise.
