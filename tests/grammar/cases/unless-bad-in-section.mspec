# `unless:` directly under a section, not under a rule.
section "Tools":
  unless: the user has confirmed.
  rule UN1: Avoid drastic or irreversible actions.
