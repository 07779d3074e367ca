// package.json and the files it points to agree with each other and with the code.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

import { RESTART_KEYS, SERVER_KEYS } from "../src/settings";

const ROOT = path.resolve(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const source = fs.readFileSync(path.join(ROOT, "src", "extension.ts"), "utf8");

describe("package.json", () => {
  it("activates on the mspec language and registers .mspec", () => {
    expect(pkg.activationEvents).toContain("onLanguage:mspec");
    const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === "mspec");
    expect(lang.extensions).toContain(".mspec");
    expect(pkg.contributes.grammars[0]).toMatchObject({ language: "mspec", scopeName: "source.mspec" });
  });

  it("points only at files that exist and parse", () => {
    const files = [
      pkg.main.replace(/^\.\//, "").replace("dist/extension.js", "src/extension.ts"),
      pkg.contributes.languages[0].configuration,
      ...pkg.contributes.grammars.map((g: { path: string }) => g.path),
      ...pkg.contributes.snippets.map((s: { path: string }) => s.path),
    ];
    for (const f of files) {
      const full = path.join(ROOT, f);
      expect(fs.existsSync(full), f).toBe(true);
      if (f.endsWith(".json")) {
        expect(() => JSON.parse(fs.readFileSync(full, "utf8")), f).not.toThrow();
      }
    }
  });

  it("declares every command the extension registers, and no other", () => {
    const registered = [...source.matchAll(/cmd\("([\w.]+)"/g)].map((m) => m[1]).sort();
    const declared = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    expect(registered).toEqual(declared);
    // The server's own commands are registered by the language client; ours must not clash with them.
    expect(declared).not.toContain("speclint.stats");
    expect(declared).not.toContain("speclint.serverInfo");
  });

  it("declares every setting the client reads", () => {
    const props = Object.keys(pkg.contributes.configuration.properties);
    for (const key of [...RESTART_KEYS, ...SERVER_KEYS, "speclint.trace.server"]) {
      expect(props, key).toContain(key);
    }
  });

  it("keeps @types/vscode within engines.vscode (vsce refuses otherwise)", () => {
    const engine = pkg.engines.vscode.replace(/^\^/, "");
    expect(pkg.devDependencies["@types/vscode"].replace(/^[\^~]/, "") <= engine).toBe(true);
  });

  it("has snippets for a rule with rationale, subrule, example, section and term", () => {
    const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, "snippets", "mspec.json"), "utf8"));
    const prefixes = Object.values(snippets).flatMap((s) => (s as { prefix: string | string[] }).prefix);
    for (const p of ["rule", "subrule", "example", "section", "term"]) {
      expect(prefixes).toContain(p);
    }
    expect(snippets["Rule with a rationale"].body.join("\n")).toContain("rationale:");
  });

  it("indents after block headers and folds by indentation", () => {
    const cfg = JSON.parse(fs.readFileSync(path.join(ROOT, "language-configuration.json"), "utf8"));
    expect(cfg.comments.lineComment).toBe("#");
    expect(cfg.folding.offSide).toBe(true);
    const increase = new RegExp(cfg.indentationRules.increaseIndentPattern);
    for (const line of ['section "Conduct":', "  rule CD1 [level: operator]: Use good judgment.", "    subrule: x", "  example:", 'spec "T"']) {
      expect(increase.test(line), line).toBe(true);
    }
    for (const line of ["  rationale: because", "    rule of law matters", "# rule X: y"]) {
      expect(increase.test(line), line).toBe(false);
    }
    const word = new RegExp(cfg.wordPattern, "g");
    expect("see BK5.1.".match(word)).toEqual(["see", "BK5.1", "."].filter((w) => w !== "."));
  });
});
