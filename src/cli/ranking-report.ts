/** What the CLI shows for a ranking run: a line per epoch with the validation HR@K and NDCG@K, then a table of both protocols. */
import { endingText, engineText } from '../core/engine/events';
import Table from 'cli-table3';
import { RankingMetrics, RankingResult } from '../core/ranking/events';
import { f4 } from '../core/ranking/lines';

export { rankingEpochLine } from '../core/ranking/lines';

export function rankingTable(result: RankingResult): string {
  const k = result.test.k;
  const table = new Table({
    head: ['', `HR@${k}`, `NDCG@${k}`, `full HR@${k}`, `full NDCG@${k}`, 'full MRR', `full Recall@${k}`],
    style: { head: [], border: [] },
  });
  const row = (name: string, m: RankingMetrics) =>
    table.push([name, f4(m.hr), f4(m.ndcg), f4(m.full.hr), f4(m.full.ndcg), f4(m.full.mrr), f4(m.full.recall)]);
  row('test', result.test);
  row('baseline: ItemPop', result.baselines.itemPop);
  row('baseline: random', result.baselines.random);
  const model = result.preset ?? result.spec;
  const stopped = endingText(result);
  return (
    `${model} (${result.loss}, ${result.negatives} negatives per positive) on ${result.split}: ${result.epochs} epochs (${stopped}), ${result.seconds.toFixed(1)} s, ` +
    `${Math.round(result.examplesPerSec)} examples/s, backend ${result.backend}, engine ${engineText(result.engine, result.fallbackReason)}\n` +
    `${result.users.evaluated} users; sampled: the test item against ${result.evalNegatives} negatives; full: against every item the user has not interacted with\n${table.toString()}`
  );
}
