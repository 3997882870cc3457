/** `ncf predict --run DIR --text "The food was amazing"`: the probability, and the words that push it most either way. */
import { resolve } from 'node:path';
import { loadTextClassifier, predictText } from '../../core/classification/predict';
import { useBackend } from '../../core/engine/backend';
import { RunFlags } from './runOptions';

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;

export async function predictTextCommand(flags: RunFlags & { text: string[] }): Promise<void> {
  await useBackend(flags.backend);
  const classifier = await loadTextClassifier(resolve(flags.run));
  const predictions = flags.text.map((t) => predictText(classifier, t));
  classifier.model.dispose();
  if (flags.json) return console.log(JSON.stringify({ classes: classifier.saved.classes, predictions }));
  const { classes } = classifier.saved;
  for (const p of predictions) {
    const strongest = [...p.words].sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect)).slice(0, 5);
    const words = strongest.map((w) => `${w.word}${w.known ? '' : ' (unknown)'} ${signed(w.effect)}`).join(', ');
    const scored = classes.length === 2 ? classes[1] : p.label;
    console.log(
      `${p.probability.toFixed(4)}  P(${scored}) of "${p.text}" → ${p.label}${words ? `; words: ${words}` : ''}`,
    );
    if (classes.length > 2)
      console.log(`        ${classes.map((c, k) => `P(${c}) ${p.probabilities[k].toFixed(4)}`).join(', ')}`);
  }
}
