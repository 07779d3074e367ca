"""The language server (`speclint lsp`), installed as `specdsl.lsp`.

One face of speclint, beside the command line: it serves the linter's
findings, hover, completion, symbols, formatting and quick fixes over the
Language Server Protocol (pygls). It finds a document's configuration, lint
options and cache through `specdsl.workspace`, lints with `specdsl.linting`
and formats with `specdsl.tools`, like the command line; it never imports
`specdsl.cli`.
"""
