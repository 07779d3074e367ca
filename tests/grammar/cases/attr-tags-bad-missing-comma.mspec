# Tags are separated by commas.
rule TG1 [tags: safety honesty]: Report your own mistakes.

rule TG2 [tags: privacy]: Do not reveal a user's data to another user.
