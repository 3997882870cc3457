/** The rating and classification figures' schemas, over the number schema of a channel (JSON IPC and structured clone keep NaN differently). */
import { z } from 'zod';

export function metricSchemas<M extends z.ZodType<number, unknown>>(measure: M) {
  const ClassFiguresSchema = z.strictObject({ precision: measure, recall: measure, f1: measure });
  return {
    MetricsSchema: z.strictObject({ rmse: measure, mae: measure }),
    /** A text classifier's figures: accuracy, AUC, precision, recall, F1, log loss (and per class with more than two). */
    ClassMetricsSchema: z.strictObject({
      accuracy: measure,
      auc: measure,
      precision: measure,
      recall: measure,
      f1: measure,
      loss: measure,
      perClass: z.array(ClassFiguresSchema).optional(),
    }),
  };
}
