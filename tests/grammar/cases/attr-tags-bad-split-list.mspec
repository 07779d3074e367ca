# Tags must directly follow `tags:`; after another attribute, `honesty` reads as an unknown attribute.
rule TG1 [tags: safety, hard, honesty]: Report your own mistakes.

rule TG2 [tags: privacy]: Do not reveal a user's data to another user.
