import { Command } from 'commander';
import Table from 'cli-table3';
import { presetSpec, PRESET_NAMES } from '../../core/presets';
import { checkSpec } from '../../core/spec/check';

export function registerPresetsCommand(program: Command): void {
  program
    .command('presets')
    .description('list the built-in architectures with their formulas and parameter counts (ML-100K sizes)')
    .option('--json', 'print JSON')
    .action((flags: { json?: boolean }) => {
      const rows = PRESET_NAMES.map((name) => {
        const spec = presetSpec(name);
        const check = checkSpec(spec);
        return {
          name,
          formula: spec.formula ?? '',
          params: check.ok ? check.checked.totalParams : NaN,
          description: spec.description ?? '',
        };
      });
      if (flags.json) return console.log(JSON.stringify(rows));
      const table = new Table({ head: ['preset', 'formula', 'parameters'], style: { head: [], border: [] } });
      for (const r of rows) table.push([r.name, r.formula, r.params.toLocaleString('en-US')]);
      console.log(table.toString());
    });
}
