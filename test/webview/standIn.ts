/**
 * Opens the built builder page (dist/webview/builder.js, with the editor's own HTML and CSP) in
 * headless Chromium, with a stand-in for `acquireVsCodeApi` that plays the host: it checks each
 * message with the host's schema and applies edits with the host's own function to an in-memory
 * document, then echoes the document back — the provider's job, minus VS Code.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, extname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { applyEditToText } from '../../src/core/graph';
import { parseBuilderRequest, type BuilderMessage, type BuilderRequest } from '../../src/protocol/builder';
import { builderHtml } from '../../src/extension/editor/html';
import { bundlePageHtml } from '../../src/extension/webviewHtml';
import { THEMES, type ThemeName } from './theme';

export const ROOT = resolve(__dirname, '../..');
export const SCREENSHOT_DIR = join(ROOT, 'test-output', 'webview');
/** A made-up origin the page is served from; it plays the part of the webview's `cspSource`. */
const ORIGIN = 'https://builder.test';
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
};

/**
 * How long a wait for the page may take: generous, as the suites also run on loaded machines. Waits
 * end on the event they wait for, so a fast machine never waits this long.
 */
export const PATIENCE_MS = 60_000;

export function findChromium(): string | undefined {
  if (process.env.NCF_E2E_CHROMIUM) return process.env.NCF_E2E_CHROMIUM;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome'])
      if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export function launch(executablePath: string): Promise<Browser> {
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

export class StandInHost {
  /** Every well-formed request the page sent, in order. */
  readonly requests: BuilderRequest[] = [];
  /** Messages the host's schema rejected (there should be none). */
  readonly dropped: unknown[] = [];
  /** Content-Security-Policy violations and page errors (there should be none). */
  readonly problems: string[] = [];
  edits = 0;
  page!: Page;
  /** Called after every change of the document, request or edit count. */
  private readonly listeners = new Set<() => void>();

  constructor(
    public text: string,
    readonly fileName = 'model.ncf.json',
  ) {}

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves with `probe`'s first defined value, checked now and after every change; rejects after `timeoutMs`. */
  until<T>(what: () => string, probe: () => T | undefined, timeoutMs = PATIENCE_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what()}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  private post(message: BuilderMessage) {
    return this.page.evaluate((m) => window.postMessage(m, '*'), message);
  }

  async receive(raw: unknown): Promise<void> {
    const request = parseBuilderRequest(raw);
    if (!request) {
      this.dropped.push(raw);
      return this.changed();
    }
    this.requests.push(request);
    this.changed();
    if (request.type === 'ready') return this.post({ type: 'document', text: this.text, fileName: this.fileName });
    if (request.type !== 'edit') return;
    const result = applyEditToText(this.text, request.edit, 'model');
    if (result.ok && result.text !== this.text) {
      this.text = result.text;
      this.changed();
      await this.post({ type: 'document', text: this.text, fileName: this.fileName });
    }
    this.edits++;
    this.changed();
    await this.post({
      type: 'editResult',
      requestId: request.requestId,
      ok: result.ok,
      message: result.ok ? undefined : result.message,
      select: result.ok ? result.select : undefined,
    });
  }

  /** What the host knows of the data the spec would train on (the provider sends it after `ready`). */
  sendDataFeatures(message: Extract<BuilderMessage, { type: 'dataFeatures' }>): Promise<void> {
    return this.post(message);
  }

  /** The document changed elsewhere (the text editor, the disk, undo): the host sends it. */
  async setText(text: string): Promise<void> {
    this.text = text;
    this.changed();
    await this.post({ type: 'document', text, fileName: this.fileName });
  }

  /** Waits until the document satisfies `test` (edits are asynchronous). */
  waitForText(what: string, test: (text: string) => boolean, timeoutMs = PATIENCE_MS): Promise<string> {
    return this.until(
      () => `the document to ${what}; it is:\n${this.text}`,
      () => (test(this.text) ? this.text : undefined),
      timeoutMs,
    );
  }

  waitForEdits(count: number, timeoutMs = PATIENCE_MS): Promise<void> {
    return this.until(
      () => `edit ${count} (${this.edits} done)`,
      () => (this.edits >= count ? true : undefined),
      timeoutMs,
    ).then(() => undefined);
  }

  /** Waits for the page to send a request of this type; returns the first. */
  waitForRequest<K extends BuilderRequest['type']>(
    type: K,
    timeoutMs = PATIENCE_MS,
  ): Promise<Extract<BuilderRequest, { type: K }>> {
    return this.until(
      () => `a '${type}' request (got: ${this.requests.map((r) => r.type).join(', ') || 'none'})`,
      () => this.requests.find((r): r is Extract<BuilderRequest, { type: K }> => r.type === type),
      timeoutMs,
    );
  }
}

function serve(path: string): { body: string | Buffer; contentType: string } | undefined {
  if (!/^\/(dist|media)\//.test(path) || path.includes('..')) return undefined;
  const file = join(ROOT, path);
  if (!existsSync(file)) return undefined;
  return { body: readFileSync(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream' };
}

/** Opens the builder on `text` in the given theme; the stand-in host answers it. */
export async function openBuilder(
  browser: Browser,
  text: string,
  options: { theme?: ThemeName; width?: number; height?: number } = {},
): Promise<{ page: Page; host: StandInHost }> {
  const host = new StandInHost(text);
  const page = await openWebviewPage(browser, {
    ...options,
    problems: host.problems,
    receive: (m) => host.receive(m),
    html: (origin, nonce) =>
      builderHtml({
        cspSource: origin,
        nonce,
        scriptUri: `${origin}/dist/webview/builder.js`,
        styleUri: `${origin}/dist/webview/builder.css`,
      }),
    onPage: (p) => (host.page = p),
  });
  return { page, host };
}

export interface WebviewPageOptions {
  theme?: ThemeName;
  width?: number;
  height?: number;
  /** The page's HTML, given the origin it is served from (its `cspSource`) and a nonce. */
  html: (origin: string, nonce: string) => string;
  /** Called with each message the page posts to the host. */
  receive: (message: unknown) => unknown;
  /** Where page errors, console errors and CSP violations are collected (there should be none). */
  problems: string[];
  /** Called with the page before it loads (to post messages to it later). */
  onPage?: (page: Page) => void;
}

/** Opens a webview page of the extension (its own HTML and CSP) in the given theme, with `acquireVsCodeApi` standing in for VS Code's. */
export async function openWebviewPage(browser: Browser, options: WebviewPageOptions): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 1600, height: options.height ?? 1000 } });
  page.setDefaultTimeout(PATIENCE_MS);
  options.onPage?.(page);
  page.on('pageerror', (e) => options.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') options.problems.push(`console error: ${m.text()}`);
  });
  await page.exposeFunction('__ncfToHost', (m: unknown) => options.receive(m));
  await page.exposeFunction('__ncfCspViolation', (v: string) => options.problems.push(`CSP violation: ${v}`));
  const theme = THEMES[options.theme ?? 'dark'];
  // A string, not a function: the test runner's transpiler would add helpers the page lacks.
  await page.addInitScript(`(() => {
    let state;
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => window.__ncfToHost(m),
      getState: () => state,
      setState: (s) => { state = s; },
    });
    const vars = ${JSON.stringify(theme.vars)};
    // VS Code puts the theme on <html> before any script runs; <html> may not exist yet here.
    const paint = () => { for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v); };
    if (document.documentElement) paint();
    else new MutationObserver((_, o) => { if (document.documentElement) { paint(); o.disconnect(); } }).observe(document, { childList: true });
    const dress = () => document.body.classList.add(${JSON.stringify(theme.bodyClass)});
    new MutationObserver((_, o) => { if (document.body) { dress(); o.disconnect(); } }).observe(document, { childList: true, subtree: true });
    document.addEventListener('securitypolicyviolation', (e) => window.__ncfCspViolation(e.violatedDirective + ' ' + e.blockedURI));
  })();`);
  const nonce = 'test-nonce-' + Math.random().toString(36).slice(2);
  const html = options.html(ORIGIN, nonce);
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/index.html') return route.fulfill({ body: html, contentType: 'text/html' });
    const file = serve(path);
    return file ? route.fulfill(file) : route.fulfill({ status: 404, body: 'not found' });
  });
  await page.goto(`${ORIGIN}/index.html`);
  return page;
}

export interface BundlePage {
  page: Page;
  /** Page errors, console errors and CSP violations (there should be none). */
  problems: string[];
  /** Posts a message to the page, as the host does. */
  post: (message: unknown) => Promise<void>;
}

/** Opens one of the extension's bundle pages (dist/webview/NAME.js, the page `createBundlePanel` shows); `receive` plays the host. */
export async function openBundlePage(
  browser: Browser,
  bundle: string,
  options: {
    theme?: ThemeName;
    width?: number;
    height?: number;
    problems?: string[];
    receive: (message: unknown, post: BundlePage['post']) => unknown;
  },
): Promise<BundlePage> {
  const problems = options.problems ?? [];
  let page: Page | undefined;
  const post = (message: unknown) => page!.evaluate((m) => void window.postMessage(m, '*'), message);
  await openWebviewPage(browser, {
    theme: options.theme,
    width: options.width,
    height: options.height,
    problems,
    onPage: (p) => (page = p),
    html: (origin, nonce) =>
      bundlePageHtml({
        cspSource: origin,
        nonce,
        asset: (...path) => `${origin}/${path.join('/')}`,
        bundle,
        title: bundle,
      }),
    receive: (m) => options.receive(m, post),
  });
  return { page: page!, problems, post };
}

/**
 * Resolves once the boxes of every element that `selector` matches (the canvas's viewport and
 * nodes by default) stay the same over three animation frames: a zoom, a fit or a layout has ended.
 */
export async function untilStill(page: Page, selector = '.react-flow__viewport, .react-flow__node'): Promise<void> {
  // A string: the test runner's transpiler would wrap named functions in helpers the page lacks.
  await page.evaluate(`(async () => {
    const boxes = () => [...document.querySelectorAll(${JSON.stringify(selector)})]
      .map((e) => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].join(','); }).join(';');
    let last = boxes();
    for (let still = 0; still < 3; ) {
      await new Promise((r) => requestAnimationFrame(r));
      const now = boxes();
      still = now === last ? still + 1 : 0;
      last = now;
    }
  })()`);
}

/**
 * A point of the element `selector` that the pointer reaches (the element or a child of it is the
 * topmost there), trying its centre first; or what covers its centre.
 */
export async function reachablePoint(
  page: Page,
  selector: string,
): Promise<{ x: number; y: number } | { covered: string }> {
  return page.evaluate(`(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    if (!el) return { covered: 'nothing: no element matches ' + ${JSON.stringify(selector)} };
    const r = el.getBoundingClientRect();
    for (const [fx, fy] of [[0.5, 0.5], [0.5, 0.3], [0.5, 0.7], [0.3, 0.5], [0.7, 0.5], [0.3, 0.3], [0.7, 0.7]]) {
      const x = r.left + r.width * fx, y = r.top + r.height * fy;
      const top = document.elementFromPoint(x, y);
      if (top && (top === el || el.contains(top))) return { x, y };
    }
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return { covered: top ? top.outerHTML.slice(0, 160) : 'nothing (it is off screen)' };
  })()`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** For a suite's `before`: Chromium launched, or the suite skipped saying why; fails if `bundle` (under dist/webview/) was not built. */
export async function launchOrSkip(suite: Mocha.Context, bundle: string): Promise<Browser> {
  const executable = findChromium();
  if (!executable) {
    console.log("      skipped: no Chromium found; install Debian's chromium or set NCF_E2E_CHROMIUM");
    suite.skip();
  }
  if (!existsSync(join(ROOT, 'dist/webview', bundle)))
    throw new Error(`dist/webview/${bundle} is missing: run \`npm run build\` first`);
  return launch(executable!);
}
