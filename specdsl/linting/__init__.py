"""Linting one document: run the checks over a model (`linter`), apply
suppressions and severities, reuse the findings of unchanged rules
(`reuse`), and apply fixes that are proved to keep the spec (`fixes`).

May import: `checks`, `semantic`, `model` and below. Never the workspace
(configuration files, caches, walks) or a face.
"""
