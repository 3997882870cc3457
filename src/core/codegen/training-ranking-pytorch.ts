/**
 * The training half of a generated PyTorch file for a ranking spec: `ncf train --task ranking`'s
 * procedure on one process (binary cross-entropy on the logit, fresh negatives every epoch, early
 * stopping on validation NDCG@K, HR@K and NDCG@K against sampled negatives beside ItemPop).
 */
import { pyInputEntries } from './pythonInputs';
import type { TorchModulePlan } from './pytorch';
import { PY_MAKE_OPTIMIZER } from './training-pytorch';
import {
  RANKING_PY_EPOCH_END,
  RANKING_PY_HELPERS,
  RANKING_PY_REPORT,
  RANKING_PY_SETUP,
  rankingPyParser,
  rankingSettings,
  rankingSizeArgs,
} from './training-ranking-python';

function inputsFor(torch: TorchModulePlan): string {
  const { helper, entries } = pyInputEntries(
    torch.plan.inputs,
    'interactions',
    'inputs_for',
    (field) => `        ${field}s,`,
    (_node, call) => `        ${call},`,
  );
  return [
    ...helper,
    'def inputs_for(users, items):',
    `    """The arguments of ${torch.className}.forward() for pairs of users and items (LongTensors)."""`,
    '    return (',
    ...entries,
    '    )',
    '',
    '',
    PY_MAKE_OPTIMIZER,
  ].join('\n');
}

function main(torch: TorchModulePlan): string {
  return `${rankingPyParser(torch.className)}
    torch.manual_seed(TRAINING['seed'])
${RANKING_PY_SETUP}

    model = ${torch.className}(${rankingSizeArgs(torch.plan)})
    optimizer = make_optimizer(model.parameters())

    def score(pair_users, pair_items):
        """The model's logits for pairs of users and items."""
        model.eval()
        scores = []
        with torch.no_grad():
            for start in range(0, len(pair_users), 65536):
                end = start + 65536
                batch_users = torch.tensor(pair_users[start:end])
                batch_items = torch.tensor(pair_items[start:end])
                scores += model(*inputs_for(batch_users, batch_items)).tolist()
        model.train()
        return scores

    def snapshot():
        return {name: value.detach().clone() for name, value in model.state_dict().items()}

    restore = model.load_state_dict
    stopping = EarlyStopping()
    batch_size = TRAINING['batch_size']
    for epoch in range(1, args.epochs + 1):
        examples = epoch_examples(users, items, train, seen, num_items, rng)
        epoch_users, epoch_items, labels = (torch.tensor(c) for c in examples)
        loss_sum, batches = 0.0, 0
        for start in range(0, len(labels), batch_size):
            end = start + batch_size
            logits = model(*inputs_for(epoch_users[start:end], epoch_items[start:end]))
            bce = nn.functional.binary_cross_entropy_with_logits(logits, labels[start:end])
            loss = bce + model.l2_penalty()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss_sum += loss.item()
            batches += 1
        loss = loss_sum / batches
${RANKING_PY_EPOCH_END}
${RANKING_PY_REPORT}


if __name__ == '__main__':
    main()`;
}

export function pytorchRankingTraining(torch: TorchModulePlan): {
  stdlibImports: string[];
  torchImports: string[];
  settings: string;
  code: string;
} {
  return {
    stdlibImports: ['argparse', 'csv', 'random'],
    torchImports: [],
    settings: rankingSettings(torch.plan.checked.spec.training),
    code: [RANKING_PY_HELPERS, inputsFor(torch), main(torch)].join('\n\n\n'),
  };
}
