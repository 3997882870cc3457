/** `ncf export`: the spec as TypeScript (TensorFlow.js), Python (Keras) or PyTorch source, optionally with a training script; PyTorch and TypeScript also with a run's trained weights. */
import { Command, Option } from 'commander';
import * as path from 'node:path';
import { CODE_LANGUAGES, CodeLanguage, CodegenOptions, generateCode } from '../../core/codegen';
import { readRun } from '../../core/engine/runFolder';
import { writeAtomically as writeFileAtomically } from '../../core/run/writeAtomically';
import { runFeatureEncodings, tfjsExport } from '../../core/codegen/tfjsWeights';
import { globalMeanOf, torchWeights } from '../../core/engine/torchWeights';
import { resolveSpec, UsageError } from '../../core/job/resolveSpec';
import { formatIssue } from '../../core/spec/issues';
import { SpecFileError } from '../../core/spec/parse';
import { readTextModel } from '../../core/classification/runFiles';
import { tokenizerCode } from '../../core/classification/tokenizerCode';

export interface ExportFlags {
  preset?: string;
  spec?: string;
  lang: CodeLanguage;
  trainingScript?: boolean;
  out?: string;
  /** A training run folder: its spec, and (PyTorch, TypeScript) its trained weights beside the code. */
  run?: string;
}

const LANGUAGE_NAMES: Record<CodeLanguage, string> = {
  ts: 'TypeScript (TensorFlow.js)',
  python: 'Python (Keras)',
  pytorch: 'Python (PyTorch)',
};

/** `writeAtomically`, its failure said as a usage error naming the file. */
async function writeAtomically(file: string, text: string | Uint8Array): Promise<void> {
  try {
    await writeFileAtomically(file, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const folder = path.dirname(file);
    throw new UsageError(
      `cannot write ${file}: ${code === 'ENOENT' ? `there is no folder ${folder}` : (code ?? (e as Error).message)}`,
    );
  }
}

/** Generates the code and writes it to `flags.out` (or stdout); resolves to what was written where. */
export async function runExport(flags: ExportFlags): Promise<{ code: string; file?: string; summary: string }> {
  if (flags.run) return exportRun(flags, flags.run);
  if (!flags.preset && !flags.spec) throw new UsageError('give --preset NAME or --spec FILE (or --run DIR)');
  const { spec } = await resolveSpec({ preset: flags.preset, specFile: flags.spec });
  const code = generateCode(spec, flags.lang, { trainingScript: flags.trainingScript });
  const summary = `${LANGUAGE_NAMES[flags.lang]} for ${spec.name}${flags.trainingScript ? ', with a training script' : ''}`;
  if (flags.out === undefined) return { code, summary };
  const file = path.resolve(flags.out);
  await writeAtomically(file, code);
  return { code, file, summary };
}

/** PyTorch from a run: the code, with the run's sizes, μ and scale as defaults, and `<out>.weights.json` + `.weights.bin` beside it. */
async function exportRun(flags: ExportFlags, dir: string): Promise<{ code: string; file: string; summary: string }> {
  if (flags.preset || flags.spec)
    throw new UsageError('--run takes the spec from the run: give no --preset or --spec with it');
  const text = await readTextModel(dir);
  const featureEncodings = await runFeatureEncodings(dir);
  if (flags.lang === 'python' && !text && !featureEncodings)
    throw new UsageError(
      "--run exports trained weights for --lang pytorch or ts (and a text run's tokenizer or a feature run's encoding for every language)",
    );
  if (flags.out === undefined) throw new UsageError('--run needs --out FILE: the weights are written beside it');
  if (flags.lang === 'ts' && !text) return exportTfjsRun(flags, dir, flags.out);
  const run = await readRun(dir);
  const globalMean = globalMeanOf(run.model, run.spec);
  const options: CodegenOptions = {
    ...(featureEncodings ? { featureEncodings } : {}),
    trainingScript: flags.trainingScript,
    vocabulary: {
      user: run.ids.users.length,
      item: run.ids.items.length,
      ...(text ? { tokens: text.tokens.length } : {}),
    },
    globalMean,
    ratingRange: run.ratingRange,
  };
  // A text classifier's code carries its tokenizer, so the same sentence gets the same ids (and probability).
  const tokenizer = text ? tokenizerCode(text, flags.lang) : '';
  if (flags.lang !== 'pytorch') {
    run.model.dispose();
    const code = generateCode(run.spec, flags.lang, options) + tokenizer;
    const file = path.resolve(flags.out);
    await writeAtomically(file, code);
    return {
      code,
      file,
      summary: `${LANGUAGE_NAMES[flags.lang]} for ${run.spec.name} with the ${text ? 'tokenizer' : 'feature encoding'} of ${dir} (its trained weights are ${path.join(dir, 'model.json')}, loadable as they are)`,
    };
  }
  const code = generateCode(run.spec, 'pytorch', options) + tokenizer;
  const file = path.resolve(flags.out);
  const stem = file.replace(/\.py$/, '');
  const weights = torchWeights(run.model, run.spec, {
    dataFile: `${path.basename(stem)}.weights.bin`,
    ratingRange: run.ratingRange,
    globalMean,
    ids: run.ids,
  });
  run.model.dispose();
  await writeAtomically(`${stem}.weights.bin`, weights.data);
  await writeAtomically(`${stem}.weights.json`, JSON.stringify(weights.manifest) + '\n');
  await writeAtomically(file, code);
  return {
    code,
    file,
    summary: `${LANGUAGE_NAMES.pytorch} for ${run.spec.name} with the weights of ${dir} (${path.basename(stem)}.weights.json)`,
  };
}

/** TypeScript from a run: the code with `loadTrainedModel()`, and `<out>.weights.json` + `.weights.bin` beside it. */
async function exportTfjsRun(flags: ExportFlags, dir: string, out: string) {
  const file = path.resolve(out);
  const stem = file.replace(/\.ts$/, '');
  const run = await tfjsExport(dir, `${path.basename(stem)}.weights.bin`);
  const code = generateCode(run.spec, 'ts', { ...run.options, trainingScript: flags.trainingScript });
  await writeAtomically(`${stem}.weights.bin`, run.data);
  await writeAtomically(`${stem}.weights.json`, JSON.stringify(run.manifest) + '\n');
  await writeAtomically(file, code);
  return {
    code,
    file,
    summary: `${LANGUAGE_NAMES.ts} for ${run.spec.name} with the weights of ${dir} (${path.basename(stem)}.weights.json)`,
  };
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'write TypeScript (TensorFlow.js), Python (Keras) or PyTorch code that builds the very model of a spec',
    )
    .option('--preset <name>', 'a built-in architecture (see `ncf presets`)')
    .option('--spec <file>', 'an architecture spec file (*.ncf.json)')
    .addOption(
      new Option('--lang <language>', 'language of the code').choices([...CODE_LANGUAGES]).makeOptionMandatory(),
    )
    .option('--training-script', 'add a runnable training script: load a ratings CSV, train, report test RMSE and MAE')
    .option('--out <file>', 'file to write (written atomically); without it the code goes to stdout')
    .option(
      '--run <dir>',
      'a training run (ncf train --out DIR): its spec and feature encoding, and with --lang pytorch or ts its weights in FILE.weights.json/.bin',
    )
    .action(async (flags: ExportFlags) => {
      try {
        const result = await runExport(flags);
        if (result.file) process.stderr.write(`wrote ${result.file}: ${result.summary}\n`);
        else process.stdout.write(result.code);
      } catch (e) {
        if (!(e instanceof SpecFileError)) throw e;
        // The validator's lines: file:line: node 'x', field 'y': what is wrong.
        for (const issue of e.issues) console.error(formatIssue(issue, e.file));
        process.exitCode = 1;
      }
    });
}
