/** Registers the layer builder as the default editor of `*.ncf.json` (the text editor stays one click away). */
import * as vscode from 'vscode';
import { registerCodeDocuments } from './codeDocument';
import { SPEC_EDITOR_VIEW_TYPE, SpecEditorProvider } from './provider';

export function registerSpecEditor(context: vscode.ExtensionContext): void {
  registerCodeDocuments(context);
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(SPEC_EDITOR_VIEW_TYPE, new SpecEditorProvider(context.extensionUri), {
      // Each open builder follows the shared document, so several may show one file.
      supportsMultipleEditorsPerDocument: true,
    }),
  );
}
