/**
 * The layer builder as a custom editor of `*.ncf.json`. The TextDocument is the model: the webview
 * sends edits, which become WorkspaceEdits of the text (so undo, save, the dirty marker and hot
 * exit are VS Code's own), and every change of the text, wherever it comes from, is sent back.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { applyEditToText, GraphEdit, minimalReplacement } from '../../core/graph';
import { BuilderMessage, BuilderRequest, parseBuilderRequest } from '../../protocol/builder';
import { showCode } from './codeDocument';
import { DataFeatureSource } from './dataFeatures';
import { builderHtml } from './html';

export const SPEC_EDITOR_VIEW_TYPE = 'ncf.builder';

const specName = (uri: vscode.Uri) =>
  uri.path
    .split('/')
    .pop()!
    .replace(/\.ncf\.json$/i, '');

export class SpecEditorProvider implements vscode.CustomTextEditorProvider {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly dataFeatures?: DataFeatureSource,
  ) {}

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const webview = panel.webview;
    webview.options = {
      enableScripts: true,
      // Only the extension's own build output and media; never the workspace.
      localResourceRoots: [
        vscode.Uri.joinPath(this.extensionUri, 'dist'),
        vscode.Uri.joinPath(this.extensionUri, 'media'),
      ],
    };
    const asset = (...path: string[]) =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    webview.html = builderHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: asset('dist', 'webview', 'builder.js'),
      styleUri: asset('dist', 'webview', 'builder.css'),
    });

    const post = (message: BuilderMessage) => void webview.postMessage(message);
    const sendDocument = () =>
      post({ type: 'document', text: document.getText(), fileName: document.uri.path.split('/').pop() ?? '' });
    const sendFeatures = () => void this.dataFeatures?.forSpec(document.uri)?.then(post);
    // Edits apply one at a time, each to the text the previous one left.
    let queue: Promise<void> = Promise.resolve();
    const onRequest = (request: BuilderRequest) => {
      queue = queue
        .then(() => this.handle(request, document, post, sendDocument))
        .then(() => {
          if (request.type === 'ready') sendFeatures();
        })
        .catch((e) => {
          void vscode.window.showErrorMessage(`NCF builder: ${e instanceof Error ? e.message : String(e)}`);
        });
    };

    const subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === document.uri.toString() && e.contentChanges.length) sendDocument();
      }),
      ...(this.dataFeatures ? [this.dataFeatures.onDidChange(sendFeatures)] : []),
      webview.onDidReceiveMessage((raw: unknown) => {
        const request = parseBuilderRequest(raw);
        if (request) onRequest(request);
        // Anything else is not a message the builder sends: it is dropped.
      }),
    ];
    panel.onDidDispose(() => subscriptions.forEach((d) => d.dispose()));
  }

  private async handle(
    request: BuilderRequest,
    document: vscode.TextDocument,
    post: (m: BuilderMessage) => void,
    sendDocument: () => void,
  ) {
    switch (request.type) {
      case 'ready':
        return sendDocument();
      case 'edit': {
        const message = await applyToDocument(document, request.edit);
        return post({ type: 'editResult', requestId: request.requestId, ...message });
      }
      case 'openAsText':
        return runCommand('vscode.openWith', document.uri, 'default');
      case 'train':
        // Training reads the file: what the person sees must be what is on disk.
        if (document.isDirty && !(await document.save()))
          return post({ type: 'notice', message: 'Save the file to train it.' });
        return runCommand('ncf.train', document.uri);
      case 'copyCode':
        await vscode.env.clipboard.writeText(request.text);
        return post({ type: 'notice', message: 'Copied the code to the clipboard.' });
      case 'exportCode':
        return runCommand('ncf.exportCode', document.uri);
      case 'openCode':
        return showCode(document.uri, request.language);
    }
  }
}

/** Starts a command without waiting for it (a training runs for minutes; edits must not queue behind it). */
function runCommand(command: string, ...args: unknown[]): void {
  vscode.commands.executeCommand(command, ...args).then(undefined, (e: unknown) => {
    void vscode.window.showErrorMessage(`NCF builder: ${e instanceof Error ? e.message : String(e)}`);
  });
}

/** Applies one edit as the smallest replacement of the text, so the editor's undo and git diffs stay small. */
async function applyToDocument(
  document: vscode.TextDocument,
  edit: GraphEdit,
): Promise<{ ok: boolean; message?: string; select?: string[] }> {
  const before = document.getText();
  const result = applyEditToText(before, edit, specName(document.uri));
  if (!result.ok) return { ok: false, message: result.message };
  const change = minimalReplacement(before, result.text);
  if (!change) return { ok: true, select: result.select };
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(
    document.uri,
    new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)),
    change.text,
  );
  if (!(await vscode.workspace.applyEdit(workspaceEdit)))
    return { ok: false, message: 'VS Code did not apply the edit (is the file read-only?)' };
  return { ok: true, select: result.select };
}
