/** A saved run's test figures as the Runs view writes them, in its task's terms (RMSE, accuracy and AUC, or HR and NDCG). */
import type { RunSummary } from '../../protocol/dashboard';

export function testScore(run: RunSummary): string | undefined {
  if (run.classification)
    return `accuracy ${run.classification.accuracy.toFixed(4)}, AUC ${run.classification.auc.toFixed(4)}`;
  if (run.ranking)
    return `HR@${run.ranking.k} ${run.ranking.hr.toFixed(4)}, NDCG@${run.ranking.k} ${run.ranking.ndcg.toFixed(4)}`;
  return run.test && `RMSE ${run.test.rmse.toFixed(4)}`;
}

/** The best test figure among a spec's runs: the lowest RMSE, else the highest accuracy or HR. */
export function bestScore(runs: RunSummary[]): string | undefined {
  const rmse = runs.flatMap((r) => (r.test ? [r.test.rmse] : []));
  if (rmse.length) return `best RMSE ${Math.min(...rmse).toFixed(4)}`;
  const accuracy = runs.flatMap((r) => (r.classification ? [r.classification.accuracy] : []));
  if (accuracy.length) return `best accuracy ${Math.max(...accuracy).toFixed(4)}`;
  const ranking = runs.flatMap((r) => (r.ranking ? [r.ranking] : []));
  if (!ranking.length) return undefined;
  const top = ranking.reduce((a, b) => (b.hr > a.hr ? b : a));
  return `best HR@${top.k} ${top.hr.toFixed(4)}`;
}
