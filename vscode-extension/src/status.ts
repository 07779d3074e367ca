// What the status bar item says: the server's state and which tier runs.
// Pure logic (no `vscode` import).

export type ServerState = "idle" | "starting" | "running" | "restarting" | "failed" | "stopped";

/** The answer to the server's `speclint.serverInfo` command. */
export interface ServerInfo {
  version?: string;
  /** "lexical", "semantic", or "loading" while the semantic model loads. */
  tier?: string;
  /** The semantic tier: asked for (setting or configuration), its state and why it does not run. */
  semantic?: { requested?: boolean; state?: string; reason?: string };
  options?: { semantic?: { enabled?: boolean } } & Record<string, unknown>;
}

export interface StatusView {
  text: string;
  tooltip: string;
  /** Shown with the error colours. */
  error: boolean;
  /** For screen readers (and the e2e test). */
  accessibility: string;
}

export interface StatusInput {
  state: ServerState;
  info?: ServerInfo;
  /** The command line of the server. */
  server?: string;
  /** Why it is not running (failed), or the restart delay (restarting). */
  detail?: string;
}

/** Parse the answer of `speclint.serverInfo` defensively. */
export function parseServerInfo(raw: unknown): ServerInfo | undefined {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  const info: ServerInfo = {};
  if (typeof r.version === "string") {
    info.version = r.version;
  }
  if (typeof r.tier === "string") {
    info.tier = r.tier;
  }
  if (r.semantic && typeof r.semantic === "object" && !Array.isArray(r.semantic)) {
    const raw = r.semantic as Record<string, unknown>;
    const semantic: NonNullable<ServerInfo["semantic"]> = {};
    if (typeof raw.requested === "boolean") {
      semantic.requested = raw.requested;
    }
    if (typeof raw.state === "string") {
      semantic.state = raw.state;
    }
    if (typeof raw.reason === "string") {
      semantic.reason = raw.reason;
    }
    info.semantic = semantic;
  }
  if (r.options && typeof r.options === "object" && !Array.isArray(r.options)) {
    info.options = r.options as ServerInfo["options"];
  }
  return info;
}

function semanticLine(info: ServerInfo | undefined): string | undefined {
  const semantic = info?.semantic;
  if (semantic?.requested !== undefined) {
    if (!semantic.requested) {
      return "Semantic tier: off (speclint.semantic.enabled or `semantic:` in .speclint.yaml)";
    }
    if (semantic.state === "ready") {
      return "Semantic tier: on";
    }
    if (semantic.state === "loading") {
      return "Semantic tier: loading the model; the lexical tier runs meanwhile";
    }
    return `Semantic tier: not running: ${semantic.reason ?? "not installed in the server's Python (pip install 'speclint[semantic]')"}`;
  }
  const requested = info?.options?.semantic?.enabled;
  if (requested === undefined) {
    return undefined;
  }
  if (!requested) {
    return "Semantic tier: off (speclint.semantic.enabled)";
  }
  if (info?.tier === "semantic") {
    return "Semantic tier: on";
  }
  return "Semantic tier: requested, but not installed in the server's Python (pip install 'speclint[semantic]')";
}

export function describeStatus(input: StatusInput): StatusView {
  const { state, info, server, detail } = input;
  const lines: string[] = [];
  let text: string;
  let error = false;
  let words: string;
  switch (state) {
    case "running": {
      const loading = info?.tier === "loading";
      const tier = loading ? "lexical" : info?.tier ?? "lexical";
      text = loading ? "$(sync~spin) speclint: lexical" : `$(check) speclint: ${tier}`;
      words = loading ? "speclint running, lexical tier, semantic tier loading" : `speclint running, ${tier} tier`;
      lines.push(`speclint ${info?.version ?? ""} is running: ${tier} tier`.replace("  ", " "));
      const semantic = semanticLine(info);
      if (semantic) {
        lines.push(semantic);
      }
      break;
    }
    case "starting":
      text = "$(loading~spin) speclint";
      words = "speclint starting";
      lines.push("speclint: starting the language server");
      break;
    case "restarting":
      text = "$(sync~spin) speclint: restarting";
      words = "speclint restarting";
      lines.push(`speclint: the language server stopped; restarting${detail ? ` ${detail}` : ""}`);
      break;
    case "failed":
      text = "$(error) speclint: not running";
      words = "speclint not running";
      error = true;
      lines.push(`speclint is not running${detail ? `: ${detail}` : ""}`);
      break;
    case "stopped":
      text = "$(circle-slash) speclint: stopped";
      words = "speclint stopped";
      lines.push("speclint: the language server is stopped");
      break;
    default:
      text = "speclint";
      words = "speclint idle";
      lines.push("speclint: the language server starts when a spec is opened");
  }
  if (server) {
    lines.push(`Server: ${server}`);
  }
  lines.push("Click to show the output");
  return { text, tooltip: lines.join("\n"), error, accessibility: words };
}
