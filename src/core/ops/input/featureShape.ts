/** The shape of a side-feature input: from the data's vocabulary when it is known, else from MovieLens' or the node's declaration. */
import { DATA_FEATURES, DEFAULT_VOCABULARY, featureWidthKey, Shape, ShapeError, Vocabulary } from '../../spec/shapes';
import { FEATURES } from './features';

/** The fields of an input node that its feature's shape depends on. */
interface FeatureInput {
  field: string;
  feature?: string;
  kind?: 'numeric' | 'categorical' | 'multiHot';
  width?: number;
  pooling?: string;
}

export function featureShape(node: FeatureInput, vocab: Vocabulary): Shape {
  const name = node.feature;
  const side = node.field === 'userFeature' ? 'user' : 'item';
  if (!name)
    throw new ShapeError(
      `a ${node.field} input needs a feature (MovieLens: ${Object.keys(FEATURES).join(', ')}; or a feature file's column)`,
      'feature',
    );
  const builtin = (FEATURES as Record<string, { side: string; kind: string }>)[name];
  if (builtin && builtin.side !== side)
    throw new ShapeError(`feature '${name}' belongs to the ${builtin.side}, not the ${side}`, 'feature');
  const categories = vocab[name];
  const width = vocab[featureWidthKey(name)];
  const kind = categories !== undefined ? 'categorical' : width !== undefined ? 'vector' : undefined;
  if (kind === undefined && vocab[DATA_FEATURES])
    throw new ShapeError(`the data has no ${side} feature '${name}'`, 'feature');
  if (node.pooling && node.pooling !== 'sum' && !kind && !builtin && !node.kind)
    throw new ShapeError(
      `pooling applies to a multi-valued feature: before the data is loaded, declare '${name}' one with "kind": "multiHot" and its "width"`,
      'pooling',
    );
  if (
    node.pooling &&
    node.pooling !== 'sum' &&
    (kind === 'categorical' || (!kind && node.kind !== 'multiHot') || builtin?.kind === 'numeric')
  )
    throw new ShapeError(`pooling applies to a multi-valued feature; '${name}' is not one`, 'pooling');
  if (kind === 'categorical') return { kind: 'ids', length: 1, vocab: name };
  if (kind === 'vector') return { kind: 'vector', width };
  // No data yet: MovieLens' own features are known, a feature file's column is as its node declares.
  if (builtin)
    return builtin.kind === 'categorical'
      ? { kind: 'ids', length: 1, vocab: name }
      : { kind: 'vector', width: DEFAULT_VOCABULARY[featureWidthKey(name)] ?? 1 };
  if (node.kind === 'categorical') return { kind: 'ids', length: 1, vocab: name };
  if (node.kind === 'multiHot' && !node.width)
    throw new ShapeError(
      `a multi-valued feature needs its width (the number of values) before its data is loaded`,
      'width',
    );
  return { kind: 'vector', width: node.kind === 'multiHot' ? node.width! : 1 };
}

/**
 * Before the data is loaded, a feature file's categorical column has no category count: its node's
 * declared `width` (or 2) stands in, so the spec can be checked; the data's count replaces it.
 */
export function declaredFeatureSizes(nodes: FeatureInput[]): Vocabulary {
  const sizes: Vocabulary = {};
  for (const node of nodes) if (node.feature && node.kind === 'categorical') sizes[node.feature] = node.width ?? 2;
  return sizes;
}
