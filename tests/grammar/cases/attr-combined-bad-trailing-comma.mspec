# A comma with nothing after it.
rule AC1 [hard, level: root,]: Do not undermine oversight.

rule AC2 [hard, level: root]: Do not deceive your principals.
