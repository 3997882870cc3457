/**
 * Multi-class figures from a softmax's probabilities (row-major, K per row): accuracy of the most
 * probable class, the macro means of per-class precision, recall and F1 and of one-vs-rest ROC AUC,
 * the categorical cross-entropy, and the K×K confusion matrix (rows: true class, columns: predicted).
 */
import { ClassFigures, ClassMetrics, Confusion, EPSILON, ratio, rocAuc } from './metrics';

function argmax(probabilities: ArrayLike<number>, row: number, classes: number): number {
  let best = 0;
  for (let k = 1; k < classes; k++)
    if (probabilities[row * classes + k] > probabilities[row * classes + best]) best = k;
  return best;
}

export function multiConfusion(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
): Confusion {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) m[labels[i]][argmax(probabilities, i, classes)]++;
  return m;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export function multiClassMetrics(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
): ClassMetrics {
  const m = multiConfusion(probabilities, labels, classes);
  const perClass: ClassFigures[] = m.map((row, k) => {
    const tp = row[k];
    const predicted = m.reduce((s, r) => s + r[k], 0);
    const actual = row.reduce((a, b) => a + b, 0);
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, actual);
    return { precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
  });
  const aucs = Array.from({ length: classes }, (_, k) =>
    rocAuc(
      Float32Array.from(labels, (_, i) => probabilities[i * classes + k]),
      Int32Array.from(labels, (y) => (y === k ? 1 : 0)),
    ),
  );
  let loss = 0;
  for (let i = 0; i < labels.length; i++)
    loss -= Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, probabilities[i * classes + labels[i]])));
  return {
    accuracy: ratio(
      m.reduce((s, row, k) => s + row[k], 0),
      labels.length,
    ),
    auc: mean(aucs),
    precision: mean(perClass.map((c) => c.precision)),
    recall: mean(perClass.map((c) => c.recall)),
    f1: mean(perClass.map((c) => c.f1)),
    loss: ratio(loss, labels.length),
    perClass,
  };
}

/** Every row gets the training share of each class: the commonest one is predicted (a tie: the first). */
export function majorityDistribution(trainLabels: ArrayLike<number>, rows: number, classes: number): Float32Array {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < trainLabels.length; i++) counts[trainLabels[i]]++;
  const shares = counts.map((c) => ratio(c, trainLabels.length));
  const out = new Float32Array(rows * classes);
  for (let r = 0; r < rows; r++) out.set(shares, r * classes);
  return out;
}
