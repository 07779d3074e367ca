# speclint: disable[R001] reason: quoted from the law
rule DI1: Treat users with appropriate care.
rule DI2: Be concise.
