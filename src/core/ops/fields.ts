/**
 * Building blocks of the ops' schemas: the fields several ops share. Nodes are strict objects, so a
 * misspelt field (`activaton`) is an error rather than a setting silently ignored.
 */
import { z } from 'zod';

export const nodeId = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'must start with a letter or _ and hold only letters, digits and _ (it names a layer and a variable)',
  )
  .describe('Unique id; names the layer in the built model and the variable in generated code');
// How many inputs each op takes is checked with the graph, where the message can name the op.
export const inputIds = () => z.array(z.string()).describe('Ids of the nodes that feed this one');
export const l2 = z
  .number()
  .min(0)
  .optional()
  .describe("L2 regularisation strength λ on this layer's weights (0 or absent: none)");
export const positiveInt = z.number().int().positive();
export const ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'tanh', 'elu', 'selu', 'softplus', 'softmax'] as const;
export const activation = z.enum(ACTIVATIONS);

/** A node of op `op` with the fields every node has (id, label, inputs) and its own. */
export function nodeSchema<Op extends string, Shape extends z.ZodRawShape>(op: Op, fields: Shape) {
  return z.strictObject({
    id: nodeId,
    label: z.string().optional().describe('Display name in the visual editor'),
    op: z.literal(op),
    ...fields,
  });
}
