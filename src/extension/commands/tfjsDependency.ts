/**
 * After a TypeScript export: the nearest package.json above the file, and whether it lists the
 * packages the code imports. Without them the file opens with "Cannot find module
 * '@tensorflow/tfjs'", so the extension offers to install them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tfjsPackages, TFJS_VERSION } from '../../core/codegen/tfjsLoader';

export interface DependencyCheck {
  /** The folder to install in: the package.json's, or the file's own when there is none. */
  folder: string;
  hasPackageJson: boolean;
  missing: string[];
  /** The command that installs what is missing. */
  command: string;
}

/** The nearest package.json from `file` up to `stopAt` (the workspace folder), and what it lacks; undefined when nothing is missing. */
export function checkTfjsDependency(
  file: string,
  stopAt: string,
  trainingScript: boolean,
): DependencyCheck | undefined {
  let folder = dirname(file);
  let manifest: string | undefined;
  for (let dir = folder; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      manifest = join(dir, 'package.json');
      folder = dir;
      break;
    }
    if (dir === stopAt || dirname(dir) === dir || !dir.startsWith(stopAt)) break;
  }
  const listed = new Set<string>();
  if (manifest) {
    try {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, Record<string, string> | undefined>;
      for (const field of ['dependencies', 'devDependencies', 'peerDependencies'])
        for (const name of Object.keys(pkg[field] ?? {})) listed.add(name);
    } catch {
      // A package.json that does not parse lists nothing we can rely on.
    }
  }
  const { dependencies, dev } = tfjsPackages(trainingScript);
  const missing = dependencies.filter((d) => !listed.has(d));
  const missingDev = dev.filter((d) => !listed.has(d));
  if (!missing.length && !missingDev.length) return undefined;
  const commands = [
    ...(missing.length ? [`npm install ${missing.map((d) => `${d}@${TFJS_VERSION}`).join(' ')}`] : []),
    ...(missingDev.length ? [`npm install --save-dev ${missingDev.join(' ')}`] : []),
  ];
  return {
    folder,
    hasPackageJson: manifest !== undefined,
    missing: [...missing, ...missingDev],
    command: commands.join(' && '),
  };
}
