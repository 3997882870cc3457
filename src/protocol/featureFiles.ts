/** A user's own feature files and their declared kinds, as a job passes them to a worker (paths absolute). */
import { z } from 'zod';
import type { FeatureFiles } from '../core/data/load';
import { Agrees, Same } from './parse';

export const FeatureFilesSchema = z.strictObject({
  userFeatures: z.string().optional(),
  itemFeatures: z.string().optional(),
  featureKinds: z.record(z.string(), z.enum(['numeric', 'categorical', 'multiHot'])).optional(),
});

export type SchemaAgreesWithFeatureFiles = Agrees<Same<z.output<typeof FeatureFilesSchema>, FeatureFiles>>;
