/**
 * What both generators need to know about a spec before writing a line: the checked graph, the
 * nodes the output depends on (in the engine's order), the model's inputs, the sizes the code
 * takes as parameters, and the variable name of every node.
 */
import type { FeatureEncoding } from '../data/featureColumns';
import { encodingVocabulary } from '../data/features';
import { CheckedSpec, checkSpec } from '../spec/check';
import { SpecFileError } from '../spec/parse';
import { liveNodes } from '../spec/live';
import { modelName } from '../ops/conventions';
import { Spec, SpecNode } from '../spec/schema';
import { DEFAULT_VOCABULARY, Vocabulary } from '../spec/shapes';
import { Lang } from './expr';
import { GLOBAL_MEAN_NAME, VocabularyName, variableNames, vocabularyName } from './names';

export interface CodegenOptions {
  /** Also write a runnable training script (TypeScript) or training entry point (Python). */
  trainingScript?: boolean;
  /** Default sizes of the id spaces in the generated `buildModel` (MovieLens-100K's otherwise). */
  vocabulary?: Vocabulary;
  /** Default mean rating μ in the generated `buildModel` (MovieLens-100K's otherwise). */
  globalMean?: number;
  /** PyTorch: the default rating scale predictions are clipped to (MovieLens's 1…5 otherwise). */
  ratingRange?: [number, number];
  /** TypeScript: add `loadTrainedModel()` for the weights `ncf export --lang ts --run DIR` writes beside the code. */
  weightsLoader?: boolean;
  /** A run's feature encodings (features.json): the code then encodes raw feature values as the run did. */
  featureEncodings?: Record<string, FeatureEncoding>;
}

/** MovieLens-100K's mean rating: the default μ, the dataset the presets were tuned on. */
export const MOVIELENS_100K_MEAN = 3.52986;

export interface SizeParameter {
  vocab: string;
  name: VocabularyName;
  defaultSize: number;
}

export interface ModelPlan {
  checked: CheckedSpec;
  /** The nodes the output depends on, each after its inputs (the engine builds them in this order). */
  nodes: SpecNode[];
  /** Input nodes in the order of the model's inputs. */
  inputs: Extract<SpecNode, { op: 'input' }>[];
  /** Vocabularies the model's tables are sized by, in order of first use. */
  sizes: SizeParameter[];
  /** Default μ when some output adds it, else null. */
  globalMean: number | null;
  /** The model's name, as the engine names it. */
  modelName: string;
  /** Variable of each node in the target language. */
  variables: Map<string, string>;
  lang: Lang;
}

/** `reserved`: names the target's own code uses besides the language's (PyTorch's `torch`, `nn`). */
export function planModel(spec: Spec, lang: Lang, options: CodegenOptions = {}, reserved: string[] = []): ModelPlan {
  const features = options.featureEncodings ? encodingVocabulary(options.featureEncodings) : {};
  const vocabulary = { ...DEFAULT_VOCABULARY, ...features, ...options.vocabulary };
  const result = checkSpec(spec, vocabulary);
  if (!result.ok) throw new SpecFileError(result.issues);
  const { checked } = result;
  const nodes = liveNodes(checked);
  const sizes: SizeParameter[] = [];
  for (const node of nodes) {
    if (node.op !== 'embedding' && node.op !== 'bias') continue;
    const shape = checked.shapes[node.inputs[0]];
    if (shape.kind === 'ids' && !sizes.some((s) => s.vocab === shape.vocab)) {
      sizes.push({ vocab: shape.vocab, name: vocabularyName(shape.vocab), defaultSize: vocabulary[shape.vocab] });
    }
  }
  const usesMean = nodes.some((n) => n.op === 'output' && n.globalMean);
  const parameterNames = [...sizes.map((s) => s.name[lang]), GLOBAL_MEAN_NAME[lang]];
  return {
    checked,
    nodes,
    inputs: nodes.filter((n): n is Extract<SpecNode, { op: 'input' }> => n.op === 'input'),
    sizes,
    globalMean: usesMean ? (options.globalMean ?? MOVIELENS_100K_MEAN) : null,
    modelName: modelName(checked.spec.name),
    variables: variableNames(
      nodes.map((n) => n.id),
      lang,
      [...parameterNames, ...reserved],
    ),
    lang,
  };
}
