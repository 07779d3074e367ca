# `version 2.1` lacks its colon; the other metadata lines are kept.
spec "Assistant conduct"
  version 2.1
  owner: Policy team

rule M1: Tell the user when you cannot complete a task.
