// The speclint extension: a language client for `speclint lsp`. All
// intelligence stays in the server; this file starts it, restarts it, passes
// the settings on, and shows its state.

import * as cp from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as vscode from "vscode";

import { RestartPolicy } from "./backoff";
import type { LanguageClientOptions, SpeclintClient } from "./client";
import { explainStartFailure, findServer, type Found, type NotFound } from "./server";
import { buildServerSettings, changeKind, configOptsInMarkdown, type ServerSettings } from "./settings";
import { formatStatistics } from "./stats";
import { describeStatus, parseServerInfo, type ServerInfo, type ServerState } from "./status";

const FIX_ALL_KIND = "source.fixAll.speclint";
const SOURCE_WORDS: Record<Found["source"], string> = {
  path: "the speclint.path setting",
  interpreter: "the speclint.interpreter setting",
  venv: "a virtual environment of the workspace",
  PATH: "PATH",
};
const CONFIG_FILES = "**/{.speclint.yaml,.speclint.yml,pyproject.toml}";
const STATS_SCHEME = "speclint-stats";

/** Read-only documents for the statistics reports (no "save changes?" when they close). */
class Reports implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? "";
  }

  set(uri: vscode.Uri, text: string): void {
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
  }
}

/**
 * The language client library, evaluated only when the server first starts so
 * that activation stays fast: esbuild bundles it into dist/extension.js
 * behind a lazy initializer that this require() runs.
 */
type ClientModule = typeof import("./client");
let clientModule: ClientModule | undefined;
function loadClient(): Promise<ClientModule> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  clientModule ??= require("./client") as ClientModule;
  return Promise.resolve(clientModule);
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (process.platform !== "win32") {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

class Controller implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel("speclint");
  private readonly status = vscode.window.createStatusBarItem("speclint.status", vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly policy = new RestartPolicy();
  private readonly reports = new Reports();
  private client: SpeclintClient | undefined;
  private child: cp.ChildProcess | undefined;
  private childClosed: Promise<void> = Promise.resolve();
  private stderrTail = "";
  private spawnError: string | undefined;
  private state: ServerState = "idle";
  private info: ServerInfo | undefined;
  private server: Found | undefined;
  private failure: string | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private generation = 0;
  private starting: Promise<void> | undefined;
  private markdownOptIn = false;
  private disposed = false;

  constructor() {
    this.status.name = "speclint";
    this.status.command = "speclint.showOutput";
    this.render();
  }

  activate(context: vscode.ExtensionContext): void {
    const started = performance.now();
    const cmd = (id: string, fn: () => unknown) => vscode.commands.registerCommand(id, fn);
    this.subscriptions.push(
      cmd("speclint.restartServer", () => this.restart("restart requested")),
      cmd("speclint.showOutput", () => this.output.show(true)),
      cmd("speclint.showStatistics", () => this.showStatistics()),
      cmd("speclint.fixAll", () => this.fixAll()),
      vscode.workspace.registerTextDocumentContentProvider(STATS_SCHEME, this.reports),
      vscode.workspace.onDidChangeConfiguration((e) => this.onConfiguration(e)),
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (this.serves(doc)) {
          void this.ensureStarted();
        }
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        if (!this.client) {
          void this.restart("workspace trusted");
        }
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher(CONFIG_FILES);
    const rescan = () => void this.scanMarkdownOptIn();
    this.subscriptions.push(watcher, watcher.onDidCreate(rescan), watcher.onDidChange(rescan), watcher.onDidDelete(rescan));
    context.subscriptions.push(this);
    // Start the server after activate() has returned: activation stays fast.
    setImmediate(() => {
      void this.ensureStarted();
      void this.scanMarkdownOptIn();
    });
    // The e2e test reads this line to measure activation.
    this.log(`extension activated at ${new Date().toISOString()} (activate() took ${(performance.now() - started).toFixed(1)} ms)`);
  }

  // ------------------------------------------------------------------ state

  private log(message: string): void {
    if (this.disposed) {
      return;
    }
    this.output.appendLine(`[speclint ${new Date().toLocaleTimeString()}] ${message}`);
  }

  private setState(state: ServerState, failure?: string): void {
    this.state = state;
    this.failure = failure;
    this.render();
  }

  private config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration("speclint");
  }

  private serves(doc: vscode.TextDocument): boolean {
    if (doc.languageId === "mspec") {
      return true;
    }
    return doc.languageId === "markdown" && doc.uri.scheme === "file" && this.markdownEnabled();
  }

  private markdownEnabled(): boolean {
    return this.config().get<boolean>("markdown", false) === true || this.markdownOptIn;
  }

  private render(): void {
    const view = describeStatus({
      state: this.state,
      info: this.info,
      server: this.server?.display,
      detail: this.failure,
    });
    this.status.text = view.text;
    this.status.tooltip = view.tooltip;
    this.status.accessibilityInformation = { label: view.accessibility, role: "button" };
    this.status.backgroundColor = view.error ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
    const editor = vscode.window.activeTextEditor;
    if (editor && this.serves(editor.document)) {
      this.status.show();
    } else {
      this.status.hide();
    }
  }

  /** Markdown specs opted in by `markdown:` globs in a speclint configuration file. */
  private async scanMarkdownOptIn(): Promise<void> {
    if (!vscode.workspace.workspaceFolders?.length) {
      return;
    }
    let optIn = false;
    try {
      const files = await vscode.workspace.findFiles(CONFIG_FILES, "**/{node_modules,.git,.venv,venv}/**", 50);
      for (const uri of files) {
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (configOptsInMarkdown(uri.path, new TextDecoder().decode(bytes))) {
          optIn = true;
          break;
        }
      }
    } catch (error) {
      this.log(`could not read the speclint configuration files: ${String(error)}`);
    }
    if (optIn !== this.markdownOptIn) {
      this.markdownOptIn = optIn;
      if (optIn) {
        this.log("a speclint configuration lists Markdown specs: Markdown files are sent to the server");
      }
      if (this.client) {
        void this.restart("Markdown opt-in changed");
      } else {
        void this.ensureStarted();
      }
    }
    this.render();
  }

  // --------------------------------------------------------------- lifecycle

  private ensureStarted(): Promise<void> {
    if (this.client || this.restartTimer || this.state === "failed") {
      return this.starting ?? Promise.resolve();
    }
    if (!vscode.workspace.textDocuments.some((d) => this.serves(d))) {
      return Promise.resolve();
    }
    return this.start();
  }

  private start(): Promise<void> {
    if (!this.starting) {
      this.starting = this.doStart().finally(() => {
        this.starting = undefined;
      });
    }
    return this.starting;
  }

  private async doStart(): Promise<void> {
    if (this.client) {
      return;
    }
    const gen = ++this.generation;
    const config = this.config();
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === "file").map((f) => f.uri.fsPath);
    const found = findServer({
      path: config.get<string>("path", "") ?? "",
      interpreter: config.get<string>("interpreter", "") ?? "",
      workspaceFolders: folders,
      trusted: vscode.workspace.isTrusted,
      env: process.env,
      platform: process.platform,
      isExecutable,
    });
    if (!found.ok) {
      this.server = undefined;
      this.fail(found);
      return;
    }
    this.server = found;
    this.info = undefined;
    this.setState("starting");
    const settings = this.settings();
    this.log(`starting the language server: ${found.display} (found by ${SOURCE_WORDS[found.source]})`);
    this.log(`settings: ${JSON.stringify(settings)}`);
    const lc = await loadClient();
    if (gen !== this.generation) {
      return;
    }
    const client = lc.createClient(() => this.spawn(found, folders[0]), this.clientOptions(lc, gen, settings));
    this.client = client;
    let error: string | undefined;
    try {
      await client.start();
    } catch (e) {
      error = e instanceof Error ? e.message : JSON.stringify(e);
    }
    if (gen !== this.generation) {
      return;
    }
    // A server that exits during `initialize` can leave start() resolved: check.
    if (error !== undefined || !client.isRunning()) {
      this.client = undefined;
      await Promise.race([this.childClosed, new Promise((r) => setTimeout(r, 1500))]);
      this.log(`the language server did not start${error !== undefined ? `: ${error}` : ""}`);
      void client.dispose(1000).catch(() => undefined);
      this.killChild();
      if (gen === this.generation) {
        this.fail(explainStartFailure({ found, stderr: this.stderrTail, spawnError: this.spawnError }));
      }
      return;
    }
    client.quiet = false;
    // The server announces the tier as it changes (the semantic model loads in the background).
    client.onNotification("speclint/status", (raw: unknown) => {
      if (client === this.client) {
        this.info = parseServerInfo(raw) ?? this.info;
        this.log(`server status: ${this.info?.tier ?? "?"} tier${this.info?.semantic?.reason ? ` (${this.info.semantic.reason})` : ""}`);
        this.render();
      }
    });
    this.policy.running(Date.now());
    this.setState("running");
    this.log(`language server running (pid ${this.child?.pid ?? "?"})`);
    await this.refreshInfo();
  }

  private spawn(found: Found, cwd: string | undefined): Promise<cp.ChildProcess> {
    return new Promise((resolve, reject) => {
      this.stderrTail = "";
      this.spawnError = undefined;
      const child = cp.spawn(found.command, found.args, {
        cwd: cwd ?? os.homedir(),
        env: { ...process.env, PYTHONUNBUFFERED: "1", PYTHONIOENCODING: "utf-8" },
        stdio: "pipe",
        windowsHide: true,
      });
      this.child = child;
      this.childClosed = new Promise((r) => child.once("close", () => r()));
      child.stderr?.on("data", (data: Buffer) => {
        this.stderrTail = (this.stderrTail + data.toString("utf8")).slice(-4000);
      });
      child.once("error", (error: NodeJS.ErrnoException) => {
        this.spawnError = error.code;
        reject(error);
      });
      child.once("spawn", () => resolve(child));
      child.once("exit", (code, signal) => {
        this.log(`language server process ${child.pid ?? "?"} exited (${signal ?? `code ${code}`})`);
      });
    });
  }

  private clientOptions(lc: ClientModule, gen: number, settings: ServerSettings): LanguageClientOptions {
    const selector: LanguageClientOptions["documentSelector"] = [{ language: "mspec" }];
    if (this.markdownEnabled()) {
      selector.push({ language: "markdown", scheme: "file" });
    }
    return {
      documentSelector: selector,
      outputChannel: this.output,
      traceOutputChannel: this.output,
      revealOutputChannelOn: lc.RevealOutputChannelOn.Never,
      initializationOptions: settings,
      diagnosticCollectionName: "speclint",
      initializationFailedHandler: () => false,
      errorHandler: {
        error: () => ({ action: lc.ErrorAction.Continue, handled: true }),
        closed: () => {
          if (gen === this.generation && this.state === "running") {
            this.crashed(gen);
          }
          return { action: lc.CloseAction.DoNotRestart, handled: true };
        },
      },
    };
  }

  private settings(): ServerSettings {
    const config = this.config();
    const built = buildServerSettings((key) => config.get(key));
    for (const problem of built.problems) {
      this.log(problem);
    }
    return built.settings;
  }

  private crashed(gen: number): void {
    const old = this.client;
    this.client = undefined;
    this.info = undefined;
    const delay = this.policy.crashed(Date.now());
    void old?.dispose(1000).catch(() => undefined);
    if (gen !== this.generation) {
      return;
    }
    if (delay === undefined) {
      this.fail({
        ok: false,
        problem: `The speclint language server stopped ${this.policy.count} times in a row.`,
        fix: "See the speclint output for the reason, then run “speclint: Restart Server”.",
      });
      return;
    }
    this.log(`the language server stopped unexpectedly; restarting in ${delay} ms`);
    this.setState("restarting", `in ${(delay / 1000).toFixed(1)} s`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (gen === this.generation) {
        void this.start();
      }
    }, delay);
  }

  private fail(why: NotFound): void {
    this.log(`${why.problem} ${why.fix}`);
    this.setState("failed", why.problem);
    const actions = ["Open Settings", "Show Output", "Retry"];
    void vscode.window.showErrorMessage(`speclint: ${why.problem} ${why.fix}`, ...actions).then((choice) => {
      if (choice === "Open Settings") {
        void vscode.commands.executeCommand("workbench.action.openSettings", "speclint.");
      } else if (choice === "Show Output") {
        this.output.show(true);
      } else if (choice === "Retry") {
        void this.restart("retry");
      }
    });
  }

  private killChild(): void {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill();
    }
  }

  private async stop(): Promise<void> {
    this.generation++;
    if (this.restartTimer) {
      clearTimeout(this.restartTimer);
      this.restartTimer = undefined;
    }
    const client = this.client;
    this.client = undefined;
    this.info = undefined;
    if (client) {
      try {
        await client.stop(3000);
      } catch {
        // already stopped
      }
      try {
        await client.dispose(1000);
      } catch {
        // already disposed
      }
    }
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      await Promise.race([this.childClosed, new Promise((r) => setTimeout(r, 2000))]);
      this.killChild();
    }
  }

  async restart(reason: string): Promise<void> {
    this.log(`restarting the language server (${reason})`);
    if (this.starting) {
      await this.starting.catch(() => undefined);
    }
    await this.stop();
    this.policy.reset();
    this.setState("idle");
    if (vscode.workspace.textDocuments.some((d) => this.serves(d))) {
      await this.start();
    }
  }

  private onConfiguration(event: vscode.ConfigurationChangeEvent): void {
    if (!event.affectsConfiguration("speclint")) {
      return;
    }
    const kind = changeKind((key) => event.affectsConfiguration(key));
    if (kind === "restart") {
      void this.restart("settings changed");
    } else if (kind === "settings") {
      const client = this.client;
      const settings = this.settings();
      this.log(`settings changed: ${JSON.stringify(settings)}`);
      if (client && this.state === "running") {
        void loadClient()
          .then((lc) => client.sendNotification(lc.DidChangeConfigurationNotification.type, { settings }))
          .then(() => this.refreshInfo())
          .catch((error: unknown) => this.log(`could not send the settings: ${String(error)}`));
      } else if (this.state === "failed") {
        void this.restart("settings changed");
      }
    }
  }

  private async refreshInfo(): Promise<void> {
    const client = this.client;
    if (!client) {
      return;
    }
    try {
      const raw: unknown = await client.sendRequest("workspace/executeCommand", { command: "speclint.serverInfo", arguments: [] });
      if (client === this.client) {
        this.info = parseServerInfo(raw);
        this.log(`server: speclint ${this.info?.version ?? "?"}, ${this.info?.tier ?? "?"} tier, options ${JSON.stringify(this.info?.options ?? {})}`);
        this.render();
      }
    } catch (error) {
      this.log(`speclint.serverInfo failed: ${String(error)}`);
    }
  }

  // ---------------------------------------------------------------- commands

  private activeSpec(what: string): vscode.TextEditor | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.serves(editor.document)) {
      void vscode.window.showInformationMessage(`speclint: open a spec (a .mspec file) to ${what}.`);
      return undefined;
    }
    return editor;
  }

  private async runningClient(): Promise<SpeclintClient | undefined> {
    await this.ensureStarted();
    if (!this.client || this.state !== "running") {
      void vscode.window.showWarningMessage("speclint: the language server is not running; see “speclint: Show Output”.");
      return undefined;
    }
    return this.client;
  }

  private async showStatistics(): Promise<void> {
    const editor = this.activeSpec("see its statistics");
    const client = editor && (await this.runningClient());
    if (!editor || !client) {
      return;
    }
    const uri = editor.document.uri.toString();
    const raw: unknown = await client.sendRequest("workspace/executeCommand", { command: "speclint.stats", arguments: [uri] });
    const markdown = formatStatistics(raw, (p) => vscode.workspace.asRelativePath(p));
    if (!markdown) {
      void vscode.window.showInformationMessage("speclint: no statistics for this file yet; try again once its findings appear.");
      return;
    }
    const name = vscode.workspace.asRelativePath(editor.document.uri).replace(/\.[^./\\]+$/, "");
    const report = vscode.Uri.from({ scheme: STATS_SCHEME, path: `/${name} statistics.md` });
    this.reports.set(report, markdown);
    try {
      // Rendered, with its tables, beside the spec.
      await vscode.commands.executeCommand("markdown.showPreviewToSide", report);
    } catch {
      const doc = await vscode.workspace.openTextDocument(report);
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
  }

  private async fixAll(): Promise<void> {
    const editor = this.activeSpec("fix its findings");
    const client = editor && (await this.runningClient());
    if (!editor || !client) {
      return;
    }
    const doc = editor.document;
    const whole = doc.validateRange(new vscode.Range(0, 0, doc.lineCount + 1, 0));
    const actions =
      (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        "vscode.executeCodeActionProvider",
        doc.uri,
        whole,
        FIX_ALL_KIND,
      )) ?? [];
    const fix = actions.find(
      (a): a is vscode.CodeAction => "kind" in a && a.kind !== undefined && a.kind.value === FIX_ALL_KIND,
    );
    if (!fix || (!fix.edit && !fix.command)) {
      void vscode.window.showInformationMessage(
        "speclint: nothing to fix automatically in this file. Fixes that need your judgement are quick fixes (Ctrl+.) on each finding.",
      );
      return;
    }
    if (fix.edit) {
      await vscode.workspace.applyEdit(fix.edit);
    }
    if (fix.command) {
      await vscode.commands.executeCommand(fix.command.command, ...((fix.command.arguments ?? []) as unknown[]));
    }
    this.log(`applied: ${fix.title}`);
  }

  async dispose(): Promise<void> {
    if (this.disposed) {
      return;
    }
    await this.stop();
    this.disposed = true;
    for (const d of this.subscriptions) {
      d.dispose();
    }
    this.status.dispose();
    this.output.dispose();
  }
}

let controller: Controller | undefined;

export function activate(context: vscode.ExtensionContext): void {
  controller = new Controller();
  controller.activate(context);
}

export async function deactivate(): Promise<void> {
  const c = controller;
  controller = undefined;
  await c?.dispose();
}
