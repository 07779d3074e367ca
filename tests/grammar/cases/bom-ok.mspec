spec "Saved with a byte-order mark"
  version: 1.0
rule BM1: Be concise.
  rationale: Long answers hide what matters.
# The file starts with a UTF-8 byte-order mark, directly before `spec`.
