# Two files pasted together: the second `spec` header is rejected.
spec "Assistant conduct"

rule H1: Tell the user when you cannot complete a task.

spec "Tool use"

rule H2: Confirm before deleting files.
