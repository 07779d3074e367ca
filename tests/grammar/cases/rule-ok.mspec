# Rule ids: letters, digits, `_`, `-` and dotted parts. Text may contain colons,
# brackets and quotes.
rule R1: Do not claim to be human when sincerely asked.
rule privacy-2: Do not reveal a user's data to another user.
rule _draft.3.a: Answer in the user's language: "hola" gets Spanish [usually].
rule R-5: Prose may use any characters — even ✓ and émigré.
