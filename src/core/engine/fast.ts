/** The fast training step (see the training-speed work); until it lands the plain stepper is used. */
import { TrainOptions } from './train';

export const defaultFastStepper: TrainOptions['fastStepper'] = undefined;
