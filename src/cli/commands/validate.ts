import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { checkSpecText, decodeSpecBytes } from '../../core/spec/parse';
import { formatIssue } from '../../core/spec/issues';
import { UsageError } from '../../core/job/resolveSpec';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check an architecture spec: "ok" with its parameter count, or every problem with its line, node and field')
    .argument('<file>', 'a *.ncf.json file')
    .action(async (file: string) => {
      const bytes = await readFile(file).catch(() => {
        throw new UsageError(`cannot read ${file}`);
      });
      const result = checkSpecText(decodeSpecBytes(bytes, file));
      if (result.ok) {
        console.log(`ok (${result.checked.totalParams.toLocaleString('en-US')} parameters at MovieLens-100K sizes)`);
        return;
      }
      for (const issue of result.issues) console.error(formatIssue(issue, file));
      process.exitCode = 1;
    });
}
