# One id, several ids, dotted ids.
rule OR1: Be concise.
rule OR2: Explain safety-relevant refusals fully.
  overrides: OR1
rule OR3: Follow the operator's format.
  overrides: OR1, OR2.a,OR4
