/** The cosine similarity of two equal-width vectors: their dot product over the product of their lengths (width 1). */
import { call, kw, type Expr } from '../../codegen/expr';
import { torchMerge } from '../../codegen/torchCode';
import { mergeLayer, py, ts } from '../../codegen/layerCode';
import { defineOp } from '../definition';
import { inputIds, nodeSchema } from '../fields';
import { equalWidths } from '../shapeRules';
import { MERGE_OP } from '../merging';
import { TFJS_EPSILON } from '../conventions';

export const cosine = defineOp(nodeSchema('cosine', { inputs: inputIds() }), {
  title: 'Cosine similarity',
  description: 'Cosine of the angle between two equal-width vectors (a normalised dot product)',
  ...MERGE_OP,
  icon: () => 'compass',
  palette: { idBase: 'cos', params: {} },
  minInputs: 2,
  maxInputs: 2,
  infer: (_node, inputs) => (equalWidths(inputs, 'Cosine'), { kind: 'vector', width: 1 }),
  describe: (node) => `cosine similarity of ${node.inputs[0]} and ${node.inputs[1]}`,
  ...mergeLayer('dot', 'Dot', {
    ts: { axes: ts(-1), normalize: ts(true) },
    py: [kw('axes', py(1)), kw('normalize', py(true))],
  }),
  // Each input scaled to unit length as TensorFlow.js does it (over sqrt(max(Σx², 1e-7)), not
  // nn.functional.normalize's max(‖x‖, 1e-12)), then their dot product: one column, as the engine's [batch, 1].
  ...torchMerge(([a, b]) => {
    const unit = (x: Expr) =>
      call(
        'torch.div',
        x,
        call(
          'torch.sqrt',
          call(
            'torch.clamp',
            call('torch.sum', call('torch.mul', x, x), kw('dim', py(-1)), kw('keepdim', py(true))),
            kw('min', py(TFJS_EPSILON)),
          ),
        ),
      );
    return call('torch.sum', call('torch.mul', unit(a), unit(b)), kw('dim', py(-1)), kw('keepdim', py(true)));
  }),
});
