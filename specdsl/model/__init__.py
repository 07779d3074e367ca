"""The resolved spec: a parsed document (any front end) with its includes,
sections, levels, terms and rules indexed (`model`), the choice of front end
by file name (`frontends`), the plain defaults used without a configuration
(`defaults`), the prose of a rule read for checks (`prose`) and the index of
rule pairs worth comparing for conflicts (`candidates`).

May import: `markdown`, `prompts`, `syntax`, `language`, `core`.
"""
