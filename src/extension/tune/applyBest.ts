/**
 * "Apply best": the chosen parameters go into the open spec as one WorkspaceEdit of the fields that
 * change (formatting and everything else kept), so it is undone like any other edit.
 */
import { applyEdits, modify, parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import { Params } from '../../core/tune/space';

/** The text with every path of every parameter set; paths are `nodeId.field` or `training.field…`. */
export function withParams(text: string, params: Params): string {
  let out = text;
  for (const [name, value] of Object.entries(params)) {
    for (const path of name.split('+')) {
      const [head, ...rest] = path.split('.');
      const doc = parse(out) as { nodes?: { id?: string }[] };
      const index = (doc.nodes ?? []).findIndex((n) => n.id === head);
      const jsonPath = head === 'training' ? ['training', ...rest] : ['nodes', index, ...rest];
      if (head !== 'training' && index < 0) continue;
      out = applyEdits(out, modify(out, jsonPath, value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
    }
  }
  return out;
}

export async function applyParamsToDocument(uri: vscode.Uri, params: Params): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(uri);
  const before = document.getText();
  const after = withParams(before, params);
  if (after === before) return true;
  // One replacement of the span that changed: the smallest edit, and one undo step.
  let start = 0;
  while (start < before.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(
    uri,
    new vscode.Range(document.positionAt(start), document.positionAt(endBefore)),
    after.slice(start, endAfter),
  );
  return vscode.workspace.applyEdit(edit);
}
