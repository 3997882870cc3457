/** After a TypeScript export: which package.json lacks TensorFlow.js, and the command that adds it. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TFJS_VERSION } from '../../src/core/codegen/tfjsLoader';
import { checkTfjsDependency } from '../../src/extension/commands/tfjsDependency';

describe('the TensorFlow.js dependency of an exported file', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'ncf-dep-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('installs in the nearest package.json that lacks it, and says nothing once it is listed', () => {
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ dependencies: { lodash: '1' } }));
    const file = join(root, 'src', 'neumf.ts');
    const check = checkTfjsDependency(file, root, false);
    assert.deepEqual(check, {
      folder: root,
      hasPackageJson: true,
      missing: ['@tensorflow/tfjs'],
      command: `npm install @tensorflow/tfjs@${TFJS_VERSION}`,
    });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ dependencies: { '@tensorflow/tfjs': '^4' } }));
    assert.equal(checkTfjsDependency(file, root, false), undefined);
    // The training script needs more: the wasm backend, and tsx to run it.
    assert.deepEqual(checkTfjsDependency(file, root, true)?.missing, [
      '@tensorflow/tfjs-backend-wasm',
      'tsx',
      '@types/node',
    ]);
  });

  it("without a package.json, installs in the file's folder (npm creates one)", () => {
    const check = checkTfjsDependency(join(root, 'model.ts'), root, false);
    assert.equal(check?.folder, root);
    assert.equal(check?.hasPackageJson, false);
  });
});
