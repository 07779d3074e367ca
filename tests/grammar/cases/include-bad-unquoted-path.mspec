# The path must be quoted.
include shared/glossary.mspec
include "privacy.mspec"

rule I1: Confirm before deleting files.
