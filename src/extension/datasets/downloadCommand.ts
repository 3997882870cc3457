/**
 * "NCF: Download MovieLens dataset": pick a release, download it with a progress bar, verify, unpack.
 * Offline it says so and offers what needs no network: a MovieLens folder already on this machine,
 * or the built-in synthetic data.
 */
import * as vscode from 'vscode';
import { RELEASES } from './catalog';
import { OfflineError, downloadRelease } from './download';

export function datasetsFolder(context: vscode.ExtensionContext): string {
  return vscode.Uri.joinPath(context.globalStorageUri, 'datasets').fsPath;
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

export const USE_LOCAL_FOLDER = 'Train on a local folder…';
export const USE_SYNTHETIC = 'Train on synthetic data';

/** What the user took: the unpacked release, or (offline) data that needs no download. */
export type DownloadOutcome = { dir: string; label: string } | { instead: 'folder' | 'synthetic' } | undefined;

export async function downloadCommand(context: vscode.ExtensionContext): Promise<DownloadOutcome> {
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
  const mirror = vscode.workspace.getConfiguration('ncf').get<string>('movieLensMirror') ?? '';
  try {
    const dir = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Downloading ${release.label}`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        return downloadRelease(release, datasetsFolder(context), {
          mirror,
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
        `Cannot download ${release.label}: ${e.message}. Are you offline? Train on a copy of MovieLens you already have, or on the built-in synthetic data, which needs no network.`,
        USE_LOCAL_FOLDER,
        USE_SYNTHETIC,
      );
      if (choice === USE_LOCAL_FOLDER) return { instead: 'folder' };
      return choice === USE_SYNTHETIC ? { instead: 'synthetic' } : undefined;
    }
    void vscode.window.showErrorMessage(`Cannot download ${release.label}: ${(e as Error).message}`);
    return undefined;
  }
}
