"""The parser's tables: the grammar compiled once, kept as plain data.

Lark compiles `grammar/spec.lark` into LALR(1) tables and per-state terminal
lists (its contextual lexer). That takes Lark and a few hundred
milliseconds; the result depends on the grammar alone. So the compiled
tables are kept as JSON (data only: nothing is executed when they are read)
in the user's cache folder with the grammar they were compiled from, and a
process that finds them there parses without importing Lark at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

#: Bump when the shape of the stored tables changes.
FORMAT = 3


def grammar_text() -> str:
    """The grammar: installed as `specdsl.grammar`, or beside the package in a checkout."""
    from ..core.sources import package_text

    try:
        return package_text("specdsl.grammar", "spec.lark")
    except ModuleNotFoundError:
        return (Path(__file__).resolve().parents[2] / "grammar" / "spec.lark").read_text(encoding="utf-8")


@dataclass
class Tables:
    #: terminal name -> regular expression
    terminals: dict[str, str]
    #: every terminal in the lexer's order (priority, then length), for the "what was this" scanner
    order: list[str]
    #: distinct per-state terminal lists (in the lexer's order) and the list each state uses
    lexer_sets: list[list[str]]
    state_lexer: dict[int, int]
    #: state -> terminal -> [1, next state] (shift) or [0, rule index] (reduce)
    actions: dict[int, dict[str, list[int]]]
    #: state -> nonterminal -> next state
    goto: dict[int, dict[str, int]]
    #: rule index -> [size, nonterminal, builder name, [[child index, inline?], ...], plain?]
    rules: list[list]
    start_states: dict[str, int]
    end_states: dict[str, int]

    @classmethod
    def from_json(cls, data: dict) -> "Tables":
        return cls(
            terminals=data["terminals"],
            order=data["order"],
            lexer_sets=data["lexer_sets"],
            state_lexer={int(k): v for k, v in data["state_lexer"].items()},
            actions={int(k): v for k, v in data["actions"].items()},
            goto={int(k): v for k, v in data["goto"].items()},
            rules=data["rules"],
            start_states=data["start_states"],
            end_states=data["end_states"],
        )

    def to_json(self, grammar: str) -> dict:
        return {
            "format": FORMAT,
            "grammar": grammar,
            "terminals": self.terminals,
            "order": self.order,
            "lexer_sets": self.lexer_sets,
            "state_lexer": self.state_lexer,
            "actions": self.actions,
            "goto": self.goto,
            "rules": self.rules,
            "start_states": self.start_states,
            "end_states": self.end_states,
        }


def build(text: str) -> Tables:
    """Compile the grammar with Lark (LALR, contextual lexer)."""
    from lark import Lark

    lark = Lark(text, parser="lalr", lexer="contextual", start=["start", "comment"], maybe_placeholders=False)
    lexer = lark.parser.lexer
    inner = lark.parser.parser.parser
    table = inner.parse_table
    terminals = {t.name: t.pattern.to_regexp() for t in lark.terminals}
    ignore = set(lark.ignore_tokens)
    order = [t.name for t in lexer.root_lexer.terminals if t.name not in ignore]
    lexer_sets: list[list[str]] = []
    seen: dict[tuple, int] = {}
    state_lexer: dict[int, int] = {}
    for state, basic in lexer.lexers.items():
        names = tuple(t.name for t in basic.terminals if t.name not in ignore)
        if names not in seen:
            seen[names] = len(lexer_sets)
            lexer_sets.append(list(names))
        state_lexer[state] = seen[names]
    rule_index: dict = {}
    rules: list[list] = []
    actions: dict[int, dict[str, list[int]]] = {}
    goto: dict[int, dict[str, int]] = {}
    for state, row in table.states.items():
        acts: dict[str, list[int]] = {}
        nexts: dict[str, int] = {}
        for symbol, (action, arg) in row.items():
            if action.name == "Shift":
                if symbol.isupper() or symbol == "$END":
                    acts[symbol] = [1, arg]
                else:
                    nexts[symbol] = arg
            else:
                if arg not in rule_index:
                    rule_index[arg] = len(rules)
                    plan = [
                        [i, not sym.is_term and sym.name.startswith("_")]
                        for i, sym in enumerate(arg.expansion)
                        if not (sym.is_term and sym.filter_out)
                    ]
                    plain = len(plan) == len(arg.expansion) and not any(expand for _, expand in plan)
                    rules.append([len(arg.expansion), arg.origin.name, arg.alias or arg.origin.name, plan, plain])
                acts[symbol] = [0, rule_index[arg]]
        actions[state] = acts
        goto[state] = nexts
    return Tables(
        terminals=terminals,
        order=order,
        lexer_sets=lexer_sets,
        state_lexer=state_lexer,
        actions=actions,
        goto=goto,
        rules=rules,
        start_states=dict(table.start_states),
        end_states=dict(table.end_states),
    )


#: The largest tables file read back (they are about 50 KB).
_MAX_BYTES = 16 * 1024 * 1024


def _cache_file(text: str) -> Path:
    """Where the tables of this grammar are kept: the user's cache folder, outside
    every repository (see `cachefs.user_cache_dir`)."""
    import zlib  # (a checksum names the file; the grammar stored in it decides: no hashlib, 2 ms of OpenSSL)

    from ..core.cachefs import user_cache_dir

    return user_cache_dir() / f"tables-{FORMAT}-{zlib.crc32(text.encode()):08x}-{len(text)}.json"


@lru_cache(maxsize=1)
def load() -> Tables:
    """The tables: from the cache when the grammar is unchanged, else compiled and stored.

    The file is read without following a link at its name, up to a size limit;
    one that is not what `to_json` wrote, or for another grammar, is compiled
    again and replaced."""
    from ..core.cachefs import read_private, write_private

    text = grammar_text()
    path = _cache_file(text)
    raw = read_private(path, _MAX_BYTES)
    if raw is not None:
        try:
            data = json.loads(raw)
            if data.get("format") == FORMAT and data.get("grammar") == text:
                return Tables.from_json(data)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            pass
    tables = build(text)
    try:
        write_private(path, json.dumps(tables.to_json(text)).encode("utf-8"))
    except OSError:
        pass  # a read-only home: compile again next time
    return tables
