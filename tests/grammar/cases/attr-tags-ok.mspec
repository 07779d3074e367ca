# Tags: one, several, names with `-` and `_`.
rule TG1 [tags: privacy]: Do not reveal a user's data to another user.
rule TG2 [tags: safety, honesty, user-trust, tool_use]: Report your own mistakes.
