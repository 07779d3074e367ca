import { describe, expect, it } from "vitest";

import { expandPath, explainStartFailure, findServer, searchPath, type FindInput, type Found } from "../src/server";

function input(overrides: Partial<FindInput> & { executables?: string[] } = {}): FindInput {
  const executables = new Set(overrides.executables ?? []);
  return {
    path: "",
    interpreter: "",
    workspaceFolders: ["/work/specs"],
    trusted: true,
    env: { PATH: "/usr/local/bin:/usr/bin", HOME: "/home/ada" },
    platform: "linux",
    isExecutable: (file) => executables.has(file),
    ...overrides,
  };
}

describe("findServer", () => {
  it("uses speclint.path first, with `lsp`", () => {
    const r = findServer(input({ path: "/opt/speclint/bin/speclint", interpreter: "/usr/bin/python3", executables: ["/opt/speclint/bin/speclint", "/usr/bin/python3"] }));
    expect(r).toMatchObject({ ok: true, command: "/opt/speclint/bin/speclint", args: ["lsp"], source: "path" });
  });

  it("runs the interpreter with -m specdsl.cli lsp", () => {
    const r = findServer(input({ interpreter: "/home/ada/.venv/bin/python", executables: ["/home/ada/.venv/bin/python"] }));
    expect(r).toMatchObject({ ok: true, command: "/home/ada/.venv/bin/python", args: ["-m", "specdsl.cli", "lsp"], source: "interpreter" });
    expect((r as Found).display).toBe("/home/ada/.venv/bin/python -m specdsl.cli lsp");
  });

  it("expands ~, ${workspaceFolder} and relative paths in settings", () => {
    expect(findServer(input({ path: "~/bin/speclint", executables: ["/home/ada/bin/speclint"] }))).toMatchObject({ ok: true, command: "/home/ada/bin/speclint" });
    expect(findServer(input({ interpreter: "${workspaceFolder}/.venv/bin/python", executables: ["/work/specs/.venv/bin/python"] }))).toMatchObject({
      ok: true,
      command: "/work/specs/.venv/bin/python",
    });
    expect(findServer(input({ path: "tools/speclint", executables: ["/work/specs/tools/speclint"] }))).toMatchObject({ ok: true, command: "/work/specs/tools/speclint" });
  });

  it("looks a bare name in a setting up on PATH", () => {
    const r = findServer(input({ interpreter: "python3", executables: ["/usr/bin/python3"] }));
    expect(r).toMatchObject({ ok: true, command: "/usr/bin/python3", source: "interpreter" });
  });

  it("says which setting is wrong, and does not fall back silently", () => {
    const r = findServer(input({ path: "/nope/speclint", executables: ["/usr/bin/speclint"] }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toContain("speclint.path");
      expect(r.problem).toContain("/nope/speclint");
    }
    const i = findServer(input({ interpreter: "/nope/python", executables: ["/usr/bin/speclint"] }));
    expect(i.ok).toBe(false);
    if (!i.ok) {
      expect(i.problem).toContain("speclint.interpreter");
    }
  });

  it("prefers a virtual environment of a trusted workspace to PATH", () => {
    const exes = ["/work/specs/.venv/bin/speclint", "/usr/bin/speclint"];
    expect(findServer(input({ executables: exes }))).toMatchObject({ ok: true, command: "/work/specs/.venv/bin/speclint", source: "venv" });
    expect(findServer(input({ executables: exes, trusted: false }))).toMatchObject({ ok: true, command: "/usr/bin/speclint", source: "PATH" });
  });

  it("finds speclint on PATH in order", () => {
    const r = findServer(input({ executables: ["/usr/bin/speclint", "/usr/local/bin/speclint"] }));
    expect(r).toMatchObject({ ok: true, command: "/usr/local/bin/speclint", args: ["lsp"], source: "PATH" });
  });

  it("tells how to install speclint when nothing is found", () => {
    const r = findServer(input({ env: { PATH: "" } }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.fix).toContain("pip install speclint");
      expect(r.fix).toContain("speclint.path");
      expect(r.fix).toContain("speclint.interpreter");
    }
  });

  it("handles Windows paths and PATHEXT", () => {
    const r = findServer(
      input({
        platform: "win32",
        workspaceFolders: ["C:\\specs"],
        env: { Path: "C:\\Python311\\Scripts;C:\\Windows", PATHEXT: ".EXE;.CMD" },
        executables: ["C:\\Python311\\Scripts\\speclint.exe"],
      }),
    );
    expect(r).toMatchObject({ ok: true, command: "C:\\Python311\\Scripts\\speclint.exe" });
    const venv = findServer(input({ platform: "win32", workspaceFolders: ["C:\\specs"], env: { PATHEXT: ".EXE" }, executables: ["C:\\specs\\.venv\\Scripts\\speclint.exe"] }));
    expect(venv).toMatchObject({ ok: true, source: "venv" });
  });
});

describe("helpers", () => {
  it("expandPath substitutes variables", () => {
    const base = { workspaceFolders: ["/w"], env: { HOME: "/h", PYENV: "/p" }, platform: "linux" };
    expect(expandPath("${userHome}/x", base)).toBe("/h/x");
    expect(expandPath("${env:PYENV}/bin/python", base)).toBe("/p/bin/python");
    expect(expandPath("  speclint  ", base)).toBe("speclint");
  });

  it("searchPath skips empty entries", () => {
    const found = searchPath("speclint", { env: { PATH: "::/a:/b" }, platform: "linux", isExecutable: (f) => f === "/b/speclint" });
    expect(found).toBe("/b/speclint");
  });
});

describe("explainStartFailure", () => {
  const server: Found = { ok: true, command: "/usr/bin/python3", args: ["-m", "specdsl.cli", "lsp"], source: "interpreter", display: "/usr/bin/python3 -m specdsl.cli lsp" };

  it("tells how to install speclint into an interpreter without it", () => {
    const r = explainStartFailure({ found: server, stderr: "/usr/bin/python3: Error while finding module specification for 'specdsl.cli' (ModuleNotFoundError: No module named 'specdsl')\n" });
    expect(r.problem).toContain("does not have speclint");
    expect(r.fix).toContain("/usr/bin/python3 -m pip install speclint");
  });

  it("explains a spawn error", () => {
    expect(explainStartFailure({ found: server, stderr: "", spawnError: "EACCES" }).problem).toContain("EACCES");
  });

  it("recognizes a speclint without the lsp command", () => {
    const r = explainStartFailure({ found: { ...server, args: ["lsp"] }, stderr: "speclint: error: argument command: invalid choice: 'lsp'" });
    expect(r.fix).toContain("--upgrade");
  });

  it("quotes the last line of the error output otherwise", () => {
    const r = explainStartFailure({ found: server, stderr: "Traceback...\nImportError: cannot import name 'x'\n" });
    expect(r.problem).toContain("ImportError: cannot import name 'x'");
  });
});
