/** A classification job as the CLI and the worker run it: the labelled text, one or more splits, and the mean ± std across folds. */
import * as path from 'path';
import { makeRowSplits } from '../data/split';
import { TextData, loadTextData, parseTextSource, tokenizerDefaults } from '../data/textData';
import { DataError, Split } from '../data/types';
import { ClassMetrics, summariseMetrics } from './metrics';
import { ClassificationOptions, ClassificationRun, trainClassifier } from './train';
import { ClassificationResult } from './events';
import { presetForClasses } from './forClasses';
import { Spec } from '../spec/schema';

export interface ClassificationJobOptions extends Omit<
  ClassificationOptions,
  'data' | 'split' | 'tokenizer' | 'onEvent'
> {
  /** `text:FILE[#review=…,label=…,maxTokens=…,lowercase=…,punctuation=…]`. */
  data: string;
  /** random:F or kfold:K. */
  split: string;
  baseDir?: string;
  onData?: (data: TextData, splits: Split[]) => void;
  onEvent?: (
    event: Parameters<NonNullable<ClassificationOptions['onEvent']>>[0],
    fold: { index: number; count: number; name: string },
  ) => void;
}

export type FoldResult = Omit<ClassificationResult, 'history'>;

export interface ClassificationJobResult {
  /** The last split's result, with every fold's and their mean ± std when there are several. */
  result: ClassificationResult & {
    folds?: FoldResult[];
    mean?: ClassMetrics;
    std?: ClassMetrics;
    baselinesMean?: { majority: ClassMetrics };
  };
  /** The last split's model and vocabulary, for saving. */
  run: ClassificationRun;
  /** The spec trained: the one given, or a preset ending in a softmax when the labels have more than two classes. */
  spec: Spec;
  data: TextData;
}

/** The file and tokenizer options of a `text:` source. */
export function textSource(source: string, baseDir = process.cwd()) {
  const match = /^\s*text\s*:(.*)$/.exec(source);
  if (!match || match[1].trim() === '') throw new DataError(`'${source}' names no file: use text:FILE`);
  const { file, options } = parseTextSource(match[1].trim(), source);
  return { file: path.resolve(baseDir, file), options };
}

export async function runClassificationJob(options: ClassificationJobOptions): Promise<ClassificationJobResult> {
  const { file, options: sourceOptions } = textSource(options.data, options.baseDir);
  const data = await loadTextData(file, sourceOptions);
  const splits = makeRowSplits(data.texts.length, options.split, options.spec.training.seed);
  options.onData?.(data, splits);
  const spec = options.presetName ? presetForClasses(options.spec, data.classes.length) : options.spec;
  const runs: ClassificationRun[] = [];
  for (const [index, split] of splits.entries()) {
    runs[runs.length - 1]?.model.dispose();
    const run = await trainClassifier({
      ...options,
      spec,
      data,
      split,
      tokenizer: tokenizerDefaults(sourceOptions),
      onEvent: (e) => options.onEvent?.(e, { index, count: splits.length, name: split.name }),
    });
    runs.push(run);
    if (run.result.cancelled) break;
  }
  const last = runs[runs.length - 1];
  if (runs.length === 1) return { result: last.result, run: last, data, spec };
  const results = runs.map((r) => r.result);
  const test = summariseMetrics(results.map((r) => r.test));
  const majority = summariseMetrics(results.map((r) => r.baselines.majority)).mean;
  // As the rating task's: over folds `test` is the mean, and its confusion matrix counts every row once (each is tested in one fold).
  const confusion = sumConfusions(results.map((r) => r.test.confusion));
  return {
    result: {
      ...last.result,
      split: options.split,
      test: { ...test.mean, confusion },
      baselines: {
        majority: { ...majority, confusion: sumConfusions(results.map((r) => r.baselines.majority.confusion)) },
      },
      folds: results.map(({ history: _h, ...rest }) => rest),
      mean: test.mean,
      std: test.std,
      baselinesMean: { majority },
    },
    run: last,
    data,
    spec,
  };
}

function sumConfusions(matrices: number[][][]): number[][] {
  return matrices[0].map((row, i) => row.map((_, j) => matrices.reduce((s, m) => s + m[i][j], 0)));
}
