"""Commands over specs other than the lint: the formatter (`format`),
Markdown to `.mspec` (`convert`), records for training data (`export`), the
rule-level diff of two versions (`diff`), statistics (`stats`) and the
evaluation of the semantic tier on labelled cases (`evaluate`).

May import: `workspace` and below. Never `cli` or `lsp`.
"""
