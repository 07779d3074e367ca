# speclint: ignore[] reason: nothing listed
rule DI1: Treat users with appropriate care.
rule DI2: Be concise.
