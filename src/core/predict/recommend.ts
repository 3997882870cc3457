/** Questions a trained run answers: the predicted score of given items, and a user's top-k unseen items. */
import { RunError } from './errors';
import { Predictor } from './predictor';
import { RunData } from './runData';

export interface ItemLabel {
  title?: string;
  genres?: string[];
}

export interface Prediction {
  item: string;
  prediction: number;
}

export interface ScoredItem extends ItemLabel {
  item: string;
  score: number;
}

export interface RatedItem extends ItemLabel {
  item: string;
  rating: number;
}

export interface Recommendations {
  user: string;
  items: ScoredItem[];
  /** The user's own highest-rated items (empty when the data is not at hand). */
  liked: RatedItem[];
}

export interface RecommendOptions {
  k: number;
  /** Also rank the items the user has already rated. */
  includeSeen?: boolean;
}

/** Indices of the k largest scores, best first (ties: the lower index first), skipping `excluded`. */
export function topK(scores: ArrayLike<number>, k: number, excluded?: ReadonlySet<number>): number[] {
  const candidates: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!excluded?.has(i) && !Number.isNaN(scores[i])) candidates.push(i);
  candidates.sort((a, b) => scores[b] - scores[a] || a - b);
  return candidates.slice(0, Math.max(0, k));
}

export function labelOf(data: RunData | undefined, item: number): ItemLabel {
  const title = data?.titles?.[item];
  const genres = data?.genres?.[item];
  return { ...(title !== undefined ? { title } : {}), ...(genres !== undefined ? { genres } : {}) };
}

export function predictItems(
  predictor: Predictor,
  userId: string,
  itemIds: string[],
  /** Raw feature values of a user the model never saw (`age` → '31'), for a model with user feature inputs. */
  newUser?: Record<string, string>,
  /** Raw feature values of the one item named in `itemIds`, which the model never saw. */
  newItem?: Record<string, string>,
): { user: string; predictions: Prediction[] } {
  const described = (raw?: Record<string, string>) => (raw && Object.keys(raw).length ? raw : undefined);
  const user = described(newUser);
  const item = described(newItem);
  if (user && predictor.users.includes(userId.trim()))
    throw new RunError(`user '${userId.trim()}' is known to the model: --user-feature describes a user it never saw`);
  if (item && itemIds.length !== 1)
    throw new RunError(`--item-feature describes one new item: give one --item (got ${itemIds.length})`);
  if (item && predictor.items.includes(itemIds[0].trim()))
    throw new RunError(
      `item '${itemIds[0].trim()}' is known to the model: --item-feature describes an item it never saw`,
    );
  const items = item ? new Int32Array(1) : Int32Array.from(itemIds, (id) => predictor.item(id));
  const scores =
    user || item
      ? predictor.newcomerScores({ user, item }, user ? -1 : predictor.user(userId), items)
      : predictor.scores(predictor.user(userId), items);
  return {
    user: userId.trim(),
    predictions: itemIds.map((id, k) => ({
      item: item ? id.trim() : predictor.items[items[k]],
      prediction: scores[k],
    })),
  };
}

/** The user's highest-rated items, best first (ties in the order of the data). */
export function likedItems(predictor: Predictor, data: RunData | undefined, user: number, k: number): RatedItem[] {
  const rated = data?.rated[user];
  if (!rated) return [];
  const order = rated.items.map((_, j) => j).sort((a, b) => rated.ratings[b] - rated.ratings[a] || a - b);
  return order.slice(0, k).map((j) => ({
    item: predictor.items[rated.items[j]],
    rating: rated.ratings[j],
    ...labelOf(data, rated.items[j]),
  }));
}

export function recommend(
  predictor: Predictor,
  data: RunData | undefined,
  userId: string,
  options: RecommendOptions,
): Recommendations {
  const user = predictor.user(userId);
  const scores = predictor.allScores(user);
  const seen = options.includeSeen || !data ? undefined : new Set(data.rated[user].items);
  const items = topK(scores, options.k, seen).map((i) => ({
    item: predictor.items[i],
    score: scores[i],
    ...labelOf(data, i),
  }));
  return { user: userId.trim(), items, liked: likedItems(predictor, data, user, options.k) };
}
