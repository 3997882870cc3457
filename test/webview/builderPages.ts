/**
 * For a browser suite of the builder: registers its hooks (Chromium launched, or the suite skipped
 * saying why; each page closed after its test, with a screenshot when the test failed) and returns
 * `open`, which opens the builder on a text with the stand-in host.
 */
import type { Browser, Page } from 'playwright-core';
import { launchOrSkip, openBuilder, screenshot, type StandInHost } from './standIn';

export function useBuilderPages(
  prefix: string,
): (text: string, options?: Parameters<typeof openBuilder>[2]) => Promise<{ page: Page; host: StandInHost }> {
  let browser: Browser | undefined;
  const pages: Page[] = [];
  before(async function () {
    browser = await launchOrSkip(this, 'builder.js');
  });
  after(async () => browser?.close());
  afterEach(async function () {
    for (const page of pages.splice(0)) {
      if (this.currentTest?.state === 'failed')
        await screenshot(page, `failed-${prefix}-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`).catch(
          () => undefined,
        );
      await page.close();
    }
  });
  return async (text, options) => {
    const session = await openBuilder(browser!, text, options);
    pages.push(session.page);
    return session;
  };
}
