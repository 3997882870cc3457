/** The figures of a classifier with K classes: binary (one probability per row) or multi-class (K per row). */
import { ClassMetrics, Confusion, classMetrics, confusion, majorityProbabilities } from './metrics';
import { majorityDistribution, multiClassMetrics, multiConfusion } from './multiclass';

export interface Figures {
  /** Probabilities per row the model gives: 1 (of classes[1]) or K. */
  width: number;
  metrics(probabilities: ArrayLike<number>, labels: ArrayLike<number>): ClassMetrics;
  confusion(probabilities: ArrayLike<number>, labels: ArrayLike<number>): Confusion;
  majority(trainLabels: ArrayLike<number>, rows: number): Float32Array;
}

export function figuresFor(classes: number): Figures {
  if (classes === 2) return { width: 1, metrics: classMetrics, confusion, majority: majorityProbabilities };
  return {
    width: classes,
    metrics: (p, y) => multiClassMetrics(p, y, classes),
    confusion: (p, y) => multiConfusion(p, y, classes),
    majority: (y, rows) => majorityDistribution(y, rows, classes),
  };
}
