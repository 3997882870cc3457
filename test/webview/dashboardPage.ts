/** The dashboard bundle's pages (training dashboard, run history) served as VS Code would, in a dark theme. */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { webviewHtml } from '../../src/extension/webviewHtml';
import { ROOT } from './standIn';
import { THEMES } from './theme';

const ORIGIN = 'https://dashboard.test';
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

export interface DashboardPage {
  page: Page;
  /** Every message the page posted to the host. */
  posted: unknown[];
  /** Uncaught errors of the page. */
  problems: string[];
  /** Resolves with the first message of that type the page posts (or has posted). */
  waitForPosted: (type: string) => Promise<unknown>;
}

export async function openDashboardPage(
  browser: Browser,
  view: 'dashboard' | 'history' = 'dashboard',
): Promise<DashboardPage> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const posted: unknown[] = [];
  const problems: string[] = [];
  const waiting: { type: string; resolve: (m: unknown) => void }[] = [];
  const typeOf = (m: unknown) => (m as { type?: unknown } | null)?.type;
  page.on('pageerror', (e) => problems.push(e.message));
  await page.exposeFunction('__toHost', (m: unknown) => {
    posted.push(m);
    for (const w of waiting.filter((w) => w.type === typeOf(m))) w.resolve(m);
  });
  const waitForPosted = (type: string) =>
    new Promise<unknown>((resolve) => {
      const already = posted.find((m) => typeOf(m) === type);
      if (already) resolve(already);
      else waiting.push({ type, resolve });
    });
  const theme = THEMES.dark;
  await page.addInitScript(`(() => {
    let state;
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__toHost(m), getState: () => state, setState: (s) => { state = s; } });
    const vars = ${JSON.stringify(theme.vars)};
    new MutationObserver((_, o) => { if (document.body) { for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v); document.body.classList.add(${JSON.stringify(theme.bodyClass)}); o.disconnect(); } }).observe(document, { childList: true, subtree: true });
  })();`);
  const html = webviewHtml({
    cspSource: ORIGIN,
    nonce: 'n' + Math.random().toString(36).slice(2),
    title: view === 'history' ? 'Training history' : 'Training dashboard',
    scriptUri: `${ORIGIN}/dist/webview/dashboard.js`,
    styleUris: [`${ORIGIN}/dist/webview/dashboard.css`, `${ORIGIN}/media/dashboard.css`],
    root: '<main id="app" aria-live="polite"></main>',
    bodyAttributes: { 'data-view': view },
  });
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/index.html') return route.fulfill({ body: html, contentType: 'text/html' });
    const file = join(ROOT, path);
    const allowed =
      (path.startsWith('/dist/webview/') || path.startsWith('/media/')) && !path.includes('..') && existsSync(file);
    return allowed
      ? route.fulfill({ body: readFileSync(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream' })
      : route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${ORIGIN}/index.html`);
  return { page, posted, problems, waitForPosted };
}

/** Sends `message` to the page as the host would. */
export function postToPage(page: Page, message: unknown): Promise<void> {
  return page.evaluate((m) => window.postMessage(m, '*'), message as Record<string, unknown>);
}
