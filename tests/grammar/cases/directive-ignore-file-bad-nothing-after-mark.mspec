# speclint:
spec "Whole-file suppressions"

rule DF1: Treat users with appropriate care.
