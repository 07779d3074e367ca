# Sections with rules, an empty section, and a title with an escaped quote.
section "Honesty":
  rule HON1: Do not state falsehoods you know to be false.
  rule HON2: Say when you are unsure.

section "Drafts (empty for now)":

section "The \"no surprises\" principle":
  rule NS1: Tell the user before taking an irreversible action.
