/**
 * The pieces the ops' emitters write PyTorch with: submodules created in `__init__` (initialised
 * as the engine initialises its layers) and the expressions of `forward`. Every layer with weights
 * is one attribute named after the engine's layer (../ops/conventions.ts), so weights move by name.
 */
import { EMBEDDING_INIT_RANGE } from '../ops/conventions';
import { idsShape } from '../ops/shapeRules';
import { Shape } from '../spec/shapes';
import { Expr, call, flat, kw, list, member, raw } from './expr';
import { EmitContext, py } from './layerCode';

export interface TorchContext extends Omit<EmitContext, 'seed'> {
  /** `self.<attribute>` of the submodule for a layer, by the engine's layer name. */
  module(layerName: string): Expr;
}

/** One statement of `__init__`: an assignment when it has a target, else an expression. */
export interface TorchStatement {
  target?: Expr;
  value: Expr;
}

/** What an op contributes to the generated `nn.Module`. */
export interface TorchCode {
  /** Statements of `__init__` creating its submodules. */
  init: TorchStatement[];
  /** Successive values of its variable in `forward`; none for an input (it is a parameter). */
  forward: Expr[];
  /** Weights with an L2 penalty λ·Σw², added to the loss as the engine adds its regularisers. */
  l2: { weight: Expr; l2: number }[];
}

/**
 * Python's keywords, and attributes of `nn.Module` (and of the generated class) a layer must not
 * shadow: a layer named `in`, `train` or `apply` gets the attribute `in_layer`, `train_layer`, `apply_layer`.
 */
const MODULE_ATTRIBUTES = new Set(
  `T_destination add_module apply bfloat16 buffers children cpu cuda double dump_patches eval extra_repr float forward
get_buffer get_extra_state get_parameter get_submodule half ipu load_state_dict modules named_buffers named_children
named_modules named_parameters parameters register_backward_hook register_buffer register_forward_hook
register_forward_pre_hook register_full_backward_hook register_load_state_dict_post_hook register_module
register_parameter requires_grad_ set_extra_state share_memory state_dict to to_empty train training type xpu
zero_grad compile global_mean rating_range predict l2_penalty False None True and as assert async await break class
continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try
while with yield`.split(/\s+/),
);

/** The attribute of the generated module holding a layer; the weights file names tensors by it. */
export const torchAttribute = (layerName: string) =>
  MODULE_ATTRIBUTES.has(layerName) || layerName.startsWith('_') ? `${layerName}_layer` : layerName;

export const torchNothing = (): TorchCode => ({ init: [], forward: [], l2: [] });

const width = (shape: Shape) => (shape.kind === 'ids' ? shape.length : shape.width);

/** The width of a node's inputs joined end to end (what a dense layer or tower takes). */
export const joinedWidth = (inputs: string[], shapes: Record<string, Shape>) =>
  inputs.reduce((sum, id) => sum + width(shapes[id]), 0);

/** Several inputs of a dense layer or tower are concatenated first. */
export const torchJoined = (inputs: Expr[]) => (inputs.length === 1 ? inputs[0] : torchCat(inputs));
export const torchCat = (inputs: Expr[]) => call('torch.cat', list(inputs), kw('dim', py(-1)));

/** An operator between all inputs: `a * b * c`. */
export const torchInfix = (operator: string, inputs: Expr[]) =>
  raw(inputs.map((e) => flat(e, 'py')).join(` ${operator} `));

const ACTIVATIONS: Record<string, ((x: Expr) => Expr) | undefined> = {
  linear: undefined,
  relu: (x) => call('torch.relu', x),
  sigmoid: (x) => call('torch.sigmoid', x),
  tanh: (x) => call('torch.tanh', x),
  elu: (x) => call('nn.functional.elu', x),
  selu: (x) => call('nn.functional.selu', x),
  softplus: (x) => call('nn.functional.softplus', x),
  softmax: (x) => call('torch.softmax', x, kw('dim', py(-1))),
};

export function torchActivation(activation: string, x: Expr): Expr {
  if (!(activation in ACTIVATIONS)) throw new Error(`no PyTorch activation for '${activation}'`);
  return ACTIVATIONS[activation]?.(x) ?? x;
}

type TableNode = { id: string; l2?: number; inputs: string[] };

/** An embedding table (a bias is one of width 1): ids of shape [batch] give [batch, dim], a sequence [batch, length, dim]. */
export function torchTable(
  node: TableNode,
  outputDim: number,
  init: 'uniform' | 'zeros',
  ctx: TorchContext,
): TorchCode {
  const table = ctx.module(node.id);
  const weight = member(table, 'weight');
  const initialise =
    init === 'zeros'
      ? call('nn.init.zeros_', weight)
      : call('nn.init.uniform_', weight, py(-EMBEDDING_INIT_RANGE), py(EMBEDDING_INIT_RANGE));
  return {
    init: [
      {
        target: table,
        value: call('nn.Embedding', ctx.size(idsShape(ctx.shapes, node.inputs[0]).vocab), py(outputDim)),
      },
      { value: initialise },
    ],
    forward: [call(table, ctx.inputs[0])],
    l2: node.l2 ? [{ weight, l2: node.l2 }] : [],
  };
}

/** A dense layer: Glorot-uniform kernel and zero bias, as Keras and TensorFlow.js start them. */
export function torchLinear(
  name: string,
  inWidth: number,
  units: number,
  useBias: boolean,
  l2: number | undefined,
  ctx: TorchContext,
): TorchCode & { layer: Expr } {
  const layer = ctx.module(name);
  const weight = member(layer, 'weight');
  return {
    layer,
    init: [
      { target: layer, value: call('nn.Linear', py(inWidth), py(units), ...(useBias ? [] : [kw('bias', py(false))])) },
      { value: call('nn.init.xavier_uniform_', weight) },
      ...(useBias ? [{ value: call('nn.init.zeros_', member(layer, 'bias')) }] : []),
    ],
    forward: [],
    l2: l2 ? [{ weight, l2 }] : [],
  };
}

/** Emitter for an op that is one expression over all its inputs and has no weights. */
export const torchMerge = (expression: (inputs: Expr[]) => Expr) => ({
  pytorch: (_node: unknown, ctx: TorchContext): TorchCode => ({ init: [], forward: [expression(ctx.inputs)], l2: [] }),
});
