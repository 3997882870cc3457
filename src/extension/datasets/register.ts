/** "NCF: Download MovieLens dataset": pick a release, download it with a progress bar, verify, unpack. */
import * as vscode from 'vscode';
import { RELEASES } from './catalog';
import { OfflineError, downloadRelease } from './download';

export function datasetsFolder(context: vscode.ExtensionContext): string {
  return vscode.Uri.joinPath(context.globalStorageUri, 'datasets').fsPath;
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** The unpacked folder, 'synthetic' when the user, offline, took the built-in data instead, or undefined. */
export async function downloadCommand(
  context: vscode.ExtensionContext,
): Promise<{ dir: string; label: string } | 'synthetic' | undefined> {
  const picked = await vscode.window.showQuickPick(
    RELEASES.map((r) => ({
      label: r.label,
      description: `${r.size}, from GroupLens`,
      detail: 'Kept on this machine only: its licence forbids redistribution',
      release: r,
    })),
    { title: 'Download MovieLens dataset', placeHolder: 'Which release to download' },
  );
  if (!picked) return undefined;
  const release = picked.release;
  try {
    const dir = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Downloading ${release.label}`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        return downloadRelease(release, datasetsFolder(context), {
          signal: abort.signal,
          onProgress: (received, total) => {
            const percent = total ? (100 * received) / total : 0;
            progress.report({
              message: total ? `${mb(received)} of ${mb(total)} MB` : `${mb(received)} MB`,
              increment: percent - reported,
            });
            reported = percent;
          },
        });
      },
    );
    void vscode.window.showInformationMessage(
      `${release.label} is ready (checksum verified). Pick it under "Train NCF model".`,
    );
    return { dir, label: release.label };
  } catch (e) {
    if ((e as Error).name === 'AbortError') return undefined;
    if (e instanceof OfflineError) {
      const choice = await vscode.window.showWarningMessage(
        `Cannot download ${release.label}: ${e.message}. Are you offline? The built-in synthetic dataset needs no network.`,
        'Train on the built-in synthetic data instead',
      );
      return choice ? 'synthetic' : undefined;
    }
    void vscode.window.showErrorMessage(`Cannot download ${release.label}: ${(e as Error).message}`);
    return undefined;
  }
}

export function registerDatasets(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ncf.downloadMovieLens', async () => {
      const got = await downloadCommand(context);
      if (got === 'synthetic') await vscode.commands.executeCommand('ncf.train', undefined, 'synthetic');
      return got;
    }),
  );
}
