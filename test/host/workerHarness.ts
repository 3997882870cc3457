/** Shared by the host tests: the bundled worker, a scratch folder, and a session that records what it heard. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { presetSpec } from '../../src/core/presets';
import type { TrainRequest, WorkerToHost } from '../../src/protocol/worker';
import { TrainingSession } from '../../src/extension/training/session';

export const WORKER = resolve(__dirname, '../../dist/worker.js');

export function requireWorker(): void {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` (npm run test:host does)`);
}

export function scratch(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ncf-host-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function request(runDir: string, overrides: Partial<TrainRequest> = {}): TrainRequest {
  return {
    spec: presetSpec('mf'),
    specSource: 'preset:mf',
    presetName: 'mf',
    data: 'synthetic',
    split: 'random:0.2',
    backend: 'auto',
    epochs: 2,
    runDir,
    ...overrides,
  };
}

/** A run that would take minutes (NeuMF, many epochs, no early stopping): long enough to be stopped or killed mid-way. */
export function longRequest(runDir: string): TrainRequest {
  const spec = presetSpec('neumf');
  return request(runDir, {
    spec: { ...spec, training: { ...spec.training, earlyStopping: null } },
    specSource: 'preset:neumf',
    presetName: 'neumf',
    epochs: 200,
  });
}

export interface Recorded {
  session: TrainingSession;
  messages: WorkerToHost[];
  /** Resolves at the first message of that type. */
  first: (type: WorkerToHost['type']) => Promise<WorkerToHost>;
}

export function startSession(req: TrainRequest, cancelGraceMs?: number): Recorded {
  const messages: WorkerToHost[] = [];
  const waiting: { type: string; resolve: (m: WorkerToHost) => void }[] = [];
  const session = new TrainingSession(req, {
    workerPath: WORKER,
    cancelGraceMs,
    onMessage: (m) => {
      messages.push(m);
      for (const w of waiting.filter((w) => w.type === m.type)) w.resolve(m);
    },
  });
  session.start();
  const first = (type: WorkerToHost['type']) => {
    const seen = messages.find((m) => m.type === type);
    return seen ? Promise.resolve(seen) : new Promise<WorkerToHost>((resolve) => waiting.push({ type, resolve }));
  };
  return { session, messages, first };
}
