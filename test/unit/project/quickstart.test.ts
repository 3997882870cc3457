/**
 * CI runs what a new user runs: .ci/run installs the Debian packages, then exactly the commands of the
 * README's Quick start, and nothing else that could hide a step the README leaves out.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../helpers/data';

/** The commands of a shell text, without comments, one per `&&` step. */
const commands = (shell: string) =>
  shell
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean)
    .flatMap((line) => line.split('&&').map((c) => c.trim()));

describe('project: the README Quick start is what CI runs', function () {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const ci = readFileSync(join(REPO_ROOT, '.ci/run'), 'utf8');

  it('.ci/run runs the Quick start commands, in order, after the Debian packages', function () {
    const block = /^## Quick start\n[\s\S]*?```sh\n([\s\S]*?)```/m.exec(readme);
    assert.ok(block, 'the README has a "## Quick start" section with a sh code block');
    const quickStart = commands(block[1]);
    assert.ok(quickStart.includes('npm test'), `the Quick start runs npm test: ${quickStart.join('; ')}`);
    const marker = ci.indexOf("# The README's Quick start");
    assert.ok(marker >= 0, ".ci/run marks where the README's Quick start begins");
    assert.deepEqual(commands(ci.slice(marker)), quickStart);
  });

  it('.ci/run installs nothing but Debian packages before it', function () {
    const before = commands(ci.slice(0, ci.indexOf("# The README's Quick start")));
    const npmOrScripts = before.filter((c) => /\b(npm|npx|node|bash scripts\/)/.test(c));
    assert.deepEqual(npmOrScripts, [], 'no npm, node or project script runs before the Quick start');
  });
});
