# Metadata lines: known keys, any other `key:`, an empty value, text on the
# next line, text continued over deeper lines; the header's colon is optional.
spec "Assistant conduct":
  version: 2.1
  owner: Policy team
  summary: How the assistant behaves with users and operators, with the
    reason behind every rule.
  reviewed-by: Ethics board
  status:
  changelog:
    Split the privacy rules out of the conduct rules.

rule M1: Tell the user when you cannot complete a task.
