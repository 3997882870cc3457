import { Command, InvalidArgumentError } from 'commander';
import Table from 'cli-table3';
import { ItemLabel, loadRunData, recommend } from '../../core/predict';
import { addRunOptions, openPredictor, RunFlags } from './runOptions';

const labelCells = (x: ItemLabel) => [x.title ?? '', (x.genres ?? []).join(', ')];

export function registerRecommendCommand(program: Command): void {
  addRunOptions(
    program
      .command('recommend')
      .description(
        "a user's top-k items by predicted score among those they have not rated, beside their own highest-rated ones",
      )
      .requiredOption('--user <id>', 'the user')
      .option(
        '-k, --k <n>',
        'how many items',
        (v) => {
          const n = Number(v);
          if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('-k must be a positive whole number');
          return n;
        },
        10,
      )
      .option('--include-seen', 'rank the items the user has already rated too'),
  ).action(async (flags: RunFlags & { user: string; k: number; includeSeen?: boolean }) => {
    const predictor = await openPredictor(flags);
    predictor.user(flags.user); // an unknown user is reported before the data is read
    const { data, notice } = await loadRunData(predictor.run);
    if (notice) process.stderr.write(`note: ${notice}\n`);
    const result = recommend(predictor, data, flags.user, { k: flags.k, includeSeen: flags.includeSeen });
    predictor.dispose();
    if (flags.json) return console.log(JSON.stringify(result));
    const scoreName = predictor.run.task === 'rating' ? 'predicted' : 'score';
    const top = new Table({ head: ['#', 'item', scoreName, 'title', 'genres'], style: { head: [], border: [] } });
    result.items.forEach((x, k) => top.push([k + 1, x.item, x.score.toFixed(3), ...labelCells(x)]));
    console.log(
      `top ${result.items.length} for user ${result.user}${flags.includeSeen ? '' : ' (items they have not rated)'}\n${top.toString()}`,
    );
    if (result.liked.length) {
      const liked = new Table({ head: ['item', 'rating', 'title', 'genres'], style: { head: [], border: [] } });
      for (const x of result.liked) liked.push([x.item, x.rating, ...labelCells(x)]);
      console.log(`their highest-rated items\n${liked.toString()}`);
    }
  });
}
