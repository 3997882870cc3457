/**
 * A saved text classifier answering in a fresh process: the sentence goes through the run's own
 * tokenizer (vocabulary.json) into its model. Each word's effect is how much the probability drops
 * when that word alone is left out (occlusion): the words that push the score most either way. With more
 * than two classes the score is the predicted class's probability.
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
  /** Binary: the probability of classes[1]; multi-class: that of the predicted class. */
  probability: number;
  /** Every class's probability, in class order. */
  probabilities: number[];
  /** The predicted class (binary: classes[1] when its probability is at least 0.5; else the most probable). */
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

/** Probabilities of many sentences' token ids ([n, L] row-major): one per sentence (binary), or K (row-major). */
export function probabilities(classifier: TextClassifier, ids: Int32Array): Float32Array {
  const L = classifier.tokenizer.options.length;
  const n = ids.length / L;
  return tf.tidy(() => {
    const x = tf.tensor2d(ids, [n, L], 'int32');
    const y = classifier.model.predict(Array.from({ length: classifier.inputs }, () => x)) as tf.Tensor;
    return probabilitiesOf(y, classifier.saved.output, classifier.saved.classes.length).dataSync() as Float32Array;
  });
}

export function predictText(classifier: TextClassifier, text: string): TextPrediction {
  const { tokenizer } = classifier;
  const ws = words(text, tokenizer.options).slice(0, tokenizer.options.length);
  // The sentence itself, then once without each word (the words after it move up, as the tokenizer would place them).
  const variants = [ws.join(' '), ...ws.map((_, k) => [...ws.slice(0, k), ...ws.slice(k + 1)].join(' '))];
  const all = probabilities(classifier, tokenizer.encodeAll(variants));
  const classes = classifier.saved.classes;
  const K = classes.length;
  const first = K === 2 ? [1 - all[0], all[0]] : Array.from(all.subarray(0, K));
  const predicted = K === 2 ? (all[0] >= 0.5 ? 1 : 0) : first.indexOf(Math.max(...first));
  // The score whose change a word's effect measures: classes[1]'s probability, or the predicted class's.
  const score = (variant: number) => (K === 2 ? all[variant] : all[variant * K + predicted]);
  return {
    text,
    probability: score(0),
    probabilities: first,
    label: classes[predicted],
    words: ws.map((word, k) => ({
      word,
      effect: score(0) - score(k + 1),
      known: tokenizer.encode(word)[0] !== OOV_ID,
    })),
  };
}
