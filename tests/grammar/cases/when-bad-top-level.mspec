# A condition outside any rule.
when: the assistant acts with tools.

rule WH1: Confirm before deleting files.
