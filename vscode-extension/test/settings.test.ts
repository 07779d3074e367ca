import { describe, expect, it } from "vitest";

import { buildServerSettings, changeKind, configOptsInMarkdown, DEFAULTS } from "../src/settings";

function getter(values: Record<string, unknown>) {
  return (key: string) => values[key];
}

describe("buildServerSettings", () => {
  it("gives the server's defaults when nothing is set", () => {
    const { settings, problems } = buildServerSettings(getter({}));
    expect(settings).toEqual(DEFAULTS);
    expect(problems).toEqual([]);
  });

  it("passes every option the server accepts, under the server's names", () => {
    const { settings } = buildServerSettings(
      getter({ "semantic.enabled": true, severity: { V002: "warning", r004: "off" }, debounceMs: 300, markdown: true, codeLens: false }),
    );
    expect(settings).toEqual({
      semantic: { enabled: true },
      severity: { V002: "warning", R004: "off" },
      debounceMs: 300,
      markdown: true,
      codeLens: false,
    });
  });

  it("does not pass the client's own settings (path, interpreter, trace)", () => {
    const { settings } = buildServerSettings(getter({ path: "/x", interpreter: "/y", "trace.server": "verbose" }));
    expect(Object.keys(settings).sort()).toEqual(["codeLens", "debounceMs", "markdown", "semantic", "severity"]);
  });

  it("drops bad values with a note instead of sending them", () => {
    const { settings, problems } = buildServerSettings(
      getter({ severity: { V002: "loud", nonsense: "error", R001: "Error" }, debounceMs: 99999, "semantic.enabled": "yes" }),
    );
    expect(settings.severity).toEqual({ R001: "error" });
    expect(settings.debounceMs).toBe(5000);
    expect(settings.semantic.enabled).toBe(false);
    expect(problems).toHaveLength(4);
  });

  it("rejects a severity that is not an object", () => {
    const { settings, problems } = buildServerSettings(getter({ severity: ["R001"] }));
    expect(settings.severity).toEqual({});
    expect(problems[0]).toContain("speclint.severity");
  });
});

describe("changeKind", () => {
  const affects = (...keys: string[]) => (key: string) => keys.some((k) => k === key || k.startsWith(key + "."));

  it("restarts the server for the settings that start it", () => {
    expect(changeKind(affects("speclint.path"))).toBe("restart");
    expect(changeKind(affects("speclint.interpreter"))).toBe("restart");
    expect(changeKind(affects("speclint.markdown"))).toBe("restart");
  });

  it("sends other server settings to the running server", () => {
    expect(changeKind(affects("speclint.semantic.enabled"))).toBe("settings");
    expect(changeKind(affects("speclint.severity"))).toBe("settings");
    expect(changeKind(affects("speclint.debounceMs"))).toBe("settings");
    expect(changeKind(affects("speclint.codeLens"))).toBe("settings");
  });

  it("ignores the rest", () => {
    expect(changeKind(affects("speclint.trace.server"))).toBe("none");
    expect(changeKind(affects("editor.fontSize"))).toBe("none");
  });
});

describe("configOptsInMarkdown", () => {
  it("reads a YAML markdown list", () => {
    expect(configOptsInMarkdown(".speclint.yaml", "select: [ALL]\nmarkdown: [\"specs/*.md\"]\n")).toBe(true);
    expect(configOptsInMarkdown(".speclint.yaml", "markdown:\n  # specs\n  - \"docs/spec.md\"\n")).toBe(true);
    expect(configOptsInMarkdown(".speclint.yml", "markdown: []\n")).toBe(false);
    expect(configOptsInMarkdown(".speclint.yaml", "ignore: [V002]\n")).toBe(false);
    expect(configOptsInMarkdown(".speclint.yaml", "format:\n  markdown: x\n")).toBe(false);
  });

  it("reads [tool.speclint] in pyproject.toml", () => {
    expect(configOptsInMarkdown("/a/pyproject.toml", "[tool.speclint]\nmarkdown = [\"spec.md\"]\n")).toBe(true);
    expect(configOptsInMarkdown("/a/pyproject.toml", "[tool.other]\nmarkdown = [\"spec.md\"]\n")).toBe(false);
    expect(configOptsInMarkdown("/a/pyproject.toml", "[tool.speclint]\nmarkdown = [\n  \"a.md\",\n]\n")).toBe(true);
  });
});
