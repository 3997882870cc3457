/** One-line texts of a ranking run, for the CLI's progress and the worker's log alike. */
import { outcomeText } from '../engine/events';
import { RankingEpochEvent, RankingResult } from './events';

export const f4 = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(4));

export function rankingEpochLine(e: RankingEpochEvent, k: number): string {
  const val = e.val ? ` val HR@${k} ${f4(e.val.hr)} NDCG@${k} ${f4(e.val.ndcg)}` : '';
  return `epoch ${e.epoch}/${e.epochs}: loss ${f4(e.loss)}${val} (${e.seconds.toFixed(1)} s, ${Math.round(e.examplesPerSec)} ex/s)`;
}

export function rankingResultLine(r: RankingResult): string {
  const k = r.test.k;
  const how = outcomeText(r);
  return [
    `${how}: test HR@${k} ${f4(r.test.hr)} NDCG@${k} ${f4(r.test.ndcg)} (full ranking HR@${k} ${f4(r.test.full.hr)} NDCG@${k} ${f4(r.test.full.ndcg)})`,
    `baselines: ItemPop HR@${k} ${f4(r.baselines.itemPop.hr)} NDCG@${k} ${f4(r.baselines.itemPop.ndcg)}, random HR@${k} ${f4(r.baselines.random.hr)}`,
    `${r.epochs} epochs in ${r.seconds.toFixed(1)} s on ${r.backend}, ${Math.round(r.examplesPerSec).toLocaleString('en-US')} examples/s`,
  ].join('; ');
}
