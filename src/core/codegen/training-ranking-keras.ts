/**
 * The training half of a generated Keras file for a ranking spec: `ncf train --task ranking`'s
 * procedure (binary cross-entropy on the logit, fresh negatives every epoch, early stopping on
 * validation NDCG@K, HR@K and NDCG@K against sampled negatives beside ItemPop).
 */
import { ModelPlan } from './plan';
import { pyInputEntries } from './pythonInputs';
import { KERAS_OPTIMIZERS } from './training-python';
import {
  RANKING_PY_EPOCH_END,
  RANKING_PY_HELPERS,
  RANKING_PY_REPORT,
  RANKING_PY_SETUP,
  rankingPyParser,
  rankingSettings,
  rankingSizeArgs,
} from './training-ranking-python';

function featuresFor(plan: ModelPlan): string {
  const { helper, entries } = pyInputEntries(
    plan.inputs,
    'interactions',
    'features_for',
    (field, node) => `        '${node.id}': np.asarray(${field}s, dtype='int32').reshape(-1, 1),`,
    (node, call) => `        '${node.id}': ${call},`,
  );
  return [
    ...helper,
    'def features_for(users, items):',
    '    """The model\'s inputs for pairs of users and items, by input name."""',
    '    return {',
    ...entries,
    '    }',
  ].join('\n');
}

function main(plan: ModelPlan): string {
  const optimizer = KERAS_OPTIMIZERS[plan.checked.spec.training.optimizer];
  return `${rankingPyParser('the model')}
    keras.utils.set_random_seed(TRAINING['seed'])
${RANKING_PY_SETUP}

    model = build_model(${rankingSizeArgs(plan)})
    model.compile(
        optimizer=keras.optimizers.${optimizer}(learning_rate=TRAINING['learning_rate']),
        loss=keras.losses.BinaryCrossentropy(from_logits=True),  # the output is a logit
    )

    def score(pair_users, pair_items):
        """The model's logits for pairs of users and items."""
        inputs = features_for(pair_users, pair_items)
        return model.predict(inputs, batch_size=65536, verbose=0).reshape(-1).tolist()

    snapshot = model.get_weights
    restore = model.set_weights
    stopping = EarlyStopping()
    for epoch in range(1, args.epochs + 1):
        epoch_users, epoch_items, labels = epoch_examples(users, items, train, seen, num_items, rng)
        history = model.fit(
            features_for(epoch_users, epoch_items),
            np.asarray(labels, dtype='float32').reshape(-1, 1),
            batch_size=TRAINING['batch_size'],
            epochs=1,
            shuffle=False,  # epoch_examples() shuffled them, seeded
            verbose=0,
        )
        loss = float(history.history['loss'][0])
${RANKING_PY_EPOCH_END}
${RANKING_PY_REPORT}


if __name__ == '__main__':
    main()`;
}

export function kerasRankingTraining(plan: ModelPlan): {
  stdlibImports: string[];
  thirdPartyImports: string[];
  settings: string;
  code: string;
} {
  return {
    stdlibImports: ['import argparse', 'import csv', 'import math', 'import random'],
    thirdPartyImports: ['import numpy as np'],
    settings: rankingSettings(plan.checked.spec.training),
    code: [RANKING_PY_HELPERS, featuresFor(plan), main(plan)].join('\n\n\n'),
  };
}
