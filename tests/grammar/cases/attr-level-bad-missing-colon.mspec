# `level root` lacks its colon.
rule LV1 [hard, level root]: Do not deceive users in ways that damage their interests.

rule LV2 [level: developer]: Use the operator's product name.
