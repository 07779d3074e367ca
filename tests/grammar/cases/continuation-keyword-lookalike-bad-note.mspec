# A prose line that starts with `note:` has the whole shape of a keyword and
# is read as one; `note:` belongs inside an example.
rule KL1: Keep answers short.
    note: brevity is not rudeness.

rule KL2: Use plain language.
