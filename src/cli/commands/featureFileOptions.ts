/** The options naming a user's own feature files, shared by the commands that load rating data. */
import { Command } from 'commander';
import { parseFeatureKinds } from '../../core/data/featureFile';
import { FeatureFiles } from '../../core/data/load';

export interface FeatureFileFlags {
  userFeatures?: string;
  itemFeatures?: string;
  featureKind?: string[];
}

export function addFeatureFileOptions(command: Command): Command {
  return command
    .option(
      '--user-features <file>',
      'a CSV of user features: an id column (id, user, userId) and one column per feature',
    )
    .option(
      '--item-features <file>',
      'a CSV of item features: an id column (id, item, itemId, movieId) and one column per feature',
    )
    .option(
      '--feature-kind <name=kind...>',
      "declare a feature file column's kind where inference guesses wrong: numeric, categorical or multiHot",
    );
}

export function featureFiles(flags: FeatureFileFlags): FeatureFiles {
  return {
    userFeatures: flags.userFeatures,
    itemFeatures: flags.itemFeatures,
    featureKinds: parseFeatureKinds(flags.featureKind),
  };
}
