/**
 * The extension inside VS Code: it activates, registers its commands, trains on synthetic data to
 * the end and writes its run folder, stops a training on request, and refuses a broken spec.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

interface TrainOutcome {
  kind: 'finished' | 'failed' | 'crashed' | 'declined';
  runDir?: string;
  cancelled?: boolean;
  message?: string;
}

const workspace = () => vscode.workspace.workspaceFolders![0].uri;
const specUri = (name: string) => vscode.Uri.joinPath(workspace(), name);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('NCF Studio extension', () => {
  before(async () => {
    const extension = vscode.extensions.all.find((e) => e.packageJSON.name === 'ncf-studio');
    assert.ok(extension, 'the extension is installed');
    await extension.activate();
  });

  it('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'ncf.train',
      'ncf.stopTraining',
      'ncf.newArchitecture',
      'ncf.downloadMovieLens',
      'ncf.openHistory',
      'ncf.openDashboard',
    ]) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
  });

  it('trains a spec of the workspace on synthetic data and writes its run folder', async () => {
    const outcome = (await vscode.commands.executeCommand('ncf.train', specUri('mf.ncf.json'))) as TrainOutcome;
    assert.equal(outcome.kind, 'finished', JSON.stringify(outcome));
    assert.equal(outcome.cancelled, false);
    const runDir = outcome.runDir!;
    assert.ok(runDir.startsWith(join(workspace().fsPath, '.ncf', 'runs')), runDir);
    const metrics = JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8'));
    assert.equal(metrics.epochs, 2, 'ncf.epochs from the workspace settings');
    assert.equal(metrics.spec, 'VS Code test MF');
    for (const file of ['model.json', 'weights.bin', 'idmaps.json', 'spec.ncf.json', 'log.txt'])
      assert.ok(existsSync(join(runDir, file)), file);
  });

  it('stops a training on "Stop training" and keeps what was trained', async () => {
    await vscode.workspace.getConfiguration('ncf').update('epochs', 1000, vscode.ConfigurationTarget.Workspace);
    try {
      const runsDir = join(workspace().fsPath, '.ncf', 'runs');
      const before = new Set(existsSync(runsDir) ? readdirSync(runsDir) : []);
      const training = vscode.commands.executeCommand('ncf.train', specUri('long.ncf.json')) as Thenable<TrainOutcome>;
      // Wait until the worker has written the start of its log, i.e. training is under way.
      for (let i = 0; i < 600; i++) {
        const fresh = (existsSync(runsDir) ? readdirSync(runsDir) : []).find(
          (d) => !before.has(d) && !d.startsWith('.'),
        );
        if (fresh && /epoch 1\//.test(readFileSync(join(runsDir, fresh, 'log.txt'), 'utf8'))) break;
        await sleep(100);
      }
      assert.equal(await vscode.commands.executeCommand('ncf.stopTraining'), true);
      const outcome = await training;
      assert.equal(outcome.kind, 'finished', JSON.stringify(outcome));
      assert.equal(outcome.cancelled, true);
      const metrics = JSON.parse(readFileSync(join(outcome.runDir!, 'metrics.json'), 'utf8'));
      assert.equal(metrics.cancelled, true);
      assert.ok(metrics.epochs < 1000);
    } finally {
      await vscode.workspace.getConfiguration('ncf').update('epochs', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('does not train a broken spec', async () => {
    const outcome = await vscode.commands.executeCommand('ncf.train', specUri('broken.ncf.json'));
    assert.equal(outcome, undefined, 'nothing ran');
  });
});
