# Empty brackets.
rule AC1 []: Do not undermine oversight.

rule AC2 [hard, level: root]: Do not deceive your principals.
