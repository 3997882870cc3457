import { Command } from 'commander';
import Table from 'cli-table3';
import { predictItems } from '../../core/predict';
import { addRunOptions, openPredictor, RunFlags } from './runOptions';
import { predictTextCommand } from './predict-text';

export function registerPredictCommand(program: Command): void {
  addRunOptions(
    program
      .command('predict')
      .description(
        "a saved run's predicted ratings of items for a user (raw ids, as in the data), or a text classifier's probability of a sentence",
      )
      .option('--user <id>', 'the user')
      .option('--item <ids...>', 'one or more items (repeat --item or list them)')
      .option('--text <sentence...>', 'a text classifier: one or more sentences to score'),
  ).action(async (flags: RunFlags & { user?: string; item?: string[]; text?: string[] }) => {
    if (flags.text) return predictTextCommand({ ...flags, text: flags.text });
    if (flags.user === undefined || flags.item === undefined) {
      console.error('ncf: predict needs --user and --item (a rating or ranking run) or --text (a text classifier)');
      process.exitCode = 1;
      return;
    }
    const predictor = await openPredictor(flags);
    const result = predictItems(predictor, flags.user, flags.item);
    predictor.dispose();
    if (flags.json) return console.log(JSON.stringify(result));
    const table = new Table({
      head: ['item', predictor.run.task === 'rating' ? 'predicted rating' : 'score'],
      style: { head: [], border: [] },
    });
    for (const p of result.predictions) table.push([p.item, p.prediction.toFixed(3)]);
    console.log(`user ${result.user}\n${table.toString()}`);
  });
}
