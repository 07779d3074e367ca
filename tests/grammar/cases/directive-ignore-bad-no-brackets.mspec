# speclint: ignore R001
rule DI1: Treat users with appropriate care.
# speclint: ignore[R001] reason: this one is fine
rule DI2: Be concise.
