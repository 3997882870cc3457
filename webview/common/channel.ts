/** A webview's side of its channel to the host, typed by the messages of its protocol file. */
interface VsCodeApi<ToHost, State> {
  postMessage(message: ToHost): void;
  getState(): State | undefined;
  setState(state: State): void;
}
declare function acquireVsCodeApi(): VsCodeApi<unknown, unknown>;

export interface Channel<ToHost, FromHost, State> extends VsCodeApi<ToHost, State> {
  onMessage(handler: (message: FromHost) => void): void;
}

export function channel<ToHost, FromHost extends { type: string }, State>(): Channel<ToHost, FromHost, State> {
  const api = acquireVsCodeApi() as VsCodeApi<ToHost, State>;
  return {
    postMessage: (m) => api.postMessage(m),
    getState: () => api.getState(),
    setState: (s) => api.setState(s),
    onMessage(handler) {
      // Only the host posts to this page; its messages are typed by the protocol.
      window.addEventListener('message', (event: MessageEvent<FromHost>) => {
        if (event.data && typeof event.data === 'object' && typeof event.data.type === 'string') handler(event.data);
      });
    },
  };
}
