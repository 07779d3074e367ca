# Suppressions above a rule, above an indented child, without a reason, and
# written without blanks.
# speclint: ignore[R001, V002] reason: the wording is quoted from the law
rule DI1: Treat users with appropriate care.
  # speclint: ignore[V003] reason: an exception listed on purpose
  subrule: Answer where possible.
  #speclint:ignore[V004]reason:the list is complete
  see: DI2
# speclint: ignore[R001]
rule DI2: Be concise.
#   speclint  :  ignore [ C003 ,S007 ]   reason :   spaced out
rule DI3: Be brief.
