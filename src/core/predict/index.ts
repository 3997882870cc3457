/** A saved run answers questions: predicted ratings for raw ids, and a user's top-k recommendations. */
export { RunError } from './errors';
export type { SavedRun, RunTask } from './loadRun';
export { loadRun, taskOf } from './loadRun';
export { Predictor } from './predictor';
export type { RunData, RunDataResult } from './runData';
export { loadRunData, runDataFrom } from './runData';
export type { ItemLabel, Prediction, RatedItem, Recommendations, RecommendOptions, ScoredItem } from './recommend';
export { likedItems, labelOf, predictItems, recommend, topK } from './recommend';
export type { RunDataRecord, RunFeatures } from './runFiles';
export { RUN_DATA_FILE, RUN_FEATURES_FILE, absoluteSource, runDataFiles } from './runFiles';
