/** Shared by the data-layer tests: where MovieLens 100K is, and small throw-away folders of files. */
import * as assert from 'assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DataError } from '../../../src/core/data/types';

const repoRoot = path.resolve(__dirname, '../../..');

/** The MovieLens 100K folder (never part of the repo), or undefined when this machine lacks it. */
export function ml100kDir(): string | undefined {
  const dir = process.env.NCF_ML100K_DIR ?? path.resolve(repoRoot, '../shared/data/ml-100k');
  return existsSync(path.join(dir, 'u.data')) ? dir : undefined;
}

export const ML100K_MISSING = 'MovieLens 100K not found: set NCF_ML100K_DIR or put it in ../shared/data/ml-100k';

/** A fresh temporary folder per test file; `files` maps names to contents (strings are written as given). */
export class TempFolders {
  private root: string | undefined;

  folder(name: string, files: Record<string, string | Buffer>): string {
    this.root ??= mkdtempSync(path.join(os.tmpdir(), 'ncf-data-test-'));
    const dir = path.join(this.root, name);
    mkdirSync(dir, { recursive: true });
    for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), content);
    return dir;
  }

  cleanUp(): void {
    if (this.root) rmSync(this.root, { recursive: true, force: true });
    this.root = undefined;
  }
}

/** Awaits a promise that must reject with a DataError at this file (by its base name) and line, saying `pattern`. */
export async function rejectsWithDataError(
  promise: Promise<unknown>,
  pattern: RegExp,
  file?: string,
  line?: number,
): Promise<DataError> {
  try {
    await promise;
  } catch (error) {
    return checkDataError(error, pattern, file, line);
  }
  assert.fail(`expected a DataError matching ${pattern}`);
}

export function throwsDataError(action: () => unknown, pattern: RegExp, file?: string, line?: number): DataError {
  try {
    action();
  } catch (error) {
    return checkDataError(error, pattern, file, line);
  }
  assert.fail(`expected a DataError matching ${pattern}`);
}

function checkDataError(error: unknown, pattern: RegExp, file?: string, line?: number): DataError {
  assert.ok(error instanceof DataError, `expected a DataError, got ${String(error)}`);
  assert.match(error.message, pattern);
  if (file !== undefined) {
    assert.strictEqual(path.basename(error.file ?? ''), file, `file of: ${error.message}`);
    assert.ok(error.message.includes(file), `the message names the file: ${error.message}`);
  }
  if (line !== undefined) {
    assert.strictEqual(error.line, line, `line of: ${error.message}`);
    assert.ok(error.message.includes(`:${line}: `), `the message shows the line: ${error.message}`);
  }
  assert.ok(!error.message.includes('\n'), 'the message is one line');
  return error;
}

/** Numbers in ascending order (Array.prototype.sort compares as strings). */
export function sortedInts(values: ArrayLike<number>): number[] {
  return Array.from(values).sort((a, b) => a - b);
}
