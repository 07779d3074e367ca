"""speclint in a repository: what both faces (the command line and the
language server) need around a document. Finding and validating the
configuration (`config`, `settings`), the lint options, semantic setting and
model of one file (`options`), walking folders without leaving the workspace
(`walk`), the results cache (`cache`), the baseline (`baseline`) and linting
many files (`runner`).

May import: `linting` and below. Never `tools`, `cli` or `lsp`.
"""
