// Finding the speclint language server: pure logic (no `vscode` import), so
// that it is unit-tested in plain Node.
//
// Order: `speclint.path`, then `speclint.interpreter`, then a virtual
// environment in a workspace folder (trusted workspaces only), then
// `speclint` on PATH.

import * as path from "node:path";

export interface FindInput {
  /** `speclint.path`: the speclint executable (runs `<path> lsp`). */
  path: string;
  /** `speclint.interpreter`: a Python with speclint (runs `<python> -m specdsl.cli lsp`). */
  interpreter: string;
  /** Absolute paths of the workspace folders, first one first. */
  workspaceFolders: string[];
  /** Whether the workspace is trusted: only then are its virtual environments used. */
  trusted: boolean;
  env: { PATH?: string; Path?: string; HOME?: string; USERPROFILE?: string; PATHEXT?: string };
  platform: string;
  /** Whether `file` exists and is an executable file. */
  isExecutable(file: string): boolean;
}

export type ServerSource = "path" | "interpreter" | "venv" | "PATH";

export interface Found {
  ok: true;
  command: string;
  args: string[];
  source: ServerSource;
  /** For people: the command line that is run. */
  display: string;
}

export interface NotFound {
  ok: false;
  /** What is wrong, in one sentence. */
  problem: string;
  /** What to do about it. */
  fix: string;
}

export type FindResult = Found | NotFound;

export const INSTALL_HINT = "pip install speclint";
export const LSP_ARGS = ["lsp"];
export const MODULE_ARGS = ["-m", "specdsl.cli", "lsp"];
export const VENV_DIRS = [".venv", "venv", "env", ".env"];

function isWindows(platform: string): boolean {
  return platform === "win32";
}

function pathModule(platform: string): typeof path.posix {
  return isWindows(platform) ? path.win32 : path.posix;
}

/** Replace `~`, `${userHome}`, `${workspaceFolder}` and `${env:NAME}`; make a relative path absolute. */
export function expandPath(raw: string, input: Pick<FindInput, "workspaceFolders" | "env" | "platform">): string {
  const p = pathModule(input.platform);
  const home = input.env.HOME ?? input.env.USERPROFILE ?? "";
  const folder = input.workspaceFolders[0] ?? "";
  let value = raw.trim();
  value = value.replace(/\$\{userHome\}/g, home).replace(/\$\{workspaceFolder\}/g, folder);
  value = value.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
    const env = input.env as Record<string, string | undefined>;
    return env[name] ?? "";
  });
  if (value === "~" || value.startsWith("~/") || value.startsWith("~\\")) {
    value = home + value.slice(1);
  }
  const bare = !value.includes("/") && !value.includes("\\");
  if (!bare && !p.isAbsolute(value) && folder) {
    value = p.resolve(folder, value);
  }
  return value;
}

function executableNames(name: string, input: Pick<FindInput, "platform" | "env">): string[] {
  if (!isWindows(input.platform)) {
    return [name];
  }
  const exts = (input.env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").split(";").filter(Boolean);
  return [name, ...exts.map((e) => name + e.toLowerCase())];
}

/** `which`: the first executable called `name` on PATH. */
export function searchPath(name: string, input: Pick<FindInput, "env" | "platform" | "isExecutable">): string | undefined {
  const p = pathModule(input.platform);
  const sep = isWindows(input.platform) ? ";" : ":";
  const dirs = (input.env.PATH ?? input.env.Path ?? "").split(sep).filter(Boolean);
  for (const dir of dirs) {
    for (const candidate of executableNames(name, input)) {
      const full = p.join(dir, candidate);
      if (input.isExecutable(full)) {
        return full;
      }
    }
  }
  return undefined;
}

/** An executable given in a setting: a path, or a bare name looked up on PATH. */
function resolveSetting(raw: string, input: FindInput): string | undefined {
  const value = expandPath(raw, input);
  if (!value.includes("/") && !value.includes("\\")) {
    return searchPath(value, input);
  }
  for (const candidate of executableNames(value, input)) {
    if (input.isExecutable(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\$`])/g, "\\$1")}"`;
}

export function commandLine(command: string, args: string[]): string {
  return [command, ...args].map(quote).join(" ");
}

function found(command: string, args: string[], source: ServerSource): Found {
  return { ok: true, command, args, source, display: commandLine(command, args) };
}

/** Where the language server is, or why it cannot be found and what to do. */
export function findServer(input: FindInput): FindResult {
  const p = pathModule(input.platform);
  if (input.path.trim()) {
    const exe = resolveSetting(input.path, input);
    if (exe) {
      return found(exe, LSP_ARGS, "path");
    }
    return {
      ok: false,
      problem: `\`speclint.path\` is set to "${input.path}", which is not an executable file.`,
      fix: `Set \`speclint.path\` to the speclint executable (for example the one \`${INSTALL_HINT}\` put in your virtual environment's bin folder), or clear it to let the extension look for speclint.`,
    };
  }
  if (input.interpreter.trim()) {
    const exe = resolveSetting(input.interpreter, input);
    if (exe) {
      return found(exe, MODULE_ARGS, "interpreter");
    }
    return {
      ok: false,
      problem: `\`speclint.interpreter\` is set to "${input.interpreter}", which is not an executable file.`,
      fix: "Set `speclint.interpreter` to a Python interpreter that has speclint installed, or clear it to let the extension look for speclint.",
    };
  }
  if (input.trusted) {
    const bin = isWindows(input.platform) ? "Scripts" : "bin";
    for (const folder of input.workspaceFolders) {
      for (const venv of VENV_DIRS) {
        for (const name of executableNames("speclint", input)) {
          const candidate = p.join(folder, venv, bin, name);
          if (input.isExecutable(candidate)) {
            return found(candidate, LSP_ARGS, "venv");
          }
        }
      }
    }
  }
  const onPath = searchPath("speclint", input);
  if (onPath) {
    return found(onPath, LSP_ARGS, "PATH");
  }
  return {
    ok: false,
    problem: "The speclint language server was not found: speclint is not installed, or VS Code cannot see it.",
    fix: `Install it with \`${INSTALL_HINT}\` (in the workspace's virtual environment, .venv, or for your user), or set \`speclint.path\` to the speclint executable or \`speclint.interpreter\` to a Python that has it.`,
  };
}

/** What a probe of the server's interpreter found out, after the server failed to start. */
export interface StartFailure {
  found: Found;
  /** The server's (or the probe's) error output, if any. */
  stderr: string;
  /** The spawn error's code (ENOENT, EACCES …), if spawning failed. */
  spawnError?: string;
}

/** A notification (problem and fix) for a server that was found but did not start. */
export function explainStartFailure(failure: StartFailure): NotFound {
  const { found: server, stderr, spawnError } = failure;
  if (spawnError === "ENOENT" || spawnError === "EACCES") {
    return {
      ok: false,
      problem: `Cannot run ${server.command} (${spawnError}).`,
      fix: "Check that the file exists and is executable, or set `speclint.path` / `speclint.interpreter`.",
    };
  }
  if (/No module named ['"]?specdsl/.test(stderr)) {
    return {
      ok: false,
      problem: `${server.command} does not have speclint installed.`,
      fix: `Run \`${commandLine(server.command, ["-m", "pip", "install", "speclint"])}\`, or set \`speclint.interpreter\` to a Python that has it.`,
    };
  }
  if (/invalid choice: ['"]?lsp|No such command ['"]?lsp|unrecognized arguments/.test(stderr)) {
    return {
      ok: false,
      problem: `${server.command} has no \`lsp\` command: this speclint is too old for the extension.`,
      fix: "Upgrade it with `pip install --upgrade speclint`.",
    };
  }
  const last = stderr.trim().split(/\r?\n/).filter(Boolean).pop();
  return {
    ok: false,
    problem: `The speclint language server (${server.display}) stopped while starting${last ? `: ${last}` : "."}`,
    fix: "See the speclint output for details; `pip install --upgrade speclint` may help.",
  };
}
