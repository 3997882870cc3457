/** Registers the layer builder as the default editor of `*.ncf.json` (the text editor stays one click away). */
import * as vscode from 'vscode';
import { registerCodeDocuments } from './codeDocument';
import { DataFeatureSource } from './dataFeatures';
import { SPEC_EDITOR_VIEW_TYPE, SpecEditorProvider } from './provider';

export function registerSpecEditor(context: vscode.ExtensionContext): void {
  registerCodeDocuments(context);
  const dataFeatures = new DataFeatureSource(context);
  context.subscriptions.push(
    dataFeatures,
    vscode.window.registerCustomEditorProvider(
      SPEC_EDITOR_VIEW_TYPE,
      new SpecEditorProvider(context.extensionUri, dataFeatures),
      {
        // Each open builder follows the shared document, so several may show one file.
        supportsMultipleEditorsPerDocument: true,
      },
    ),
  );
}
