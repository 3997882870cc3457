/**
 * The NCF paper's pre-training (He et al., 2017, §3.4.1): NeuMF's GMF branch starts from a trained
 * GMF, its MLP branch from a trained MLP, and its output layer is the two output layers side by side,
 * weighted α and 1 − α. The branches are found by their shape in the spec (a Hadamard product of a
 * user and an item embedding; an MLP tower over their concatenation), not by node names.
 */
import * as tf from '@tensorflow/tfjs';
import { UsageError } from '../job/resolveSpec';
import { layerName } from '../ops/conventions';
import { CheckedSpec } from '../spec/check';
import { SpecNode } from '../spec/schema';

/** The paper's trade-off between the two pre-trained models. */
export const PRETRAIN_ALPHA = 0.5;

export interface TrainedBranch {
  model: tf.LayersModel;
  checked: CheckedSpec;
}

/** Node ids of a branch: its user and item tables, and the tower (MLP branch) with its widths. */
interface Branch {
  user: string;
  item: string;
  tower?: { id: string; layers: number };
}

type Kind = 'GMF' | 'MLP';

class Graph {
  private readonly byId: Map<string, SpecNode>;
  constructor(
    readonly checked: CheckedSpec,
    private readonly label: string,
  ) {
    this.byId = new Map(checked.spec.nodes.map((n) => [n.id, n]));
  }

  node(id: string): SpecNode {
    return this.byId.get(id)!;
  }

  /** The dense layer of one unit that gives the output: the layer the paper's α mixes. */
  head(): Extract<SpecNode, { op: 'dense' }> {
    const out = this.node(this.checked.outputId);
    const head = this.node((out.inputs ?? [])[0]);
    if (head?.op !== 'dense' || head.units !== 1)
      throw new UsageError(`pre-training: ${this.label}'s output is not a dense layer of one unit`);
    return head;
  }

  /** The user and item tables merged by `op` (hadamard or concat) at node `id`, or null. */
  private tables(id: string, op: string): { user: string; item: string } | null {
    const merge = this.node(id);
    if (merge?.op !== op || merge.inputs?.length !== 2) return null;
    const sides: Record<string, string> = {};
    for (const tableId of merge.inputs) {
      const table = this.node(tableId);
      const input = table?.op === 'embedding' ? this.node(table.inputs[0]) : undefined;
      if (input?.op === 'input' && (input.field === 'user' || input.field === 'item')) sides[input.field] = tableId;
    }
    return sides.user && sides.item ? { user: sides.user, item: sides.item } : null;
  }

  /** The branch of `kind` that starts at node `id`, or null. */
  branchAt(id: string, kind: Kind): Branch | null {
    if (kind === 'GMF') return this.tables(id, 'hadamard');
    const tower = this.node(id);
    if (tower?.op !== 'mlp' || tower.inputs.length !== 1) return null;
    const tables = this.tables(tower.inputs[0], 'concat');
    return tables && { ...tables, tower: { id: tower.id, layers: tower.units.length } };
  }

  /** The one branch of a GMF or MLP model: what its output layer reads. */
  only(kind: Kind): Branch {
    const inputs = this.head().inputs;
    const branch = inputs.length === 1 ? this.branchAt(inputs[0], kind) : null;
    if (!branch)
      throw new UsageError(
        kind === 'GMF'
          ? `pre-training: ${this.label} is not a GMF model (a dense output over the Hadamard product of a user and an item embedding)`
          : `pre-training: ${this.label} is not an MLP model (a dense output over an MLP tower on a user and an item embedding concatenated)`,
      );
    return branch;
  }
}

function copyWeights(to: tf.LayersModel, toLayer: string, from: tf.LayersModel, fromLayer: string, what: string) {
  const source = from.getLayer(fromLayer).getWeights();
  const target = to.getLayer(toLayer).getWeights();
  const shape = (ws: tf.Tensor[]) => ws.map((w) => w.shape.join('×')).join(', ');
  if (shape(source) !== shape(target))
    throw new UsageError(
      `pre-training: NeuMF's '${toLayer}' is ${shape(target)} but the ${what}'s '${fromLayer}' is ${shape(source)}`,
    );
  to.getLayer(toLayer).setWeights(source);
}

/**
 * Sets `neumf`'s weights from trained GMF and MLP models of the same data (same id encoding). The
 * output layer's kernel becomes [α·h_GMF; (1 − α)·h_MLP] in NeuMF's input order, its bias α·b_GMF + (1 − α)·b_MLP.
 */
export function initialiseFromPretrained(
  neumf: { model: tf.LayersModel; checked: CheckedSpec },
  gmf: TrainedBranch,
  mlp: TrainedBranch,
  alpha = PRETRAIN_ALPHA,
): void {
  const target = new Graph(neumf.checked, `'${neumf.checked.spec.name}'`);
  const head = target.head();
  const parts = head.inputs.map((id) => ({
    id,
    gmf: target.branchAt(id, 'GMF'),
    mlp: target.branchAt(id, 'MLP'),
  }));
  const gmfPart = parts.find((p) => p.gmf);
  const mlpPart = parts.find((p) => p.mlp);
  if (parts.length !== 2 || !gmfPart?.gmf || !mlpPart?.mlp)
    throw new UsageError(
      `pre-training: '${neumf.checked.spec.name}' is not NeuMF-shaped: its output layer '${head.id}' should read a GMF branch (Hadamard of a user and an item embedding) and an MLP branch (a tower over their concatenation)`,
    );
  const fromGmf = new Graph(gmf.checked, `the GMF model '${gmf.checked.spec.name}'`);
  const fromMlp = new Graph(mlp.checked, `the MLP model '${mlp.checked.spec.name}'`);
  const g = fromGmf.only('GMF');
  const m = fromMlp.only('MLP');
  const into = neumf.model;
  copyWeights(into, gmfPart.gmf.user, gmf.model, g.user, 'GMF model');
  copyWeights(into, gmfPart.gmf.item, gmf.model, g.item, 'GMF model');
  copyWeights(into, mlpPart.mlp.user, mlp.model, m.user, 'MLP model');
  copyWeights(into, mlpPart.mlp.item, mlp.model, m.item, 'MLP model');
  const tower = mlpPart.mlp.tower!;
  if (tower.layers !== m.tower!.layers)
    throw new UsageError(
      `pre-training: NeuMF's tower '${tower.id}' has ${tower.layers} layers but the MLP model's '${m.tower!.id}' has ${m.tower!.layers}`,
    );
  for (let k = 0; k < tower.layers; k++)
    copyWeights(into, layerName.tower(tower.id, k), mlp.model, layerName.tower(m.tower!.id, k), 'MLP model');

  const [gmfKernel, gmfBias] = gmf.model.getLayer(fromGmf.head().id).getWeights();
  const [mlpKernel, mlpBias] = mlp.model.getLayer(fromMlp.head().id).getWeights();
  const headLayer = into.getLayer(head.id);
  const [kernel, bias] = headLayer.getWeights();
  const mixed = tf.tidy(() => {
    const halves = { [gmfPart.id]: gmfKernel.mul(alpha), [mlpPart.id]: mlpKernel.mul(1 - alpha) };
    const k = tf.concat(
      head.inputs.map((id) => halves[id]),
      0,
    );
    const b = bias && gmfBias && mlpBias ? [gmfBias.mul(alpha).add(mlpBias.mul(1 - alpha))] : [];
    return [k, ...b];
  });
  if (mixed[0].shape.join('×') !== kernel.shape.join('×')) {
    tf.dispose(mixed);
    throw new UsageError(
      `pre-training: NeuMF's output layer '${head.id}' takes ${kernel.shape[0]} inputs but the GMF and MLP outputs give ${mixed[0].shape[0]}`,
    );
  }
  headLayer.setWeights(mixed.length === 2 ? mixed : [mixed[0], ...(bias ? [bias] : [])]);
  tf.dispose(mixed);
}
