/**
 * An id the model never trained on (a cold-start user or item) must contribute nothing: its rows of
 * the id tables (embeddings, biases) are zero rather than their random initialisation.
 */
import * as tf from '@tensorflow/tfjs';
import { CheckedSpec } from '../spec/check';

/** Table layers (named by their node) over the `field` ids. */
export function idTables(checked: CheckedSpec, field: 'user' | 'item'): string[] {
  const byId = new Map(checked.spec.nodes.map((n) => [n.id, n]));
  return checked.spec.nodes
    .filter((n) => n.op === 'embedding' || n.op === 'bias')
    .filter((n) => {
      const source = byId.get(n.inputs?.[0] ?? '');
      return source?.op === 'input' && source.field === field;
    })
    .map((n) => n.id);
}

/** Sets the given rows of the named tables to zero. */
export function zeroRows(model: tf.LayersModel, tables: string[], rows: Iterable<number>): void {
  const wanted = [...rows];
  if (!wanted.length) return;
  for (const name of tables) {
    const layer = model.getLayer(name);
    const [weights] = layer.getWeights();
    const [vocab, width] = weights.shape as [number, number];
    const values = weights.dataSync().slice();
    for (const row of wanted) if (row >= 0 && row < vocab) values.fill(0, row * width, (row + 1) * width);
    const replaced = tf.tensor2d(values, [vocab, width]);
    layer.setWeights([replaced]);
    replaced.dispose();
  }
}

/** Encoded ids (0 … count-1) that no training row has. */
export function unseen(count: number, ids: Int32Array, rows: Int32Array): number[] {
  const seen = new Uint8Array(count);
  for (const r of rows) seen[ids[r]] = 1;
  const out: number[] = [];
  for (let k = 0; k < count; k++) if (!seen[k]) out.push(k);
  return out;
}

/** Zeroes the table rows of every user and item the training rows do not have. */
export function zeroUnseenIds(
  model: tf.LayersModel,
  checked: CheckedSpec,
  data: { users: Int32Array; items: Int32Array; userIds: string[]; itemIds: string[] },
  trainRows: Int32Array,
): void {
  zeroRows(model, idTables(checked, 'user'), unseen(data.userIds.length, data.users, trainRows));
  zeroRows(model, idTables(checked, 'item'), unseen(data.itemIds.length, data.items, trainRows));
}
