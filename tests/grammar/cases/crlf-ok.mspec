# Windows line endings everywhere: prose, a paragraph break, an id list.
spec "CRLF"
  version: 1.0

rule CR1 [hard]: Do not undermine oversight,
  whoever asks.

  Not even the operator.
  rationale: Oversight catches mistaken values.
  see: CR2,
    CR3
# speclint: ignore[R001] reason: kept short
rule CR2: Be concise.
