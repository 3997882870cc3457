/**
 * Names and numbers the engine, the fast engine and the generated code must agree on, so that
 * weights move between them: layers are named after node ids, with these suffixes for the layers
 * an op adds around its own.
 */

/** Embedding tables start uniform in ±0.05, as Keras's do. */
export const EMBEDDING_INIT_RANGE = 0.05;

export const layerName = {
  /** The flatten after a table that looks up a single id. */
  flat: (id: string) => `${id}_flat`,
  /** The k-th (0-based) dense layer of a tower. */
  tower: (id: string, k: number) => `${id}_${k + 1}`,
  /** The dropout after the k-th layer of a tower, and the name its seed is derived from. */
  towerDropout: (id: string, k: number) => `${id}_dropout${k + 1}`,
  towerDropoutSeed: (id: string, k: number) => `${id}_${k + 1}_dropout`,
  /** The concatenation of the inputs of a multi-input dense layer or tower. */
  joined: (id: string) => `${id}_concat`,
  /** The mean a sum pooling is computed from. */
  poolingMean: (id: string) => `${id}_mean`,
};

/** The model's name from the spec's: letters, digits and _ only (a Keras and TensorFlow.js name). */
export const modelName = (specName: string) => specName.replace(/[^A-Za-z0-9_]/g, '_');

/** TensorFlow.js's fuzz factor: `Dot` with `normalize` divides by sqrt(max(Σx², ε)); the fast engine and the PyTorch export do the same. */
export const TFJS_EPSILON = 1e-7;
