/**
 * The training half of a generated PyTorch file: `ncf train`'s procedure (MSE plus the spec's L2
 * terms, its optimiser, early stopping on validation RMSE with the best weights kept, RMSE and MAE
 * of clipped predictions) as a DistributedDataParallel program. Under torchrun it joins the process
 * group (gloo on CPUs, nccl on GPUs); alone it is a group of one and runs the same code.
 * PyTorch's generators differ from the engine's, so its split and batches are seeded but not the
 * same rows as `ncf train`'s.
 */
import { Training } from '../spec/schema';
import { GLOBAL_MEAN_NAME } from './names';
import { pyInputEntries } from './pythonInputs';
import type { TorchModulePlan } from './pytorch';
import { pyRatingSettings } from './pythonSettings';

/**
 * PyTorch's optimisers with TensorFlow.js's defaults where theirs differ (ε, RMSprop's decay,
 * Adagrad's starting accumulator), so that a learning rate means the same in both.
 */
export const PYTORCH_OPTIMIZERS: Record<Training['optimizer'], string> = {
  adam: 'torch.optim.Adam(parameters, lr=learning_rate, eps=1e-7)',
  sgd: 'torch.optim.SGD(parameters, lr=learning_rate)',
  rmsprop: 'torch.optim.RMSprop(parameters, lr=learning_rate, alpha=0.9, eps=1e-7)',
  adagrad: 'torch.optim.Adagrad(parameters, lr=learning_rate, initial_accumulator_value=0.1, eps=1e-7)',
};

/** make_optimizer(): the spec's optimiser, by its name in TRAINING. */
export const PY_MAKE_OPTIMIZER = `def make_optimizer(parameters):
    learning_rate = TRAINING['learning_rate']
    return {
${Object.entries(PYTORCH_OPTIMIZERS)
  .map(([k, v]) => `        '${k}': lambda: ${v},`)
  .join('\n')}
    }[TRAINING['optimizer']]()`;

const settings = (training: Training) =>
  pyRatingSettings(training, 'when no test file is given', 'the processes of a distributed run');

/**
 * A pure-Python CSV reader (the csv module): user and item ids as text, ratings as floats, errors
 * with file and line; and the times of an optional timestamp column, which leave-one-out orders by.
 */
export const PY_READ_RATINGS = `def read_ratings(path):
    """The user and item ids (text), ratings and times (None without a timestamp or time column)
    of a CSV whose header names its columns."""
    try:
        f = open(path, newline='', encoding='utf-8')
    except OSError as e:
        raise SystemExit(f'{path}: {e.strerror}') from None
    with f:
        first = f.readline()
        delimiter = max(',\\t;|', key=first.count)
        header = [name.strip().lower() for name in first.split(delimiter)]
        index = {}
        for role, names in COLUMNS.items():
            found = [header.index(name) for name in names if name in header]
            if not found:
                raise SystemExit(f"{path}:1: no {role} column (looked for {', '.join(names)})")
            index[role] = found[0]
        time = next((header.index(name) for name in ('timestamp', 'time') if name in header), None)
        users, items, ratings, times = [], [], [], []
        for line, fields in enumerate(csv.reader(f, delimiter=delimiter), start=2):
            if not ''.join(fields).strip():
                continue
            if len(fields) != len(header):
                count = len(fields)
                raise SystemExit(f'{path}:{line}: {count} fields, the header has {len(header)}')
            text = fields[index['rating']].strip()
            try:
                rating = float(text)
            except ValueError:
                rating = math.nan
            if not math.isfinite(rating):
                raise SystemExit(f"{path}:{line}: rating '{text}' is not a number")
            if time is not None:
                text = fields[time].strip()
                try:
                    times.append(float(text))
                except ValueError:
                    times.append(math.nan)
                if not math.isfinite(times[-1]):
                    raise SystemExit(f"{path}:{line}: timestamp '{text}' is not a number")
            users.append(fields[index['user']].strip())
            items.append(fields[index['item']].strip())
            ratings.append(rating)
    if not ratings:
        raise SystemExit(f'{path}: no rating rows found')
    return users, items, ratings, (times if time is not None else None)`;

const HELPERS = `${PY_READ_RATINGS}


def encode(ids, index):
    """Indices 0…n-1 for raw ids, in order of first appearance (as NCF Studio numbers them)."""
    return torch.tensor([index.setdefault(i, len(index)) for i in ids], dtype=torch.long)


def hold_out(rows, fraction, generator):
    """A seeded share of the rows held out: (kept, held), each in file order."""
    shuffled = rows[torch.randperm(len(rows), generator=generator)]
    size = round(fraction * len(rows))
    return shuffled[size:].sort().values, shuffled[:size].sort().values


def start_processes():
    """Joins the process group torchrun describes (gloo on CPUs, nccl on GPUs); alone, a group of one."""
    cuda = torch.cuda.is_available()
    local = int(os.environ.get('LOCAL_RANK', '0'))
    device = torch.device('cuda', local) if cuda else torch.device('cpu')
    if int(os.environ.get('WORLD_SIZE', '1')) == 1:
        return 0, 1, device
    dist.init_process_group('nccl' if cuda else 'gloo')
    if cuda:
        torch.cuda.set_device(device)
    return dist.get_rank(), dist.get_world_size(), device


def leave_process_group(device):
    """Ends this process once every process has passed its last collective. gloo's teardown
    (destroy_process_group) now and then hangs for good, its event loop spinning, when the other
    process tears down at the same moment (pytorch/pytorch#75097; seen here after a barrier too):
    on CPUs each process leaves without it, its output written; the system closes its sockets."""
    dist.barrier()
    if device.type == 'cuda':
        dist.destroy_process_group()
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def total(values, device, world):
    """Sums a few numbers over all processes."""
    tensor = torch.tensor(values, dtype=torch.float64, device=device)
    if world > 1:
        dist.all_reduce(tensor)
    return tensor.tolist()


def shared(value, world):
    """The first process's value, on every process (a checkpoint only it has read)."""
    if world == 1:
        return value
    box = [value]
    dist.broadcast_object_list(box, src=0)
    return box[0]


${PY_MAKE_OPTIMIZER}`;

function inputsFor(torch: TorchModulePlan): string {
  const { helper, entries } = pyInputEntries(
    torch.plan.inputs,
    'ratings',
    'inputs_for',
    (field) => `        data['${field}'][rows].to(device),`,
    (_node, call) => `        ${call},`,
  );
  return [
    ...helper,
    'def inputs_for(data, rows, device):',
    `    """The arguments of ${torch.className}.forward() for some rating rows."""`,
    '    return (',
    ...entries,
    '    )',
    '',
    '',
    'def evaluate(model, data, rows, rank, world, device):',
    '    """RMSE and MAE of predictions clipped to the rating scale; each process scores a share of the rows."""',
    '    mine = rows[rank::world]',
    '    squared = absolute = 0.0',
    '    model.eval()',
    '    for start in range(0, len(mine), 8192):',
    '        batch = mine[start : start + 8192]',
    "        error = model.predict(*inputs_for(data, batch, device)).double() - data['rating'][batch].to(device)",
    '        squared += error.square().sum().item()',
    '        absolute += error.abs().sum().item()',
    '    model.train()',
    '    squared, absolute = total([squared, absolute], device, world)',
    "    return {'rmse': math.sqrt(squared / len(rows)), 'mae': absolute / len(rows)}",
  ].join('\n');
}

function main(torch: TorchModulePlan): string {
  const args = [
    ...torch.plan.sizes
      .filter((s) => s.vocab === 'user' || s.vocab === 'item')
      .map((s) => `${s.name.py}=len(${s.vocab === 'user' ? 'user_index' : 'item_index'})`),
    ...(torch.plan.globalMean !== null ? [`${GLOBAL_MEAN_NAME.py}=data['rating'][train].mean().item()`] : []),
    'rating_range=rating_range',
  ];
  const build = `    model = ${torch.className}(${args.join(', ')}).to(device)`;
  const buildLines =
    build.length <= 100
      ? build
      : [`    model = ${torch.className}(`, ...args.map((a) => `        ${a},`), '    ).to(device)'].join('\n');
  return `def describe(metrics):
    return f"RMSE {metrics['rmse']:.4f}  MAE {metrics['mae']:.4f}"


def main(argv=None):
    parser = argparse.ArgumentParser(description='Trains ${torch.className} as NCF Studio trains it, on one process or many (torchrun).')
    parser.add_argument('ratings', help='a CSV whose header names the user, item and rating columns')
    parser.add_argument('--test', help='a CSV of test ratings; without it a seeded share of the ratings is held out')
    parser.add_argument('--epochs', type=int, default=TRAINING['epochs'], help='at most this many epochs')
    parser.add_argument(
        '--checkpoint',
        default=os.path.splitext(os.path.basename(__file__))[0] + '.checkpoint.pt',
        help='written by the first process after every epoch; a run that finds it resumes from it',
    )
    args = parser.parse_args(argv)
    rank, world, device = start_processes()
    torch.manual_seed(TRAINING['seed'])
    generator = torch.Generator().manual_seed(TRAINING['seed'])

    user_index, item_index = {}, {}
    users, items, ratings, _ = read_ratings(args.ratings)
    data = {'user': encode(users, user_index), 'item': encode(items, item_index), 'rating': torch.tensor(ratings)}
    rows = torch.arange(len(ratings))
    if args.test:
        test_users, test_items, test_ratings, _ = read_ratings(args.test)
        # Test-only users and items get rows of their own (untrained), as in NCF Studio.
        data = {
            'user': torch.cat([data['user'], encode(test_users, user_index)]),
            'item': torch.cat([data['item'], encode(test_items, item_index)]),
            'rating': torch.cat([data['rating'], torch.tensor(test_ratings)]),
        }
        rest, test = rows, torch.arange(len(ratings), len(data['rating']))
    else:
        rest, test = hold_out(rows, TRAINING['test_fraction'], generator)
    train, val = hold_out(rest, TRAINING['validation'], generator)
    rating_range = (data['rating'].min().item(), data['rating'].max().item())
    if rank == 0:
        print(
            f"{len(data['rating'])} ratings, {len(user_index)} users, {len(item_index)} items; "
            f'train {len(train)}, validation {len(val)}, test {len(test)}; '
            f"{world} process(es), {dist.get_backend() if world > 1 else 'no'} process group, {device}",
            flush=True,
        )

${buildLines}
    optimizer = make_optimizer(model.parameters())
    # Identifies the run a checkpoint belongs to, so that a stale one is not resumed.
    fingerprint = {'model': '${torch.className}', 'rows': len(data['rating']), 'train': len(train), 'world': world}
    saved = shared(torch.load(args.checkpoint) if rank == 0 and os.path.exists(args.checkpoint) else None, world)
    first, best, since_best, stopped = 1, None, 0, False
    if saved is not None:
        if saved['fingerprint'] != fingerprint:
            raise SystemExit(f"{args.checkpoint}: a checkpoint of another run ({saved['fingerprint']}); move it away or pass --checkpoint")
        model.load_state_dict(saved['model'])
        optimizer.load_state_dict(saved['optimizer'])
        first, best, since_best, stopped = saved['epoch'] + 1, saved['best'], saved['since_best'], saved['stopped']
        if rank == 0:
            print(f"resuming after epoch {saved['epoch']} from {args.checkpoint}", flush=True)
    # DDP averages the gradients of all processes after each backward pass.
    network = nn.parallel.DistributedDataParallel(model, device_ids=[device.index] if device.type == 'cuda' else None) if world > 1 else model
    # Each process takes its share of the shuffled rows; with one process, all of them.
    sampler = torch.utils.data.DistributedSampler(train, num_replicas=world, rank=rank, shuffle=True, seed=TRAINING['seed'])
    batch_size = max(1, math.ceil(TRAINING['batch_size'] / world))

    for epoch in range(first, args.epochs + 1):
        if stopped:
            break
        sampler.set_epoch(epoch)
        order = train[torch.tensor(list(sampler), dtype=torch.long)]
        loss_sum = 0.0
        batches = 0
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            predicted = network(*inputs_for(data, batch, device))
            loss = nn.functional.mse_loss(predicted, data['rating'][batch].to(device)) + model.l2_penalty()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss_sum += loss.item()
            batches += 1
        loss_sum, batches = total([loss_sum, batches], device, world)
        loss = loss_sum / batches
        if not math.isfinite(loss):
            raise SystemExit(f"training diverged in epoch {epoch}: the loss became {loss}; try a lower learning rate than {TRAINING['learning_rate']}")
        train_metrics = evaluate(model, data, train, rank, world, device)
        val_metrics = evaluate(model, data, val, rank, world, device) if len(val) else None
        if rank == 0:
            val_text = f'  val {describe(val_metrics)}' if val_metrics else ''
            print(f'epoch {epoch}/{args.epochs}  loss {loss:.4f}  train {describe(train_metrics)}{val_text}', flush=True)
        # Early stopping on validation RMSE, the best epoch's weights kept (the same on every process).
        if val_metrics and TRAINING['patience'] is not None:
            if best is None or val_metrics['rmse'] < best['rmse'] - TRAINING['min_delta']:
                state = {name: value.detach().clone() for name, value in model.state_dict().items()}
                best, since_best = {'rmse': val_metrics['rmse'], 'epoch': epoch, 'state': state}, 0
            else:
                since_best += 1
                stopped = since_best >= TRAINING['patience']
        if rank == 0:
            checkpoint = {
                'fingerprint': fingerprint,
                'epoch': epoch,
                'model': model.state_dict(),
                'optimizer': optimizer.state_dict(),
                'best': best,
                'since_best': since_best,
                'stopped': stopped,
            }
            # Through a temporary file, so that a crash never leaves half a checkpoint.
            torch.save(checkpoint, args.checkpoint + '.tmp')
            os.replace(args.checkpoint + '.tmp', args.checkpoint)
        if stopped and rank == 0:
            print(f'no improvement for {since_best} epochs: stopping', flush=True)

    if best is not None:
        model.load_state_dict(best['state'])
        if rank == 0:
            print(f"kept the weights of epoch {best['epoch']}", flush=True)
    result = evaluate(model, data, test, rank, world, device)
    if rank == 0:
        print(f'test {describe(result)}', flush=True)
    if world > 1:
        leave_process_group(device)


if __name__ == '__main__':
    main()`;
}

export function pytorchTraining(torch: TorchModulePlan): {
  stdlibImports: string[];
  torchImports: string[];
  settings: string;
  code: string;
} {
  return {
    stdlibImports: ['argparse', 'csv'],
    torchImports: ['import torch.distributed as dist'],
    settings: settings(torch.plan.checked.spec.training),
    code: [HELPERS, inputsFor(torch), main(torch)].join('\n\n\n'),
  };
}
