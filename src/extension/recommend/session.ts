/**
 * One run opened for questions in the extension host: the model on the fastest backend, the run's
 * data for titles and the seen-item filter, and the answers to the view's requests.
 */
import { basename } from 'node:path';
import { useBackend } from '../../core/engine/backend';
import { labelOf, loadRun, loadRunData, Predictor, recommend, RunData } from '../../core/predict';
import type { HostToRecommend, RecommendToHost, RunInfo, UserEntry } from '../../protocol/recommend';

const GENDERS = ['M', 'F'];

function userEntries(predictor: Predictor, data: RunData | undefined): UserEntry[] {
  const gender = data?.dataset.userFeatures?.gender;
  const genderOf = new Map(data?.dataset.userIds.map((id, k) => [id, gender ? GENDERS[gender[k]] : undefined]));
  return predictor.users.map((id, u) => {
    const rated = data?.rated[u];
    if (!rated) return { id };
    const mean = rated.ratings.reduce((s, r) => s + r, 0) / Math.max(1, rated.ratings.length);
    const parts = [
      genderOf.get(id),
      `${rated.ratings.length} ratings`,
      rated.ratings.length ? `mean ${mean.toFixed(2)}` : undefined,
    ];
    return { id, ratings: rated.ratings.length, profile: parts.filter(Boolean).join(' · ') };
  });
}

export class RecommendSession {
  private constructor(
    readonly predictor: Predictor,
    private readonly data: RunData | undefined,
    readonly info: RunInfo,
  ) {}

  static async open(runDir: string): Promise<RecommendSession> {
    await useBackend('auto');
    const run = await loadRun(runDir);
    const predictor = new Predictor(run);
    const { data, notice } = await loadRunData(run);
    const info: RunInfo = {
      runDir,
      runName: basename(runDir),
      specName: run.spec.name,
      dataName: run.data?.name ?? '?',
      task: run.task,
      ratingRange: run.ratingRange,
      users: userEntries(predictor, data),
      items: predictor.items.map((id, i) => ({
        id,
        ...(data?.titles?.[i] !== undefined ? { title: data.titles[i] } : {}),
      })),
      notice,
    };
    return new RecommendSession(predictor, data, info);
  }

  /** The answer to one request of the view; an unknown id comes back as an error message. */
  answer(message: Exclude<RecommendToHost, { type: 'ready' }>): HostToRecommend {
    try {
      if (message.type === 'recommend') {
        const started = performance.now();
        const result = recommend(this.predictor, this.data, message.user, { k: message.k });
        return {
          type: 'recommendations',
          user: result.user,
          k: message.k,
          items: result.items,
          liked: result.liked,
          seenFiltered: this.data !== undefined,
          millis: performance.now() - started,
        };
      }
      const user = this.predictor.user(message.user);
      const item = this.predictor.item(message.item);
      const [score] = this.predictor.scores(user, Int32Array.of(item));
      return {
        type: 'prediction',
        user: message.user,
        item: { item: message.item, score, ...labelOf(this.data, item) },
      };
    } catch (e) {
      return { type: 'error', message: e instanceof Error ? e.message : String(e) };
    }
  }

  dispose(): void {
    this.predictor.dispose();
  }
}
