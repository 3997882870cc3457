/** The settings block every generated Python training script opens with: the spec's TRAINING values and the header names it reads. */
import { Training } from '../spec/schema';
import { formatNumber } from './expr';
import { TEST_FRACTION } from './training-typescript';

/** The early-stopping settings as Python literals (patience None: never stop early). */
export function pyEarlyStopping(training: Training): { patience: string; minDelta: string } {
  return {
    patience: training.earlyStopping ? String(training.earlyStopping.patience) : 'None',
    minDelta: training.earlyStopping ? formatNumber(training.earlyStopping.minDelta) : '0',
  };
}

export const PY_COLUMNS = `# Header names accepted for each column, compared without case.
COLUMNS = {
    'user': ('user', 'userid', 'user_id'),
    'item': ('item', 'itemid', 'movieid', 'item_id'),
    'rating': ('rating',),
}`;

/** A rating script's settings; `heldOut` says when the test share applies, `batchSharedBy` who shares a batch. */
export function pyRatingSettings(training: Training, heldOut: string, batchSharedBy: string): string {
  const { patience, minDelta } = pyEarlyStopping(training);
  return `# The spec's training settings, and the share of ratings held out ${heldOut}.
TRAINING = {
    'optimizer': '${training.optimizer}',
    'learning_rate': ${formatNumber(training.learningRate)},
    'batch_size': ${training.batchSize},  # the global batch, shared by ${batchSharedBy}
    'epochs': ${training.epochs},
    'validation': ${formatNumber(training.validation)},  # share of the training rows for validation
    'patience': ${patience},  # epochs without a better validation RMSE; None: never stop early
    'min_delta': ${minDelta},
    'seed': ${training.seed},
    'test_fraction': ${formatNumber(TEST_FRACTION)},
}

${PY_COLUMNS}`;
}
