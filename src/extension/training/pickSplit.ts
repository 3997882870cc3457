/**
 * How to split the data and how long to train, asked in the Train flow unless the settings say
 * (`ncf.split`, `ncf.epochs`). The last split chosen comes first next time.
 */
import * as vscode from 'vscode';
import type { NcfSettings } from '../settings';
import type { DataChoice } from './pickData';
import type { SpecChoice } from './pickSpec';

const LAST_SPLIT_KEY = 'ncf.lastSplit';

interface SplitItem extends vscode.QuickPickItem {
  split: string;
}

function splitItems(data: DataChoice): SplitItem[] {
  const items: SplitItem[] = [
    {
      label: 'Random 80/20',
      description: 'random:0.2',
      detail: 'one split: 20 % of the ratings held out for the test',
      split: 'random:0.2',
    },
    {
      label: '5-fold cross-validation',
      description: 'kfold:5',
      detail: 'five trainings; the result is the mean ± sd of the test RMSE',
      split: 'kfold:5',
    },
  ];
  // The official folds ship with MovieLens 100K only; the job says so if the folder has none.
  if (data.source.startsWith('movielens:')) {
    items.push(
      {
        label: 'Official fold u1',
        description: 'fold:u1',
        detail: 'MovieLens 100K: u1.base to train, u1.test to test',
        split: 'fold:u1',
      },
      {
        label: 'All five official folds',
        description: 'fold:u1,u2,u3,u4,u5',
        detail: 'MovieLens 100K: the published protocol, mean ± sd of five folds',
        split: 'fold:u1,u2,u3,u4,u5',
      },
    );
  }
  return items;
}

export async function chooseSplit(
  context: vscode.ExtensionContext,
  settings: NcfSettings,
  data: DataChoice,
): Promise<string | undefined> {
  if (settings.split) return settings.split;
  const items = splitItems(data);
  const last = context.workspaceState.get<string>(LAST_SPLIT_KEY);
  const lastIndex = items.findIndex((i) => i.split === last);
  if (lastIndex > 0) items.unshift(...items.splice(lastIndex, 1));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Train NCF model: split',
    placeHolder: 'How to hold out the test ratings (the setting ncf.split answers this for good)',
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (picked) await context.workspaceState.update(LAST_SPLIT_KEY, picked.split);
  return picked?.split;
}

/** The epochs to train: the setting's, else asked with the spec's own number as the answer. */
export async function chooseEpochs(settings: NcfSettings, spec: SpecChoice): Promise<number | undefined> {
  if (settings.epochs) return settings.epochs;
  const answer = await vscode.window.showInputBox({
    title: 'Train NCF model: epochs',
    prompt: `At most this many epochs (early stopping may end sooner). Enter keeps the spec's ${spec.spec.training.epochs}; the setting ncf.epochs answers this for good.`,
    value: String(spec.spec.training.epochs),
    ignoreFocusOut: true,
    validateInput: (v) => (/^\s*[1-9]\d*\s*$/.test(v) ? undefined : 'a whole number of epochs, 1 or more'),
  });
  return answer === undefined ? undefined : Number(answer);
}
