# An include takes no colon and no block.
include "shared/glossary.mspec":

rule I1: Confirm before deleting files.
