import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { SpecFileError, checkSpecText, decodeSpecBytes } from '../../core/spec/parse';
import { formatIssue } from '../../core/spec/issues';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description(
      'check architecture specs: "ok" with the parameter count, or every problem with its line, node and field',
    )
    .argument('<files...>', '*.ncf.json files')
    .action(async (files: string[]) => {
      // With several files each line says which file it is about, and one bad file does not stop the others.
      const prefix = (file: string) => (files.length > 1 ? `${file}: ` : '');
      for (const file of files) {
        const bytes = await readFile(file).catch(() => undefined);
        if (bytes === undefined) {
          console.error(`ncf: cannot read ${file}`);
          process.exitCode = 1;
          continue;
        }
        let text: string;
        try {
          text = decodeSpecBytes(bytes, file);
        } catch (e) {
          if (!(e instanceof SpecFileError)) throw e;
          console.error(e.message);
          process.exitCode = 1;
          continue;
        }
        const result = checkSpecText(text);
        if (result.ok) {
          console.log(
            `${prefix(file)}ok (${result.checked.totalParams.toLocaleString('en-US')} parameters at MovieLens-100K sizes)`,
          );
          continue;
        }
        for (const issue of result.issues) console.error(formatIssue(issue, file));
        process.exitCode = 1;
      }
    });
}
