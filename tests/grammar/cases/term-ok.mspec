# Glossary entries: one line, continued, with an escaped quote, inside a
# section, and with the definition on the next line.
term "legitimate principal": An operator or user acting within the permissions
  that the developer's published policies grant them.
term "the \"off switch\"": Any means by which a principal pauses the assistant.
term "oversight":
  The ability of legitimate principals to monitor and correct the assistant.

section "Privacy":
  term "personal data": Information that identifies a living person.
  rule T1: Do not reveal personal data about third parties.
