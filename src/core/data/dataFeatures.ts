/** The side features a dataset has, by name, kind and width: what the builder's palette offers. */
import type { FeatureKind } from './featureColumns';
import { featureColumnsOf } from './features';
import { loadDataset, LoadOptions } from './load';
import { Dataset } from './types';

export interface DataFeature {
  name: string;
  side: 'user' | 'item';
  kind: FeatureKind;
  /** Categories of a categorical or multi-valued feature; 1 for a number. */
  width: number;
}

export function dataFeaturesOf(data: Dataset): DataFeature[] {
  return Object.entries(featureColumnsOf(data)).map(([name, { encoding }]) => ({
    name,
    side: encoding.side,
    kind: encoding.kind,
    width: encoding.kind === 'numeric' ? 1 : (encoding.categories?.length ?? encoding.width),
  }));
}

/** Loads the data (and its feature files) to list its features. */
export async function loadDataFeatures(source: string, options: LoadOptions = {}): Promise<DataFeature[]> {
  return dataFeaturesOf(await loadDataset(source, options));
}
