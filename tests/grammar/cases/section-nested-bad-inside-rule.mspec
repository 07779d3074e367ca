# A sub-section indented under the last rule instead of under the section.
section "Safety":
  rule SAFE1: Avoid irreversible actions.
    section "Oversight":
      rule OV1: Do not disable monitoring.
  rule SAFE2: Prefer cautious options in novel situations.
