/** `ncf export`: the spec as TypeScript (TensorFlow.js) or Python (Keras) source, optionally with a training script. */
import { Command, Option } from 'commander';
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { CODE_LANGUAGES, CodeLanguage, generateCode } from '../../core/codegen';
import { resolveSpec, UsageError } from '../../core/job/resolveSpec';
import { formatIssue } from '../../core/spec/issues';
import { SpecFileError } from '../../core/spec/parse';

export interface ExportFlags {
  preset?: string;
  spec?: string;
  lang: CodeLanguage;
  trainingScript?: boolean;
  out?: string;
}

const LANGUAGE_NAMES: Record<CodeLanguage, string> = { ts: 'TypeScript (TensorFlow.js)', python: 'Python (Keras)' };

/** Writes through a temporary file in the same folder, so a reader never sees half a file. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const folder = path.dirname(file);
  const temporary = path.join(folder, `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, file);
  } catch (e) {
    await rm(temporary, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot write ${file}: ${code === 'ENOENT' ? `there is no folder ${folder}` : (code ?? (e as Error).message)}`,
    );
  }
}

/** Generates the code and writes it to `flags.out` (or stdout); resolves to what was written where. */
export async function runExport(flags: ExportFlags): Promise<{ code: string; file?: string; summary: string }> {
  if (!flags.preset && !flags.spec) throw new UsageError('give --preset NAME or --spec FILE');
  const { spec } = await resolveSpec({ preset: flags.preset, specFile: flags.spec });
  const code = generateCode(spec, flags.lang, { trainingScript: flags.trainingScript });
  const summary = `${LANGUAGE_NAMES[flags.lang]} for ${spec.name}${flags.trainingScript ? ', with a training script' : ''}`;
  if (flags.out === undefined) return { code, summary };
  const file = path.resolve(flags.out);
  await writeAtomically(file, code);
  return { code, file, summary };
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('write TypeScript (TensorFlow.js) or Python (Keras) code that builds the very model of a spec')
    .option('--preset <name>', 'a built-in architecture (see `ncf presets`)')
    .option('--spec <file>', 'an architecture spec file (*.ncf.json)')
    .addOption(
      new Option('--lang <language>', 'language of the code').choices([...CODE_LANGUAGES]).makeOptionMandatory(),
    )
    .option('--training-script', 'add a runnable training script: load a ratings CSV, train, report test RMSE and MAE')
    .option('--out <file>', 'file to write (written atomically); without it the code goes to stdout')
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
