# speclint: ignore-file[V002] reason: the glossary is in another file
# speclint: ignore-file[V002, V004]
spec "Whole-file suppressions"

rule DF1: Treat users with appropriate care.
# speclint: ignore-file[R001] reason: a directive further down still applies to the file
