import * as tf from '@tensorflow/tfjs';
import { Training } from '../spec/schema';

export function makeOptimizer(training: Training): tf.Optimizer {
  const lr = training.learningRate;
  switch (training.optimizer) {
    case 'adam':
      return tf.train.adam(lr);
    case 'sgd':
      return tf.train.sgd(lr);
    case 'rmsprop':
      return tf.train.rmsprop(lr);
    case 'adagrad':
      return tf.train.adagrad(lr);
  }
}
