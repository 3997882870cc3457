/**
 * A labelled text file (`text:FILE`, `text:FILE#review=Review,label=Liked`): a header, then one text and one
 * label per row, tab-, comma-, semicolon- or bar-separated. Columns are named in the source or detected;
 * labels are read as classes (two: binary, more: multi-class); rows without text are skipped and counted.
 */
import * as path from 'path';
import { guessDelimiter } from './csv';
import { forEachRecord } from './delimited';
import { quoted, readText } from './text';
import { DataError } from './types';
import { DEFAULT_TOKENIZER, TokenizerOptions } from './tokenizer';

export interface TextData {
  /** e.g. "Restaurant_Reviews.tsv". */
  name: string;
  file: string;
  texts: string[];
  /** Class index per row (into `classes`). */
  labels: Int32Array;
  /** The label values in class order: numbers ascending, else alphabetically; binary: classes[1] is positive. */
  classes: string[];
  columns: { text: string; label: string };
  /** Rows left out (a spreadsheet's `#NAME?` in place of text, or an empty text), with their lines. */
  skipped: number[];
}

export interface TextSourceOptions {
  /** Header names of the text and label columns; detected when absent. */
  text?: string;
  label?: string;
  tokenizer: Partial<Omit<TokenizerOptions, 'length'>>;
}

const TEXT_NAMES = ['text', 'review', 'sentence', 'comment', 'content', 'body', 'message'];
const LABEL_NAMES = ['label', 'liked', 'sentiment', 'class', 'target', 'y', 'category'];
/** What a spreadsheet writes when it took a text for a formula: no text is left. */
const SPREADSHEET_ERRORS = new Set(['#NAME?', '#VALUE!', '#REF!', '#ERROR!']);

/** `FILE#review=Review,label=Liked,maxTokens=1000,lowercase=false,punctuation=keep`: the file and its options. */
export function parseTextSource(argument: string, source: string): { file: string; options: TextSourceOptions } {
  const hash = argument.lastIndexOf('#');
  const options: TextSourceOptions = { tokenizer: {} };
  if (hash === -1 || !argument.slice(hash + 1).includes('=')) return { file: argument, options };
  for (const pair of argument.slice(hash + 1).split(',')) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (eq === -1 || value === '')
      throw new DataError(`'${source}': '${pair}' is not KEY=VALUE (e.g. review=Review,label=Liked)`);
    if (key === 'review' || key === 'text') options.text = value;
    else if (key === 'label') options.label = value;
    else if (key === 'maxTokens') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 3)
        throw new DataError(`'${source}': maxTokens must be a whole number of at least 3 (padding, OOV, a word)`);
      options.tokenizer.maxTokens = n;
    } else if (key === 'lowercase') options.tokenizer.lowercase = flag(value, key, source);
    else if (key === 'punctuation') {
      if (value !== 'strip' && value !== 'keep')
        throw new DataError(`'${source}': punctuation is strip or keep, not '${value}'`);
      options.tokenizer.stripPunctuation = value === 'strip';
    } else
      throw new DataError(`'${source}': unknown option '${key}' (review, label, maxTokens, lowercase, punctuation)`);
  }
  return { file: argument.slice(0, hash), options };
}

function flag(value: string, key: string, source: string): boolean {
  if (value === 'true' || value === 'false') return value === 'true';
  throw new DataError(`'${source}': ${key} is true or false, not '${value}'`);
}

export const tokenizerDefaults = (options: TextSourceOptions): Omit<TokenizerOptions, 'length'> => ({
  ...DEFAULT_TOKENIZER,
  ...options.tokenizer,
});

function findColumn(header: string[], names: string[], chosen: string | undefined, role: string, file: string): number {
  const lower = header.map((h) => h.toLowerCase());
  for (const name of chosen !== undefined ? [chosen] : names) {
    const at = header.indexOf(name) !== -1 ? header.indexOf(name) : lower.indexOf(name.toLowerCase());
    if (at !== -1) return at;
  }
  if (chosen !== undefined)
    throw new DataError(
      `no column '${chosen}' (the ${role} column chosen); the header has ${header.join(', ')}`,
      file,
      1,
    );
  return -1;
}

/** Numbers ascending when every label is a number, else alphabetical. */
function classOrder(values: Iterable<string>): string[] {
  const all = [...new Set(values)];
  const numeric = all.every((v) => v.trim() !== '' && Number.isFinite(Number(v)));
  return numeric ? all.sort((a, b) => Number(a) - Number(b)) : all.sort();
}

export async function loadTextData(file: string, options: TextSourceOptions): Promise<TextData> {
  const content = await readText(file, 'utf8');
  const delimiter = guessDelimiter(content);
  let columns: [number, number] | undefined;
  let header: string[] = [];
  const texts: string[] = [];
  const rawLabels: string[] = [];
  const skipped: number[] = [];
  const end = forEachRecord(content, file, delimiter, (fields, lineNo) => {
    if (!columns) {
      header = fields.map((f) => f.trim());
      let text = findColumn(header, TEXT_NAMES, options.text, 'text', file);
      let label = findColumn(header, LABEL_NAMES, options.label, 'label', file);
      // Two columns and one of them known: the other is the remaining role.
      if (header.length === 2 && (text === -1) !== (label === -1)) {
        if (text === -1) text = 1 - label;
        else label = 1 - text;
      }
      if (text === -1 || label === -1 || text === label)
        throw new DataError(
          `cannot tell the text and label columns apart in the header (${header.join(', ')}): name them, e.g. text:FILE#review=${header[0] ?? 'Review'},label=${header[1] ?? 'Liked'}`,
          file,
          lineNo,
        );
      columns = [text, label];
      return;
    }
    if (fields.length !== header.length)
      throw new DataError(`expected ${header.length} columns as in the header, found ${fields.length}`, file, lineNo);
    const text = fields[columns[0]].trim();
    const label = fields[columns[1]].trim();
    if (label === '') throw new DataError(`the label column '${header[columns[1]]}' is empty`, file, lineNo);
    if (text === '' || SPREADSHEET_ERRORS.has(text)) {
      skipped.push(lineNo);
      return;
    }
    texts.push(text);
    rawLabels.push(label);
  });
  if (!columns) throw new DataError('is empty: expected a header and labelled rows', file);
  if (texts.length === 0) throw new DataError('has a header but no labelled rows', file, end);
  const classes = classOrder(rawLabels);
  if (classes.length < 2)
    throw new DataError(
      `every row has the label ${quoted(classes[0])}: a classifier needs at least two classes`,
      file,
      end,
    );
  const index = new Map(classes.map((c, k) => [c, k]));
  return {
    name: path.basename(file),
    file,
    texts,
    labels: Int32Array.from(rawLabels, (l) => index.get(l)!),
    classes,
    columns: { text: header[columns[0]], label: header[columns[1]] },
    skipped,
  };
}
