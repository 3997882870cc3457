import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { checkSpecText } from '../../core/spec/parse';
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
        const text = await readFile(file, 'utf8').catch(() => undefined);
        if (text === undefined) {
          console.error(`ncf: cannot read ${file}`);
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
