/** The shape of generated code: lines that fit, indentation by whole levels, names that cannot clash, a browser-safe generator. */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { codeFileName, generatePython, generateTypeScript } from '../../../src/core/codegen';
import { MAX_WIDTH, call, kw, lit, object, print, raw } from '../../../src/core/codegen/expr';
import { variableNames } from '../../../src/core/codegen/names';
import { PRESET_NAMES, presetSpec } from '../../../src/core/presets';
import { checkSpec } from '../../../src/core/spec/check';
import { Spec } from '../../../src/core/spec/schema';
import { randomSpec } from './random-specs';

const specs: Spec[] = [
  ...PRESET_NAMES.map(presetSpec),
  ...Array.from({ length: 20 }, (_, k) => {
    const result = checkSpec(randomSpec(k));
    if (!result.ok) throw new Error(`random spec ${k} is invalid`);
    return result.checked.spec;
  }),
];

describe('codegen: formatting', function () {
  for (const [lang, generate, unit] of [
    ['TypeScript', generateTypeScript, 2],
    ['Python', generatePython, 4],
  ] as const) {
    it(`${lang}: every line fits in ${MAX_WIDTH} columns and is indented by whole levels of ${unit}`, function () {
      for (const spec of specs) {
        for (const trainingScript of [false, true]) {
          generate(spec, { trainingScript })
            .split('\n')
            .forEach((line, k) => {
              const where = `${spec.name}${trainingScript ? ' (training)' : ''}, line ${k + 1}: ${line}`;
              assert.ok([...line].length <= MAX_WIDTH, where);
              const indent = /^ */.exec(line)![0].length;
              // Continuation lines of block comments are the one exception: " * text".
              assert.ok(indent % unit === 0 || /^ +\*/.test(line), where);
              assert.ok(!/\s$/.test(line), `trailing space in ${where}`);
            });
        }
      }
    });
  }

  it('breaks a long call after its callee and keeps short arguments together', function () {
    const layer = call(
      'tf.layers.dense',
      object({
        name: lit('a_rather_long_layer_name', 'ts'),
        units: lit(64, 'ts'),
        activation: lit('relu', 'ts'),
        useBias: lit(false, 'ts'),
      }),
    );
    const applied = call({ kind: 'member', object: layer, name: 'apply' }, raw('x'));
    assert.equal(
      print(applied, 'ts', '  ', 12),
      [
        'tf.layers.dense({',
        "    name: 'a_rather_long_layer_name',",
        '    units: 64,',
        "    activation: 'relu',",
        '    useBias: false,',
        '  }).apply(x)',
      ].join('\n'),
    );
    assert.equal(
      print(call('layers.Dense', lit(8, 'py'), kw('name', lit('d', 'py'))), 'py', '    ', 8),
      "layers.Dense(8, name='d')",
    );
  });

  it('writes literals both languages read back: quotes escaped, small numbers in exponent form, booleans', function () {
    const text = (e: ReturnType<typeof lit>) => (e.kind === 'raw' ? e.text : '');
    assert.equal(text(lit('it\'s \\ "q"\n', 'ts')), String.raw`'it\'s \\ "q"\n'`);
    assert.equal(text(lit(1e-5, 'py')), '1e-5');
    assert.equal(text(lit(0.25, 'py')), '0.25');
    assert.equal(text(lit(true, 'py')), 'True');
    assert.equal(text(lit(false, 'ts')), 'false');
  });

  it('gives a keyword or a name the code uses itself a variable of its own, unique among the ids', function () {
    const ts = variableNames(['in', 'in_', 'tf', 'user', 'numUsers'], 'ts', ['numUsers']);
    assert.deepEqual([...ts.values()], ['in__', 'in_', 'tf_', 'user', 'numUsers_']);
    const py = variableNames(['lambda', 'None', 'layers', 'sum', 'p'], 'py');
    assert.deepEqual([...py.values()], ['lambda_', 'None_', 'layers_', 'sum_', 'p']);
  });

  it('names files after the spec', function () {
    assert.equal(codeFileName({ name: 'NCF (MLP)' }, 'ts'), 'ncf-mlp.ts');
    assert.equal(codeFileName({ name: 'MF-bias' }, 'python'), 'mf_bias.py');
    assert.equal(codeFileName({ name: '***' }, 'python'), 'model.py');
    assert.equal(codeFileName({ name: 'MF-bias' }, 'pytorch'), 'mf_bias_torch.py');
  });

  it('imports no TensorFlow.js: the builder bundles the generator for the browser', function () {
    const dir = path.resolve(__dirname, '../../../src/core/codegen');
    for (const file of readdirSync(dir))
      assert.doesNotMatch(
        readFileSync(path.join(dir, file), 'utf8'),
        /^import [^\n]*'@tensorflow|require\('@tensorflow/m,
        file,
      );
  });
});
