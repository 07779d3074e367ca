# speclint: ignore_file[V002] reason: the glossary is in another file
spec "Whole-file suppressions"

rule DF1: Treat users with appropriate care.
