/** What the CLI shows a person on a terminal: a progress bar per epoch and a table of results. */
import { SingleBar, Presets } from 'cli-progress';
import Table from 'cli-table3';
import { Metrics, TrainEvent, endingText, engineText } from '../core/engine/events';
import { JobResult } from '../core/job/runJob';
import { batchCapLine } from '../core/engine/train';

const f4 = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(4));

/** A bar that fills batch by batch with examples/s and ETA, then leaves one summary line per epoch. */
export class EpochProgress {
  private bar: SingleBar | null = null;
  private started = 0;
  private batchSize = 1;
  /** `rows`: what a row is, for the start line (ratings; texts for a classifier). */
  constructor(
    private readonly tty: boolean,
    private readonly rows = 'ratings',
  ) {}

  /** Clears the bar of the epoch that just ended (a caller printing its own epoch line). */
  finishBar(): void {
    this.bar?.stop();
    this.bar = null;
  }

  onEvent(e: TrainEvent, fold: { index: number; count: number; name: string }): void {
    const prefix = fold.count > 1 ? `[${fold.name} ${fold.index + 1}/${fold.count}] ` : '';
    if (e.event === 'start') {
      this.batchSize = e.batchSize;
      if (e.batchCappedFrom !== undefined)
        process.stderr.write(`${prefix}${batchCapLine(e.batchCappedFrom, e.batchSize)}\n`);
      process.stderr.write(
        `${prefix}backend ${e.backend}, engine ${engineText(e.engine, e.fallbackReason)}: ${e.trainRows} train / ${e.valRows} validation / ${e.testRows} test ${this.rows}, ${e.params} parameters\n`,
      );
    } else if (e.event === 'batch' && this.tty) {
      if (!this.bar) {
        this.bar = new SingleBar(
          {
            format: `${prefix}epoch {epoch} |{bar}| {percentage}% | {speed} ex/s | ETA {eta}s | loss {loss}`,
            hideCursor: true,
            clearOnComplete: true,
            stream: process.stderr,
          },
          Presets.shades_classic,
        );
        this.bar.start(e.batches, 0, { epoch: e.epoch, speed: '…', loss: '…' });
        this.started = performance.now();
      }
      const speed = Math.round((e.batch * this.batchSize) / ((performance.now() - this.started) / 1000));
      this.bar.update(e.batch, { epoch: e.epoch, speed, loss: e.loss.toFixed(4) });
    } else if (e.event === 'epoch') {
      this.bar?.stop();
      this.bar = null;
      const val = e.val ? ` val RMSE ${f4(e.val.rmse)} MAE ${f4(e.val.mae)}` : '';
      process.stderr.write(
        `${prefix}epoch ${e.epoch}/${e.epochs}: loss ${f4(e.loss)} train RMSE ${f4(e.train.rmse)}${val} (${e.seconds.toFixed(1)} s, ${Math.round(e.examplesPerSec)} ex/s)\n`,
      );
    }
  }
}

export function resultTable({ result }: JobResult): string {
  const table = new Table({ head: ['', 'RMSE', 'MAE'], style: { head: [], border: [] } });
  const row = (name: string, m: Metrics | null | undefined, std?: Metrics) =>
    table.push([
      name,
      m ? f4(m.rmse) + (std ? ` ± ${f4(std.rmse)}` : '') : '—',
      m ? f4(m.mae) + (std ? ` ± ${f4(std.mae)}` : '') : '—',
    ]);
  const folds = result.folds?.length;
  if (!folds) {
    row('train', result.train);
    row('validation', result.val);
  }
  row(folds ? `test (mean of ${folds} folds)` : 'test', result.test, result.std);
  row('baseline: global mean', result.baselines.globalMean);
  row('baseline: μ + bᵤ + bᵢ', result.baselines.userItemBias);
  // A cold row's unseen user or item has no bias: there μ + bᵤ + bᵢ is μ + bᵢ (μ + bᵤ for a cold item).
  const coldWarm = folds ? undefined : result.coldWarm;
  for (const [name, group] of Object.entries(coldWarm ?? {})) {
    if (!group) continue;
    row(`test: ${name} rows (${group.rows})`, group.test);
    row(`baseline on ${name} rows: μ + bᵤ + bᵢ`, group.userItemBias);
  }
  const model = result.preset ?? result.spec;
  const stopped = endingText(result);
  return `${model} on ${result.split}: ${result.epochs} epochs (${stopped}), ${result.seconds.toFixed(1)} s, ${Math.round(result.examplesPerSec)} examples/s, backend ${result.backend}\n${table.toString()}`;
}
