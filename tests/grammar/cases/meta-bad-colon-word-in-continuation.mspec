# A continuation line of `summary:` that begins with `Word:` has the shape of
# a metadata line, so it is read as one (and rejected, being deeper).
spec "Assistant conduct"
  summary: How the assistant behaves with users.
    Note: this summary is abridged.
  owner: Policy team

rule M1: Tell the user when you cannot complete a task.
