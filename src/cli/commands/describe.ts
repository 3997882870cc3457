import { Command } from 'commander';
import Table from 'cli-table3';
import { describeDataset, GroupMean } from '../../core/data/describe';
import { loadDataset } from '../../core/data/load';

const n = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en-US') : x.toFixed(2));

function groupTable(title: string, groups: GroupMean[], members: string): string {
  const table = new Table({ head: [title, members, 'ratings', 'mean rating'], style: { head: [], border: [] } });
  for (const g of groups) table.push([g.group, n(g.members), n(g.ratings), g.mean.toFixed(3)]);
  return table.toString();
}

export function registerDescribeCommand(program: Command): void {
  program
    .command('describe')
    .description(
      'a dataset at a glance: sizes, density, rating histogram, ratings per user and per item, mean rating by genre and by user group',
    )
    .requiredOption(
      '--data <source>',
      'synthetic[:SEED] | synthetic-1m[:SEED] | synthetic-20m[:SEED] | movielens:DIR | csv:FILE',
    )
    .option('--json', 'print one JSON object instead of tables')
    .action(async (flags: { data: string; json?: boolean }) => {
      const o = describeDataset(await loadDataset(flags.data));
      if (flags.json) return console.log(JSON.stringify(o));
      const facts = new Table({ style: { head: [], border: [] } });
      facts.push(
        ['data', o.name],
        ['users', n(o.users)],
        ['items', n(o.items)],
        ['ratings', n(o.ratings)],
        ['density', `${(o.density * 100).toFixed(2)} %`],
        ['rating scale', `${o.ratingRange[0]} to ${o.ratingRange[1]}, mean ${o.meanRating.toFixed(3)}`],
      );
      const spread = new Table({
        head: ['ratings', 'min', 'median', 'mean', 'max', 'top 10 % hold'],
        style: { head: [], border: [] },
      });
      spread.push(['per user', n(o.perUser.min), n(o.perUser.median), n(o.perUser.mean), n(o.perUser.max), '']);
      spread.push([
        'per item',
        n(o.perItem.min),
        n(o.perItem.median),
        n(o.perItem.mean),
        n(o.perItem.max),
        `${(o.perItem.top10Share * 100).toFixed(1)} % of ratings`,
      ]);
      const histogram = new Table({ head: ['rating', 'count', 'share'], style: { head: [], border: [] } });
      for (const [value, count] of Object.entries(o.histogram))
        histogram.push([value, n(count), `${((count / o.ratings) * 100).toFixed(1)} %`]);
      const parts = [facts.toString(), spread.toString(), histogram.toString()];
      if (o.byGenre) parts.push(groupTable('genre', o.byGenre, 'items'));
      if (o.byGender) parts.push(groupTable('gender', o.byGender, 'users'));
      console.log(parts.join('\n'));
    });
}
