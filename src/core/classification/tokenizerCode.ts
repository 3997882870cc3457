/**
 * A run's tokenizer as code, appended to the exported model so the exported model gets the same token
 * ids — and so the same probability — for the same sentence: TypeScript by hand, Keras as its own
 * `TextVectorization` layer with the run's vocabulary, PyTorch as plain Python.
 */
import type { CodeLanguage } from '../codegen';
import { SavedTextModel } from './runFiles';

/** Keras's reserved ids ('' and '[UNK]') are added by TextVectorization itself. */
const words = (saved: SavedTextModel) => saved.tokens.slice(2);

const KERAS_STANDARDIZE: Record<string, string> = {
  'true,true': "'lower_and_strip_punctuation'",
  'true,false': "'lower'",
  'false,true': "'strip_punctuation'",
  'false,false': 'None',
};

function typescript(saved: SavedTextModel): string {
  const { lowercase, stripPunctuation, length } = saved.options;
  return `
/** The trained run's tokenizer: ${lowercase ? 'lower-case, ' : ''}${stripPunctuation ? 'strip punctuation, ' : ''}split on whitespace; id 0 pads, id 1 is an unknown word. */
export const SEQUENCE_LENGTH = ${length};
export const VOCABULARY: string[] = ${JSON.stringify(saved.tokens)};
export const CLASSES: string[] = ${JSON.stringify(saved.classes)};
const TOKEN_IDS = new Map(VOCABULARY.map((token, id) => [token, id]));

/** A sentence as SEQUENCE_LENGTH token ids, padded with 0 or cut at the end (as Keras's TextVectorization). */
export function tokenize(text: string): Int32Array {
  let standard = text;${lowercase ? '\n  standard = standard.toLowerCase();' : ''}${stripPunctuation ? "\n  standard = standard.replace(/[!\"#$%&'()*+,\\-./:;<=>?@[\\\\\\]^_`{|}~]/g, '');" : ''}
  const words = standard.split(/\\s+/).filter((w) => w !== '');
  const ids = new Int32Array(SEQUENCE_LENGTH);
  for (let k = 0; k < Math.min(words.length, SEQUENCE_LENGTH); k++) ids[k] = TOKEN_IDS.get(words[k]) ?? 1;
  return ids;
}

${multi(saved) ? tsMultiPredict(saved) : tsBinaryPredict(saved)}`;
}

const multi = (saved: SavedTextModel) => saved.classes.length > 2;

const tsBinaryPredict = (saved: SavedTextModel) => `
/** The probability of CLASSES[1] for a sentence. */
export function predictText(model: tf.LayersModel, text: string): number {
  return tf.tidy(() => {
    const y = model.predict(tf.tensor2d(tokenize(text), [1, SEQUENCE_LENGTH], 'int32')) as tf.Tensor;
    return ${saved.output === 'logit' ? 'tf.sigmoid(y)' : 'y'}.dataSync()[0];
  });
}
`;

const tsMultiPredict = (saved: SavedTextModel) => `
/** Each class's probability for a sentence, in the order of CLASSES. */
export function predictText(model: tf.LayersModel, text: string): number[] {
  return tf.tidy(() => {
    const y = model.predict(tf.tensor2d(tokenize(text), [1, SEQUENCE_LENGTH], 'int32')) as tf.Tensor;
    return Array.from(${saved.output === 'logit' ? 'tf.softmax(y)' : 'y'}.dataSync());
  });
}
`;

function kerasPredict(saved: SavedTextModel): string {
  if (multi(saved))
    return `def predict_text(model, sentences):
    """Each class's probability for each sentence: one row per sentence, in the order of CLASSES."""
    ids = text_vectorization()(sentences)
    return ${saved.output === 'logit' ? 'keras.activations.softmax(model(ids))' : 'model(ids)'}.numpy()`;
  return `def predict_text(model, sentences):
    """The probability of CLASSES[1] for each sentence."""
    ids = text_vectorization()(sentences)
    return ${saved.output === 'logit' ? 'keras.activations.sigmoid(model(ids))' : 'model(ids)'}.numpy().ravel()`;
}

function keras(saved: SavedTextModel): string {
  const { lowercase, stripPunctuation, length } = saved.options;
  return `

# The trained run's tokenizer: Keras's own TextVectorization with the run's vocabulary (ids 0 and 1 are
# the padding and the unknown word, which it adds itself).
VOCABULARY = ${JSON.stringify(words(saved))}
CLASSES = ${JSON.stringify(saved.classes)}


def text_vectorization():
    return layers.TextVectorization(
        max_tokens=${saved.tokens.length},
        standardize=${KERAS_STANDARDIZE[`${lowercase},${stripPunctuation}`]},
        split='whitespace',
        output_mode='int',
        output_sequence_length=${length},
        vocabulary=VOCABULARY,
    )


${kerasPredict(saved)}
`;
}

function pytorch(saved: SavedTextModel): string {
  const { lowercase, stripPunctuation, length } = saved.options;
  return `

# The trained run's tokenizer, as Keras's TextVectorization does it: id 0 pads, id 1 is an unknown word.
VOCABULARY = ${JSON.stringify(saved.tokens)}
CLASSES = ${JSON.stringify(saved.classes)}
SEQUENCE_LENGTH = ${length}
_TOKEN_IDS = {token: i for i, token in enumerate(VOCABULARY)}


def tokenize(text):
    """A sentence as SEQUENCE_LENGTH token ids, padded with 0 or cut at the end."""
    import string
${lowercase ? '    text = text.lower()\n' : ''}${stripPunctuation ? "    text = text.translate(str.maketrans('', '', string.punctuation))\n" : ''}    ids = [_TOKEN_IDS.get(w, 1) for w in text.split()][:SEQUENCE_LENGTH]
    return ids + [0] * (SEQUENCE_LENGTH - len(ids))
`;
}

export function tokenizerCode(saved: SavedTextModel, language: CodeLanguage): string {
  return language === 'ts' ? typescript(saved) : language === 'python' ? keras(saved) : pytorch(saved);
}
