"""`speclint stats`: how well a spec explains itself, per file and per section.

For each file and each section: the number of rules (with subrules), the
share of rules that a rationale explains (their own, a parent's or their
section's), vague clauses (V001-V005 findings) per 100 rules, conflicts
(C001, C002, C004 findings, each pair once) and hard rules without a
rationale of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

VAGUE = ("V001", "V002", "V003", "V004", "V005")
CONFLICT = ("C001", "C002", "C004")


@dataclass
class Row:
    name: str
    rules: int = 0
    explained: int = 0
    vague: int = 0
    conflicts: int = 0
    hard_unexplained: int = 0

    @property
    def coverage(self) -> float:
        return 100.0 * self.explained / self.rules if self.rules else 100.0

    @property
    def vague_per_100(self) -> float:
        return 100.0 * self.vague / self.rules if self.rules else 0.0

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "rules": self.rules,
            "rationale_coverage": round(self.coverage, 1),
            "vague_per_100_rules": round(self.vague_per_100, 1),
            "conflicts": self.conflicts,
            "hard_without_own_rationale": self.hard_unexplained,
        }


@dataclass
class FileStats:
    path: str
    total: Row
    sections: list[Row] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"path": self.path, **self.total.to_json(), "sections": [s.to_json() for s in self.sections]}


def compute(model, diagnostics: list) -> FileStats:
    path = model.root.path
    total = Row(name=path or "-")
    sections: dict[str, Row] = {}
    by_rule: dict[str, list] = {}
    for d in diagnostics:
        if d.rule:
            by_rule.setdefault(d.rule, []).append(d)
    for info in model.rules:
        if info.path != path:
            continue
        key = " > ".join(info.section_path) or "(top level)"
        row = sections.setdefault(key, Row(name=key))
        found = by_rule.get(info.id, [])
        for r in (total, row):
            r.rules += 1
            r.explained += bool(info.all_rationales())
            r.vague += sum(d.code in VAGUE for d in found)
            r.hard_unexplained += info.rule.hard and not info.own_rationales()
            # each conflict is reported on both rules: count half a pair per side
            r.conflicts += sum(d.code in CONFLICT for d in found)
    for r in (total, *sections.values()):
        r.conflicts = (r.conflicts + 1) // 2
    return FileStats(path=path or "-", total=total, sections=list(sections.values()))


def render_text(stats: list[FileStats]) -> str:
    from ..core.escape import escape

    header = f"{'file / section':50} {'rules':>6} {'rationale':>10} {'vague/100':>10} {'conflicts':>10} {'hard w/o':>9}"
    lines = [header, "-" * len(header)]
    for fs in stats:
        for row, indent in [(fs.total, "")] + [(s, "  ") for s in fs.sections]:
            name = escape(indent + row.name)[:50]  # a section title or a file name: nothing in it acts on the terminal
            lines.append(
                f"{name:50} {row.rules:>6} {row.coverage:>9.0f}% {row.vague_per_100:>10.1f} "
                f"{row.conflicts:>10} {row.hard_unexplained:>9}"
            )
    return "\n".join(lines) + "\n"


def render_rich(stats: list[FileStats], out) -> None:
    from rich.console import Console
    from rich.table import Table

    from ..core.escape import escape

    # markup off: a section titled "[link=…]" is text, not a terminal hyperlink
    console = Console(file=out, markup=False, emoji=False)
    for fs in stats:
        table = Table(title=escape(fs.path), title_justify="left")
        for column, justify in (
            ("section", "left"),
            ("rules", "right"),
            ("rationale coverage", "right"),
            ("vague / 100 rules", "right"),
            ("conflicts", "right"),
            ("hard without own rationale", "right"),
        ):
            table.add_column(column, justify=justify)
        for row in fs.sections + [fs.total]:
            style = "bold" if row is fs.total else None
            name = "all sections" if row is fs.total else escape(row.name)
            table.add_row(
                name,
                str(row.rules),
                f"{row.coverage:.0f}%",
                f"{row.vague_per_100:.1f}",
                str(row.conflicts),
                str(row.hard_unexplained),
                style=style,
            )
        console.print(table)
