/** The Tune and Compare pages' shell, free of `vscode` so the browser test serves the very same page. */
import { bundlePageHtml } from '../webviewHtml';

export type ToolView = 'tune' | 'compare';

export function toolPageHtml(page: {
  cspSource: string;
  nonce: string;
  asset: (...path: string[]) => string;
  view: ToolView;
  title: string;
}): string {
  return bundlePageHtml({ ...page, bundle: 'tune', theme: 'tune.css', bodyAttributes: { 'data-view': page.view } });
}
