"""Precision and recall of the checks on real specs nobody here wrote, judged blind.

    python benchmarks/review.py --half dev                 # per check: precision, recall, unlabelled
    python benchmarks/review.py --half dev --semantic      # what the semantic tier adds, on its own
    python benchmarks/review.py --half test                # the figure that counts (never tuned on)
    python benchmarks/review.py --half all --unlabelled    # list the findings no judge has seen
    python benchmarks/review.py --packets DIR --judge J    # write judging packets for judge J
    python benchmarks/review.py --add-labels DIR           # add a judge's verdict files to the labels
    python benchmarks/review.py --half dev --judge-answers tests/data/review/judge-answers/prompt-v4
                                                           # C002 with a model judge replayed from recorded answers

The documents are those of `tests/data/review/split.yaml`, linted as
`speclint check` lints them (the installed command, JSON output, no
configuration, no cache). Each finding has a key that does not depend on its
message: `CODE:line:column`, and for a finding that names other rules (a
conflict, a duplicate) `~line` for each of them. The documents are frozen, so
a key names the same place in every run; a change that moves a finding gives
it a new key, which must be judged before a figure is reported.

**Precision** comes from `tests/data/review/labels/<slug>.yaml`: each label is
one judge's verdict on one finding (true or false, with a reason), given by a
judge who saw only the document, the check's documentation (`speclint rule
CODE`) and the finding. A finding's verdict is its judges' agreement; when two
disagree, a third's vote decides. Findings with no verdict yet are reported as
`unlabelled` and left out of precision (`--strict` counts them as false).

**Recall** comes from the blind readings (`readings/<slug>*.yaml`): each
defect a reader listed on a statement is recalled when a finding of a code
that reports that kind of defect starts on the statement's line (for R005,
whose finding sits on the rule over a list, when the statement is one of the
lines the rule covers); a conflict the reader listed is recalled when one
conflict finding joins two of its lines.

The semantic tier is measured on what it adds: the findings of a
`--semantic` run whose keys the lexical run does not have. With
`--judge-answers`, only the conflict checks run (`--semantic --judge`, the
judge a loopback replay of a model's recorded answers: `judge_replay.py`),
and the figures are C002's precision and the readers' conflicts found.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
REVIEW = DATA / "review"
LABELS = REVIEW / "labels"

#: The codes that report each kind of defect a reader lists (READING.md).
DEFECT_CODES = {
    "no-reason": ("R001", "R002", "R005"),
    "judgment": ("V001",),
    "escape": ("V003",),
    "open-list": ("V004",),
    "vague": ("V002",),
    "self-preservation": ("M003",),
    "ends-justify-means": ("M001",),
    "turnable-safety": ("M002",),
}
CONFLICT_CODES = ("C001", "C002", "C004")
#: Kinds whose recall the issue holds to a target of its own.
KEY_KINDS = ("no-reason", "judgment", "self-preservation", "ends-justify-means")


sys.path.insert(0, str(Path(__file__).resolve().parent))
from judge_replay import replayed  # noqa: E402
from reading import _yaml as _yaml_load, readings  # noqa: E402  (the same files, read the same way)


def split() -> dict[str, dict]:
    return _yaml_load(REVIEW / "split.yaml")["documents"]


def doc_path(entry: dict) -> Path:
    return DATA / entry["path"]


@dataclass
class Finding:
    slug: str
    code: str
    line: int
    column: int
    end_line: int
    rule: str | None
    message: str
    related: tuple[int, ...] = ()
    text: str = ""
    severity: str = "warning"

    @property
    def key(self) -> str:
        key = f"{self.code}:{self.line}:{self.column}"
        return key + "".join(f"~{n}" for n in self.related)


def _speclint() -> list[str]:
    exe = shutil.which("speclint")
    return [exe] if exe else [sys.executable, "-m", "specdsl.cli"]


def lint(slugs: list[str], semantic: bool = False, judge_answers: Path | None = None) -> dict[str, list[Finding]]:
    """The findings of `speclint check` on the documents, by slug. With `judge_answers`, a
    `--semantic --judge` run of the conflict checks whose judge is a replay of the answers
    recorded in that folder (`judge_replay.py`)."""
    docs = split()
    paths = {str(doc_path(docs[s]).resolve()): s for s in slugs}
    # the checks that are off by default are measured too (they are off because of what is measured here)
    cmd = _speclint() + ["check", "--format", "json", "--no-cache", "--exit-zero", "--jobs", "2"]
    if judge_answers is not None:
        cmd += ["--semantic", "--judge", "--select", ",".join(CONFLICT_CODES)]
    else:
        cmd += ["--extend-select", "C002,C003"]
        if semantic:
            cmd.append("--semantic")
    env = dict(os.environ, NO_COLOR="1")
    with tempfile.TemporaryDirectory(prefix="speclint-review-") as cwd:  # so no configuration of the caller's applies
        with contextlib.nullcontext([]) if judge_answers is None else replayed(judge_answers, Path(cwd)) as extra:
            out = subprocess.run(cmd + extra + sorted(paths), capture_output=True, text=True, cwd=cwd, env=env)
    if out.returncode != 0:
        raise SystemExit(f"speclint failed ({out.returncode}): {out.stderr.strip()[:2000]}")
    report = json.loads(out.stdout)
    found: dict[str, list[Finding]] = {s: [] for s in slugs}
    for d in report["diagnostics"]:
        slug = paths.get(str(Path(d["path"]).resolve()))
        if slug is None:
            continue
        start, end = d["range"]["start"], d["range"]["end"]
        related = tuple(sorted({r["range"]["start"]["line"] for r in d.get("related") or [] if r.get("range")}))
        found[slug].append(
            Finding(slug, d["code"], start["line"], start["column"], end["line"], d.get("rule"), d["message"], related,
                    severity=d.get("severity", "warning"))
        )
    for slug, items in found.items():
        _attach_text(slug, items)
    return found


def _attach_text(slug: str, items: list[Finding]) -> None:
    """The words of the rule each finding is on, as the reader read them (for the judges)."""
    if not items:
        return
    from specdsl.model.frontends import parse_any

    path = doc_path(split()[slug])
    spec = parse_any(path.read_text(encoding="utf-8"), str(path))
    by_id = {r.id.name if hasattr(r.id, "name") else str(r.id): r for r in spec.rules() if getattr(r, "id", None)}
    for f in items:
        rule = by_id.get(f.rule or "")
        if rule is not None and rule.text is not None:
            f.text = " ".join(rule.text.text.split())
            end = _rule_end(rule)
            if end:
                f.end_line = max(f.end_line, end)


def _rule_end(rule) -> int:
    """The last line a rule's words (and its subrules') cover."""
    last = 0
    stack = [rule]
    while stack:
        r = stack.pop()
        if r.text is not None:
            span = r.text.span
            last = max(last, getattr(span, "end_line", None) or span.line)
        stack.extend(getattr(r, "subrules", None) or [])
    return last


# -- labels ------------------------------------------------------------------


def labels(slug: str) -> list[dict]:
    path = LABELS / f"{slug}.yaml"
    if not path.exists():
        return []
    data = _yaml_load(path) or {}
    return list(data.get("labels") or [])


def verdicts(slug: str) -> dict[str, bool | None]:
    """Each judged key's verdict: the judges' agreement, a majority of three, or None while split."""
    votes: dict[str, list[bool]] = defaultdict(list)
    for label in labels(slug):
        votes[str(label["key"])].append(bool(label["verdict"]))
    out: dict[str, bool | None] = {}
    for key, vs in votes.items():
        yes = sum(vs)
        no = len(vs) - yes
        if len(vs) == 1:
            out[key] = None  # one judge is not a label yet
        elif yes != no:
            out[key] = yes > no
        else:
            out[key] = None
    return out


def judged_by(slug: str) -> dict[str, set[str]]:
    by: dict[str, set[str]] = defaultdict(set)
    for label in labels(slug):
        by[str(label["key"])].add(str(label["judge"]))
    return by


# -- figures -----------------------------------------------------------------


@dataclass
class Tally:
    true: int = 0
    false: int = 0
    unlabelled: int = 0
    split: int = 0

    def precision(self, strict: bool = False) -> float | None:
        judged = self.true + self.false + ((self.unlabelled + self.split) if strict else 0)
        return self.true / judged if judged else None


@dataclass
class Recall:
    listed: int = 0
    found: int = 0

    def value(self) -> float | None:
        return self.found / self.listed if self.listed else None


@dataclass
class Figures:
    precision: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    recall: dict[str, Recall] = field(default_factory=lambda: defaultdict(Recall))
    unlabelled: list[Finding] = field(default_factory=list)
    #: The findings a default run fails on (warning or error, of checks on by default).
    failing: Tally = field(default_factory=Tally)
    #: A judged run (`--judge-answers`): only the conflict checks ran.
    conflicts_only: bool = False


#: Checks that run only when named (measured here all the same).
OFF_BY_DEFAULT = ("C002", "C003")


def precision_of(findings: dict[str, list[Finding]], figures: Figures) -> None:
    for slug, items in findings.items():
        v = verdicts(slug)
        for f in items:
            tallies = [figures.precision[f.code]]
            if f.severity in ("warning", "error") and f.code not in OFF_BY_DEFAULT:
                tallies.append(figures.failing)
            if f.key not in v or v[f.key] is None:
                figures.unlabelled.append(f)
            for tally in tallies:
                if f.key not in v:
                    tally.unlabelled += 1
                elif v[f.key] is None:
                    tally.split += 1
                elif v[f.key]:
                    tally.true += 1
                else:
                    tally.false += 1


def recall_of(findings: dict[str, list[Finding]], figures: Figures) -> None:
    for slug, items in findings.items():
        starts: dict[str, set[int]] = defaultdict(set)
        covers: list[tuple[int, int]] = []
        pairs: list[set[int]] = []
        for f in items:
            starts[f.code].add(f.line)
            if f.code == "R005":
                covers.append((f.line, f.end_line))
            if f.code in CONFLICT_CODES:
                pairs.append({f.line, *f.related})
        for reading in readings(slug):
            for st in reading.get("statements") or []:
                line = int(st["line"])
                for kind in st.get("defects") or []:
                    codes = DEFECT_CODES.get(kind)
                    if not codes:
                        continue
                    r = figures.recall[kind]
                    r.listed += 1
                    hit = any(line in starts[c] for c in codes)
                    if not hit and "R005" in codes:
                        hit = any(a < line <= b for a, b in covers)
                    r.found += hit
            for conflict in reading.get("conflicts") or []:
                lines = {int(n) for n in conflict.get("lines") or []}
                r = figures.recall["conflict"]
                r.listed += 1
                r.found += any(len(p & lines) >= 2 for p in pairs)


def drawn(draw: int) -> set[str]:
    """The documents of one draw of the split (1: `make_split.py`, N: `make_splitN.py`): a batch
    measured by itself, e.g. before anything was tuned on it."""
    import importlib.util

    name = "make_split.py" if draw == 1 else f"make_split{draw}.py"
    path = REVIEW / name
    if not path.is_file():
        raise SystemExit(f"no draw {draw}: {path.relative_to(ROOT)} does not exist")
    spec = importlib.util.spec_from_file_location(f"_draw{draw}", path)
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(REVIEW))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(REVIEW))
    return set(module.DOCUMENTS)


def measure(half: str, semantic: bool = False, draw: int | None = None, judge_answers: Path | None = None) -> Figures:
    docs = split()
    only = drawn(draw) if draw is not None else None
    slugs = [s for s, e in docs.items() if (half == "all" or e["half"] == half) and (only is None or s in only)]
    figures = Figures(conflicts_only=judge_answers is not None)
    if judge_answers is not None:
        # the judge's findings (C002 decided by the recorded answers), and the conflicts
        # the readers listed that any conflict finding of that run joins
        judged = lint(slugs, judge_answers=judge_answers)
        precision_of({s: [f for f in judged[s] if f.code == "C002"] for s in slugs}, figures)
        recall_of(judged, figures)
        return figures
    lexical = lint(slugs)
    if semantic:
        full = lint(slugs, semantic=True)
        seen = {s: {f.key for f in lexical[s]} for s in slugs}
        added = {s: [f for f in full[s] if f.key not in seen[s]] for s in slugs}
        precision_of(added, figures)
        recall_of(full, figures)
    else:
        precision_of(lexical, figures)
        recall_of(lexical, figures)
    return figures


def overall(figures: Figures, skip: tuple[str, ...] = ()) -> Tally:
    """The tallies of every check but those of `skip`, added up."""
    total = Tally()
    for code, t in figures.precision.items():
        if code in skip:
            continue
        total.true += t.true
        total.false += t.false
        total.unlabelled += t.unlabelled
        total.split += t.split
    return total


def overall_recall(figures: Figures) -> Recall:
    total = Recall()
    for kind, r in figures.recall.items():
        if kind == "conflict":
            continue
        total.listed += r.listed
        total.found += r.found
    return total


def _fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:.2f}"


def report(figures: Figures, half: str, tier: str, strict: bool) -> str:
    lines = [f"review corpus, {half} half, {tier} tier" + (" (unlabelled counted false)" if strict else "")]
    lines.append(f"{'check':<8}{'precision':>10}{'true':>6}{'false':>7}{'unlab.':>8}")
    for code in sorted(figures.precision):
        t = figures.precision[code]
        lines.append(f"{code:<8}{_fmt(t.precision(strict)):>10}{t.true:>6}{t.false:>7}{t.unlabelled + t.split:>8}")
    t = overall(figures)
    lines.append(f"{'all':<8}{_fmt(t.precision(strict)):>10}{t.true:>6}{t.false:>7}{t.unlabelled + t.split:>8}")
    conflicts_only = figures.conflicts_only
    if not conflicts_only:
        if any(code in figures.precision for code in OFF_BY_DEFAULT):
            t = overall(figures, skip=OFF_BY_DEFAULT)
            lines.append(f"{'default':<8}{_fmt(t.precision(strict)):>10}{t.true:>6}{t.false:>7}{t.unlabelled + t.split:>8}"
                         f"   (the checks on by default: all but {', '.join(OFF_BY_DEFAULT)})")
        t = figures.failing
        lines.append(f"{'failing':<8}{_fmt(t.precision(strict)):>10}{t.true:>6}{t.false:>7}{t.unlabelled + t.split:>8}"
                     "   (warnings and errors of a default run)")
    lines.append("")
    lines.append(f"{'defect':<20}{'recall':>8}{'found':>7}{'listed':>8}")
    for kind in ["conflict"] if conflicts_only else list(DEFECT_CODES) + ["conflict"]:
        r = figures.recall.get(kind) or Recall()
        lines.append(f"{kind:<20}{_fmt(r.value()):>8}{r.found:>7}{r.listed:>8}")
    if not conflicts_only:
        r = overall_recall(figures)
        lines.append(f"{'all but conflicts':<20}{_fmt(r.value()):>8}{r.found:>7}{r.listed:>8}")
    return "\n".join(lines)


# -- the figures the checks' documentation shows ------------------------------------

#: Where `speclint rule CODE` reads each check's measured precision.
MEASURED = ROOT / "specdsl" / "checks" / "measured.json"


def measured(dev: Figures, test: Figures) -> dict:
    """Each check's blind-judged precision on both halves (lexical tier), as `measured.json` holds it."""
    checks: dict[str, dict] = {}
    for half, figures in (("dev", dev), ("test", test)):
        for code, t in figures.precision.items():
            checks.setdefault(code, {})[half] = {
                "precision": None if t.precision() is None else round(t.precision(), 2),
                "judged": t.true + t.false,
                "unjudged": t.unlabelled + t.split,
            }
    docs = split()
    return {
        "what": "precision of each check on real public specs nobody on the project wrote, judged blind "
                "(benchmarks/review.py); 'test' is the held-out half, never tuned on",
        "documents": {half: sum(1 for e in docs.values() if e["half"] == half) for half in ("dev", "test")},
        "checks": {code: checks[code] for code in sorted(checks)},
    }


# -- judging packets ---------------------------------------------------------


def packets(out: Path, judge: str, half: str, semantic: bool, third: bool, judge_answers: Path | None = None) -> int:
    """Write, per document, the findings judge `judge` has not judged yet (with `third`: only those
    two judges split on). Returns how many findings were written."""
    docs = split()
    slugs = [s for s, e in docs.items() if half == "all" or e["half"] == half]
    found = lint(slugs, semantic=semantic, judge_answers=judge_answers)
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for slug in slugs:
        by = judged_by(slug)
        v = verdicts(slug)
        todo = []
        for f in found[slug]:
            if judge in by.get(f.key, set()):
                continue
            if third:
                if not (f.key in v and v[f.key] is None and len(by[f.key]) >= 2):
                    continue
            elif f.key in v and v[f.key] is not None:
                continue
            elif len(by.get(f.key, ())) >= 2:
                continue
            todo.append(f)
        if not todo:
            continue
        seen: set[str] = set()
        lines = [f"document: {slug}", f"path: {doc_path(docs[slug]).relative_to(ROOT)}", "findings:"]
        for f in todo:
            if f.key in seen:
                continue
            seen.add(f.key)
            lines.append(f"  - key: {json.dumps(f.key)}")
            lines.append(f"    code: {f.code}")
            lines.append(f"    lines: [{f.line}, {max(f.line, f.end_line)}]")
            if f.related:
                lines.append(f"    other_lines: {list(f.related)}")
            lines.append(f"    rule_text: {json.dumps(f.text[:600], ensure_ascii=False)}")
            lines.append(f"    message: {json.dumps(_plain(f.message), ensure_ascii=False)}")
            written += 1
        (out / f"{slug}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return written


def _plain(message: str) -> str:
    """The finding's message without the advice on what to write (which names the tool's syntax)."""
    return re.split(r";\s*(add|write|say|give|name)\b", message, maxsplit=1)[0]


def add_labels(folder: Path) -> int:
    """Add the verdicts of the judge files in `folder` (`<slug>[.partN].yaml`, the shape of the
    judges' brief) to `labels/<slug>.yaml`, after the labels already there. A verdict a judge
    already gave on a key is not added twice. Returns how many were added."""
    added = 0
    for path in sorted(folder.glob("*.yaml")):
        data = _yaml_load(path) or {}
        slug = str(data.get("document") or path.name.split(".")[0])
        judge = str(data["judge"])
        have = {(str(l["key"]), str(l["judge"])) for l in labels(slug)}
        new = []
        for label in data.get("labels") or []:
            key = str(label["key"])
            if (key, judge) in have or not isinstance(label.get("verdict"), bool):
                continue
            have.add((key, judge))
            reason = " ".join(str(label.get("reason", "")).split())
            new.append(
                f"  - {{key: {json.dumps(key)}, judge: {json.dumps(judge)}, verdict: {str(label['verdict']).lower()}, "
                f"reason: {json.dumps(reason, ensure_ascii=False)}}}"
            )
        if not new:
            continue
        target = LABELS / f"{slug}.yaml"
        LABELS.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.write_text(
                "# Blind verdicts on speclint's findings in this document: only ever added to\n"
                "# (see ../README.md). A finding's verdict is its judges' agreement, or a third's vote.\n"
                f"document: {slug}\nlabels:\n",
                encoding="utf-8",
            )
        with target.open("a", encoding="utf-8") as out:
            out.write("\n".join(new) + "\n")
        added += len(new)
    return added


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--half", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--semantic", action="store_true", help="measure what the semantic tier adds")
    ap.add_argument("--strict", action="store_true", help="count unlabelled findings as false")
    ap.add_argument("--unlabelled", action="store_true", help="list the findings without a verdict")
    ap.add_argument("--draw", type=int, metavar="N", help="only the documents of draw N of the split (make_splitN.py)")
    ap.add_argument("--packets", type=Path, help="write judging packets into this folder")
    ap.add_argument("--judge", default="judge", help="the judge the packets are for")
    ap.add_argument("--third", action="store_true", help="packets of the findings two judges split on")
    ap.add_argument("--judge-answers", type=Path, metavar="DIR",
                    help="measure the conflict checks with a model judge replayed from the answers recorded in DIR (judge_replay.py)")
    ap.add_argument("--add-labels", type=Path, metavar="DIR", help="add a judge's verdict files to the labels")
    ap.add_argument("--write-measured", action="store_true", help=f"write both halves' figures to {MEASURED.relative_to(ROOT)}")
    args = ap.parse_args(argv)
    if args.write_measured:
        MEASURED.write_text(json.dumps(measured(measure("dev"), measure("test")), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MEASURED.relative_to(ROOT)}")
        return 0
    if args.add_labels:
        print(f"{add_labels(args.add_labels)} verdicts added")
        return 0
    if args.packets:
        n = packets(args.packets, args.judge, args.half, args.semantic, args.third, args.judge_answers)
        print(f"{n} findings to judge written to {args.packets}")
        return 0
    figures = measure(args.half, args.semantic, args.draw, args.judge_answers)
    half = args.half if args.draw is None else f"{args.half} (draw {args.draw} only)"
    tier = "judge (recorded answers)" if args.judge_answers else "semantic (added)" if args.semantic else "lexical"
    print(report(figures, half, tier, args.strict))
    if args.unlabelled:
        by_code = Counter(f.code for f in figures.unlabelled)
        print(f"\n{len(figures.unlabelled)} findings without a verdict: {dict(by_code)}")
        for f in figures.unlabelled:
            print(f"  {f.slug}  {f.key}  {f.text[:70]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
