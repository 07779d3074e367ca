# speclint: ignore[R001] because the wording is quoted from the law
rule DI1: Treat users with appropriate care.
rule DI2: Be concise.
