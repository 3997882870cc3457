/**
 * `ncf train --pretrain GMF_RUN,MLP_RUN`: the paper's pre-training from two saved ranking runs. The
 * runs must have been trained on the same data as the NeuMF run (the same users and items in the
 * same encoding), or their table rows would belong to other ids.
 */
import { Dataset } from '../data/types';
import { UsageError } from '../job/resolveSpec';
import { loadRun, SavedRun } from '../predict/loadRun';
import { RankingOptions } from './train';
import { initialiseFromPretrained } from './pretrain';

/** `value`: the flag's text, two run folders separated by a comma (GMF first). */
export function parsePretrainRuns(value: string): { gmf: string; mlp: string } {
  const parts = value.split(',').map((p) => p.trim());
  if (parts.length !== 2 || parts.some((p) => p === ''))
    throw new UsageError(`--pretrain takes two run folders, GMF_RUN,MLP_RUN (a GMF run, then an MLP run): '${value}'`);
  return { gmf: parts[0], mlp: parts[1] };
}

function sameIds(run: SavedRun, side: 'user' | 'item', ours: string[]): void {
  const theirs = side === 'user' ? run.userIds : run.itemIds;
  if (theirs.length !== ours.length)
    throw new UsageError(
      `pre-training: ${run.dir} was trained on other data: it knows ${theirs.length} ${side}s, this data has ${ours.length}`,
    );
  const k = theirs.findIndex((id, n) => id !== ours[n]);
  if (k !== -1)
    throw new UsageError(
      `pre-training: ${run.dir} was trained on other data: its ${side} #${k + 1} is '${theirs[k]}', this data's is '${ours[k]}'`,
    );
}

async function loadBranchRun(dir: string, what: string): Promise<SavedRun> {
  const run = await loadRun(dir);
  if (run.task !== 'ranking') {
    run.model.dispose();
    throw new UsageError(
      `pre-training: ${dir} is a ${run.task} run; --pretrain takes the ${what} run of a ranking task`,
    );
  }
  return run;
}

/** Loads both runs (before any data is read: a wrong folder fails at once); `initialiseFor` checks them against the data. */
export async function loadPretrainRuns(value: string): Promise<{
  initialiseFor: (dataset: Dataset) => NonNullable<RankingOptions['initialise']>;
  dispose: () => void;
}> {
  const dirs = parsePretrainRuns(value);
  const gmf = await loadBranchRun(dirs.gmf, 'GMF');
  const mlp = await loadBranchRun(dirs.mlp, 'MLP').catch((e: unknown) => {
    gmf.model.dispose();
    throw e;
  });
  return {
    initialiseFor: (dataset) => (model, checked) => {
      for (const run of [gmf, mlp]) {
        sameIds(run, 'user', dataset.userIds);
        sameIds(run, 'item', dataset.itemIds);
      }
      initialiseFromPretrained({ model, checked }, gmf, mlp);
    },
    dispose: () => {
      gmf.model.dispose();
      mlp.model.dispose();
    },
  };
}
