/**
 * "Type a sentence, see the score" on a finished text classifier: the run's model and tokenizer are
 * loaded once in the extension host and kept for the next sentence, as the dashboard shows one run at a time.
 */
import { loadTextClassifier, predictText, TextClassifier } from '../../core/classification/predict';
import { useBackend } from '../../core/engine/backend';
import type { TextScore } from '../../protocol/dashboard';

export class TextScorer {
  private open: { runDir: string; classifier: Promise<TextClassifier> } | undefined;

  async score(runDir: string, text: string): Promise<TextScore> {
    try {
      if (this.open?.runDir !== runDir) {
        this.dispose();
        this.open = { runDir, classifier: useBackend('auto').then(() => loadTextClassifier(runDir)) };
      }
      const classifier = await this.open.classifier;
      return { ok: true, prediction: predictText(classifier, text), classes: classifier.saved.classes };
    } catch (error) {
      // A run that cannot answer is not kept: the next sentence tries again (the folder may be complete by then).
      this.dispose();
      return { ok: false, message: error instanceof Error ? error.message.split('\n')[0] : String(error) };
    }
  }

  dispose(): void {
    const open = this.open;
    this.open = undefined;
    void open?.classifier.then((c) => c.model.dispose()).catch(() => undefined);
  }
}
