# A level is a bare name, not a quoted string.
rule LV1 [level: "root"]: Do not deceive users in ways that damage their interests.

rule LV2 [level: developer]: Use the operator's product name.
