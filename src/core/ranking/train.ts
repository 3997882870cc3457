/**
 * Training for top-N recommendation: the model's output is a logit, each epoch pairs every training
 * interaction with freshly drawn negatives (BCE) or negative items (BPR), early stopping watches the
 * validation item's NDCG@K under the sampled protocol, and the test items are ranked by both
 * protocols beside ItemPop and random.
 */
import * as tf from '@tensorflow/tfjs';
import { Dataset } from '../data/types';
import { CheckedSpec, checkSpec } from '../spec/check';
import { SpecFileError } from '../spec/parse';
import { SpecNode } from '../spec/schema';
import { makeRng } from '../util/random';
import { useBackend } from '../engine/backend';
import { buildModel, modelInputNodes } from '../engine/model';
import { makeOptimizer } from '../engine/optimizer';
import { EpochStepper, LayersStepper, engineOf } from '../engine/stepper';
import { TrainOptions, predictRows } from '../engine/train';
import { loopFacts, runEpochs } from '../engine/epochLoop';
import { RankingBaselines, RankingEpochEvent, RankingEvent, RankingMetrics, RankingResult } from './events';
import { Scorer, fullMetrics, itemPopScorer, randomScorer, sampledMetrics } from './evaluate';
import { LooTies } from './loo';
import { bprPairModel, rankingLoss, sigmoidCrossEntropy } from './losses';
import { EVAL_NEGATIVES, TopK } from './metrics';
import { rankingProtocol } from './protocol';
import { EpochData, epochExamples, pairData, range } from './epoch';
import { gatherInt } from '../util/gather';

export { EVAL_NEGATIVES } from './metrics';

export interface RankingOptions extends Omit<TrainOptions, 'split' | 'onEvent'> {
  onEvent?: (event: RankingEvent) => void;
  /** The baselines' test figures, known before the first epoch (a dashboard draws them as reference lines). */
  onBaselines?: (baselines: RankingBaselines) => void;
  /** Sets the freshly built model's starting weights (NeuMF pre-training: initialiseFromPretrained). */
  initialise?: (model: tf.LayersModel, checked: CheckedSpec) => void;
  /** How leave-one-out orders interactions at the same time (loo.ts); item id by default. */
  ties?: LooTies;
}

export interface RankingRun {
  result: RankingResult;
  model: tf.LayersModel;
  /** The sampled protocol's negatives (encoded item indices, EVAL_NEGATIVES per test user), to save with the run. */
  testNegatives: { users: Int32Array; items: Int32Array; negatives: Int32Array };
}

export function modelScorer(model: tf.LayersModel, inputs: SpecNode[], dataset: Dataset): Scorer {
  return (users, items) =>
    predictRows(model, inputs, pairData(dataset, users, items, new Float32Array(users.length)), range(users.length));
}

export async function trainRanking(options: RankingOptions): Promise<RankingRun> {
  const { spec, dataset, signal } = options;
  const emit = options.onEvent ?? (() => {});
  const backend = await useBackend(options.backend ?? 'auto');
  const check = checkSpec(spec, dataset.vocabulary);
  if (!check.ok) throw new SpecFileError(check.issues);
  const training = check.checked.spec.training;
  const loss = rankingLoss(training);
  const k = training.topK;
  const itemCount = dataset.itemIds.length;

  const protocol = rankingProtocol(dataset, training, options.ties);
  const { seen, notCandidates, testPairs, valPairs, testNegatives, valNegatives } = protocol;

  const model = buildModel(check.checked, { vocabulary: dataset.vocabulary, globalMean: 0, seed: training.seed });
  options.initialise?.(model, check.checked);
  const inputs = modelInputNodes(check.checked);
  const optimizer = makeOptimizer(training);
  let stepper: EpochStepper;
  if (loss === 'bpr') {
    stepper = new LayersStepper(
      bprPairModel(model, inputs, optimizer),
      options.engine === 'fast' ? 'the fast engine does not train the BPR loss' : undefined,
    );
  } else {
    model.compile({ optimizer, loss: sigmoidCrossEntropy });
    stepper =
      options.engine === 'fast' && options.fastStepper
        ? options.fastStepper(model, check.checked.spec, { vocabulary: dataset.vocabulary, globalMean: 0 })
        : new LayersStepper(model);
  }
  const { engine, fallbackReason } = engineOf(stepper);
  const measure = (scorer: Scorer): RankingMetrics => ({
    ...sampledMetrics(scorer, testPairs, testNegatives, k),
    full: fullMetrics(scorer, testPairs, notCandidates, itemCount, k),
  });
  const score = modelScorer(model, inputs, dataset);
  const rng = makeRng(`${training.seed}:negatives`);
  const shuffleRng = makeRng(`${training.seed}:shuffle`);
  const trainUsers = gatherInt(dataset.users, protocol.train);
  const trainItems = gatherInt(dataset.items, protocol.train);
  const baselines: RankingBaselines = {
    itemPop: measure(itemPopScorer(trainItems, itemCount)),
    random: measure(randomScorer(training.seed)),
  };
  options.onBaselines?.(baselines);
  emit({
    event: 'start',
    backend,
    engine,
    fallbackReason,
    batchSize: training.batchSize,
    trainRows: protocol.train.length,
    valRows: valPairs.users.length,
    testRows: testPairs.users.length,
    params: check.checked.totalParams,
  });

  const epochData: EpochData = {
    dataset,
    users: trainUsers,
    items: trainItems,
    seen,
    loss,
    negatives: training.negatives,
  };
  const started = performance.now();
  const loop = await runEpochs<RankingEpochEvent>({
    model,
    stepper,
    training,
    batchSize: training.batchSize,
    signal,
    onBatch: emit,
    examples: () => epochExamples(epochData, inputs, rng, shuffleRng),
    measure: (facts) => ({
      event: 'epoch',
      task: 'ranking',
      ...facts,
      val: valPairs.users.length ? sampledMetrics(score, valPairs, valNegatives, k) : null,
    }),
    onEpoch: emit,
    watch: (event) => event.val?.ndcg ?? null,
  }).finally(() => stepper.dispose());

  const { history, bestEpoch } = loop;
  const keptVal: TopK | null = history[bestEpoch - 1]?.val ?? null;
  const result: RankingResult = {
    event: 'result',
    task: 'ranking',
    preset: options.presetName,
    spec: check.checked.spec.name,
    backend,
    engine,
    fallbackReason,
    split: 'loo',
    loss,
    negatives: training.negatives,
    evalNegatives: EVAL_NEGATIVES,
    users: { evaluated: testPairs.users.length },
    val: keptVal,
    test: measure(score),
    baselines,
    ...loopFacts(loop, started, check.checked.totalParams),
  };
  return { result, model, testNegatives: { ...testPairs, negatives: testNegatives } };
}
