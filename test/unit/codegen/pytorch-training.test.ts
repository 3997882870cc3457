/**
 * The generated PyTorch training script, run as a user runs it: under torchrun with two processes
 * (DistributedDataParallel, gloo on CPU) on MovieLens-100K's fold u1 it reaches the test RMSE of
 * the same script in one process and of `ncf train --engine layers` on the same split, within 0.01;
 * a rerun resumes from its checkpoint and ends where an uninterrupted run ends; bad data gets one line.
 * NeuMF for 4 epochs (early stopping has not yet triggered then): about a minute per run on an idle
 * 2-core machine, several on a loaded one.
 */
import * as assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { generatePyTorch } from '../../../src/core/codegen';
import { loadDataset } from '../../../src/core/data/load';
import { Dataset } from '../../../src/core/data/types';
import { runJob } from '../../../src/core/job/runJob';
import { presetSpec } from '../../../src/core/presets';
import { Spec } from '../../../src/core/spec/schema';
import { ML100K_ABSENT, ml100kDir } from '../../helpers/data';
import { TORCH_PYTHON, requireTorch } from './torch';

const EPOCHS = 4;
/** Far above what a run takes; a run that hangs is killed with its process group and fails. */
const RUN_TIMEOUT_MS = 12 * 60_000;

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command in a process group of its own; on timeout the whole group is killed. */
function run(command: string, args: string[], cwd: string): { child: ChildProcess; done: Promise<Finished> } {
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<Finished>((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child);
      reject(
        new Error(
          `${command} ${args.join(' ')} took over ${RUN_TIMEOUT_MS / 60_000} minutes: killed\n${stdout}\n${stderr}`,
        ),
      );
    }, RUN_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  return { child, done };
}

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Whether any process of the child's group is still alive. */
function groupAlive(child: ChildProcess): boolean {
  try {
    process.kill(-child.pid!, 0);
    return true;
  } catch {
    return false;
  }
}

const testRmse = (out: string) => {
  const m = /test RMSE (\d+\.\d+) {2}MAE (\d+\.\d+)/.exec(out);
  assert.ok(m, `no test RMSE in:\n${out}`);
  return Number(m[1]);
};

function writeCsv(file: string, data: Dataset, rows: Int32Array | null): void {
  const lines = ['user,item,rating'];
  const count = rows ? rows.length : data.ratings.length;
  for (let k = 0; k < count; k++) {
    const r = rows ? rows[k] : k;
    lines.push(`${data.userIds[data.users[r]]},${data.itemIds[data.items[r]]},${data.ratings[r]}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

const withTraining = (spec: Spec, changes: Partial<Spec['training']>): Spec => ({
  ...spec,
  training: { ...spec.training, ...changes },
});

describe('codegen: the generated PyTorch training script', function () {
  this.timeout(2 * RUN_TIMEOUT_MS);
  let dir: string;
  const started: ChildProcess[] = [];

  before(function () {
    requireTorch();
    dir = mkdtempSync(path.join(tmpdir(), 'ncf-torch-train-'));
  });
  after(() => {
    started.forEach(killGroup);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`NeuMF on ML-100K u1 (${EPOCHS} epochs): torchrun with 2 processes matches one process and ncf train --engine layers within 0.01`, async function () {
    const ml100k = ml100kDir();
    if (!ml100k) throw new Error(ML100K_ABSENT);
    const data = await loadDataset(`movielens:${ml100k}`);
    const fold = data.folds!.u1;
    writeCsv(path.join(dir, 'u1.base.csv'), data, fold.train);
    writeCsv(path.join(dir, 'u1.test.csv'), data, fold.test);
    const spec = withTraining(presetSpec('neumf'), { epochs: EPOCHS });
    const script = path.join(dir, 'neumf_torch.py');
    writeFileSync(script, generatePyTorch(spec, { trainingScript: true }));
    const data_args = ['u1.base.csv', '--test', 'u1.test.csv'];

    // Debian's torch 1.13 launcher on Python 3.11 cannot parse its default --redirects 0 (an IntFlag
    // change); 1 sends each worker's stdout to a log that --tee 1 copies to the console.
    const torchrun = run(
      TORCH_PYTHON,
      [
        '-m',
        'torch.distributed.run',
        '--standalone',
        '--nproc_per_node=2',
        '--redirects',
        '1',
        '--tee',
        '1',
        script,
        ...data_args,
        '--checkpoint',
        'ddp.pt',
      ],
      dir,
    );
    const single = run(TORCH_PYTHON, [script, ...data_args, '--checkpoint', 'single.pt'], dir);
    started.push(torchrun.child, single.child);
    const layers = await runJob({
      spec,
      data: `movielens:${ml100k}`,
      split: 'fold:u1',
      backend: 'wasm',
      engine: 'layers',
    });
    layers.model.dispose();
    const [ddp, one] = await Promise.all([torchrun.done, single.done]);
    assert.equal(ddp.code, 0, ddp.stderr);
    assert.equal(one.code, 0, one.stderr);
    assert.match(ddp.stdout, /2 process\(es\), gloo process group, cpu/);
    assert.match(one.stdout, /1 process\(es\), no process group, cpu/);
    // Both processes trained: the epoch lines come from the first, the processes are both gone.
    assert.equal([...ddp.stdout.matchAll(/epoch \d+\/4 /g)].length, EPOCHS);
    assert.ok(!groupAlive(torchrun.child), 'a process of the torchrun group outlived it');

    const rmse = { ddp: testRmse(ddp.stdout), one: testRmse(one.stdout), layers: layers.result.test.rmse };
    const said = `test RMSE: torchrun ×2 ${rmse.ddp}, one process ${rmse.one}, ncf train --engine layers ${rmse.layers.toFixed(4)}`;
    console.log(`      ${said}`);
    assert.ok(Math.abs(rmse.ddp - rmse.one) <= 0.01, said);
    assert.ok(Math.abs(rmse.ddp - rmse.layers) <= 0.01, said);
    assert.ok(Math.abs(rmse.one - rmse.layers) <= 0.01, said);
  });

  describe('on a small synthetic CSV', function () {
    let script: string;
    before(async function () {
      const data = await loadDataset('synthetic', { seed: 42, synthetic: { users: 150, items: 200, ratings: 6000 } });
      writeCsv(path.join(dir, 'small.csv'), data, null);
      script = path.join(dir, 'mf_bias_torch.py');
      writeFileSync(
        script,
        generatePyTorch(withTraining(presetSpec('mf-bias'), { epochs: 3 }), { trainingScript: true }),
      );
    });

    it('a rerun resumes from the checkpoint of each epoch and ends where an uninterrupted run ends', async function () {
      const first = await run(TORCH_PYTHON, [script, 'small.csv', '--epochs', '2', '--checkpoint', 'resume.pt'], dir)
        .done;
      assert.equal(first.code, 0, first.stderr);
      const [resumed, whole] = await Promise.all([
        run(TORCH_PYTHON, [script, 'small.csv', '--checkpoint', 'resume.pt'], dir).done,
        run(TORCH_PYTHON, [script, 'small.csv', '--checkpoint', 'whole.pt'], dir).done,
      ]);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(resumed.stdout, /resuming after epoch 2 from resume\.pt/);
      assert.deepEqual(
        [...resumed.stdout.matchAll(/^epoch (\d+)/gm)].map((m) => m[1]),
        ['3'],
      );
      assert.equal(
        testRmse(resumed.stdout),
        testRmse(whole.stdout),
        `resumed:\n${resumed.stdout}\nwhole:\n${whole.stdout}`,
      );
    });

    it('a bad rating gets one line naming the file and line', async function () {
      writeFileSync(path.join(dir, 'bad.csv'), 'user,item,rating\n1,2,4\n3,4,four\n');
      const bad = await run(TORCH_PYTHON, [script, 'bad.csv', '--checkpoint', 'bad.pt'], dir).done;
      assert.equal(bad.code, 1);
      assert.equal(bad.stderr.trim(), "bad.csv:3: rating 'four' is not a number");
    });
  });
});
