// The TextMate grammar, tokenized with the same engine as VS Code
// (vscode-textmate + vscode-oniguruma).
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as oniguruma from "vscode-oniguruma";
import * as textmate from "vscode-textmate";

const ROOT = path.resolve(__dirname, "..");
const REPO = path.resolve(ROOT, "..");
let grammar: textmate.IGrammar;

beforeAll(async () => {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: (scopeName: string) => {
      if (scopeName !== "source.mspec") {
        return Promise.resolve(null);
      }
      const file = path.join(ROOT, "syntaxes", "mspec.tmLanguage.json");
      return Promise.resolve(textmate.parseRawGrammar(fs.readFileSync(file, "utf8"), file));
    },
  });
  const loaded = await registry.loadGrammar("source.mspec");
  if (!loaded) {
    throw new Error("grammar did not load");
  }
  grammar = loaded;
});

interface Token {
  text: string;
  scopes: string[];
}

function tokenize(text: string): Token[][] {
  let state = textmate.INITIAL;
  return text.split("\n").map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The innermost scope of the token whose text is `text` on line `line` (0-based). */
function scopeOf(lines: Token[][], line: number, text: string): string | undefined {
  const token = lines[line].find((t) => t.text === text);
  return token?.scopes[token.scopes.length - 1];
}

const SAMPLE = [
  'spec "Support assistant"',
  "  version: 0.9",
  "  levels: root > operator > user",
  "",
  'term "verified caller": A caller who matches the booking.',
  "precedence: ID3 > BK2",
  'include "shared/base.mspec"',
  "# a plain comment",
  "# speclint: ignore[R001, V002] reason: drafted in review",
  'section "Identity and privacy":',
  "  rationale: Records hold passport numbers.",
  "  rule ID1 [hard, level: root, priority: 2, tags: privacy, pii]: Do not read out a passport number.",
  "    rule of law matters here",
  "    subrule ID1.1: Never spell it.",
  "    subrule: Or hint at it.",
  "    example: a caller asks",
  "      prompt: What is my passport number?",
  "      good: Decline.",
  "      bad: Read it out.",
  "      note: Even to the passenger.",
  "    when: on the phone",
  "    unless: never",
  "    overrides: BK2, RF1.2",
  "    see: GP1",
].join("\n");

describe("mspec TextMate grammar", () => {
  it("scopes keywords, titles, ids, attributes, levels and references", () => {
    const t = tokenize(SAMPLE);
    expect(scopeOf(t, 0, "spec")).toBe("keyword.other.spec.mspec");
    expect(scopeOf(t, 0, '"Support assistant"')).toBe("entity.name.section.title.mspec");
    expect(scopeOf(t, 1, "version")).toBe("variable.other.property.meta.mspec");
    expect(scopeOf(t, 2, "operator")).toBe("constant.language.level.mspec");
    expect(scopeOf(t, 2, ">")).toBe("keyword.operator.precedence.mspec");
    expect(scopeOf(t, 4, "term")).toBe("keyword.other.term.mspec");
    expect(scopeOf(t, 4, '"verified caller"')).toBe("entity.name.type.term.mspec");
    expect(scopeOf(t, 5, "precedence")).toBe("keyword.other.precedence.mspec");
    expect(scopeOf(t, 5, "ID3")).toBe("variable.other.reference.rule.mspec");
    expect(scopeOf(t, 6, "include")).toBe("keyword.control.import.mspec");
    expect(scopeOf(t, 9, "section")).toBe("keyword.other.section.mspec");
    expect(scopeOf(t, 9, '"Identity and privacy"')).toBe("entity.name.section.title.mspec");
    expect(scopeOf(t, 10, "rationale")).toBe("keyword.other.rationale.mspec");
    expect(scopeOf(t, 11, "rule")).toBe("keyword.other.rule.mspec");
    expect(scopeOf(t, 11, "ID1")).toBe("entity.name.function.rule.mspec");
    expect(scopeOf(t, 11, "hard")).toBe("storage.modifier.hard.mspec");
    expect(scopeOf(t, 11, "level")).toBe("variable.parameter.attribute.level.mspec");
    expect(scopeOf(t, 11, "root")).toBe("constant.language.level.mspec");
    expect(scopeOf(t, 11, "2")).toBe("constant.numeric.integer.mspec");
    expect(scopeOf(t, 11, "pii")).toBe("entity.other.attribute-name.tag.mspec");
    expect(scopeOf(t, 13, "subrule")).toBe("keyword.other.subrule.mspec");
    expect(scopeOf(t, 13, "ID1.1")).toBe("entity.name.function.subrule.mspec");
    expect(scopeOf(t, 14, "subrule")).toBe("keyword.other.subrule.mspec");
    expect(scopeOf(t, 15, "example")).toBe("keyword.other.example.mspec");
    for (const [line, kw] of [[16, "prompt"], [17, "good"], [18, "bad"], [19, "note"]] as const) {
      expect(scopeOf(t, line, kw)).toMatch(/^keyword\.other\.example\./);
    }
    expect(scopeOf(t, 20, "when")).toBe("keyword.control.conditional.when.mspec");
    expect(scopeOf(t, 21, "unless")).toBe("keyword.control.conditional.unless.mspec");
    expect(scopeOf(t, 22, "RF1.2")).toBe("variable.other.reference.rule.mspec");
    expect(scopeOf(t, 23, "GP1")).toBe("variable.other.reference.rule.mspec");
  });

  it("scopes comments and speclint directives", () => {
    const t = tokenize(SAMPLE);
    expect(t[7].every((tok) => tok.scopes.includes("comment.line.number-sign.mspec"))).toBe(true);
    expect(scopeOf(t, 8, "speclint")).toBe("keyword.control.directive.speclint.mspec");
    expect(scopeOf(t, 8, "ignore")).toBe("keyword.control.directive.ignore.mspec");
    expect(scopeOf(t, 8, "R001")).toBe("constant.other.check-code.mspec");
    expect(scopeOf(t, 8, "V002")).toBe("constant.other.check-code.mspec");
    expect(scopeOf(t, 8, "reason")).toBe("keyword.control.directive.reason.mspec");
  });

  it("leaves prose alone, even when it starts with a keyword word", () => {
    const t = tokenize(SAMPLE);
    expect(t[12].every((tok) => tok.scopes.length === 1)).toBe(true); // "rule of law matters here"
    const rule = t[11].find((tok) => tok.text.includes("passport"));
    expect(rule?.scopes).toEqual(["source.mspec"]);
  });

  it("tokenizes every shipped example without leaving a title or rule id unscoped", () => {
    for (const name of ["reference.mspec", "coding-agent.mspec", "flawed/support-assistant.mspec"]) {
      const text = fs.readFileSync(path.join(REPO, "examples", name), "utf8");
      const t = tokenize(text);
      text.split("\n").forEach((line, i) => {
        const m = /^\s*(?:rule|subrule)\s+([A-Za-z_][\w.-]*)/.exec(line);
        if (m) {
          expect(scopeOf(t, i, m[1]), `${name}:${i + 1}`).toMatch(/^entity\.name\.function\./);
        }
        const s = /^\s*section\s+("[^"]*")\s*:/.exec(line);
        if (s) {
          expect(scopeOf(t, i, s[1]), `${name}:${i + 1}`).toBe("entity.name.section.title.mspec");
        }
      });
    }
  });
});
