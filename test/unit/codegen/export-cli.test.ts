/** `ncf export`: writes the generated code atomically, and a bad spec gets the validator's one-line issues. */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Command } from 'commander';
import { registerExportCommand } from '../../../src/cli/commands/export';
import { generatePython, generateTypeScript } from '../../../src/core/codegen';
import { UsageError } from '../../../src/core/job/resolveSpec';
import { presetDocument, presetSpec } from '../../../src/core/presets';
import { formatIssue } from '../../../src/core/spec/issues';
import { checkSpecText } from '../../../src/core/spec/parse';

/** Runs `ncf export ARGS` in this process and collects what it printed to stderr and its exit code. */
async function ncfExport(args: string[]): Promise<{ stderr: string[]; exitCode: number }> {
  const program = new Command('ncf').exitOverride();
  registerExportCommand(program);
  const stderr: string[] = [];
  const saved = { error: console.error, write: process.stderr.write, exitCode: process.exitCode };
  console.error = (line: unknown) => void stderr.push(String(line));
  process.stderr.write = ((chunk: string) => (stderr.push(chunk.trimEnd()), true)) as typeof process.stderr.write;
  try {
    process.exitCode = 0;
    await program.parseAsync(['export', ...args], { from: 'user' });
    return { stderr, exitCode: Number(process.exitCode ?? 0) };
  } finally {
    console.error = saved.error;
    process.stderr.write = saved.write;
    process.exitCode = saved.exitCode;
  }
}

describe('ncf export', function () {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'ncf-export-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the TypeScript of a preset, and nothing else, to --out', async function () {
    const out = path.join(dir, 'neumf.ts');
    const run = await ncfExport(['--preset', 'neumf', '--lang', 'ts', '--out', out]);
    assert.equal(run.exitCode, 0);
    assert.equal(readFileSync(out, 'utf8'), generateTypeScript(presetSpec('neumf')));
    assert.deepEqual(readdirSync(dir), ['neumf.ts'], 'a temporary file was left behind');
    assert.match(run.stderr.join('\n'), /wrote .*neumf\.ts: TypeScript \(TensorFlow\.js\) for NeuMF/);
  });

  it('writes Python with a training script from a spec file', async function () {
    const specFile = path.join(dir, 'mine.ncf.json');
    writeFileSync(specFile, JSON.stringify(presetDocument('gmf'), null, 2));
    const out = path.join(dir, 'gmf.py');
    const run = await ncfExport(['--spec', specFile, '--lang', 'python', '--training-script', '--out', out]);
    assert.equal(run.exitCode, 0);
    assert.equal(readFileSync(out, 'utf8'), generatePython(presetSpec('gmf'), { trainingScript: true }));
  });

  it('says in one line that the folder of --out does not exist', async function () {
    const out = path.join(dir, 'missing', 'gmf.py');
    await assert.rejects(
      ncfExport(['--preset', 'gmf', '--lang', 'python', '--out', out]),
      (e: unknown) =>
        e instanceof UsageError && e.message === `cannot write ${out}: there is no folder ${path.dirname(out)}`,
    );
    assert.deepEqual(readdirSync(dir), []);
  });

  it("prints the validator's one-line issues for a bad spec, exits 1 and writes nothing", async function () {
    const specFile = path.join(dir, 'bad.ncf.json');
    const text = JSON.stringify(presetDocument('gmf'), null, 2)
      .replace('"dim": 32', '"dim": 0')
      .replace('"units": 1', '"units": 2');
    writeFileSync(specFile, text);
    const out = path.join(dir, 'bad.ts');
    const run = await ncfExport(['--spec', specFile, '--lang', 'ts', '--out', out]);
    const check = checkSpecText(text);
    assert.ok(!check.ok && check.issues.length >= 1);
    assert.deepEqual(
      run.stderr,
      check.issues.map((i) => formatIssue(i, specFile)),
    );
    assert.ok(
      run.stderr.every((line) => !line.includes('\n') && /bad\.ncf\.json:\d+: node '/.test(line)),
      run.stderr.join('\n'),
    );
    assert.equal(run.exitCode, 1);
    assert.equal(existsSync(out), false);
  });

  it('refuses to run without a spec, and with both a preset and a spec', async function () {
    await assert.rejects(
      ncfExport(['--lang', 'ts']),
      (e: unknown) => e instanceof UsageError && /--preset NAME or --spec FILE/.test(e.message),
    );
    await assert.rejects(ncfExport(['--preset', 'mf', '--spec', 'x.ncf.json', '--lang', 'ts']), UsageError);
  });

  it('accepts only the languages it writes', async function () {
    await assert.rejects(
      ncfExport(['--preset', 'mf', '--lang', 'java']),
      (e: unknown) => e instanceof Error && /ts, python/.test(e.message),
    );
  });
});
