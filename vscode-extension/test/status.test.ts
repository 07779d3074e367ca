import { describe, expect, it } from "vitest";

import { describeStatus, parseServerInfo } from "../src/status";

describe("describeStatus", () => {
  it("says which tier runs", () => {
    const v = describeStatus({ state: "running", info: { version: "0.1.0", tier: "lexical", options: { semantic: { enabled: false } } }, server: "speclint lsp" });
    expect(v.text).toBe("$(check) speclint: lexical");
    expect(v.tooltip).toContain("speclint 0.1.0 is running: lexical tier");
    expect(v.tooltip).toContain("Semantic tier: off");
    expect(v.tooltip).toContain("Server: speclint lsp");
    expect(v.error).toBe(false);
  });

  it("explains a semantic tier that was asked for but is not installed", () => {
    const v = describeStatus({ state: "running", info: { tier: "lexical", options: { semantic: { enabled: true } } } });
    expect(v.tooltip).toContain("pip install 'speclint[semantic]'");
    const on = describeStatus({ state: "running", info: { tier: "semantic", options: { semantic: { enabled: true } } } });
    expect(on.text).toBe("$(check) speclint: semantic");
    expect(on.tooltip).toContain("Semantic tier: on");
  });

  it("follows the semantic tier as the server reports it", () => {
    const loading = describeStatus({ state: "running", info: { tier: "loading", semantic: { requested: true, state: "loading" } } });
    expect(loading.text).toBe("$(sync~spin) speclint: lexical");
    expect(loading.tooltip).toContain("loading the model");
    expect(loading.accessibility).toContain("semantic tier loading");
    const ready = describeStatus({ state: "running", info: { tier: "semantic", semantic: { requested: true, state: "ready" } } });
    expect(ready.text).toBe("$(check) speclint: semantic");
    expect(ready.tooltip).toContain("Semantic tier: on");
    const broken = describeStatus({
      state: "running",
      info: { tier: "lexical", semantic: { requested: true, state: "unavailable", reason: "`semantic.model`: x is not a directory" } },
    });
    expect(broken.text).toBe("$(check) speclint: lexical");
    expect(broken.tooltip).toContain("not running: `semantic.model`: x is not a directory");
    const off = describeStatus({ state: "running", info: { tier: "lexical", semantic: { requested: false, state: "off" } } });
    expect(off.tooltip).toContain("Semantic tier: off");
  });

  it("shows starting, restarting and failed states", () => {
    expect(describeStatus({ state: "starting" }).text).toContain("speclint");
    expect(describeStatus({ state: "restarting", detail: "in 2.0 s" }).tooltip).toContain("in 2.0 s");
    const failed = describeStatus({ state: "failed", detail: "not found" });
    expect(failed.error).toBe(true);
    expect(failed.text).toContain("not running");
    expect(failed.accessibility).toBe("speclint not running");
  });
});

describe("parseServerInfo", () => {
  it("keeps only well-typed fields", () => {
    expect(parseServerInfo({ version: "1", tier: 3, options: [] })).toEqual({ version: "1" });
    expect(parseServerInfo(null)).toBeUndefined();
    expect(parseServerInfo([1])).toBeUndefined();
    expect(parseServerInfo({ tier: "semantic", semantic: { requested: true, state: "ready", reason: null } })).toEqual({
      tier: "semantic",
      semantic: { requested: true, state: "ready" },
    });
  });
});
