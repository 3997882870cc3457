/**
 * What a classification run keeps beside its model: the tokenizer (its options and the words by id,
 * fitted on that run's training rows), the classes and whether the model outputs a probability or a
 * logit, so that a fresh process turns a sentence into the same probability.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SavedVocabulary, Tokenizer } from '../data/tokenizer';
import { TextData } from '../data/textData';
import { Dataset } from '../data/types';
import { RUN_DATA_FILE } from '../predict/runFiles';
import { TextModel } from './model';
import { ClassificationRun } from './train';
import { textSource } from './job';

export const RUN_VOCABULARY_FILE = 'vocabulary.json';

export interface SavedTextModel extends SavedVocabulary {
  classes: string[];
  output: TextModel['output'];
}

export function runTextFiles(source: string, data: TextData, run: ClassificationRun): Record<string, string> {
  const vocabulary: SavedTextModel = { ...run.tokenizer.save(), classes: data.classes, output: run.output };
  const { file } = textSource(source);
  const record = {
    source: `text:${file}${source.includes('#') ? source.slice(source.lastIndexOf('#')) : ''}`,
    name: data.name,
    texts: data.texts.length,
  };
  return {
    [RUN_VOCABULARY_FILE]: JSON.stringify(vocabulary) + '\n',
    [RUN_DATA_FILE]: JSON.stringify(record, null, 2) + '\n',
  };
}

/** `saveRun` speaks rating datasets (id maps): a text run has no users or items. */
export function textRunDataset(data: TextData, tokenizer: Tokenizer): Dataset {
  return {
    name: data.name,
    users: new Int32Array(0),
    items: new Int32Array(0),
    ratings: new Float32Array(0),
    userIds: [],
    itemIds: [],
    ratingRange: [0, 1],
    vocabulary: { tokens: tokenizer.size },
  };
}

/** The tokenizer and classes of a run folder, or undefined when the run is not a text classifier. */
export async function readTextModel(dir: string): Promise<SavedTextModel | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, RUN_VOCABULARY_FILE), 'utf8');
  } catch {
    return undefined;
  }
  return JSON.parse(text) as SavedTextModel;
}
