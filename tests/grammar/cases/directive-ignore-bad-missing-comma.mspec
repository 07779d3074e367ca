# speclint: ignore[R001 V002] reason: quoted from the law
rule DI1: Treat users with appropriate care.
rule DI2: Be concise.
