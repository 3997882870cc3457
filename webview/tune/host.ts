/** The Tune and Compare pages' side of the channel to the host, typed by the shared protocol. */
import type { HostToTunePage, TunePageToHost } from '../../src/protocol/tuneView';

declare function acquireVsCodeApi(): { postMessage(message: TunePageToHost): void };

let api: ReturnType<typeof acquireVsCodeApi> | undefined;

export function toHost(message: TunePageToHost): void {
  api ??= acquireVsCodeApi();
  api.postMessage(message);
}

export function onHostMessage(handler: (message: HostToTunePage) => void): void {
  window.addEventListener('message', (event: MessageEvent<HostToTunePage>) => {
    if (event.data && typeof event.data === 'object' && typeof event.data.type === 'string') handler(event.data);
  });
}
