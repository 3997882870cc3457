/**
 * Binary classification figures from predicted probabilities: accuracy at 0.5, ROC AUC (the
 * Mann–Whitney statistic, ties counting a half), precision, recall and F1 of the positive class,
 * the log loss, and the confusion matrix (rows: the true class, columns: the predicted one).
 */

export interface ClassMetrics {
  accuracy: number;
  auc: number;
  precision: number;
  recall: number;
  f1: number;
  /** Binary cross-entropy of the probabilities (multi-class: categorical cross-entropy). */
  loss: number;
  /** Multi-class only: each class's own figures, in class order (the top-level ones are their macro means). */
  perClass?: ClassFigures[];
}

export interface ClassFigures {
  precision: number;
  recall: number;
  f1: number;
}

/** [[true negatives, false positives], [false negatives, true positives]]. */
export type Confusion = number[][];

export const EPSILON = 1e-7;

export function confusion(probabilities: ArrayLike<number>, labels: ArrayLike<number>): Confusion {
  const m = [
    [0, 0],
    [0, 0],
  ];
  for (let i = 0; i < labels.length; i++) m[labels[i]][probabilities[i] >= 0.5 ? 1 : 0]++;
  return m;
}

/** The probability that a random positive scores above a random negative (ties: one half); 0.5 without both classes. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[start]]) end++;
    // Tied scores share the mean of their ranks (1-based).
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k]] === 1) {
        positives++;
        rankSum += rank;
      }
    }
    start = end + 1;
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function classMetrics(probabilities: ArrayLike<number>, labels: ArrayLike<number>): ClassMetrics {
  const [[tn, fp], [fn, tp]] = confusion(probabilities, labels);
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  let loss = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - EPSILON, Math.max(EPSILON, probabilities[i]));
    loss -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return {
    accuracy: ratio(tp + tn, labels.length),
    auc: rocAuc(probabilities, labels),
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    loss: ratio(loss, labels.length),
  };
}

/** The majority class of the training labels, predicted for every row with its training share as the probability. */
export function majorityProbabilities(trainLabels: ArrayLike<number>, rows: number): Float32Array {
  let positives = 0;
  for (let i = 0; i < trainLabels.length; i++) positives += trainLabels[i];
  const share = ratio(positives, trainLabels.length);
  // A tie goes to the negative class, so the constant prediction is below 0.5 and says "negative".
  return new Float32Array(rows).fill(share > 0.5 ? share : Math.min(share, 0.5 - EPSILON));
}

export const METRIC_KEYS = ['accuracy', 'auc', 'precision', 'recall', 'f1', 'loss'] as const;

/** Mean and sample standard deviation of each figure across folds. */
export function summariseMetrics(values: ClassMetrics[]): { mean: ClassMetrics; std: ClassMetrics } {
  const n = values.length;
  const mean = {} as ClassMetrics;
  const std = {} as ClassMetrics;
  for (const key of METRIC_KEYS) {
    mean[key] = values.reduce((s, v) => s + v[key], 0) / n;
    std[key] = Math.sqrt(values.reduce((s, v) => s + (v[key] - mean[key]) ** 2, 0) / Math.max(1, n - 1));
  }
  const perClass = values[0].perClass;
  if (perClass)
    mean.perClass = perClass.map((_, k) => {
      const of = (key: keyof ClassFigures) => values.reduce((s, v) => s + (v.perClass?.[k][key] ?? 0), 0) / n;
      return { precision: of('precision'), recall: of('recall'), f1: of('f1') };
    });
  return { mean, std };
}

export type MetricKey = (typeof METRIC_KEYS)[number];
