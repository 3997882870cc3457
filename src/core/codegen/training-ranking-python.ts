/**
 * What the Keras and the PyTorch ranking scripts share, in plain Python: the settings, the CSV
 * reader, leave-one-out by time (file order without a timestamp column), negatives drawn afresh every epoch from the
 * items a user has not trained on, the sampled protocol's fixed negatives, HR@K and NDCG@K with
 * ties against the model, and ItemPop. Python's generator differs from the engine's, so the
 * negatives are seeded but not the ones `ncf train` draws.
 */
import { Training } from '../spec/schema';
import type { ModelPlan } from './plan';
import { EVAL_NEGATIVES } from '../ranking/metrics';
import { formatNumber } from './expr';
import { PY_COLUMNS, pyEarlyStopping } from './pythonSettings';
import { PY_READ_RATINGS } from './training-pytorch';

export function rankingSettings(training: Training): string {
  const { patience, minDelta } = pyEarlyStopping(training);
  const bpr =
    training.loss === 'bpr'
      ? "\n# The spec's loss is BPR, which only ncf train trains: this script trains BCE on sampled\n# negatives."
      : '';
  return `# The spec's training settings.${bpr}
TRAINING = {
    'optimizer': '${training.optimizer}',
    'learning_rate': ${formatNumber(training.learningRate)},
    'batch_size': ${training.batchSize},
    'epochs': ${training.epochs},
    'negatives': ${training.negatives},  # drawn per positive, afresh every epoch
    'top_k': ${training.topK},  # the K of HR@K and NDCG@K
    # each held-out item is ranked against this many negatives (the NCF paper's protocol)
    'eval_negatives': ${EVAL_NEGATIVES},
    # ratings at or above it are interactions; None: every rating
    'threshold': ${training.threshold === undefined ? 'None' : formatNumber(training.threshold)},
    'patience': ${patience},  # epochs without a better validation NDCG@K; None: never stop early
    'min_delta': ${minDelta},
    'seed': ${training.seed},
}

${PY_COLUMNS}`;
}

/** The builder's size arguments in a ranking script: the numbers of users and items it counted. */
export const rankingSizeArgs = (plan: ModelPlan) =>
  plan.sizes
    .filter((s) => s.vocab === 'user' || s.vocab === 'item')
    .map((s) => `${s.name.py}=${s.vocab === 'user' ? 'num_users' : 'num_items'}`)
    .join(', ');

/** The opening of a ranking script's main(): its command line; `what` names the model it trains. */
export const rankingPyParser = (what: string) => `def main(argv=None):
    parser = argparse.ArgumentParser(
        description='Trains ${what} for top-N recommendation as NCF Studio trains it.'
    )
    parser.add_argument(
        'interactions',
        help='a CSV naming the user, item and rating columns (and a timestamp, or in time order)',
    )
    parser.add_argument(
        '--epochs', type=int, default=TRAINING['epochs'], help='at most this many epochs'
    )
    args = parser.parse_args(argv)`;

export const RANKING_PY_HELPERS = `${PY_READ_RATINGS}


def read_interactions(path):
    """The interactions' users and items, encoded 0…n-1 in order of first appearance (as NCF
    Studio numbers them), the numbers of users and items, each interaction's time (None without
    a timestamp column) and the raw item ids by index."""
    user_ids, item_ids, ratings, times = read_ratings(path)
    user_index, item_index = {}, {}
    users, items, kept_times = [], [], []
    for row, (user, item, rating) in enumerate(zip(user_ids, item_ids, ratings)):
        # Every id gets its index, interaction or not: an item nobody chose is still a candidate.
        u = user_index.setdefault(user, len(user_index))
        i = item_index.setdefault(item, len(item_index))
        if TRAINING['threshold'] is None or rating >= TRAINING['threshold']:
            users.append(u)
            items.append(i)
            if times is not None:
                kept_times.append(times[row])
    kept_times = kept_times if times is not None else None
    return users, items, len(user_index), len(item_index), kept_times, list(item_index)


def leave_one_out(users, items, times, item_ids):
    """Each user's latest interaction (ties broken by item id, as numbers when every id is one;
    without times the file order is taken as time) is the test row, the one before it the
    validation row."""
    numeric = all(_is_number(i) for i in item_ids)
    item_key = [float(i) if numeric else i for i in item_ids]
    by_user = {}
    for row, user in enumerate(users):
        by_user.setdefault(user, []).append(row)
    train, val, test = [], [], []
    for rows in by_user.values():
        if times is not None:
            rows.sort(key=lambda r: (times[r], item_key[items[r]]))
        if len(rows) >= 2:
            test.append(rows.pop())
        if len(rows) >= 2:
            val.append(rows.pop())
        train.extend(rows)
    return sorted(train), sorted(val), sorted(test)


def _is_number(text):
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def items_by_user(users, items, rows):
    sets = {}
    for row in rows:
        sets.setdefault(users[row], set()).add(items[row])
    return sets


def draw_unseen(seen, num_items, rng):
    """An item not in seen, drawn uniformly by rejection."""
    if len(seen) >= num_items:
        raise SystemExit('a user has interacted with every item: no negative to draw')
    while True:
        item = rng.randrange(num_items)
        if item not in seen:
            return item


def epoch_examples(users, items, train, seen, num_items, rng):
    """One epoch's (users, items, labels), shuffled: each training interaction (1) and its fresh
    negatives (0)."""
    examples = []
    for row in train:
        user = users[row]
        examples.append((user, items[row], 1.0))
        for _ in range(TRAINING['negatives']):
            examples.append((user, draw_unseen(seen[user], num_items, rng), 0.0))
    rng.shuffle(examples)
    return tuple(list(column) for column in zip(*examples))


def evaluation_negatives(users, rows, everything, num_items, rng):
    """For each held-out row, distinct items its user never interacted with, drawn once."""
    negatives = []
    for row in rows:
        drawn = {}  # a dict keeps the order of drawing, so a seed gives the same list
        while len(drawn) < TRAINING['eval_negatives']:
            drawn[draw_unseen(everything[users[row]], num_items, rng)] = True
        negatives.append(list(drawn))
    return negatives


def top_k(score, users, items, rows, negatives):
    """HR@K and NDCG@K of each held-out item against its negatives; a tie counts against the
    model."""
    width = TRAINING['eval_negatives'] + 1
    pair_users, pair_items = [], []
    for row, drawn in zip(rows, negatives):
        pair_users += [users[row]] * width
        pair_items += [items[row]] + drawn
    scores = score(pair_users, pair_items)
    hits = gain = 0.0
    for start in range(0, len(scores), width):
        target = scores[start]
        rank = sum(1 for s in scores[start + 1 : start + width] if not s < target)
        if rank < TRAINING['top_k']:
            hits += 1
            gain += 1 / math.log2(rank + 2)
    return {'hr': hits / len(rows), 'ndcg': gain / len(rows)}


def item_pop(items, train, num_items):
    """ItemPop: an item's number of training interactions, the same for every user."""
    popularity = [0] * num_items
    for row in train:
        popularity[items[row]] += 1
    return lambda users, candidates: [popularity[i] for i in candidates]


def describe(metrics):
    k = TRAINING['top_k']
    return f"HR@{k} {metrics['hr']:.4f}  NDCG@{k} {metrics['ndcg']:.4f}"


class EarlyStopping:
    """Watches validation NDCG@K and keeps the best epoch's weights (a copy made by snapshot())."""

    def __init__(self):
        self.best, self.since_best = None, 0

    def stop(self, epoch, ndcg, snapshot):
        if TRAINING['patience'] is None:
            return False
        if self.best is None or ndcg > self.best['ndcg'] + TRAINING['min_delta']:
            self.best, self.since_best = {'ndcg': ndcg, 'epoch': epoch, 'weights': snapshot()}, 0
            return False
        self.since_best += 1
        return self.since_best >= TRAINING['patience']`;

/** The common start of main(): data, split, the evaluation negatives, seeded generators. */
export const RANKING_PY_SETUP = `    users, items, num_users, num_items, times, item_ids = read_interactions(args.interactions)
    train, val, test = leave_one_out(users, items, times, item_ids)
    seen = items_by_user(users, items, train)
    everything = items_by_user(users, items, range(len(users)))
    seed = TRAINING['seed']
    test_rng = random.Random(f'{seed}:test-negatives')
    val_rng = random.Random(f'{seed}:validation-negatives')
    test_negatives = evaluation_negatives(users, test, everything, num_items, test_rng)
    val_negatives = evaluation_negatives(users, val, everything, num_items, val_rng)
    rng = random.Random(f'{seed}:negatives')
    print(
        f'{len(users)} interactions, {num_users} users, {num_items} items; '
        f'train {len(train)}, validation {len(val)}, test {len(test)}',
        flush=True,
    )`;

/** The common end of main(): the best weights back, then the test and ItemPop. */
export const RANKING_PY_REPORT = `    if stopping.best is not None:
        restore(stopping.best['weights'])
        print(f"kept the weights of epoch {stopping.best['epoch']}", flush=True)
    print(f'test {describe(top_k(score, users, items, test, test_negatives))}', flush=True)
    popularity = item_pop(items, train, num_items)
    print(f'ItemPop {describe(top_k(popularity, users, items, test, test_negatives))}', flush=True)`;

/** The loop body after an epoch's loss: validation, the log line, early stopping. */
export const RANKING_PY_EPOCH_END = `        if not math.isfinite(loss):
            raise SystemExit(
                f'training diverged in epoch {epoch}: the loss became {loss}; '
                f"try a lower learning rate than {TRAINING['learning_rate']}"
            )
        val_metrics = top_k(score, users, items, val, val_negatives) if val else None
        val_text = f'  val {describe(val_metrics)}' if val_metrics else ''
        print(f'epoch {epoch}/{args.epochs}  loss {loss:.4f}{val_text}', flush=True)
        if val_metrics and stopping.stop(epoch, val_metrics['ndcg'], snapshot):
            print(f'no improvement for {stopping.since_best} epochs: stopping', flush=True)
            break`;
