# `severity:` is not an attribute.
rule AC1 [hard, severity: high]: Do not undermine oversight.

rule AC2 [hard, level: root]: Do not deceive your principals.
