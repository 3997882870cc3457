/**
 * Every use of @vscode/webview-ui-toolkit in the builder lives in this module. The toolkit is
 * deprecated upstream: moving to its successor should mean rewriting these few components only.
 * The rest of the webview sees plain React props (values and callbacks), never toolkit types.
 */
import type { ReactNode } from 'react';
import {
  VSCodeBadge,
  VSCodeButton,
  VSCodeCheckbox,
  VSCodeDivider,
  VSCodeDropdown,
  VSCodeOption,
  VSCodeTextField,
} from '@vscode/webview-ui-toolkit/react';
import { useDraft } from './useDraft';

type Target = { target: EventTarget | null };
const valueOf = (e: Target) => (e.target as HTMLInputElement | null)?.value ?? '';
/**
 * The toolkit's dropdown and checkbox also fire `change` when the wrapper writes their value on a
 * re-render; passing those on would loop (render → change → state → render). A person's own
 * change happens in the focused control, so only that one counts.
 */
const byPerson = (e: Target) => e.target instanceof Element && e.target.matches(':focus, :focus-within');

export interface ButtonProps {
  children?: ReactNode;
  onClick: () => void;
  appearance?: 'primary' | 'secondary' | 'icon';
  /** Tooltip, and the accessible name of an icon button. */
  title?: string;
  disabled?: boolean;
  /** A codicon name shown before the text (or alone for an icon button). */
  icon?: string;
}

export function Button({ children, onClick, appearance = 'secondary', title, disabled, icon }: ButtonProps) {
  return (
    <VSCodeButton
      appearance={appearance}
      title={title}
      aria-label={appearance === 'icon' ? title : undefined}
      disabled={disabled}
      onClick={() => !disabled && onClick()}
    >
      {icon && (
        <span
          className={`codicon codicon-${icon}`}
          slot={appearance === 'icon' ? undefined : 'start'}
          aria-hidden="true"
        />
      )}
      {children}
    </VSCodeButton>
  );
}

export interface TextFieldProps {
  label: string;
  value: string;
  /** Called when the person commits a changed value (Enter or leaving the field), not on every key. */
  onCommit: (value: string) => void;
  placeholder?: string;
  title?: string;
  invalid?: boolean;
  /** Used as the field's id, so tests and labels can find it. */
  name?: string;
}

export function TextField({ label, value, onCommit, placeholder, title, invalid, name }: TextFieldProps) {
  // A draft of its own: the wrapper writes `value` into the element on every render, and the
  // document's echo may come while the person is still typing (see useDraft).
  const { draft, setDraft, onFocus, onBlur, markCommitted } = useDraft(value);
  return (
    <VSCodeTextField
      className={invalid ? 'field invalid' : 'field'}
      id={name}
      value={draft}
      placeholder={placeholder}
      title={title}
      aria-invalid={invalid || undefined}
      onFocus={onFocus}
      onBlur={onBlur}
      onInput={(e: Target) => setDraft(valueOf(e))}
      onChange={(e: Target) => {
        const next = valueOf(e);
        if (next === value) return;
        markCommitted(next);
        onCommit(next);
      }}
    >
      {label}
    </VSCodeTextField>
  );
}

export interface DropdownProps {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  name?: string;
}

export function Dropdown({ label, value, options, onChange, name }: DropdownProps) {
  return (
    <label className="dropdown-field">
      <span className="field-label">{label}</span>
      <VSCodeDropdown
        id={name}
        aria-label={label}
        value={value}
        onChange={(e: Target) => {
          const next = valueOf(e);
          if (byPerson(e) && next !== value) onChange(next);
        }}
      >
        {options.map((o) => (
          <VSCodeOption key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </VSCodeOption>
        ))}
      </VSCodeDropdown>
    </label>
  );
}

export function Checkbox({
  label,
  checked,
  onChange,
  name,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  name?: string;
}) {
  return (
    <VSCodeCheckbox
      id={name}
      checked={checked}
      onChange={(e: Target) => {
        const next = (e.target as HTMLInputElement | null)?.checked ?? false;
        if (byPerson(e) && next !== checked) onChange(next);
      }}
    >
      {label}
    </VSCodeCheckbox>
  );
}

export const Divider = () => <VSCodeDivider role="separator" />;

export const Badge = ({ children, title }: { children: ReactNode; title?: string }) => (
  <VSCodeBadge title={title}>{children}</VSCodeBadge>
);
