/** The Tune form's rows, prefilled from the spec's default space; and the space a filled form asks for. */
import { availableParallelism } from 'node:os';
import { Spec } from '../../core/spec/schema';
import { defaultSpace } from '../../core/tune/defaultSpace';
import { formatSpace } from '../../core/tune/space';
import { TuneForm } from '../../protocol/tuneView';

export function formFor(spec: Spec, data: string): TuneForm {
  const fields = defaultSpace(spec).map((def) => ({
    name: def.name,
    kind: def.kind,
    values: formatSpace([def]).slice(def.name.length + 1),
    search: true,
  }));
  return {
    specName: spec.name,
    fields,
    strategy: 'tpe',
    trials: 20,
    jobs: availableParallelism(),
    data,
    split: 'kfold:3',
  };
}

/** The inline space of the ticked rows (checked against the spec when the search is prepared). */
export function spaceOf(form: TuneForm): string {
  return form.fields
    .filter((f) => f.search)
    .map((f) => `${f.name}=${f.values}`)
    .join(';');
}
