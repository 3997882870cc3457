/** One editable parameter, chosen by its kind in the schema (number, list of widths, choice, switch, text). */
import type { FieldInfo, JsonValue } from '../../src/core/graph';
import { Checkbox, Dropdown, TextField } from './toolkit';
import { formatNumber, parseFieldText } from './format';

/** "learningRate" → "Learning rate"; a few names read better spelled out. */
const NAMES: Record<string, string> = {
  l2: 'L2 regularisation λ',
  dim: 'Dimension',
  units: 'Units',
  useBias: 'Use bias',
  globalMean: 'Add global mean μ',
  learningRate: 'Learning rate',
  batchSize: 'Batch size',
  validation: 'Validation fraction',
};
export const fieldLabel = (name: string) =>
  NAMES[name] ?? name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());

export interface FieldEditorProps {
  field: FieldInfo;
  value: unknown;
  /** null removes the field from the file (back to its default). */
  onSet: (value: JsonValue) => void;
  invalid?: boolean;
  /** Prefix of the control's id, e.g. the node id. */
  scope: string;
}

export function FieldEditor({ field, value, onSet, invalid, scope }: FieldEditorProps) {
  const label = fieldLabel(field.name);
  const name = `${scope}-${field.name}`;
  const hint = [
    field.description,
    field.defaultValue !== undefined
      ? `default: ${JSON.stringify(field.defaultValue)}`
      : field.optional
        ? 'optional'
        : '',
  ]
    .filter(Boolean)
    .join(' — ');
  switch (field.kind) {
    case 'enum': {
      const current = typeof value === 'string' ? value : String(field.defaultValue ?? '');
      const options = (field.options ?? []).map((o) => ({
        value: o,
        label: o === field.defaultValue ? `${o} (default)` : o,
      }));
      if (field.optional && field.defaultValue === undefined) options.unshift({ value: '', label: '(none)' });
      return (
        <Dropdown
          name={name}
          label={label}
          value={current}
          options={options}
          onChange={(v) => onSet(v === '' ? null : v)}
        />
      );
    }
    case 'boolean':
      return (
        <Checkbox
          name={name}
          label={label}
          checked={typeof value === 'boolean' ? value : field.defaultValue === true}
          onChange={onSet}
        />
      );
    case 'intList':
      return (
        <TextField
          name={name}
          label={label}
          title={hint}
          invalid={invalid}
          placeholder="e.g. 64, 32, 16"
          value={Array.isArray(value) ? value.join(', ') : formatNumber(value)}
          onCommit={(t) => onSet(parseFieldText(t, 'intList'))}
        />
      );
    case 'int':
    case 'number':
      return (
        <TextField
          name={name}
          label={label}
          title={hint}
          invalid={invalid}
          placeholder={field.defaultValue !== undefined ? String(field.defaultValue) : field.optional ? 'none' : ''}
          value={formatNumber(value)}
          onCommit={(t) => onSet(parseFieldText(t, field.kind === 'int' ? 'int' : 'number'))}
        />
      );
    default:
      return (
        <TextField
          name={name}
          label={label}
          title={hint}
          invalid={invalid}
          value={typeof value === 'string' ? value : ''}
          onCommit={(t) => onSet(t === '' ? null : t)}
        />
      );
  }
}
