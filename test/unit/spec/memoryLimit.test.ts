/** The memory a model may use: what WebAssembly addresses, and no more than its share of the machine. */
import { strict as assert } from 'node:assert';
import { totalmem } from 'node:os';
import { presetSpec } from '../../../src/core/presets';
import { checkSpec, formatIssue } from '../../../src/core/spec';
import { MACHINE_MEMORY_SHARE, MEMORY_LIMIT_BYTES, memoryLimit, sizeIssues } from '../../../src/core/spec/sizes';

const GB = 1e9;

describe('memory limit', () => {
  it("is the engine's 4 GiB on a machine with plenty of memory, and its share of a small one", () => {
    assert.deepEqual(memoryLimit(64 * GB), { bytes: MEMORY_LIMIT_BYTES, text: 'the 4.3 GB a model can use' });
    assert.deepEqual(memoryLimit(4 * GB), {
      bytes: 4 * GB * MACHINE_MEMORY_SHARE,
      text: 'the 2.0 GB a model can use on this machine (50 % of its 4.0 GB of memory)',
    });
    assert.equal(memoryLimit(undefined).bytes, MEMORY_LIMIT_BYTES, 'a browser checks the engine limit only');
  });

  it('follows this machine by default', () => {
    assert.equal(memoryLimit().bytes, Math.min(MEMORY_LIMIT_BYTES, Math.floor(totalmem() * MACHINE_MEMORY_SHARE)));
  });

  it('a model that fits the engine but not a small machine is refused with its node and field', () => {
    const spec = presetSpec('mf');
    for (const n of spec.nodes) if (n.op === 'embedding') n.dim = 40_000;
    const check = checkSpec(spec);
    assert.ok(check.ok, 'the default vocabulary fits this machine');
    const { order, shapes, params } = check.checked;
    const issues = sizeIssues({ spec: check.checked.spec, order, shapes, params }, () => 2, memoryLimit(2 * GB));
    assert.equal(issues.length, 1);
    assert.match(
      formatIssue(issues[0]),
      /^node '[pq]', field 'dim': 40,000 × [\d,]+ = [\d,]+ parameters need [\d.]+ GB with their gradients and adam's state, more than the 1\.0 GB a model can use on this machine \(50 % of its 2\.0 GB of memory\)$/,
    );
  });
});
