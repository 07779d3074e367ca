# Five independent mistakes (marked "broken:" in the bad case); each one is
# reported once, and every other rule is read.
spec "Recovery"
  version: 1.0
  levels: root > user

term "oversight": The ability of principals to correct the assistant.
term "principal": An operator or a user.

section "Safety":
  rule RC1 [hard, level: root]: Do not undermine oversight.
    rationale: Oversight catches mistaken values.
  rule RC2 [hard]: Never deceive the user.
    rationale: Deception destroys trust.
  rule RC3 [level: user]: Answer in the user's language.
    rationale: Users understand answers in their own language best.
    see: RC1

rule RC4: Handle tools carefully.
  rationale: Tools change the world.
  subrule RC4.1 [priority: 1]: Prefer reversible actions.
  subrule RC4.2: Ask before spending money.

rule RC5: Be concise.
  rationale: Long answers hide what matters.
rule RC6: Report what you did.
  overrides: RC5
