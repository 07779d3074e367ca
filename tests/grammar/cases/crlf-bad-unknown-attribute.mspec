# Windows line endings and two broken rules; the error ranges must not
# include the "\r".
rule CR1 [hardd]: Do not undermine oversight.
rule CR2 Be concise.
rule CR3: Report what you did.
