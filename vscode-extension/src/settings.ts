// The `speclint.*` settings: which ones the server receives (as
// initializationOptions and with workspace/didChangeConfiguration), and which
// ones need a new server process. Pure logic (no `vscode` import).

export type Severity = "error" | "warning" | "info" | "hint" | "off";
export const SEVERITIES: readonly Severity[] = ["error", "warning", "info", "hint", "off"];

/** What the server accepts (lsp/options.py). */
export interface ServerSettings {
  semantic: { enabled: boolean };
  severity: Record<string, Severity>;
  debounceMs: number;
  markdown: boolean;
  codeLens: boolean;
}

export const DEFAULTS: ServerSettings = {
  semantic: { enabled: false },
  severity: {},
  debounceMs: 150,
  markdown: false,
  codeLens: true,
};

/** Settings read by the client itself to start the server: a change restarts it. */
export const RESTART_KEYS = ["speclint.path", "speclint.interpreter", "speclint.markdown"] as const;
/** Settings passed through to a running server. */
export const SERVER_KEYS = [
  "speclint.semantic.enabled",
  "speclint.severity",
  "speclint.debounceMs",
  "speclint.markdown",
  "speclint.codeLens",
] as const;

/** Reads one setting below `speclint.` (e.g. "semantic.enabled"); undefined when unset. */
export type Getter = (key: string) => unknown;

export interface Built {
  settings: ServerSettings;
  /** Values that were ignored, in words, for the output channel. */
  problems: string[];
}

const CODE = /^[A-Za-z][0-9]{3}$/;

function bool(value: unknown, fallback: boolean, key: string, problems: string[]): boolean {
  if (value === undefined || value === null) {
    return fallback;
  }
  if (typeof value === "boolean") {
    return value;
  }
  problems.push(`speclint.${key} must be true or false; using ${String(fallback)}`);
  return fallback;
}

/** The server's options from the user's settings; bad values fall back to the defaults. */
export function buildServerSettings(get: Getter): Built {
  const problems: string[] = [];
  const severity: Record<string, Severity> = {};
  const rawSeverity = get("severity");
  if (rawSeverity !== undefined && rawSeverity !== null) {
    if (typeof rawSeverity !== "object" || Array.isArray(rawSeverity)) {
      problems.push("speclint.severity must be an object such as {\"V002\": \"warning\"}; ignoring it");
    } else {
      for (const [code, level] of Object.entries(rawSeverity as Record<string, unknown>)) {
        const value = typeof level === "string" ? level.toLowerCase() : level;
        if (!CODE.test(code)) {
          problems.push(`speclint.severity: "${code}" is not a check code such as R001; ignoring it`);
        } else if (typeof value !== "string" || !(SEVERITIES as readonly string[]).includes(value)) {
          problems.push(`speclint.severity.${code}: "${String(level)}" is not one of ${SEVERITIES.join(", ")}; ignoring it`);
        } else {
          severity[code.toUpperCase()] = value as Severity;
        }
      }
    }
  }
  let debounceMs = DEFAULTS.debounceMs;
  const rawDebounce = get("debounceMs");
  if (rawDebounce !== undefined && rawDebounce !== null) {
    if (typeof rawDebounce === "number" && Number.isFinite(rawDebounce)) {
      debounceMs = Math.min(5000, Math.max(0, Math.round(rawDebounce)));
      if (debounceMs !== rawDebounce) {
        problems.push(`speclint.debounceMs must be a whole number from 0 to 5000; using ${debounceMs}`);
      }
    } else {
      problems.push(`speclint.debounceMs must be a number; using ${DEFAULTS.debounceMs}`);
    }
  }
  return {
    settings: {
      semantic: { enabled: bool(get("semantic.enabled"), DEFAULTS.semantic.enabled, "semantic.enabled", problems) },
      severity,
      debounceMs,
      markdown: bool(get("markdown"), DEFAULTS.markdown, "markdown", problems),
      codeLens: bool(get("codeLens"), DEFAULTS.codeLens, "codeLens", problems),
    },
    problems,
  };
}

/** Whether a configuration change needs a new server, only new settings, or nothing. */
export function changeKind(affects: (key: string) => boolean): "restart" | "settings" | "none" {
  if (RESTART_KEYS.some((k) => affects(k))) {
    return "restart";
  }
  if (SERVER_KEYS.some((k) => affects(k))) {
    return "settings";
  }
  return "none";
}

/**
 * Whether a speclint configuration file opts Markdown files in (a `markdown:`
 * list of globs in `.speclint.yaml`, or `markdown = [...]` under
 * `[tool.speclint]` in pyproject.toml). The server applies the globs; the
 * client only needs to know whether to send it Markdown documents at all.
 */
export function configOptsInMarkdown(fileName: string, text: string): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (base === "pyproject.toml") {
    let inTable = false;
    for (const line of text.split(/\r?\n/)) {
      const table = /^\s*\[([^\]]+)\]\s*(#.*)?$/.exec(line);
      if (table) {
        inTable = table[1].trim() === "tool.speclint";
        continue;
      }
      if (inTable && /^\s*markdown\s*=\s*\[\s*["']/.test(line)) {
        return true;
      }
      if (inTable && /^\s*markdown\s*=\s*\[\s*$/.test(line)) {
        return true;
      }
    }
    return false;
  }
  // YAML: a top-level `markdown:` key with a non-empty list (inline or block).
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^markdown\s*:\s*(.*?)\s*(#.*)?$/.exec(lines[i]);
    if (!m) {
      continue;
    }
    const inline = m[1];
    if (inline) {
      return !/^\[\s*\]$/.test(inline) && inline !== "null" && inline !== "~";
    }
    for (let j = i + 1; j < lines.length; j++) {
      if (/^\s*(#.*)?$/.test(lines[j])) {
        continue;
      }
      return /^\s*-\s*\S/.test(lines[j]);
    }
    return false;
  }
  return false;
}
