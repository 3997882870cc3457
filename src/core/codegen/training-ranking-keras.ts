/**
 * The training half of a generated Keras file for a ranking spec: `ncf train --task ranking`'s
 * procedure (binary cross-entropy on the logit, fresh negatives every epoch, early stopping on
 * validation NDCG@K, HR@K and NDCG@K against sampled negatives beside ItemPop).
 */
import { SpecNode } from '../spec/schema';
import { stringLiteral } from './expr';
import { ModelPlan } from './plan';
import {
  RANKING_PY_EPOCH_END,
  RANKING_PY_HELPERS,
  RANKING_PY_REPORT,
  RANKING_PY_SETUP,
  rankingSettings,
} from './training-ranking-python';

const KERAS_OPTIMIZERS = { adam: 'Adam', sgd: 'SGD', rmsprop: 'RMSprop', adagrad: 'Adagrad' } as const;

function featuresFor(plan: ModelPlan): string {
  const entry = (node: Extract<SpecNode, { op: 'input' }>) => {
    if (node.field === 'user') return `        '${node.id}': np.asarray(users, dtype='int32').reshape(-1, 1),`;
    if (node.field === 'item') return `        '${node.id}': np.asarray(items, dtype='int32').reshape(-1, 1),`;
    const what =
      node.field === 'tokens'
        ? 'token sequences'
        : `the ${node.field === 'userFeature' ? 'user' : 'item'} feature '${node.feature}'`;
    return `        '${node.id}': missing_input(${stringLiteral(node.id, 'py')}, ${stringLiteral(what, 'py')}),`;
  };
  const needsMissing = plan.inputs.some((n) => n.field !== 'user' && n.field !== 'item');
  return [
    ...(needsMissing
      ? [
          'def missing_input(name, what):',
          '    """An interactions CSV has users and items only: load side inputs in features_for()."""',
          '    raise SystemExit(f"input \'{name}\' needs {what}, which an interactions CSV lacks: see features_for()")',
          '',
          '',
        ]
      : []),
    'def features_for(users, items):',
    '    """The model\'s inputs for pairs of users and items, by input name."""',
    '    return {',
    ...plan.inputs.map(entry),
    '    }',
  ].join('\n');
}

function main(plan: ModelPlan): string {
  const args = plan.sizes
    .filter((s) => s.vocab === 'user' || s.vocab === 'item')
    .map((s) => `${s.name.py}=${s.vocab === 'user' ? 'num_users' : 'num_items'}`);
  const optimizer = KERAS_OPTIMIZERS[plan.checked.spec.training.optimizer];
  return `def main(argv=None):
    parser = argparse.ArgumentParser(
        description='Trains the model for top-N recommendation as NCF Studio trains it.'
    )
    parser.add_argument(
        'interactions',
        help='a CSV naming the user, item and rating columns (and a timestamp, or in time order)',
    )
    parser.add_argument(
        '--epochs', type=int, default=TRAINING['epochs'], help='at most this many epochs'
    )
    args = parser.parse_args(argv)
    keras.utils.set_random_seed(TRAINING['seed'])
${RANKING_PY_SETUP}

    model = build_model(${args.join(', ')})
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
