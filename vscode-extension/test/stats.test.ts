import { describe, expect, it } from "vitest";

import { formatStatistics } from "../src/stats";

const sample = [
  {
    path: "/w/examples/flawed/support-assistant.mspec",
    name: "/w/examples/flawed/support-assistant.mspec",
    rules: 28,
    rationale_coverage: 64.3,
    vague_per_100_rules: 32.1,
    conflicts: 3,
    hard_without_own_rationale: 1,
    sections: [{ name: "Identity | privacy", rules: 3, rationale_coverage: 100, vague_per_100_rules: 0, conflicts: 1, hard_without_own_rationale: 1 }],
  },
];

describe("formatStatistics", () => {
  it("renders a file's totals and its sections as a table", () => {
    const md = formatStatistics(sample, (p) => p.replace("/w/", ""))!;
    expect(md).toContain("## examples/flawed/support-assistant.mspec");
    expect(md).toContain("28 rules, 64% with a rationale");
    expect(md).toContain("3 conflicts, 1 hard rule without its own rationale.");
    expect(md).toContain("| **whole file** | 28 | 64% | 32.1 | 3 | 1 |");
    expect(md).toContain("| Identity \\| privacy | 3 | 100% | 0.0 | 1 | 1 |");
  });

  it("returns undefined when there is nothing to show", () => {
    expect(formatStatistics([])).toBeUndefined();
    expect(formatStatistics(null)).toBeUndefined();
  });

  it("survives odd input", () => {
    expect(formatStatistics([{ rules: "x", sections: "y" }, 7])).toContain("(unsaved spec)");
  });
});
