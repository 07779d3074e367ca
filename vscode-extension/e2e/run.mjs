// End-to-end test of the speclint extension in a real VS Code (code-server),
// driven through its UI by Chromium (playwright-core). Started by e2e/run.sh,
// which checks that code-server is installed (e2e/setup.sh installs it) and
// builds dist/speclint.vsix first.
//
// It opens a copy of examples/ with the extension installed, opens the flawed
// example and checks, through the UI only: the extension activates in under
// 1 s; the diagnostics appear in the Problems panel with their codes (the same
// as `speclint check`); hovering a rule id shows its rationale; a quick fix
// applies; the outline lists the rules; the statistics and fix-all commands
// work; the semantic setting passes through; the server is restarted after a
// crash; a Python without speclint gets a notification saying how to install
// it. Screenshots and logs go to $SPECLINT_E2E_ARTIFACTS. Every process it
// starts is stopped by its PID.

import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const EXT = path.dirname(HERE);
const ROOT = path.dirname(EXT);
const env = process.env;
const PYTHON = need("SPECLINT_PYTHON");
const ENTRY = need("CODE_SERVER_ENTRY");
const CACHE = need("SPECLINT_E2E_CACHE");
const ARTIFACTS = need("SPECLINT_E2E_ARTIFACTS");
const VSIX = path.join(EXT, "dist", "speclint.vsix");
const UPDATE_IMAGES = process.argv.includes("--update-images") || env.SPECLINT_E2E_UPDATE_IMAGES === "1";
const CHROMIUM = need("SPECLINT_E2E_CHROMIUM");
const ACTIVATION_LIMIT_MS = Number(env.SPECLINT_E2E_ACTIVATION_LIMIT_MS ?? 1000);
const ACTIVATION_ATTEMPTS = 3;
const TOTAL_LIMIT_MS = 10 * 60_000;
const MARK = `speclint-e2e-${randomUUID()}`;
const FLAWED_NAME = "support-assistant.mspec";

const t0 = Date.now();
const results = { steps: [], timings: {}, ok: false };
const processes = []; // {name, pid, group}
let page;

function need(name) {
  const value = env[name];
  if (!value) {
    throw new Error(`${name} is not set: run this through e2e/run.sh`);
  }
  return value;
}

function log(message) {
  process.stderr.write(`[e2e +${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}\n`);
}

async function step(name, fn) {
  const start = Date.now();
  log(`… ${name}`);
  try {
    const value = await fn();
    const ms = Date.now() - start;
    results.steps.push({ name, ok: true, ms });
    log(`✓ ${name} (${ms} ms)`);
    return value;
  } catch (error) {
    results.steps.push({ name, ok: false, ms: Date.now() - start, error: String(error?.message ?? error) });
    log(`✗ ${name}: ${error?.message ?? error}`);
    if (page) {
      const safe = name.replace(/[^\w]+/g, "-").toLowerCase();
      await page.screenshot({ path: path.join(ARTIFACTS, `failure-${safe}.png`) }).catch(() => undefined);
    }
    throw error;
  }
}

function assert(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

async function poll(what, fn, timeoutMs = 30_000, intervalMs = 250) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) {
        return last;
      }
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? ` (${last.message})` : ""}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

// ------------------------------------------------------------------ processes

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** PIDs of the processes that carry this run's mark in their environment (code-server and its children). */
function markedPids() {
  const pids = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) {
      continue;
    }
    try {
      if (fs.readFileSync(`/proc/${entry}/environ`, "latin1").includes(`SPECLINT_E2E_MARK=${MARK}`)) {
        pids.push(Number(entry));
      }
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

function cmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0").join(" ");
  } catch {
    return "";
  }
}

/** The speclint language server started by this run's extension host. */
function serverPids() {
  return markedPids().filter((pid) => /specdsl\.cli lsp/.test(cmdline(pid)));
}

async function stopAll() {
  for (const p of [...processes].reverse()) {
    if (p.close) {
      await p.close().catch(() => undefined);
    }
    for (const signal of ["SIGTERM", "SIGKILL"]) {
      if (!alive(p.pid)) {
        break;
      }
      try {
        process.kill(p.group ? -p.pid : p.pid, signal);
      } catch {
        // already gone
      }
      const end = Date.now() + 5000;
      while (alive(p.pid) && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
  // Anything left that this run started (found by its mark), one PID at a time.
  for (const pid of markedPids()) {
    log(`stopping leftover process ${pid}: ${cmdline(pid).slice(0, 120)}`);
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  const left = markedPids();
  results.leftoverProcesses = left.length;
  return left;
}

// ------------------------------------------------------------------ UI helpers

async function runCommand(title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible" });
  await input.fill(`>${title}`);
  // Enter only once the highlighted entry is the command asked for.
  await poll(`the command "${title}" in the palette`, async () => {
    const focused = page.locator(".quick-input-widget .monaco-list-row.focused").first();
    return (await focused.count()) > 0 && ((await focused.getAttribute("aria-label")) ?? "").startsWith(title);
  }, 15_000, 100);
  await page.keyboard.press("Enter");
  await page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: 10_000 }).catch(() => undefined);
}

async function goTo(line, column) {
  await page.keyboard.press("Control+G");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible" });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press("Enter");
  await page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: 10_000 }).catch(() => undefined);
}

/**
 * Every row of a (virtualized) list or tree, scrolling it from top to bottom:
 * [{index, text, name}]. The list's content height says how many rows there are.
 */
async function allRows(containerSelector) {
  const container = page.locator(containerSelector).first();
  await container.waitFor({ state: "visible" });
  const list = container.locator(".monaco-list").first();
  await list.waitFor({ state: "visible" });
  // Wheel events sent to the list itself (not through the mouse: a tooltip under it would take them).
  const wheel = (deltaY) =>
    list.evaluate((el, dy) => {
      const target = el.querySelector(".monaco-scrollable-element") ?? el;
      target.dispatchEvent(new WheelEvent("wheel", { deltaY: dy, deltaMode: 0, bubbles: true, cancelable: true }));
    }, deltaY);
  await wheel(-1e6);
  const rows = new Map();
  let total = Infinity;
  const end = Date.now() + 20_000;
  while (rows.size < total && Date.now() < end) {
    await page.waitForTimeout(60);
    const view = await list.evaluate((el) => {
      const content = el.querySelector(".monaco-list-rows");
      const items = [...el.querySelectorAll(".monaco-list-row")].map((e) => ({
        index: Number(e.getAttribute("data-index")),
        height: e.getBoundingClientRect().height,
        text: e.innerText,
        name: (e.querySelector(".label-name") ?? e).innerText.trim(),
      }));
      return { contentHeight: content ? parseFloat(content.style.height) : NaN, height: el.clientHeight, items };
    });
    for (const r of view.items) {
      rows.set(r.index, { index: r.index, text: r.text, name: r.name });
    }
    const rowHeight = view.items[0]?.height;
    if (rowHeight && Number.isFinite(view.contentHeight)) {
      total = Math.round(view.contentHeight / rowHeight);
    } else if (view.items.length === 0) {
      total = 0;
    }
    await wheel(Math.max(44, view.height - 44));
  }
  assert(rows.size >= total, `read ${rows.size} of ${total} rows of ${containerSelector}`);
  return [...rows.values()].sort((a, b) => a.index - b.index);
}

/** Codes shown in the Problems panel, with how often each appears. */
async function problemCodes() {
  const start = Date.now();
  const rows = await allRows(".markers-panel");
  log(`  (read ${rows.length} rows of the Problems panel in ${Date.now() - start} ms)`);
  const counts = {};
  for (const r of rows) {
    const m = /\bspeclint\s*\n?\s*\(?([A-Z]\d{3})\)?/.exec(r.text);
    if (m) {
      counts[m[1]] = (counts[m[1]] ?? 0) + 1;
    }
  }
  return counts;
}

function sameCounts(a, b) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}

function fmtCounts(c) {
  return Object.keys(c)
    .sort()
    .map((k) => `${k}×${c[k]}`)
    .join(" ");
}

const status = () => page.locator('[id="speclint.speclint.speclint.status"]');

async function statusLabel() {
  const el = status();
  if ((await el.count()) === 0) {
    return "";
  }
  return (await el.first().getAttribute("aria-label")) ?? "";
}

async function waitStatus(pattern, timeoutMs = 30_000) {
  let last;
  return poll(`the status bar item to say ${pattern}`, async () => {
    const label = await statusLabel();
    if (label !== last) {
      log(`  (status bar: ${label ? JSON.stringify(label) : "not shown"})`);
      last = label;
    }
    return pattern.test(label);
  }, timeoutMs);
}

/** Park the mouse where it shows no tooltip (the empty part of the explorer). */
async function quietMouse() {
  await page.mouse.move(200, 500);
}

/** Change a setting through the Settings editor, as a user would. */
async function setSetting(key, value) {
  await runCommand("Preferences: Open Settings (UI)");
  const search = page.locator(".settings-editor .search-container .suggest-input-container").first();
  await search.waitFor({ state: "visible" });
  await search.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type(key);
  const item = page.locator(`.settings-editor .setting-item-contents[data-key="${key}"]`).first();
  await item.waitFor({ state: "visible", timeout: 15_000 });
  if (typeof value === "boolean") {
    const box = item.locator(".setting-value-checkbox");
    if (((await box.getAttribute("aria-checked")) === "true") !== value) {
      await box.click();
    }
    await poll(`${key} to be ${value}`, async () => ((await box.getAttribute("aria-checked")) === "true") === value, 5000);
  } else {
    const input = item.locator("input").first();
    await input.fill(String(value));
    await input.press("Tab");
  }
  // The Settings editor saves after a short pause; then close its tab.
  await page.waitForTimeout(1000);
  const tab = page.locator(".tabs-container .tab", { hasText: "Settings" }).first();
  await tab.hover();
  await tab.locator(".tab-actions .action-label").first().click();
  try {
    await tab.waitFor({ state: "detached", timeout: 5_000 });
  } catch {
    // the click can land while the tab bar is busy: close it as the active editor
    log("  (the Settings tab stayed open after its close button: closing it with a command)");
    await tab.click();
    await runCommand("View: Close Editor");
    await tab.waitFor({ state: "detached", timeout: 10_000 });
  }
}

/** The visible text of the active editor (VS Code renders spaces as no-break spaces). */
async function editorText() {
  return (await page.locator(".editor-group-container.active .editor-instance .view-lines").first().innerText()).replace(/\u00a0/g, " ");
}

function writeSettings(extra) {
  const settings = {
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "workbench.enableExperiments": false,
    "telemetry.telemetryLevel": "off",
    "security.workspace.trust.enabled": false,
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "extensions.ignoreRecommendations": true,
    "update.mode": "none",
    "git.enabled": false,
    "editor.hover.delay": 200,
    "editor.minimap.enabled": false,
    "files.autoSave": "off",
    "outline.collapseItems": "alwaysExpand",
    "window.commandCenter": false,
    "speclint.interpreter": PYTHON,
    ...extra,
  };
  fs.writeFileSync(path.join(userDir, "User", "settings.json"), JSON.stringify(settings, null, 2));
}

/** The text of VS Code's log files whose path matches `pattern`. */
function readLogs(pattern) {
  const found = [];
  const walk = (dir) => {
    for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        walk(full);
      } else if (pattern.test(full)) {
        found.push(full);
      }
    }
  };
  walk(path.join(userDir, "logs"));
  return found.map((f) => fs.readFileSync(f, "utf8")).join("\n");
}

/** The extension's output channel, as VS Code writes it to its log folder. */
function outputLog() {
  return readLogs(/output_logging_[^/]*\/\d+-speclint\.log$/);
}

function countMatches(text, re) {
  return (text.match(re) ?? []).length;
}

/** Open the flawed example from the explorer and time the extension's activation. */
async function openFlawedAndMeasure() {
  const file = page.locator(".explorer-folders-view .monaco-list-row", { hasText: FLAWED_NAME }).first();
  if (!(await file.isVisible())) {
    await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "flawed" }).first().click();
  }
  await file.waitFor();
  const activationsBefore = countMatches(outputLog(), /extension activated at/g);
  await page.evaluate(() => {
    const marks = {};
    window.__speclintMarks = marks;
    const seen = () => {
      const now = Date.now();
      if (!marks.tab && document.querySelector(".tabs-container .tab.active")?.textContent?.includes("support-assistant.mspec")) {
        marks.tab = now;
      }
      if (!marks.status && document.getElementById("speclint.speclint.speclint.status")) {
        marks.status = now;
      }
      if (!marks.diagnostics && document.querySelector(".editor-instance .squiggly-error, .editor-instance .squiggly-warning")) {
        marks.diagnostics = now;
      }
    };
    new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const clicked = Date.now();
  await file.click();
  await status().first().waitFor({ state: "visible", timeout: 30_000 });
  const line = await poll(
    "the extension's activation line in its output log",
    () => [...outputLog().matchAll(/extension activated at (\S+) \(activate\(\) took ([\d.]+) ms\)/g)][activationsBefore],
    30_000,
  );
  // VS Code logs when it starts activating an extension (local time).
  const event = await poll("VS Code's activation log line", () => {
    const all = [...readLogs(/remoteexthost\.log$/).matchAll(/^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+) .*_doActivateExtension speclint\.speclint/gm)];
    return all.length ? all[all.length - 1] : undefined;
  }, 10_000);
  await page.locator(".editor-instance .squiggly-error").first().waitFor({ timeout: 60_000 });
  const marks = await page.evaluate(() => window.__speclintMarks);
  const activatedAt = Date.parse(line[1]);
  const eventAt = new Date(event[1].replace(" ", "T")).getTime();
  const opened = marks.tab ?? clicked;
  return {
    clickToEditorMs: opened - clicked,
    openToActivatedMs: activatedAt - opened,
    activationMs: activatedAt - eventAt,
    activateCallMs: Number(line[2]),
    openToStatusBarMs: marks.status - opened,
    openToFirstDiagnosticMs: marks.diagnostics - opened,
  };
}

// ------------------------------------------------------------------ setup

const runDir = path.join(CACHE, "run");
const userDir = path.join(runDir, "user-data");
const extensionsDir = path.join(runDir, "extensions");
const workspace = path.join(runDir, "workspace", "examples");
const flawedPath = path.join(workspace, "flawed", FLAWED_NAME);

async function main() {
  const timer = setTimeout(() => {
    log(`the whole test took longer than ${TOTAL_LIMIT_MS / 60000} minutes; stopping`);
    void stopAll().finally(() => process.exit(1));
  }, TOTAL_LIMIT_MS);
  timer.unref();

  fs.rmSync(path.join(ARTIFACTS, "vscode-logs"), { recursive: true, force: true });
  for (const f of fs.readdirSync(ARTIFACTS)) {
    if (f.endsWith(".png") || f === "results.json") {
      fs.rmSync(path.join(ARTIFACTS, f));
    }
  }

  const expected = await step("what `speclint check` finds in the flawed example", () => {
    const out = execFileSync(PYTHON, ["-m", "specdsl.cli", "check", "--format", "json", "--exit-zero", "--no-cache", path.join(ROOT, "examples", "flawed", FLAWED_NAME)], {
      encoding: "utf8",
    });
    const data = JSON.parse(out);
    const counts = {};
    for (const d of data.diagnostics) {
      counts[d.code] = (counts[d.code] ?? 0) + 1;
    }
    assert(data.diagnostics.length > 10, "the flawed example should have many findings");
    return { counts, total: data.diagnostics.length };
  });
  log(`expected: ${expected.total} findings: ${fmtCounts(expected.counts)}`);

  await step("prepare a workspace (a copy of examples/) and a fresh VS Code profile", () => {
    fs.rmSync(runDir, { recursive: true, force: true });
    fs.mkdirSync(path.join(userDir, "User"), { recursive: true });
    fs.mkdirSync(extensionsDir, { recursive: true });
    fs.cpSync(path.join(ROOT, "examples"), workspace, { recursive: true });
    fs.writeFileSync(
      path.join(workspace, "fixall.mspec"),
      [
        'spec "Fix all"',
        "  levels: root > user",
        "",
        "# speclint: ignore[V002] reason: nothing here is vague",
        "rule FA1 [level: root]: Keep the audit log switched on.",
        "  rationale: People can only correct what they can see, so the log stays on.",
        "",
      ].join("\n"),
    );
    // A real Python that cannot import speclint (-I -S: no site-packages, no user site).
    const bare = path.join(runDir, "python-without-speclint");
    fs.writeFileSync(bare, `#!/bin/sh\nexec "${PYTHON}" -I -S "$@"\n`, { mode: 0o755 });
    writeSettings({});
    fs.writeFileSync(path.join(runDir, "config.yaml"), "bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n");
  });

  const csArgs = ["--config", path.join(runDir, "config.yaml"), "--user-data-dir", userDir, "--extensions-dir", extensionsDir];
  await step("install the .vsix with code-server --install-extension", () => {
    const out = execFileSync(process.execPath, [ENTRY, ...csArgs, "--install-extension", VSIX], {
      encoding: "utf8",
      env: { ...env, SPECLINT_E2E_MARK: MARK },
      timeout: 120_000,
    });
    assert(/successfully installed/.test(out), `install failed: ${out}`);
    assert(fs.readdirSync(extensionsDir).some((d) => d.startsWith("speclint.speclint-")), "the extension is not in the extensions folder");
  });

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  await step(`start code-server on ${base}`, async () => {
    const logFile = fs.openSync(path.join(ARTIFACTS, "code-server.log"), "w");
    const child = spawn(
      process.execPath,
      [ENTRY, ...csArgs, "--bind-addr", `127.0.0.1:${port}`, "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override"],
      { env: { ...env, SPECLINT_E2E_MARK: MARK }, detached: true, stdio: ["ignore", logFile, logFile] },
    );
    processes.push({ name: "code-server", pid: child.pid, group: true });
    log(`code-server pid ${child.pid}`);
    await poll("code-server to answer /healthz", async () => {
      assert(child.exitCode === null, `code-server exited with ${child.exitCode}`);
      const r = await fetch(`${base}/healthz`);
      return r.ok;
    }, 60_000);
  });

  await step("start Chromium", async () => {
    const server = await chromium.launchServer({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
    });
    processes.push({ name: "chromium", pid: server.process().pid, group: false, close: () => server.close() });
    log(`chromium pid ${server.process().pid}`);
    const browser = await chromium.connect(server.wsEndpoint());
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
  });

  await step("open the examples folder in VS Code", async () => {
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator(".monaco-workbench .part.statusbar").waitFor({ state: "visible", timeout: 90_000 });
    await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "flawed" }).waitFor({ timeout: 60_000 });
    // Let the workbench finish starting: the extension host has activated the
    // built-in extensions that start eagerly, then a moment of quiet.
    await poll("the extension host to start", () => /Eager extensions activated/.test(readLogs(/remoteexthost\.log$/)), 60_000, 500);
    await page.waitForTimeout(2000);
    await page.screenshot({ path: path.join(ARTIFACTS, "workbench.png") });
  });

  await step("open the flawed example: the extension activates in under 1 s", async () => {
    // On a busy 2-core machine the browser alone can take most of a second: a
    // slow attempt is measured again in a reloaded window (new extension host).
    const attempts = [];
    for (let attempt = 1; attempt <= ACTIVATION_ATTEMPTS; attempt++) {
      if (attempt > 1) {
        await runCommand("View: Close All Editors");
        const eager = countMatches(readLogs(/remoteexthost\.log$/), /Eager extensions activated/g);
        await runCommand("Developer: Reload Window");
        await page.locator(".monaco-workbench .part.statusbar").waitFor({ state: "visible", timeout: 90_000 });
        await poll("the new extension host", () => countMatches(readLogs(/remoteexthost\.log$/), /Eager extensions activated/g) > eager, 60_000, 500);
        await page.waitForTimeout(2000);
      }
      const t = await openFlawedAndMeasure();
      attempts.push(t);
      log(
        `attempt ${attempt}: editor shown ${t.clickToEditorMs} ms after the click; activated ${t.openToActivatedMs} ms after the editor opened ` +
          `(${t.activationMs} ms after VS Code's activation event, activate() itself ${t.activateCallMs} ms); ` +
          `status bar item after ${t.openToStatusBarMs} ms; first squiggle after ${t.openToFirstDiagnosticMs} ms`,
      );
      if (t.openToActivatedMs < ACTIVATION_LIMIT_MS) {
        break;
      }
    }
    results.timings = attempts[attempts.length - 1];
    results.activationAttempts = attempts;
    const best = attempts[attempts.length - 1];
    assert(
      best.openToActivatedMs < ACTIVATION_LIMIT_MS,
      `activation took ${attempts.map((a) => a.openToActivatedMs).join(", ")} ms after opening the file in ${attempts.length} attempts (limit ${ACTIVATION_LIMIT_MS} ms)`,
    );
    assert(best.activationMs < ACTIVATION_LIMIT_MS, `VS Code took ${best.activationMs} ms to activate the extension (limit ${ACTIVATION_LIMIT_MS} ms)`);
  });

  await step("the status bar says the server runs and which tier", async () => {
    const label = await waitStatus(/speclint running, (lexical|semantic) tier/);
    assert(label, "no status");
    const text = await status().first().innerText();
    assert(/speclint: (lexical|semantic)/.test(text), `status text: ${text}`);
    results.statusText = text;
  });

  await step("the Problems panel lists the findings with their codes", async () => {
    await page.keyboard.press("Control+Shift+M");
    await page.locator(".markers-panel .monaco-list-row").first().waitFor({ state: "visible" });
    const counts = await poll(
      `Problems to show ${expected.total} speclint findings`,
      async () => {
        const c = await problemCodes();
        return sameCounts(c, expected.counts) ? c : undefined;
      },
      60_000,
      1000,
    ).catch(async (error) => {
      throw new Error(`${error.message}; shown: ${fmtCounts(await problemCodes())}; expected: ${fmtCounts(expected.counts)}`);
    });
    results.problems = counts;
    // For the screenshot: the first rules of the spec in the editor, the first findings in the panel.
    await page.locator(".editor-instance .view-lines").first().click();
    await goTo(30, 1);
    await page.locator(".markers-panel .monaco-list").first().focus();
    await page.keyboard.press("Home");
    await quietMouse();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(ARTIFACTS, "problems.png") });
  });

  const lines = fs.readFileSync(flawedPath, "utf8").split("\n");
  const position = (re, group = 1) => {
    const line = lines.findIndex((l) => re.test(l));
    assert(line >= 0, `no line matches ${re}`);
    const m = re.exec(lines[line]);
    return { line: line + 1, column: m.index + m[0].indexOf(m[group]) + 1 };
  };

  await step("hovering a rule id shows the rule and its rationale", async () => {
    const bk7 = position(/^\s*rule (BK7)\b/);
    await page.locator(".editor-instance .view-lines").first().click();
    await quietMouse();
    await goTo(bk7.line, bk7.column + 1);
    const hover = page.locator(".monaco-hover:not(.hidden)", { hasText: "Rationale" });
    await poll("the hover", async () => {
      await page.keyboard.press("Control+K");
      await page.keyboard.press("Control+I");
      await hover.first().waitFor({ state: "visible", timeout: 3000 });
      return true;
    }, 30_000, 500);
    const text = await hover.first().innerText();
    assert(text.includes("BK7"), `hover: ${text}`);
    assert(text.includes("Callers who learn the price only from their card statement"), `the hover does not show BK7's rationale: ${text}`);
    results.hover = text.slice(0, 300);
    await page.waitForTimeout(600); // the hover fades in
    await page.screenshot({ path: path.join(ARTIFACTS, "hover.png") });
    await page.keyboard.press("Escape");
  });

  await step("a quick fix applies (add a rationale stub to BK1)", async () => {
    const bk1 = position(/^\s*rule (BK1)\b/);
    const before = await problemCodes();
    await page.locator(".editor-instance .view-lines").first().click();
    await goTo(bk1.line, bk1.column + 1);
    await page.keyboard.press("Control+.");
    const item = page.locator(".action-widget .monaco-list-row", { hasText: "(R001)" }).first();
    await item.waitFor({ state: "visible", timeout: 30_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, "quickfix-menu.png") });
    // Choose it with the keyboard, as a user would after Ctrl+.
    await poll("the R001 quick fix to be selected", async () => {
      const focused = (await page.locator(".action-widget .monaco-list-row.focused").first().getAttribute("aria-label")) ?? "";
      if (focused.includes("rationale") && focused.includes("(R001)")) {
        return true;
      }
      await page.keyboard.press("ArrowDown");
      return false;
    }, 10_000, 100);
    await page.keyboard.press("Enter");
    await poll("the rationale stub in the editor", async () => (await editorText()).includes("TODO: say why this rule exists"), 15_000);
    const after = await poll(
      "one R001 fewer in Problems",
      async () => {
        const c = await problemCodes();
        return (c.R001 ?? 0) === (before.R001 ?? 0) - 1 ? c : undefined;
      },
      30_000,
      1000,
    );
    results.afterQuickFix = after;
    await page.screenshot({ path: path.join(ARTIFACTS, "quickfix-applied.png") });
  });

  await step("the outline lists the sections and rules", async () => {
    await runCommand("Explorer: Focus on Outline View");
    const pane = '.pane:has(.pane-header[aria-label^="Outline"])';
    await page.locator(`${pane} .monaco-list-row`).first().waitFor({ state: "visible", timeout: 30_000 });
    const rows = await allRows(pane);
    const names = rows.map((r) => r.name);
    const wanted = lines.map((l) => /^\s*rule\s+([A-Za-z_][\w.-]*)/.exec(l)?.[1]).filter(Boolean);
    const sections = lines.map((l) => /^\s*section\s+"([^"]+)"/.exec(l)?.[1]).filter(Boolean);
    const missing = [...wanted, ...sections].filter((n) => !names.includes(n));
    assert(missing.length === 0, `the outline lacks ${missing.join(", ")}; it shows ${names.join(", ")}`);
    results.outline = names;
    await page.screenshot({ path: path.join(ARTIFACTS, "outline.png") });
  });

  await step("speclint: Show Spec Statistics opens a report", async () => {
    await page.locator(".editor-instance .view-lines").first().click();
    await runCommand("speclint: Show Spec Statistics");
    // The report opens as a rendered Markdown preview (a webview: nested frames).
    await poll("the statistics report", async () => {
      for (const frame of page.frames()) {
        const text = await frame.evaluate(() => document.body?.innerText ?? "").catch(() => "");
        if (text.includes("speclint statistics") && /28 rules/.test(text) && text.includes("Bookings and changes")) {
          return true;
        }
      }
      return false;
    }, 30_000, 500);
    await page.screenshot({ path: path.join(ARTIFACTS, "statistics.png") });
    await runCommand("View: Close All Editors in Group");
  });

  await step("speclint: Fix All removes an unused suppression", async () => {
    await page.keyboard.press("Control+P");
    await page.locator(".quick-input-widget input").fill("fixall.mspec");
    await page.locator(".quick-input-widget .monaco-list-row", { hasText: "fixall.mspec" }).first().waitFor();
    await page.keyboard.press("Enter");
    await poll("the fixall.mspec editor", async () => (await editorText()).includes("speclint: ignore[V002]"), 15_000);
    await page.locator(".editor-instance .squiggly-warning, .editor-instance .squiggly-inline-unnecessary-top-level").first().waitFor({ timeout: 30_000 }).catch(() => undefined);
    await poll("S007 in Problems", async () => (await problemCodes()).S007 >= 1, 30_000, 1000);
    await page.locator(".editor-instance .view-lines").first().click();
    await runCommand("speclint: Fix All Auto-fixable Problems");
    await poll("the suppression to be removed", async () => !(await editorText()).includes("speclint: ignore[V002]"), 15_000);
    await page.screenshot({ path: path.join(ARTIFACTS, "fixall.png") });
  });

  await step("the semantic setting reaches the server, which loads the tier and says so", async () => {
    // With the semantic extra installed (CI installs it) the status must reach "semantic";
    // without it, it stays "lexical" and the tooltip says how to install it.
    const installed =
      execFileSync(PYTHON, ["-c", "from specdsl import semantic; print(semantic.available())"], { encoding: "utf8" }).trim() === "True";
    await setSetting("speclint.semantic.enabled", true);
    await poll("the server to report semantic.enabled = true", () => /options \{"semantic":\{"enabled":true\}/.test(outputLog()), 30_000);
    if (installed) {
      await waitStatus(/speclint running, semantic tier/, 180_000);
    } else {
      await waitStatus(/speclint running, lexical tier/);
      await poll("the output to say why the semantic tier does not run", () => /server status: lexical tier \(.*install/.test(outputLog()), 30_000);
    }
    const c = await poll("the flawed example's findings with the semantic tier on", async () => {
      const c = await problemCodes();
      return c.R002 === expected.counts.R002 && c.C001 === expected.counts.C001 ? c : undefined;
    }, 30_000, 1000);
    results.semanticOn = { status: await statusLabel(), codes: c };
    await setSetting("speclint.semantic.enabled", false);
    await poll("the server to report semantic.enabled = false again", () => outputLog().split("\n").reverse().find((l) => l.includes("options {"))?.includes('"semantic":{"enabled":false}'), 30_000);
    await waitStatus(/speclint running, lexical tier$/);
  });

  await step("a crashed server is restarted", async () => {
    const pids = await poll("the language server process", () => (serverPids().length ? serverPids() : undefined), 10_000);
    assert(pids.length === 1, `expected one server process, found ${pids.join(", ")}`);
    log(`killing the language server (pid ${pids[0]})`);
    process.kill(pids[0], "SIGKILL");
    await poll("a new server process", () => serverPids().some((p) => p !== pids[0]), 30_000);
    await waitStatus(/speclint running/);
    await poll("findings again after the restart", async () => (await problemCodes()).C001 === expected.counts.C001, 30_000, 1000);
    assert(/restarting in \d+ ms/.test(outputLog()), "the output does not say that the server was restarted");
  });

  await step("a Python without speclint: a notification says how to install it", async () => {
    await setSetting("speclint.interpreter", path.join(runDir, "python-without-speclint"));
    const toast = page.locator(".notifications-toasts .notification-toast", { hasText: "does not have speclint" }).first();
    await toast.waitFor({ state: "visible", timeout: 45_000 });
    const text = await toast.innerText();
    assert(text.includes("-m pip install speclint"), `notification: ${text}`);
    await waitStatus(/speclint not running/);
    results.notFound = text.replace(/\s+/g, " ").slice(0, 300);
    await page.screenshot({ path: path.join(ARTIFACTS, "not-installed.png") });
  });

  await step("fixing the setting restarts the server", async () => {
    await setSetting("speclint.interpreter", PYTHON);
    await waitStatus(/speclint running/, 45_000);
  });

  results.ok = true;
}

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  results.error = String(error?.stack ?? error);
} finally {
  for (const file of fs.existsSync(path.join(userDir, "logs")) ? [path.join(userDir, "logs")] : []) {
    fs.cpSync(file, path.join(ARTIFACTS, "vscode-logs"), { recursive: true, force: true });
  }
  const left = await stopAll();
  if (left.length) {
    failed = true;
    results.error = (results.error ?? "") + `\nprocesses left running: ${left.join(", ")}`;
  }
  results.totalMs = Date.now() - t0;
  fs.writeFileSync(path.join(ARTIFACTS, "results.json"), JSON.stringify(results, null, 2));
  if (!failed && UPDATE_IMAGES) {
    for (const name of ["problems.png", "hover.png"]) {
      fs.copyFileSync(path.join(ARTIFACTS, name), path.join(EXT, "images", name));
    }
    log("updated vscode-extension/images/problems.png and hover.png");
  }
  const passed = results.steps.filter((s) => s.ok).length;
  const failedSteps = results.steps.length - passed;
  log(`results: ${path.join(ARTIFACTS, "results.json")}`);
  if (failed) {
    process.stderr.write(`\nE2E FAILED: ${results.error}\n`);
  }
  // The plain closing line that CI reads.
  process.stdout.write(`vscode-e2e: ${passed} passed, ${failedSteps} failed\n`);
  process.exitCode = failed ? 1 : 0;
}
