/** The webview's side of the channel to the host, typed by the shared protocol. */
import type { DashboardToHost, HostToDashboard } from '../../src/protocol/dashboard';

interface VsCodeApi<State> {
  postMessage(message: DashboardToHost): void;
  getState(): State | undefined;
  setState(state: State): void;
}
declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

let api: VsCodeApi<unknown> | undefined;

export function vscodeApi<State>(): VsCodeApi<State> {
  api ??= acquireVsCodeApi<unknown>();
  return api as VsCodeApi<State>;
}

export function onHostMessage(handler: (message: HostToDashboard) => void): void {
  // Only the host posts to this page; its messages are typed by the protocol.
  window.addEventListener('message', (event: MessageEvent<HostToDashboard>) => {
    if (event.data && typeof event.data === 'object' && typeof event.data.type === 'string') handler(event.data);
  });
}
