"""The `.mspec` syntax: the Lark grammar's tables, the parser and its error
messages, the tree it builds (`ast`), and the incremental parser that reuses
unchanged blocks while an editor types.

May import: `core`.
"""
