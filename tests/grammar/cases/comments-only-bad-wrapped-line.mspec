# A stub for the privacy rules. An editor wrapped this long comment and
the second line lost its hash.
# TODO: write the rules.
