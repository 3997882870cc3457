/**
 * The builder's generated code as a read-only virtual document (`ncf-code:`), opened beside the
 * builder: VS Code's own editor gives it highlighting, wrapping, search and copy, and it follows
 * the spec as it changes. The URI names the spec file and the language; nothing is written to disk.
 */
import * as vscode from 'vscode';
import { CODE_EXTENSIONS, CODE_LANGUAGES, generateCode, type CodeLanguage } from '../../core/codegen';
import { checkSpecText, formatIssue } from '../../core/spec';

export const CODE_SCHEME = 'ncf-code';

export function codeUri(spec: vscode.Uri, language: CodeLanguage): vscode.Uri {
  const name = spec.path
    .split('/')
    .pop()!
    .replace(/\.ncf\.json$/i, '');
  return vscode.Uri.from({
    scheme: CODE_SCHEME,
    path: `/${name}${CODE_EXTENSIONS[language]}`,
    query: new URLSearchParams({ spec: spec.toString(), language }).toString(),
  });
}

class CodeDocuments implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly open = new Set<string>();

  provideTextDocumentContent(uri: vscode.Uri): string {
    const query = new URLSearchParams(uri.query);
    const spec = vscode.Uri.parse(query.get('spec') ?? '');
    const asked = query.get('language');
    const language: CodeLanguage = CODE_LANGUAGES.find((l) => l === asked) ?? 'ts';
    this.open.add(uri.toString());
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === spec.toString());
    if (!document) return `// ${spec.fsPath} is not open: reopen the code from its builder.\n`;
    const checked = checkSpecText(document.getText());
    const comment = language === 'ts' ? '//' : '#';
    if (!checked.ok)
      return `${comment} The architecture has problems; the code appears when they are fixed:\n${checked.issues.map((i) => `${comment} ${formatIssue(i, spec.path.split('/').pop())}`).join('\n')}\n`;
    return generateCode(checked.checked.spec, language);
  }

  /** A spec changed: every open code view of it regenerates. */
  specChanged(spec: vscode.Uri): void {
    for (const key of this.open) {
      const uri = vscode.Uri.parse(key);
      if (new URLSearchParams(uri.query).get('spec') === spec.toString()) this.changed.fire(uri);
    }
  }

  forget(uri: vscode.Uri): void {
    this.open.delete(uri.toString());
  }
}

let documents: CodeDocuments | undefined;

export function registerCodeDocuments(context: vscode.ExtensionContext): void {
  documents = new CodeDocuments();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(CODE_SCHEME, documents),
    vscode.workspace.onDidChangeTextDocument((e) => documents?.specChanged(e.document.uri)),
    vscode.workspace.onDidCloseTextDocument((d) => d.uri.scheme === CODE_SCHEME && documents?.forget(d.uri)),
  );
}

export async function showCode(spec: vscode.Uri, language: CodeLanguage): Promise<void> {
  const document = await vscode.workspace.openTextDocument(codeUri(spec, language));
  await vscode.window.showTextDocument(document, {
    viewColumn: vscode.ViewColumn.Beside,
    preview: true,
    preserveFocus: true,
  });
}
