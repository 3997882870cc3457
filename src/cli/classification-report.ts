/** What the CLI shows for a classification run: a line per epoch, then the figures beside the majority class and the confusion matrix. */
import Table from 'cli-table3';
import { ClassificationJobResult } from '../core/classification/job';
import { ClassFigures, ClassMetrics, MetricKey } from '../core/classification/metrics';
import { endingText, engineText } from '../core/engine/events';
import { f4 } from '../core/classification/lines';

export { classificationEpochLine } from '../core/classification/lines';

export function classificationTable({ result, data }: ClassificationJobResult): string {
  const table = new Table({
    head: ['', 'accuracy', 'AUC', 'precision', 'recall', 'F1', 'log loss'],
    style: { head: [], border: [] },
  });
  const row = (name: string, m: ClassMetrics | null, std?: ClassMetrics) => {
    if (!m) return;
    const cell = (k: MetricKey) => (std ? `${f4(m[k])} ± ${f4(std[k])}` : f4(m[k]));
    table.push([name, cell('accuracy'), cell('auc'), cell('precision'), cell('recall'), cell('f1'), cell('loss')]);
  };
  const folds = result.folds?.length ?? 1;
  if (result.mean) {
    row(`test (mean ± std of ${folds} folds)`, result.mean, result.std);
    row('baseline: majority class (mean)', result.baselinesMean?.majority ?? null);
  } else {
    row('train', result.train);
    row('validation', result.val);
    row('test', result.test);
    row('baseline: majority class', result.baselines.majority);
  }
  const { classes } = result;
  const confusion = new Table({
    head: [`${result.folds ? 'all folds: ' : ''}true \\ predicted`, ...classes],
    style: { head: [], border: [] },
  });
  result.test.confusion.forEach((row, k) => confusion.push([classes[k], ...row]));
  const perClass = result.test.perClass ? `\n${perClassTable(classes, result.test.perClass, !!result.folds)}` : '';
  const labels =
    classes.length === 2
      ? `'${data.columns.label}' ${classes[1]} is positive`
      : `'${data.columns.label}' has ${classes.length} classes: softmax; precision, recall and F1 are macro means`;
  const stopped = endingText(result);
  return (
    `${result.preset ?? result.spec} on ${data.name} (${data.texts.length} texts; ${labels}), ${result.split}: ` +
    `${result.epochs} epochs (${stopped}), ${result.seconds.toFixed(1)} s, backend ${result.backend}, engine ${engineText(result.engine, result.fallbackReason)}\n` +
    `vocabulary ${result.vocabulary.size} tokens (padding and OOV included), sequences of ${result.vocabulary.length}\n` +
    `${table.toString()}\n${confusion.toString()}${perClass}`
  );
}

function perClassTable(classes: string[], figures: ClassFigures[], folds: boolean): string {
  const table = new Table({
    head: [folds ? 'class (mean of folds)' : 'class', 'precision', 'recall', 'F1'],
    style: { head: [], border: [] },
  });
  figures.forEach((f, k) => table.push([classes[k], f4(f.precision), f4(f.recall), f4(f.f1)]));
  return table.toString();
}
