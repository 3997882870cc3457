/**
 * The webview's line to its host. In VS Code `acquireVsCodeApi` is provided by the webview; the
 * browser test provides a stand-in that plays the host.
 */
import type { BuilderMessage, BuilderRequest } from '../../src/protocol/builder';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi = acquireVsCodeApi();

export const postToHost = (request: BuilderRequest) => api.postMessage(request);

export function onHostMessage(handler: (message: BuilderMessage) => void): () => void {
  const listener = (e: MessageEvent) => {
    const data = e.data as BuilderMessage | undefined;
    if (data && typeof data === 'object' && typeof data.type === 'string') handler(data);
  };
  window.addEventListener('message', listener);
  return () => window.removeEventListener('message', listener);
}

/** What the builder remembers across being hidden and shown again (the document itself comes from the host). */
export interface SavedState {
  tab?: 'inspector' | 'code' | 'problems';
  viewport?: { x: number; y: number; zoom: number };
}
export const loadState = (): SavedState => (api.getState() as SavedState | undefined) ?? {};
export const saveState = (patch: SavedState) => api.setState({ ...loadState(), ...patch });
