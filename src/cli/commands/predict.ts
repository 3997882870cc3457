import { Command } from 'commander';
import { UsageError } from '../../core/job/resolveSpec';
import Table from 'cli-table3';
import { predictItems } from '../../core/predict';
import { addRunOptions, openPredictor, RunFlags } from './runOptions';
import { predictTextCommand } from './predict-text';

interface PredictFlags extends RunFlags {
  user?: string;
  item?: string[];
  userFeature?: string[];
  itemFeature?: string[];
  text?: string[];
}

export function registerPredictCommand(program: Command): void {
  addRunOptions(
    program
      .command('predict')
      .description(
        "a saved run's predicted ratings of items for a user (raw ids, as in the data), or a text classifier's probability of a sentence",
      )
      .option('--user <id>', 'the user')
      .option('--item <ids...>', 'one or more items (repeat --item or list them)')
      .option(
        '--user-feature <name=value...>',
        'a user the model never saw, by its features (e.g. age=31 gender=F occupation=writer zip=10001); for a model with user feature inputs',
      )
      .option(
        '--item-feature <name=value...>',
        'one item the model never saw (the one --item names), by its features (e.g. genres="Comedy|Drama" year=1996); for a model with item feature inputs',
      )
      .option('--text <sentence...>', 'a text classifier: one or more sentences to score'),
  ).action(async (flags: PredictFlags) => {
    if (flags.text) return predictTextCommand({ ...flags, text: flags.text });
    if (flags.user === undefined || flags.item === undefined) {
      console.error('ncf: predict needs --user and --item (a rating or ranking run) or --text (a text classifier)');
      process.exitCode = 1;
      return;
    }
    const newUser = flags.userFeature ? parsePairs('--user-feature', flags.userFeature) : undefined;
    const newItem = flags.itemFeature ? parsePairs('--item-feature', flags.itemFeature) : undefined;
    const predictor = await openPredictor(flags);
    let result;
    try {
      result = predictItems(predictor, flags.user, flags.item, newUser, newItem);
    } finally {
      predictor.dispose();
    }
    if (flags.json) return console.log(JSON.stringify(result));
    const table = new Table({
      head: ['item', predictor.run.task === 'rating' ? 'predicted rating' : 'score'],
      style: { head: [], border: [] },
    });
    for (const p of result.predictions) table.push([p.item, p.prediction.toFixed(3)]);
    console.log(`user ${result.user}\n${table.toString()}`);
  });
}

/** `name=value` pairs to a record; a pair without '=' is a usage error naming it. */
function parsePairs(option: string, pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new UsageError(
        `${option} '${pair}': use NAME=VALUE, e.g. ${option === '--user-feature' ? 'age=31' : 'year=1996'}`,
      );
    out[pair.slice(0, at).trim()] = pair.slice(at + 1);
  }
  return out;
}
