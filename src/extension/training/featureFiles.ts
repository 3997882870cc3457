/**
 * The feature files the settings name (ncf.userFeatures, ncf.itemFeatures, ncf.featureKinds) as the
 * worker takes them: paths made absolute against the workspace folder. No `vscode` import, so the
 * host tests check it in plain Node.
 */
import { isAbsolute, resolve } from 'node:path';
import type { FeatureFiles } from '../../core/data/load';
import type { NcfSettings } from '../settings';

export type FeatureSettings = Pick<NcfSettings, 'userFeatures' | 'itemFeatures' | 'featureKinds'>;

/** The settings' feature files, absolute; undefined when they name none. */
export function featureFilesOf(settings: FeatureSettings, root: string): FeatureFiles | undefined {
  const absolute = (file: string) => (isAbsolute(file) ? file : resolve(root, file));
  const files: FeatureFiles = {
    ...(settings.userFeatures ? { userFeatures: absolute(settings.userFeatures) } : {}),
    ...(settings.itemFeatures ? { itemFeatures: absolute(settings.itemFeatures) } : {}),
  };
  if (!files.userFeatures && !files.itemFeatures) return undefined;
  return Object.keys(settings.featureKinds).length ? { ...files, featureKinds: settings.featureKinds } : files;
}

/** The setting that names a side's feature file. */
export const featureSetting = (side: 'user' | 'item') => (side === 'user' ? 'userFeatures' : 'itemFeatures');
