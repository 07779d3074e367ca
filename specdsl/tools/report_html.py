"""`speclint report`: one self-contained HTML page for the people who sign a spec off.

Policy, legal and safety reviewers do not open an editor; they want to see
where a spec is weak. The page holds, for each file linted:

- per section: its rules, the share a reader finds a reason for (a rationale,
  its own or inherited, or a reason in the words: what R001 asks), and its
  findings by category (structure, rationale, vagueness, conflict, misuse,
  custom) as bars drawn in inline SVG;
- the authority levels (the spec's `levels:` in order, then the levels its
  rules name without declaring them) and what each holds;
- every finding with the source it points at, and, for a conflict or a
  duplicate, the related rule beside it;
- with a baseline (`--baseline FILE`, written by `check --write-baseline`) or
  an older version (`--against OLD`): what is new, what was fixed, and what
  changed (a finding still there on a rule whose words changed), with the
  rule-level changes of `speclint diff` for an older version.

The page is one file with nothing to fetch: no script, no font, no image but
inline SVG, and a Content-Security-Policy that forbids loading or running
anything, so that even a mistake in escaping could not make a spec run code
in a reviewer's browser. Everything that comes from a repository (file
names, section titles, rule text, messages) is made visible first
(`core.escape`: control and bidirectional characters as escapes) and then
HTML-escaped. Ids and classes in the page are speclint's own, never a spec's.
"""

from __future__ import annotations

import html
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..core.escape import _text_escapes, escape

#: The categories of findings, by the first letter of their code: (key, label, colour).
CATEGORIES = (
    ("S", "structure", "#6b7280"),
    ("R", "rationale", "#d97706"),
    ("V", "vagueness", "#2563eb"),
    ("C", "conflict", "#dc2626"),
    ("M", "misuse", "#7c3aed"),
    ("X", "custom", "#0d9488"),
)
OTHER = ("?", "other", "#9ca3af")
#: A source line longer than this is cut around the range it shows.
MAX_LINE = 240
#: A range over more lines than this shows its first and last lines only.
MAX_EXCERPT_LINES = 8
NO_SECTION = "(top level)"


def category(code: str) -> tuple[str, str, str]:
    for entry in CATEGORIES:
        if code.startswith(entry[0]):
            return entry
    return OTHER


# ---------------------------------------------------------------- what the page shows


@dataclass
class FileReport:
    """One file linted: its model, its findings and its text."""

    path: str
    model: object
    diagnostics: list
    text: str


@dataclass
class Entry:
    """A finding of an earlier run: from a baseline file, or from linting an older version."""

    path: str
    code: str
    rule: str | None
    fingerprint: str
    message: str
    line: int | None = None
    #: The file as shown (the older version's path); `path` is its key for matching.
    shown: str | None = None


@dataclass
class Delta:
    """What changed since a baseline or an older version."""

    since: str
    new: list = field(default_factory=list)
    fixed: list[Entry] = field(default_factory=list)
    changed: list[tuple[object, Entry]] = field(default_factory=list)
    known: int = 0
    rule_changes: list[tuple[str, list]] = field(default_factory=list)


def gather(paths: list[str], explicit_config: str | None = None, overrides: dict | None = None, errors: list[str] | None = None) -> list[FileReport]:
    """Lint every spec file `paths` names (folders walked as `check` walks
    them) and keep each one's model; a file that cannot be read is said in
    `errors` and left out."""
    from ..linting.linter import lint_model
    from ..workspace.options import UsageError, model_for, options_from
    from ..workspace.runner import collect

    reports = []
    for path in collect(paths, explicit_config):
        try:
            model, loaded = model_for(path, explicit_config)
        except UsageError as error:
            if errors is None:
                raise
            errors.append(str(error))
            continue
        diagnostics = lint_model(model, options_from(loaded, path, overrides))
        reports.append(FileReport(path, model, diagnostics, model.text_of(path) or ""))
    return reports


def compare(current: list[tuple[str, object]], earlier: list[Entry], since: str) -> Delta:
    """Match today's findings (each with its file's key) against earlier ones.

    A finding with the same file, code and fingerprint is known; one left
    over on the same file, code and rule as one of the earlier ones left over
    is changed (its rule was reworded); the rest of today's are new and the
    rest of the earlier ones fixed.
    """
    delta = Delta(since=since)
    pool: dict[tuple, list[Entry]] = {}
    for entry in earlier:
        pool.setdefault((entry.path, entry.code, entry.fingerprint), []).append(entry)
    left = []
    for key, d in current:
        bucket = pool.get((key, d.code, (d.data or {}).get("fingerprint", "")))
        if bucket:
            bucket.pop(0)
            delta.known += 1
        else:
            left.append((key, d))
    by_rule: dict[tuple, list[Entry]] = {}
    for bucket in pool.values():
        for entry in bucket:
            by_rule.setdefault((entry.path, entry.code, entry.rule), []).append(entry)
    for key, d in left:
        bucket = by_rule.get((key, d.code, d.rule)) if d.rule else None
        if bucket:
            delta.changed.append((d, bucket.pop(0)))
        else:
            delta.new.append(d)
    delta.fixed = [entry for bucket in by_rule.values() for entry in bucket]
    delta.fixed.sort(key=lambda e: (e.path, e.line or 0, e.code))
    return delta


def against_baseline(reports: list[FileReport], baseline: str) -> Delta:
    """`--baseline FILE`: the findings since those a baseline lists (paths relative to its folder)."""
    import json

    from ..workspace.baseline import BaselineError, _rel, read

    read(baseline)  # its errors, said as `check --baseline` says them
    data = json.loads(Path(baseline).read_text(encoding="utf-8"))
    earlier = []
    for i, e in enumerate(data["findings"]):
        if not isinstance(e, dict) or not all(isinstance(e.get(k), str) for k in ("path", "code", "fingerprint")):
            raise BaselineError(f"{baseline}: finding {i + 1} lacks path, code or fingerprint")
        rule = e.get("rule") if isinstance(e.get("rule"), str) else None
        message = e.get("message") if isinstance(e.get("message"), str) else ""
        earlier.append(Entry(e["path"], e["code"], rule, e["fingerprint"], message))
    base = Path(os.path.abspath(baseline)).parent
    current = [(_rel(d.path, base), d) for r in reports for d in r.diagnostics]
    return compare(current, earlier, since=f"baseline {baseline}")


def against_version(reports: list[FileReport], paths: list[str], old: str, explicit_config: str | None = None, overrides: dict | None = None) -> Delta:
    """`--against OLD`: the findings since an older version of the spec.

    OLD is a file (compared with the one file linted) or a folder (its specs
    matched by their path under it to those under the one folder linted).
    The rule-level changes (`speclint diff`) of each pair come too.
    """
    from ..tools.diff import diff
    from ..workspace.options import UsageError

    if len(paths) != 1 or not os.path.exists(old) or os.path.isdir(paths[0]) != os.path.isdir(old):
        raise UsageError(
            f"--against {old}: give one file and its older version, or one folder and its older version "
            "(a checkout of the earlier commit, e.g. from `git worktree add`)"
        )
    older = gather([old], explicit_config, overrides)
    if os.path.isdir(old):
        new_key = lambda path: os.path.relpath(path, paths[0])  # noqa: E731
        old_key = lambda path: os.path.relpath(path, old)  # noqa: E731
    else:
        new_key = old_key = lambda path: os.path.basename(paths[0])  # noqa: E731
    earlier = [
        Entry(old_key(d.path or r.path), d.code, d.rule, (d.data or {}).get("fingerprint", ""), d.message, d.span.line, d.path or r.path)
        for r in older
        for d in r.diagnostics
    ]
    current = [(new_key(d.path or r.path), d) for r in reports for d in r.diagnostics]
    delta = compare(current, earlier, since=old)
    old_models = {old_key(r.path): r.model for r in older}
    for r in reports:
        before = old_models.get(new_key(r.path))
        if before is not None:
            delta.rule_changes.append((r.path, diff(before, r.model)))
    return delta


# ---------------------------------------------------------------- HTML


def _h(text: object) -> str:
    """Text from a repository as HTML text: made visible (`core.escape`), then escaped."""
    return html.escape(escape(str(text)), quote=True)


def _line_html(line: str) -> str:
    """A source line: tabs as spaces, controls as visible escapes, then HTML-escaped."""
    return html.escape(line.replace("\t", "    ").translate(_text_escapes()), quote=True)


def _excerpt(text: str, span, mark: str = "", shown: tuple[int, int] | None = None) -> str:
    """The lines of `span` in `text` (or the lines `shown`, first and last, which hold it),
    numbered, the range marked; long lines cut around it."""
    if not text:
        return ""
    lines = text.split("\n")
    first = max(1, min(span.line, shown[0]) if shown else span.line)
    last = min(len(lines), max(first, span.end_line, shown[1] if shown else 0))
    numbers = list(range(first, last + 1))
    if len(numbers) > MAX_EXCERPT_LINES:
        numbers = numbers[: MAX_EXCERPT_LINES - 2] + [None] + numbers[-1:]
    rows = []
    for n in numbers:
        if n is None:
            rows.append('<span class="gap">…</span>')
            continue
        line = lines[n - 1].removesuffix("\r") if n - 1 < len(lines) else ""
        start = span.column - 1 if n == span.line else 0
        end = span.end_column - 1 if n == span.end_line else len(line)
        start, end = max(0, min(start, len(line))), max(0, min(end, len(line)))
        if end < start:
            end = start
        lo, hi = 0, len(line)
        if len(line) > MAX_LINE:  # a paragraph on one line: the range and some context
            lo = max(0, start - 60)
            hi = min(len(line), max(end, lo + MAX_LINE) if end - lo <= MAX_LINE * 3 else lo + MAX_LINE * 3)
        body = (
            ("…" if lo else "")
            + _line_html(line[lo:start])
            + f"<mark{mark}>"
            + _line_html(line[start:end])
            + "</mark>"
            + _line_html(line[end:hi])
            + ("…" if hi < len(line) else "")
        )
        rows.append(f'<span class="ln">{n}</span>{body}')
    return '<pre class="src">' + "\n".join(rows) + "</pre>"


def _bar(parts: list[tuple[float, str, str]], total: float, width: int = 260, height: int = 14) -> str:
    """A horizontal bar of `parts` (value, colour, title), scaled so that `total` fills `width`."""
    x = 0.0
    rects = [f'<rect class="track" x="0" y="0" width="{width}" height="{height}" rx="2"/>']
    for value, colour, title in parts:
        if value <= 0 or total <= 0:
            continue
        w = width * value / total
        rects.append(
            f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" fill="{colour}"><title>{_h(title)}</title></rect>'
        )
        x += w
    return f'<svg class="bar" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">{"".join(rects)}</svg>'


@dataclass
class _Section:
    name: tuple[str, ...]
    rules: int = 0
    explained: int = 0
    hard: int = 0
    findings: Counter = field(default_factory=Counter)


def _sections(report: FileReport) -> list[_Section]:
    rows: dict[tuple[str, ...], _Section] = {}
    section_of: dict[str, tuple[str, ...]] = {}
    for info in report.model.rules:
        if info.path != report.model.root.path:
            continue
        key = tuple(info.section_path)
        row = rows.setdefault(key, _Section(key))
        row.rules += 1
        row.explained += info.explained()
        row.hard += bool(info.hard)
        section_of.setdefault(info.id, key)
    for d in report.diagnostics:
        key = section_of.get(d.rule) if d.rule else None
        if key is None:
            key = ("(no rule)",)
        rows.setdefault(key, _Section(key)).findings[category(d.code)[0]] += 1
    return list(rows.values())


def _levels(report: FileReport) -> list[tuple[str | None, list, bool]]:
    """Each level, highest first: (name, its rules, declared); then the rules with none."""
    model = report.model
    by_level: dict[str | None, list] = {}
    for info in model.rules:
        if info.path == model.root.path:
            by_level.setdefault(info.level, []).append(info)
    order = [(name, by_level.pop(name, []), True) for name in model.levels]
    order += [(name, rules, False) for name, rules in by_level.items() if name is not None]
    if None in by_level:
        order.append((None, by_level[None], False))
    return order


CSS = """
:root { color-scheme: light; --fg: #111827; --muted: #6b7280; --line: #e5e7eb; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0; background: #f9fafb; }
header.top { background: #111827; color: #f9fafb; padding: 18px 28px; }
header.top h1 { margin: 0 0 4px; font-size: 20px; }
header.top p { margin: 0; color: #d1d5db; }
main { padding: 8px 28px 40px; max-width: 1280px; }
h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 8px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 130px; }
.card b { display: block; font-size: 22px; }
.card span { color: var(--muted); }
table { border-collapse: collapse; background: #fff; border: 1px solid var(--line); width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: middle; }
th { background: #f3f4f6; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.path { color: var(--muted); font-size: 12px; }
svg.bar { display: block; }
svg.bar .track { fill: #f3f4f6; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 6px 0 10px; color: var(--muted); }
.legend i { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
article.finding { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--sev); border-radius: 4px; padding: 8px 12px; margin: 10px 0; }
article.error { --sev: #dc2626; } article.warning { --sev: #d97706; } article.info { --sev: #2563eb; }
.finding header { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
.badge { font-size: 11px; font-weight: 600; text-transform: uppercase; border-radius: 3px; padding: 1px 6px; color: #fff; background: var(--sev); }
.code { font-weight: 600; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
.where { color: var(--muted); font-size: 12px; }
.msg { margin: 4px 0 6px; }
pre.src { margin: 4px 0; padding: 6px 8px; background: #f9fafb; border: 1px solid var(--line); border-radius: 3px; white-space: pre-wrap; word-break: break-word; font: 12px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; }
pre.src .ln { display: inline-block; min-width: 3.5em; color: var(--muted); user-select: none; }
pre.src mark { background: #fde68a; }
pre.src mark.rel { background: #bfdbfe; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.pair h4 { margin: 4px 0 0; font-size: 12px; color: var(--muted); font-weight: 600; }
.delta-new { color: #b91c1c; } .delta-fixed { color: #047857; } .delta-changed { color: #92400e; }
ul.plain { padding-left: 18px; }
footer { color: var(--muted); font-size: 12px; margin-top: 30px; }
"""

#: Nothing is fetched and nothing runs: the page is its own styles and inline SVG.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def render(reports: list[FileReport], delta: Delta | None = None, *, title: str = "speclint review report", unreadable: list[str] = ()) -> str:
    """The whole page."""
    from .. import __version__

    tiers = {r.model.__dict__.get("_tier", "lexical") for r in reports}
    tier = "semantic" if "semantic" in tiers else "lexical"

    all_diagnostics = [d for r in reports for d in r.diagnostics]
    severities = Counter(d.severity.value for d in all_diagnostics)
    rules = sum(1 for r in reports for i in r.model.rules if i.path == r.model.root.path)
    explained = sum(i.explained() for r in reports for i in r.model.rules if i.path == r.model.root.path)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(title)}</title>",
        f"<style>{CSS}</style></head><body>",
        f'<header class="top"><h1>{_h(title)}</h1><p>{len(reports)} file{"s" if len(reports) != 1 else ""}: '
        + ", ".join(_h(r.path) for r in reports[:8])
        + (f" and {len(reports) - 8} more" if len(reports) > 8 else "")
        + "</p></header><main>",
        '<div class="cards">',
        _card(rules, "rules"),
        _card(f"{100 * explained / rules:.0f}%" if rules else "–", "rules with a reason"),
        _card(len(all_diagnostics), "findings"),
        *(_card(severities.get(s, 0), s + ("s" if s != "info" else "")) for s in ("error", "warning", "info")),
        "</div>",
    ]
    if unreadable:
        out.append('<p class="msg"><b>Not read:</b> ' + "; ".join(_h(u) for u in unreadable) + "</p>")
    out.append(_legend())
    if delta is not None:
        out.append(_delta_html(delta))
    for n, report in enumerate(reports):
        out.append(_file_html(report, n))
    out.append(
        f"<footer>speclint {_h(__version__)}, {_h(tier)} tier. Reasons: a rationale of the rule's own, of a rule or "
        "section above it, or a reason in its words (what R001 asks for). <code>speclint rule CODE</code> explains each check.</footer>"
    )
    out.append("</main></body></html>\n")
    return "\n".join(out)


def _card(value: object, label: str) -> str:
    return f'<div class="card"><b>{_h(value)}</b><span>{_h(label)}</span></div>'


def _legend() -> str:
    items = "".join(f'<span><i style="background:{c}"></i>{label} ({k})</span>' for k, label, c in CATEGORIES)
    return f'<div class="legend">Findings by category: {items}</div>'


def _file_html(report: FileReport, n: int) -> str:
    out = [f'<section class="file" id="file{n}"><h2>{_h(report.path)}</h2>']
    sections = _sections(report)
    most = max([sum(s.findings.values()) for s in sections] + [1])
    out.append('<h3>Sections</h3><table class="sections"><thead><tr><th>section</th><th>rules</th>'
               '<th>rules with a reason</th><th></th><th>findings</th><th>by category</th></tr></thead><tbody>')
    for s in sections:
        depth = max(0, len(s.name) - 1)
        name = _h(s.name[-1] if s.name else NO_SECTION)
        above = f'<div class="where">{" › ".join(_h(t) for t in s.name[:-1])}</div>' if depth else ""
        cover = 100 * s.explained / s.rules if s.rules else 0
        coverage = _bar([(cover, "#059669", f"{cover:.0f}% of {s.rules} rules have a reason")], 100, width=140)
        parts = [(s.findings.get(k, 0), c, f"{s.findings.get(k, 0)} {label}") for k, label, c in (*CATEGORIES, OTHER)]
        count = sum(s.findings.values())
        out.append(
            f'<tr><td style="padding-left:{8 + 16 * depth}px">{above}{name}</td><td class="num">{s.rules}</td>'
            f'<td>{coverage}</td><td class="num">{f"{cover:.0f}%" if s.rules else "–"}</td>'
            f'<td class="num">{count}</td><td>{_bar(parts, most)}</td></tr>'
        )
    out.append("</tbody></table>")
    out.append(_levels_html(report))
    out.append(_findings_html(report, n))
    out.append("</section>")
    return "\n".join(out)


def _levels_html(report: FileReport) -> str:
    levels = _levels(report)
    if not levels or levels == [(None, levels[0][1], False)]:
        return '<h3>Authority levels</h3><p class="msg">The spec declares no authority levels and its rules name none.</p>'
    most = max(len(rules) for _, rules, _ in levels) or 1
    declared = report.model.levels
    out = ["<h3>Authority levels</h3>"]
    if declared:
        out.append('<p class="msg">Declared, highest first: ' + " &gt; ".join(_h(x) for x in declared) + "</p>")
    else:
        out.append('<p class="msg">The spec declares no order of levels (<code>levels:</code>); these are the levels its rules name, in the order they first appear.</p>')
    out.append('<table class="levels"><thead><tr><th>level</th><th>rules</th><th></th><th>hard</th>'
               "<th>with a reason</th><th>findings</th><th>sections</th></tr></thead><tbody>")
    finding_rules = Counter(d.rule for d in report.diagnostics if d.rule)
    for name, rules, is_declared in levels:
        label = _h(name) if name is not None else "<i>(no level)</i>"
        if name is not None and not is_declared and declared:
            label += ' <span class="where">(not declared)</span>'
        sections = list(dict.fromkeys((" › ".join(i.section_path[:1]) or NO_SECTION) for i in rules))
        shown = ", ".join(_h(s) for s in sections[:6]) + (f" and {len(sections) - 6} more" if len(sections) > 6 else "")
        reasons = sum(i.explained() for i in rules)
        out.append(
            f'<tr><td>{label}</td><td class="num">{len(rules)}</td>'
            f'<td>{_bar([(len(rules), "#4b5563", f"{len(rules)} rules")], most, width=160)}</td>'
            f'<td class="num">{sum(bool(i.hard) for i in rules)}</td>'
            f'<td class="num">{(100 * reasons / len(rules)) if rules else 0:.0f}%</td>'
            f'<td class="num">{sum(finding_rules[i.id] for i in rules)}</td><td>{shown}</td></tr>'
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _findings_html(report: FileReport, n: int) -> str:
    if not report.diagnostics:
        return '<h3>Findings</h3><p class="msg">No findings.</p>'
    out = [f"<h3>Findings ({len(report.diagnostics)})</h3>"]
    for i, d in enumerate(report.diagnostics):
        out.append(_finding_html(report, d, f"f{n}-{i}"))
    return "\n".join(out)


def _finding_html(report: FileReport, d, anchor: str) -> str:
    sev = d.severity.value
    where = f"{_h(d.path or report.path)}:{d.span.line}:{d.span.column}"
    if d.rule:
        where += f" · rule {_h(d.rule)}"
        info = report.model.by_id.get(d.rule)
        if info is not None and info.section_path:
            where += " · " + " › ".join(_h(t) for t in info.section_path)
    head = (
        f'<article class="finding {sev}" id="{anchor}"><header><span class="badge">{sev}</span>'
        f'<span class="code">{_h(d.code)}</span><span>{_h(d.name)}</span><span class="where">{where}</span></header>'
        f'<p class="msg">{_h(d.message)}</p>'
    )
    own = _excerpt(_text_for(report, d.path), d.span, shown=_rule_lines(report, d.rule, d.path))
    if not d.related:
        return head + own + "</article>"
    sides = [f'<div><h4>{_h(d.rule or "this finding")}</h4>{own}</div>']
    for r in d.related[:3]:
        label = f"{_h(r.rule or 'related')} · {_h(r.path or report.path)}:{r.span.line} · {_h(r.message)}"
        related = _excerpt(_text_for(report, r.path), r.span, ' class="rel"', _rule_lines(report, r.rule, r.path))
        sides.append(f"<div><h4>{label}</h4>{related}</div>")
    return head + '<div class="pair">' + "".join(sides) + "</div></article>"


def _rule_lines(report: FileReport, rule: str | None, path: str | None) -> tuple[int, int] | None:
    """The lines from a rule's first to the end of its words: the whole rule beside a finding on its id."""
    info = report.model.by_id.get(rule) if rule else None
    if info is None or info.path != (path or report.path) or info.rule.text is None:
        return None
    return info.rule.span.line, info.rule.text.span.end_line


def _text_for(report: FileReport, path: str | None) -> str:
    if path is None or path == report.path:
        return report.text
    return report.model.text_of(path) or ""


def _delta_html(delta: Delta) -> str:
    total = max(len(delta.new) + len(delta.fixed) + len(delta.changed), 1)
    bar = _bar(
        [(len(delta.new), "#dc2626", f"{len(delta.new)} new"), (len(delta.changed), "#d97706", f"{len(delta.changed)} changed"),
         (len(delta.fixed), "#059669", f"{len(delta.fixed)} fixed")],
        total,
        width=420,
    )
    out = [
        f'<section class="delta"><h2>Since {_h(delta.since)}</h2>',
        f'<p class="msg"><b class="delta-new">{len(delta.new)} new</b>, <b class="delta-fixed">{len(delta.fixed)} fixed</b>, '
        f'<b class="delta-changed">{len(delta.changed)} changed</b> (still found, on a rule whose words changed), {delta.known} unchanged.</p>',
        bar,
    ]
    if delta.new:
        out.append("<h3>New</h3><ul class=\"plain new\">")
        out.extend(f"<li>{_item(d.path, d.span.line, d.code, d.rule, d.message)}</li>" for d in delta.new)
        out.append("</ul>")
    if delta.fixed:
        out.append("<h3>Fixed</h3><ul class=\"plain fixed\">")
        out.extend(f"<li>{_item(e.shown or e.path, e.line, e.code, e.rule, e.message)}</li>" for e in delta.fixed)
        out.append("</ul>")
    if delta.changed:
        out.append("<h3>Changed</h3><ul class=\"plain changed\">")
        for d, e in delta.changed:
            was = f' <span class="where">was: {_h(e.message)}</span>' if e.message and e.message != d.message else ""
            out.append(f"<li>{_item(d.path, d.span.line, d.code, d.rule, d.message)}{was}</li>")
        out.append("</ul>")
    for path, changes in delta.rule_changes:
        if not changes:
            continue
        kinds = Counter(c.kind for c in changes)
        out.append(f"<h3>Rules changed in {_h(path)}</h3><p class=\"msg\">" + ", ".join(f"{n} {_h(k)}" for k, n in kinds.items()) + "</p>")
        out.append('<table class="rule-changes"><thead><tr><th>change</th><th>rule</th><th>was</th><th>now</th></tr></thead><tbody>')
        for c in changes:
            out.append(f"<tr><td>{_h(c.kind)}</td><td>{_h(c.rule)}</td><td>{_h(c.old or '')}</td><td>{_h(c.new or '')}</td></tr>")
        out.append("</tbody></table>")
    out.append("</section>")
    return "\n".join(out)


def _item(path, line, code, rule, message) -> str:
    where = _h(path or "") + (f":{line}" if line else "")
    on = f" rule {_h(rule)}" if rule else ""
    return f'<span class="code">{_h(code)}</span> <span class="where">{where}{on}</span> {_h(message)}'
