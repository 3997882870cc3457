/**
 * `npm run test:vscode`: the integration suite in a real VS Code downloaded by @vscode/test-electron
 * (it needs to reach VS Code's download site; where it cannot, see test/e2e for the same scenarios
 * in code-server). Opens a scratch workspace with short trainings configured in its settings.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = resolve(__dirname, '../../..');

function makeWorkspace(): string {
  const dir = join(root, '.vscode-test', 'vscode-workspace');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, '.vscode'), { recursive: true });
  writeFileSync(
    join(dir, '.vscode', 'settings.json'),
    JSON.stringify({ 'ncf.epochs': 2, 'ncf.defaultDataset': 'synthetic', 'ncf.backend': 'wasm' }, null, 2),
  );
  const mf = {
    version: 1,
    name: 'VS Code test MF',
    nodes: [
      { id: 'user', op: 'input', field: 'user' },
      { id: 'item', op: 'input', field: 'item' },
      { id: 'p', op: 'embedding', dim: 8, inputs: ['user'] },
      { id: 'q', op: 'embedding', dim: 8, inputs: ['item'] },
      { id: 'dot', op: 'dot', inputs: ['p', 'q'] },
      { id: 'rating', op: 'output', globalMean: true, inputs: ['dot'] },
    ],
  };
  writeFileSync(join(dir, 'mf.ncf.json'), JSON.stringify(mf, null, 2));
  // No early stopping: it runs until stopped.
  writeFileSync(
    join(dir, 'long.ncf.json'),
    JSON.stringify({ ...mf, name: 'VS Code test long', training: { epochs: 1000, earlyStopping: null } }, null, 2),
  );
  writeFileSync(
    join(dir, 'broken.ncf.json'),
    '{\n  "version": 1,\n  "name": "broken",\n  "nodes": [\n    {"id": "p", "op": "embedding", "dim": 0}\n  ]\n}\n',
  );
  return dir;
}

async function main(): Promise<void> {
  const workspace = makeWorkspace();
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: join(__dirname, 'suite', 'index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
  } catch (e) {
    console.error(`VS Code integration tests failed: ${(e as Error).message}`);
    process.exit(1);
  }
}

void main();
