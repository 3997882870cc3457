/**
 * Which data to train on: built-in synthetic, a MovieLens folder, a ratings CSV, a dataset downloaded
 * earlier, or (for a text classifier) a labelled text file.
 */
import * as vscode from 'vscode';
import { RELEASES, releaseById } from '../datasets/catalog';
import { downloadedReleases } from '../datasets/download';
import { downloadCommand, datasetsFolder } from '../datasets/downloadCommand';

export interface DataChoice {
  /** As `loadDataset` takes it. */
  source: string;
  label: string;
}

const LAST_CHOICE_KEY = 'ncf.lastDataSource';
const RECENT_KEY = 'ncf.recentData';
const LAST_TRAINED_KEY = 'ncf.lastTrainedData';

/** The data trained on last in this workspace, whichever way it was chosen (the builder's palette reads its features). */
export const lastTrainedData = (context: vscode.ExtensionContext): DataChoice | undefined =>
  context.workspaceState.get<DataChoice>(LAST_TRAINED_KEY);

const trainedDataChanged = new vscode.EventEmitter<void>();
/** Fires when a training used other data than the one before. */
export const onDidChangeTrainedData = trainedDataChanged.event;

export async function rememberTrainedData(context: vscode.ExtensionContext, choice: DataChoice): Promise<void> {
  if (lastTrainedData(context)?.source === choice.source) return;
  await context.workspaceState.update(LAST_TRAINED_KEY, choice);
  trainedDataChanged.fire();
}

/** Folders and files trained on lately (newest first), for the sidebar's datasets. */
export const recentData = (context: vscode.ExtensionContext): DataChoice[] =>
  context.workspaceState.get<DataChoice[]>(RECENT_KEY, []);

async function rememberRecent(context: vscode.ExtensionContext, choice: DataChoice): Promise<void> {
  await context.workspaceState.update(
    RECENT_KEY,
    [choice, ...recentData(context).filter((c) => c.source !== choice.source)].slice(0, 5),
  );
}
export const SYNTHETIC: DataChoice = { source: 'synthetic', label: 'built-in synthetic data' };

/** The `ncf.defaultDataset` setting as a data source; a downloaded release by its id. */
export function dataFromSetting(setting: string, context: vscode.ExtensionContext): DataChoice | string {
  if (setting === 'synthetic') return SYNTHETIC;
  const release = releaseById(setting);
  if (release) {
    const found = downloadedReleases(datasetsFolder(context), [release])[0];
    return found
      ? { source: `movielens:${found.dir}`, label: release.label }
      : `ncf.defaultDataset is '${setting}', which is not downloaded yet: run "NCF: Download MovieLens dataset" first`;
  }
  if (/^(movielens|csv|text):./.test(setting)) return { source: setting, label: setting };
  return `ncf.defaultDataset: '${setting}' is not a data source; use synthetic, ml-100k, ml-1m, movielens:<folder>, csv:<file> or text:<file>`;
}

type Item = vscode.QuickPickItem & { choose: () => Promise<DataChoice | undefined> | DataChoice | undefined };

/** The picker's title and hint; training's picker also links to the dataset overview. */
export interface PickDataOptions {
  title: string;
  placeHolder: string;
  overviewLink?: boolean;
}

const TRAINING_PICK: PickDataOptions = {
  title: 'Train NCF model: data',
  placeHolder: 'Ratings to train on',
  overviewLink: true,
};

const TEXT_FILE_ITEM_LABEL = '$(note) Labelled text file…';

function textFileItem(context: vscode.ExtensionContext): Item {
  return {
    label: TEXT_FILE_ITEM_LABEL,
    description: 'TSV or CSV with a text column and a label column (text classification)',
    choose: () => remembered(context, chooseTextFile()),
  };
}

/** A text classifier trains on labelled text only: the files used lately, then any other. */
export async function pickTextData(context: vscode.ExtensionContext): Promise<DataChoice | undefined> {
  const items: Item[] = recentData(context)
    .filter((c) => c.source.startsWith('text:'))
    .map((c) => ({ label: `$(note) ${c.label}`, description: 'used lately', choose: () => c }));
  items.push(textFileItem(context));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Train text classifier: data',
    placeHolder: 'Labelled sentences to train on (e.g. reviews with a liked column)',
    ignoreFocusOut: true,
  });
  return picked?.choose();
}

export async function pickData(
  context: vscode.ExtensionContext,
  options: PickDataOptions = TRAINING_PICK,
): Promise<DataChoice | undefined> {
  const items: Item[] = [
    {
      label: '$(beaker) Built-in synthetic data',
      description: 'generated ratings with a known best RMSE (0.862)',
      choose: () => SYNTHETIC,
    },
  ];
  for (const { release, dir } of downloadedReleases(datasetsFolder(context), RELEASES)) {
    items.push({
      label: `$(database) ${release.label}`,
      description: 'downloaded',
      choose: () => ({ source: `movielens:${dir}`, label: release.label }),
    });
  }
  items.push(
    {
      label: '$(folder) MovieLens folder…',
      description: 'ml-100k, ml-1m or ml-latest, unpacked',
      choose: () => remembered(context, chooseFolder()),
    },
    {
      label: '$(file) Ratings CSV file…',
      description: 'columns user, item, rating',
      choose: () => remembered(context, chooseCsv()),
    },
    textFileItem(context),
    {
      label: '$(cloud-download) Download MovieLens…',
      description: 'from GroupLens',
      choose: () => downloadThenUse(context),
    },
  );
  if (options.overviewLink) {
    items.push({
      label: '$(graph) Dataset overview…',
      description: 'look at a dataset before training on it',
      choose: () => void vscode.commands.executeCommand('ncf.datasetOverview'),
    });
  }
  const last = context.workspaceState.get<string>(LAST_CHOICE_KEY);
  const lastIndex = items.findIndex((i) => i.label === last);
  if (lastIndex > 0) items.unshift(...items.splice(lastIndex, 1));
  // Another run ending meanwhile (its dashboard, its notification) must not close the picker.
  const picked = await vscode.window.showQuickPick(items, {
    title: options.title,
    placeHolder: options.placeHolder,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  const choice = await picked.choose();
  if (choice) await context.workspaceState.update(LAST_CHOICE_KEY, picked.label);
  return choice;
}

async function remembered(
  context: vscode.ExtensionContext,
  chosen: Promise<DataChoice | undefined>,
): Promise<DataChoice | undefined> {
  const choice = await chosen;
  if (choice) await rememberRecent(context, choice);
  return choice;
}

async function chooseFolder(): Promise<DataChoice | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    openLabel: 'Use this MovieLens folder',
  });
  return picked?.[0] && { source: `movielens:${picked[0].fsPath}`, label: vscode.workspace.asRelativePath(picked[0]) };
}

async function chooseCsv(): Promise<DataChoice | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: true,
    filters: { 'Ratings CSV': ['csv', 'tsv', 'txt'] },
    openLabel: 'Use these ratings',
  });
  return picked?.[0] && { source: `csv:${picked[0].fsPath}`, label: vscode.workspace.asRelativePath(picked[0]) };
}

/** The data taken instead of a download that could not reach the network. */
export function dataInstead(
  context: vscode.ExtensionContext,
  instead: 'folder' | 'synthetic',
): Promise<DataChoice | undefined> | DataChoice {
  return instead === 'synthetic' ? SYNTHETIC : remembered(context, chooseFolder());
}

async function chooseTextFile(): Promise<DataChoice | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: true,
    filters: { 'Labelled text (TSV, CSV)': ['tsv', 'csv', 'txt'] },
    openLabel: 'Use these labelled texts',
  });
  // The columns are detected by name (review, text… and label, liked…); `text:FILE#review=…,label=…` names them.
  return picked?.[0] && { source: `text:${picked[0].fsPath}`, label: vscode.workspace.asRelativePath(picked[0]) };
}

async function downloadThenUse(context: vscode.ExtensionContext): Promise<DataChoice | undefined> {
  const got = await downloadCommand(context);
  if (got && 'instead' in got) return dataInstead(context, got.instead);
  return got && { source: `movielens:${got.dir}`, label: got.label };
}
