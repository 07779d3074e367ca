# Ids are ASCII letters, digits, `_`, `-` and `.`; an accented id is rejected.
rule Sécurité-1: Do not claim to be human when sincerely asked.

rule R2: Do not reveal a user's data to another user.
