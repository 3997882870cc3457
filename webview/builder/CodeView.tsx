/** The code that builds the current graph — TypeScript (TensorFlow.js) or Python (Keras) — updated as the graph changes. */
import { useMemo, useState } from 'react';
import type { CodeLanguage } from '../../src/core/codegen';
import { useBuilder } from './context';
import { codeFor } from './codegen';
import { postToHost } from './vscodeApi';
import { Button, Dropdown } from './toolkit';

const LANGUAGES = [
  { value: 'ts', label: 'TypeScript (TensorFlow.js)' },
  { value: 'python', label: 'Python (Keras)' },
];

export function CodeView() {
  const { view } = useBuilder();
  const [language, setLanguage] = useState<CodeLanguage>('ts');
  const generated = useMemo(() => (view.spec ? codeFor(view.spec, language) : undefined), [view.spec, language]);
  if (!generated) {
    return (
      <div className="code-view empty">
        <p>
          The code appears when the architecture is valid.{' '}
          {view.issues.length
            ? `${view.issues.length} problem${view.issues.length === 1 ? '' : 's'} to fix first.`
            : 'Add an output node to finish it.'}
        </p>
      </div>
    );
  }
  return (
    <div className="code-view">
      <Dropdown
        name="code-language"
        label="Language"
        value={language}
        options={LANGUAGES}
        onChange={(v) => setLanguage(v as CodeLanguage)}
      />
      {generated.ok ? (
        <>
          <div className="code-actions">
            <Button
              icon="copy"
              title="Copy the code to the clipboard"
              onClick={() => postToHost({ type: 'copyCode', text: generated.code })}
            >
              Copy
            </Button>
            <Button
              icon="go-to-file"
              title="Open the code in a read-only editor beside the builder (highlighting, wrapping, search); it follows the graph"
              onClick={() => postToHost({ type: 'openCode', language })}
            >
              Open in editor
            </Button>
            <Button
              icon="export"
              title="Save the code to a file (TypeScript or Python, with or without a training script)"
              onClick={() => postToHost({ type: 'exportCode' })}
            >
              Export…
            </Button>
          </div>
          <pre className="code" tabIndex={0} aria-label="Generated code">
            <code>{generated.code}</code>
          </pre>
        </>
      ) : (
        <p className="issue">{generated.message}</p>
      )}
    </div>
  );
}
