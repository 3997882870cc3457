/**
 * A saved text classifier answering in a fresh process: the sentence goes through the run's own
 * tokenizer (vocabulary.json) into its model. Each word's effect is how much the probability drops
 * when that word alone is left out (occlusion): the words that push the score most either way.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OOV_ID, Tokenizer, words } from '../data/tokenizer';
import { loadRunModel } from '../engine/save';
import { RunError } from '../predict/errors';
import { modelInputNodes } from '../engine/model';
import { checkSpec } from '../spec/check';
import { probabilitiesOf } from './model';
import { SavedTextModel, RUN_VOCABULARY_FILE, readTextModel } from './runFiles';

export interface TextClassifier {
  model: tf.LayersModel;
  tokenizer: Tokenizer;
  saved: SavedTextModel;
  inputs: number;
}

export interface WordEffect {
  word: string;
  /** The probability with the sentence as it is, minus the probability without this word. */
  effect: number;
  known: boolean;
}

export interface TextPrediction {
  text: string;
  probability: number;
  /** The predicted class (classes[1] when the probability is at least 0.5). */
  label: string;
  words: WordEffect[];
}

export async function loadTextClassifier(dir: string): Promise<TextClassifier> {
  if (!existsSync(join(dir, 'model.json'))) throw new RunError(`${dir}: not a run folder (no model.json)`);
  const saved = await readTextModel(dir);
  if (!saved)
    throw new RunError(
      `${dir}: not a text classifier (no ${RUN_VOCABULARY_FILE}); give --user and --item for a rating run`,
    );
  const spec = JSON.parse(await readFile(join(dir, 'spec.ncf.json'), 'utf8'));
  const check = checkSpec(spec, { tokens: saved.tokens.length });
  if (!check.ok) throw new RunError(`${dir}/spec.ncf.json: ${check.issues[0].message}`);
  const tokenizer = Tokenizer.load(saved);
  return {
    model: await loadRunModel(dir),
    tokenizer,
    saved,
    inputs: modelInputNodes(check.checked).length,
  };
}

/** Probabilities of many sentences' token ids ([n, L] row-major). */
export function probabilities(classifier: TextClassifier, ids: Int32Array): Float32Array {
  const L = classifier.tokenizer.options.length;
  const n = ids.length / L;
  return tf.tidy(() => {
    const x = tf.tensor2d(ids, [n, L], 'int32');
    const y = classifier.model.predict(Array.from({ length: classifier.inputs }, () => x)) as tf.Tensor;
    return probabilitiesOf(y, classifier.saved.output).dataSync() as Float32Array;
  });
}

export function predictText(classifier: TextClassifier, text: string): TextPrediction {
  const { tokenizer } = classifier;
  const ws = words(text, tokenizer.options).slice(0, tokenizer.options.length);
  // The sentence itself, then once without each word (the words after it move up, as the tokenizer would place them).
  const variants = [ws.join(' '), ...ws.map((_, k) => [...ws.slice(0, k), ...ws.slice(k + 1)].join(' '))];
  const p = probabilities(classifier, tokenizer.encodeAll(variants));
  const classes = classifier.saved.classes;
  return {
    text,
    probability: p[0],
    label: p[0] >= 0.5 ? classes[1] : classes[0],
    words: ws.map((word, k) => ({
      word,
      effect: p[0] - p[k + 1],
      known: tokenizer.encode(word)[0] !== OOV_ID,
    })),
  };
}
