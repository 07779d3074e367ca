// The answer of the server's `speclint.stats` command as a Markdown report.
// Pure logic (no `vscode` import).

interface Row {
  name?: unknown;
  rules?: unknown;
  rationale_coverage?: unknown;
  vague_per_100_rules?: unknown;
  conflicts?: unknown;
  hard_without_own_rationale?: unknown;
}

interface FileRow extends Row {
  path?: unknown;
  sections?: unknown;
}

function num(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function cell(value: string): string {
  return value.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function row(r: Row, name: string): string {
  return `| ${cell(name)} | ${num(r.rules)} | ${num(r.rationale_coverage).toFixed(0)}% | ${num(r.vague_per_100_rules).toFixed(1)} | ${num(r.conflicts)} | ${num(r.hard_without_own_rationale)} |`;
}

/** Markdown for the statistics of one or more files; `relative` shortens paths for display. */
export function formatStatistics(result: unknown, relative: (p: string) => string = (p) => p): string | undefined {
  if (!Array.isArray(result) || result.length === 0) {
    return undefined;
  }
  const out: string[] = ["# speclint statistics", ""];
  for (const item of result as FileRow[]) {
    if (!item || typeof item !== "object") {
      continue;
    }
    const file = typeof item.path === "string" ? relative(item.path) : "(unsaved spec)";
    out.push(`## ${file}`, "");
    const hard = num(item.hard_without_own_rationale);
    out.push(
      `${plural(num(item.rules), "rule")}, ${num(item.rationale_coverage).toFixed(0)}% with a rationale, ` +
        `${num(item.vague_per_100_rules).toFixed(1)} vague phrases per 100 rules, ${plural(num(item.conflicts), "conflict")}, ` +
        `${plural(hard, "hard rule")} without ${hard === 1 ? "its" : "their"} own rationale.`,
      "",
    );
    out.push("| section | rules | rationale | vague/100 | conflicts | hard w/o rationale |");
    out.push("|---|---:|---:|---:|---:|---:|");
    out.push(row(item, "**whole file**"));
    const sections = Array.isArray(item.sections) ? (item.sections as Row[]) : [];
    for (const s of sections) {
      if (s && typeof s === "object") {
        out.push(row(s, typeof s.name === "string" ? s.name : "?"));
      }
    }
    out.push("");
  }
  out.push("Rationale: the share of rules with a value explanation (their own, a parent's or their section's).");
  return out.join("\n") + "\n";
}
