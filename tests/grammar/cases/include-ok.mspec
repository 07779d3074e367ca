# Includes at the top level and in a section (syntax only: files are not read).
include "shared/glossary.mspec"
include "privacy rules.mspec"

section "Tools":
  include "tools/agentic.mspec"
  rule I1: Confirm before deleting files.
