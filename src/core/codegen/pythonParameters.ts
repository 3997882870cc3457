/** The parameters a generated Python builder takes before its own: each table's size and μ, with MovieLens-100K's values as defaults. */
import { formatNumber } from './expr';
import { GLOBAL_MEAN_NAME } from './names';
import { ModelPlan } from './plan';

export interface PyParameter {
  name: string;
  value: string;
  /** Its line in the docstring's Args. */
  doc: string;
}

export function pySizeParameters(plan: ModelPlan): PyParameter[] {
  return [
    ...plan.sizes.map((s) => ({
      name: s.name.py,
      value: String(s.defaultSize),
      doc: `number of ${s.name.what} (rows of their embedding tables).`,
    })),
    ...(plan.globalMean !== null
      ? [
          {
            name: GLOBAL_MEAN_NAME.py,
            value: formatNumber(plan.globalMean),
            doc: 'mean training rating μ, added to every prediction.',
          },
        ]
      : []),
  ];
}
