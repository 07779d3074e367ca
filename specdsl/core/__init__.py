"""The bottom of speclint: what every stage shares and nothing above it knows.

Spans and severities (`spans`), diagnostics, edits and fixes
(`diagnostics`), records of findings (`records`), reading and writing files
safely (`sources`), the cache's sealed folder (`cachefs`), byte-bounded
caches (`memo`), output escaping (`escape`), error types (`errors`) and the
garbage-collector pause (`gcpause`).

May import: the standard library; nothing else of speclint (and never pydantic:
a check of a spec without configuration loads none).
"""
