# No colon between the id and the text.
rule R1 Do not claim to be human when sincerely asked.

rule R2: Do not reveal a user's data to another user.
