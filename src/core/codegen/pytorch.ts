/**
 * A Python module with an `nn.Module` (PyTorch) that computes the spec's model node for node, a
 * `load_weights()` for the weights `ncf export --lang pytorch --run DIR` writes, and on request a
 * distributed training script (./training-pytorch.ts).
 */
import { opOf } from '../ops/registry';
import { encodingModules, featureEncodingPyTorch } from './featureEncodingPython';
import { Spec } from '../spec/schema';
import { INDENT, MAX_WIDTH, assignment, flat, formatNumber, member, raw, statement } from './expr';
import { headerLines, wrap } from './module';
import { GLOBAL_MEAN_NAME, pythonClassName } from './names';
import { CodegenOptions, ModelPlan, planModel } from './plan';
import { pySizeParameters } from './pythonParameters';
import { TorchCode, TorchContext, torchAttribute } from './torchCode';
import { pytorchTraining } from './training-pytorch';
import { pytorchRankingTraining } from './training-ranking-pytorch';

/** Names the generated module uses itself, which no node's variable may take. */
const OWN_NAMES = [
  'torch',
  'nn',
  'dist',
  'array',
  'csv',
  'json',
  'math',
  'os',
  'sys',
  'argparse',
  'load_weights',
  'main',
  'TRAINING',
  'COLUMNS',
  'MOVIELENS',
];

/** MovieLens's rating scale: the default range predictions are clipped to. */
const DEFAULT_RATING_RANGE: [number, number] = [1, 5];

/** The format tag of the weights manifest, checked by `load_weights()`. */
export const TORCH_WEIGHTS_FORMAT = 'ncf-studio/pytorch-weights';

const docstringSafe = (text: string) => text.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');

export interface TorchModulePlan {
  plan: ModelPlan;
  className: string;
  /** The constructor's parameters: sizes, then μ when an output adds it, then the rating range. */
  parameters: { name: string; value: string; doc: string }[];
  /** Each live node's contribution, in dependency order. */
  nodes: { id: string; comment: string; code: TorchCode }[];
  forwardParameters: string[];
}

function planTorch(spec: Spec, options: CodegenOptions): TorchModulePlan {
  const plan = planModel(spec, 'py', options, OWN_NAMES);
  const className = pythonClassName(plan.modelName, OWN_NAMES);
  const variable = (id: string) => raw(plan.variables.get(id)!);
  const nodes = plan.nodes.map((node) => {
    const ctx: TorchContext = {
      inputs: (node.inputs ?? []).map(variable),
      self: variable(node.id),
      shapes: plan.checked.shapes,
      size: (vocab) => raw(plan.sizes.find((s) => s.vocab === vocab)!.name.py),
      globalMean: raw(`self.${GLOBAL_MEAN_NAME.py}`),
      module: (layerName) => member(raw('self'), torchAttribute(layerName)),
    };
    const op = opOf(node);
    const label = node.label ? ` (${node.label})` : '';
    return {
      id: node.id,
      comment: `${node.id}${label}: ${op.describe(node, plan.checked.shapes)}`,
      code: op.pytorch(node, ctx),
    };
  });
  const range = options.ratingRange ?? DEFAULT_RATING_RANGE;
  const parameters = [
    ...pySizeParameters(plan),
    {
      name: 'rating_range',
      value: `(${range.map((v) => formatNumber(v) + (Number.isInteger(v) ? '.0' : '')).join(', ')})`,
      doc: 'the rating scale predict() clips to.',
    },
  ];
  return { plan, className, parameters, nodes, forwardParameters: plan.inputs.map((n) => plan.variables.get(n.id)!) };
}

/** What each input of forward() holds, for its docstring. */
function inputDoc(plan: ModelPlan, id: string, name: string): string {
  const shape = plan.checked.shapes[id];
  if (shape.kind === 'ids')
    return `${name}: ${shape.length === 1 ? 'ids, a LongTensor [batch]' : `ids, a LongTensor [batch, ${shape.length}]`}`;
  return `${name}: a FloatTensor [batch, ${shape.kind === 'vector' ? shape.width : shape.length}]`;
}

function header(torch: TorchModulePlan, trainingScript: boolean): string {
  const lines = headerLines(torch.plan, {
    formulaIndent: '    ',
    builds: `${torch.className} is the model as a PyTorch nn.Module; each layer with weights is an attribute named after NCF Studio's layer, so its exported weights load by name (load_weights). It has`,
    train: !trainingScript
      ? undefined
      : torch.plan.checked.spec.training.task === 'ranking'
        ? {
            command: 'python <this file> interactions.csv',
            note: "(a CSV whose header names the user, item and rating columns and a timestamp column, or is in time order): ncf train --task ranking's procedure on one process.",
          }
        : {
            command: 'python <this file> ratings.csv [--test test.csv]',
            note: 'or, on several processes or machines, torchrun [--nnodes N --rdzv-endpoint HOST:PORT] --nproc_per_node=P <this file> ratings.csv: DistributedDataParallel (gloo on CPUs, nccl on GPUs), a checkpoint after every epoch, and a rerun resumes from it.',
          },
  });
  return ['"""' + docstringSafe(lines[0]), ...lines.slice(1).map(docstringSafe), '"""'].join('\n');
}

function moduleClass(torch: TorchModulePlan): string {
  const { plan, className, parameters, nodes, forwardParameters } = torch;
  const i1 = INDENT.py;
  const i2 = i1 + i1;
  const signature = `${i1}def __init__(self, ${parameters.map((p) => `${p.name}=${p.value}`).join(', ')}):`;
  const init = [
    signature.length <= MAX_WIDTH
      ? signature
      : [`${i1}def __init__(`, `${i2}self,`, ...parameters.map((p) => `${i2}${p.name}=${p.value},`), `${i1}):`].join(
          '\n',
        ),
    `${i2}super().__init__()`,
  ];
  if (plan.globalMean !== null) init.push(`${i2}self.${GLOBAL_MEAN_NAME.py} = float(${GLOBAL_MEAN_NAME.py})`);
  init.push(`${i2}self.rating_range = (float(rating_range[0]), float(rating_range[1]))`);
  for (const node of nodes) {
    if (!node.code.init.length) continue;
    init.push('');
    for (const line of wrap(node.comment, MAX_WIDTH - i2.length - 2)) init.push(`${i2}# ${line}`);
    for (const s of node.code.init)
      init.push(statement(s.target ? `${flat(s.target, 'py')} = ` : '', s.value, 'py', i2));
  }

  const args = forwardParameters.join(', ');
  const forward = [
    `${i1}def forward(self, ${args}):`,
    `${i2}"""One predicted rating per row, a FloatTensor [batch] (not clipped: the loss needs the raw value).`,
    '',
    `${i2}Args:`,
    ...plan.inputs.map((n) => `${i2}${i1}${inputDoc(plan, n.id, plan.variables.get(n.id)!)}`),
    `${i2}"""`,
  ];
  for (const node of nodes) {
    const target = plan.variables.get(node.id)!;
    node.code.forward.forEach((value) => forward.push(assignment(target, value, 'py', i2, null)));
  }
  forward.push(`${i2}return ${plan.variables.get(plan.checked.outputId)!}.squeeze(-1)`);

  const predict = [
    `${i1}def predict(self, ${args}):`,
    `${i2}"""Predictions clipped to the rating scale, as NCF Studio reports and scores them."""`,
    `${i2}with torch.no_grad():`,
    `${i2}${i1}return self(${args}).clamp(*self.rating_range)`,
  ];

  const terms = nodes.flatMap((n) =>
    n.code.l2.map((t) => `${formatNumber(t.l2)} * ${flat(t.weight, 'py')}.square().sum()`),
  );
  const l2 = [
    `${i1}def l2_penalty(self):`,
    `${i2}"""The L2 term NCF Studio adds to the loss: λ·Σw² over each regularised weight (whole tables)."""`,
    !terms.length
      ? `${i2}return torch.zeros(())`
      : `${i2}return ${terms.join(' + ')}`.length <= MAX_WIDTH
        ? `${i2}return ${terms.join(' + ')}`
        : [`${i2}return (`, `${i2}${i1}${terms[0]}`, ...terms.slice(1).map((t) => `${i2}${i1}+ ${t}`), `${i2})`].join(
            '\n',
          ),
  ];

  const doc = [
    `${i1}"""${docstringSafe(plan.checked.spec.name)}, layer for layer as NCF Studio builds it.`,
    '',
    `${i1}Args (the defaults are MovieLens-100K's):`,
    ...parameters.map((p) => `${i2}${p.name}: ${p.doc}`),
    `${i1}"""`,
  ];
  return [`class ${className}(nn.Module):`, ...doc, '', ...init, '', ...forward, '', ...predict, '', ...l2].join('\n');
}

function loader(torch: TorchModulePlan): string {
  return `def load_weights(path, **overrides):
    """A ${torch.className} with the weights NCF Studio exported: \`path\` is the .weights.json manifest.

    The manifest holds the constructor's arguments (sizes, μ, rating scale), the raw user and item
    ids in the order of the table rows, and where each tensor lies in the little-endian float32 file
    beside it. Read with PyTorch and the standard library only.
    """
    with open(path, encoding='utf-8') as f:
        manifest = json.load(f)
    if manifest.get('format') != '${TORCH_WEIGHTS_FORMAT}':
        raise SystemExit(f'{path}: not an NCF Studio PyTorch weights manifest')
    model = ${torch.className}(**{**manifest['arguments'], **overrides})
    values = array.array('f')
    with open(os.path.join(os.path.dirname(path), manifest['data']), 'rb') as f:
        values.frombytes(f.read())
    if sys.byteorder == 'big':
        values.byteswap()
    # torch.frombuffer refuses an empty buffer: a model without weights (a cosine of two features) has one.
    flat = torch.frombuffer(values, dtype=torch.float32) if len(values) else torch.zeros(0)
    state = {}
    for tensor in manifest['tensors']:
        count = math.prod(tensor['shape'])
        state[tensor['name']] = flat[tensor['offset'] : tensor['offset'] + count].reshape(tensor['shape']).clone()
    model.load_state_dict(state)
    return model`;
}

export function generatePyTorch(spec: Spec, options: CodegenOptions = {}): string {
  const torch = planTorch(spec, options);
  const ranking = torch.plan.checked.spec.training.task === 'ranking';
  const training = options.trainingScript ? (ranking ? pytorchRankingTraining : pytorchTraining)(torch) : null;
  const encoding = featureEncodingPyTorch(torch.plan, options.featureEncodings);
  const stdlib = [
    ...new Set([
      'array',
      'json',
      'math',
      'os',
      'sys',
      ...(training?.stdlibImports ?? []),
      ...encodingModules(torch.plan, options.featureEncodings),
    ]),
  ].sort();
  const imports = [
    ...stdlib.map((m) => `import ${m}`),
    '',
    'import torch',
    ...(training?.torchImports ?? []),
    'from torch import nn',
  ];
  const definitions = [
    ...(training ? [training.settings] : []),
    moduleClass(torch),
    loader(torch),
    ...(encoding ? [encoding] : []),
    ...(training ? [training.code] : []),
  ];
  // PEP 8: two blank lines around top-level definitions.
  return [`${header(torch, Boolean(training))}\n\n${imports.join('\n')}`, ...definitions].join('\n\n\n') + '\n';
}

export { planTorch };
