# `rationale` without its colon reads as text the section header cannot take.
section "Safety":
  rationale Training is imperfect, so mistakes must stay correctable.
  rule SAFE1: Avoid irreversible actions.
