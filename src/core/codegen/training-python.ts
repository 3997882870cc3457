/**
 * The training half of a generated Python file: a ratings CSV read through tf.data, a seeded
 * split, the model built and compiled inside a tf.distribute strategy scope (multi-worker when
 * TF_CONFIG describes a cluster), fit with early stopping, and test RMSE and MAE on clipped
 * predictions. Python's generators differ from the engine's, so the split is seeded but not the
 * same rows as `ncf train`'s.
 */
import { Training } from '../spec/schema';
import { GLOBAL_MEAN_NAME } from './names';
import { ModelPlan } from './plan';
import { pyInputEntries } from './pythonInputs';
import { pyRatingSettings } from './pythonSettings';

export const KERAS_OPTIMIZERS: Record<Training['optimizer'], string> = {
  adam: 'Adam',
  sgd: 'SGD',
  rmsprop: 'RMSprop',
  adagrad: 'Adagrad',
};

const settings = (training: Training) => pyRatingSettings(training, 'for the test', 'the workers of a cluster');

const HELPERS = `def make_strategy():
    """MultiWorkerMirroredStrategy on a cluster (TF_CONFIG set on each worker), else the default."""
    if os.environ.get('TF_CONFIG'):
        return tf.distribute.MultiWorkerMirroredStrategy()
    return tf.distribute.get_strategy()


def read_ratings(path):
    """Reads the user, item and rating columns of a CSV through tf.data; the header names them."""
    with tf.io.gfile.GFile(path) as f:
        header = [name.strip().lower() for name in f.readline().split(',')]
    index = {}
    for role, names in COLUMNS.items():
        found = [header.index(name) for name in names if name in header]
        if not found:
            raise SystemExit(f"{path}:1: no {role} column (looked for {', '.join(names)})")
        index[role] = found[0]
    roles = sorted(index, key=index.get)  # CsvDataset yields the selected columns in file order
    types = {'user': tf.string, 'item': tf.string, 'rating': tf.float32}
    rows = tf.data.experimental.CsvDataset(
        path,
        [types[role] for role in roles],
        header=True,
        select_cols=[index[role] for role in roles],
    )
    parts = {role: [] for role in roles}
    for batch in rows.batch(1 << 16):
        for role, values in zip(roles, batch):
            if values.dtype == tf.string:
                values = tf.strings.strip(values)
            parts[role].append(values.numpy())
    if not parts['rating']:
        raise SystemExit(f'{path}: no rating rows found')
    return {role: np.concatenate(parts[role]) for role in roles}


def encode(ids):
    """Indices 0…n-1 for raw ids, in order of first appearance (as NCF Studio numbers them)."""
    _, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
    order = np.argsort(first)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank[inverse.reshape(-1)].astype('int32'), len(order)


def split_rows(count, seed):
    """A seeded test split, then a validation part carved from the training rows."""
    order = np.random.default_rng(seed).permutation(count)
    test_size = round(TRAINING['test_fraction'] * count)
    test, rest = order[:test_size], order[test_size:]
    val_size = round(TRAINING['validation'] * len(rest))
    return np.sort(rest[val_size:]), np.sort(rest[:val_size]), np.sort(test)`;

function featuresFor(plan: ModelPlan): string {
  const { helper, entries } = pyInputEntries(
    plan.inputs,
    'ratings',
    'features_for',
    (field, node) => `        '${node.id}': data['${field}'][rows].reshape(-1, 1),`,
    (node, call) => `        '${node.id}': ${call},`,
  );
  return [
    ...helper,
    'def features_for(data, rows):',
    '    """The model\'s inputs for some rating rows, by input name."""',
    '    return {',
    ...entries,
    '    }',
    '',
    '',
    'def make_dataset(data, rows, shuffle=False):',
    '    """A tf.data pipeline of (inputs, rating) batches."""',
    "    targets = data['rating'][rows].reshape(-1, 1)",
    '    dataset = tf.data.Dataset.from_tensor_slices((features_for(data, rows), targets))',
    '    if shuffle:',
    "        dataset = dataset.shuffle(len(rows), seed=TRAINING['seed'], reshuffle_each_iteration=True)",
    "    return dataset.batch(TRAINING['batch_size']).prefetch(tf.data.AUTOTUNE)",
    '',
    '',
    'def evaluate(model, data, rows, low, high):',
    '    """RMSE and MAE of the predictions clipped to the rating scale: what a user would see."""',
    '    predicted = model.predict(make_dataset(data, rows), verbose=0).reshape(-1)',
    "    error = np.clip(predicted, low, high) - data['rating'][rows]",
    '    return float(np.sqrt(np.mean(error**2))), float(np.mean(np.abs(error)))',
  ].join('\n');
}

function main(plan: ModelPlan): string {
  const training = plan.checked.spec.training;
  const args = [
    ...plan.sizes.filter((s) => s.vocab === 'user' || s.vocab === 'item').map((s) => `${s.name.py}=${s.name.py}`),
    ...(plan.globalMean !== null ? [`${GLOBAL_MEAN_NAME.py}=float(np.mean(data['rating'][train]))`] : []),
  ];
  const build = `model = build_model(${args.join(', ')})`;
  const buildLine =
    build.length + 8 <= 100
      ? `        ${build}`
      : `        model = build_model(\n${args.map((a) => `            ${a},`).join('\n')}\n        )`;
  return `def main(argv):
    if len(argv) != 2:
        raise SystemExit(f'usage: python {argv[0]} ratings.csv')
    # A multi-worker strategy must exist before any other TensorFlow work.
    strategy = make_strategy()
    keras.utils.set_random_seed(TRAINING['seed'])
    columns = read_ratings(argv[1])
    users, num_users = encode(columns['user'])
    items, num_items = encode(columns['item'])
    data = {'user': users, 'item': items, 'rating': columns['rating'].astype('float32')}
    low, high = float(data['rating'].min()), float(data['rating'].max())
    train, val, test = split_rows(len(users), TRAINING['seed'])
    print(
        f'{len(users)} ratings, {num_users} users, {num_items} items; '
        f'train {len(train)}, validation {len(val)}, test {len(test)}; '
        f'{strategy.num_replicas_in_sync} replica(s)'
    )

    # Variables created in the scope are mirrored on every replica of the strategy.
    with strategy.scope():
${buildLine}
        model.compile(
            optimizer=keras.optimizers.${KERAS_OPTIMIZERS[training.optimizer]}(learning_rate=TRAINING['learning_rate']),
            loss='mse',
            metrics=[
                keras.metrics.RootMeanSquaredError(name='rmse'),
                keras.metrics.MeanAbsoluteError(name='mae'),
            ],
        )
    callbacks = []
    if TRAINING['patience'] is not None and len(val):
        callbacks.append(
            keras.callbacks.EarlyStopping(
                monitor='val_rmse',
                mode='min',
                patience=TRAINING['patience'],
                min_delta=TRAINING['min_delta'],
                restore_best_weights=True,
            )
        )
    model.fit(
        make_dataset(data, train, shuffle=True),
        validation_data=make_dataset(data, val) if len(val) else None,
        epochs=TRAINING['epochs'],
        callbacks=callbacks,
        verbose=2,
    )
    rmse, mae = evaluate(model, data, test, low, high)
    print(f'test RMSE {rmse:.4f}  MAE {mae:.4f}')


if __name__ == '__main__':
    main(sys.argv)`;
}

export function pythonTraining(plan: ModelPlan): {
  stdlibImports: string[];
  thirdPartyImports: string[];
  settings: string;
  code: string;
} {
  return {
    stdlibImports: ['import os', 'import sys'],
    thirdPartyImports: ['import numpy as np'],
    settings: settings(plan.checked.spec.training),
    code: [HELPERS, featuresFor(plan), main(plan)].join('\n\n\n'),
  };
}
