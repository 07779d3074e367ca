# The definition must follow a colon.
term "oversight" The ability of principals to monitor and correct the assistant.
term "principal": An operator or a user.

rule T1: Support oversight by legitimate principals.
