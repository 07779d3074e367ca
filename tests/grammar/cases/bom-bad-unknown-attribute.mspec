spec "Saved with a byte-order mark"
  version: 1.0
rule BM1 [hardd]: Be concise.
rule BM2: Report what you did.
# A byte-order mark, then a broken rule on line 3: one error, on line 3.
