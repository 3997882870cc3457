/** A saved run's settings as the history writes them: short, and the same in the table and the comparison. */
import type { RunSettings } from '../../src/protocol/dashboard';
import { count } from './dom';

const list = (values: number[], format: (v: number) => string) => (values.length ? values.map(format).join(', ') : '–');

/** λ and learning rates span decades: 1e-5 reads better than 0.00001. */
export const small = (v: number | undefined) =>
  v === undefined ? '–' : v === 0 ? '0' : v < 0.001 ? v.toExponential(0) : String(Number(v.toPrecision(3)));

export const settingsText = (s: RunSettings) => ({
  parameters: count(s.params),
  'embedding dims': list(s.dims, String),
  λ: list(s.l2, small),
  optimizer: s.optimizer ?? '–',
  'learning rate': small(s.learningRate),
  batch: s.batchSize === undefined ? '–' : String(s.batchSize),
  split: s.split ?? '–',
});

export type SettingName = keyof ReturnType<typeof settingsText>;
/** The columns of the runs table, in order (the split is in the comparison only). */
export const TABLE_SETTINGS: SettingName[] = ['parameters', 'embedding dims', 'λ', 'learning rate', 'batch'];
