/** Text classification trains from the command line only for now: the worker says so in one line. */
import { UsageError } from '../../core/job/resolveSpec';
import type { TaskTrainer } from './task';

export const refuseClassification: TaskTrainer = ({ spec }) =>
  Promise.reject(
    new UsageError(
      `'${spec.name}' is a text classifier: VS Code does not train those yet; run \`ncf train --spec FILE --data text:FILE\` in a terminal`,
    ),
  );
