import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTextData, parseTextSource } from '../../../src/core/data/textData';
import { sourcePath } from '../../../src/core/data/load';

describe('text:FILE data', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'ncf-text-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('reads a TSV with quoted reviews, detects the columns, and leaves out #NAME? rows', async () => {
    const file = write(
      'r.tsv',
      'Review\tLiked\nWow... Loved this place.\t1\n"The food, amazing."\t1\n#NAME?\t0\nCrust is not good.\t0\n',
    );
    const d = await loadTextData(file, { tokenizer: {} });
    assert.deepEqual(d.texts, ['Wow... Loved this place.', 'The food, amazing.', 'Crust is not good.']);
    assert.deepEqual(Array.from(d.labels), [1, 1, 0]);
    assert.deepEqual(d.classes, ['0', '1']);
    assert.deepEqual(d.columns, { text: 'Review', label: 'Liked' });
    assert.deepEqual(d.skipped, [4]);
  });

  it('takes named columns of a CSV, and says which column is missing', async () => {
    const file = write('r.csv', 'id,opinion,verdict\n1,nice,pos\n2,nasty,neg\n');
    const d = await loadTextData(file, { text: 'opinion', label: 'verdict', tokenizer: {} });
    assert.deepEqual(d.classes, ['neg', 'pos']);
    assert.deepEqual(Array.from(d.labels), [1, 0]);
    await assert.rejects(
      loadTextData(file, { tokenizer: {} }),
      /r\.csv:1: cannot tell the text and label columns apart/,
    );
    await assert.rejects(loadTextData(file, { text: 'words', tokenizer: {} }), /no column 'words'/);
  });

  it('refuses one class, an empty label, and a short row, naming the line', async () => {
    await assert.rejects(
      loadTextData(write('one.tsv', 'Review\tLiked\na\t1\nb\t1\n'), { tokenizer: {} }),
      /at least two classes/,
    );
    await assert.rejects(
      loadTextData(write('e.tsv', 'Review\tLiked\na\t1\nb\t\n'), { tokenizer: {} }),
      /e\.tsv:3: the label column 'Liked' is empty/,
    );
    await assert.rejects(
      loadTextData(write('s.tsv', 'Review\tLiked\na\t1\nb\n'), { tokenizer: {} }),
      /s\.tsv:3: expected 2 columns/,
    );
  });

  it('parses the source options and protects the file from --out', () => {
    const { file, options } = parseTextSource(
      'r.tsv#review=Review,label=Liked,maxTokens=500,lowercase=false,punctuation=keep',
      's',
    );
    assert.equal(file, 'r.tsv');
    assert.deepEqual(options, {
      text: 'Review',
      label: 'Liked',
      tokenizer: { maxTokens: 500, lowercase: false, stripPunctuation: false },
    });
    assert.throws(() => parseTextSource('r.tsv#colour=red', 's'), /unknown option 'colour'/);
    assert.throws(() => parseTextSource('r.tsv#maxTokens=two', 's'), /maxTokens must be a whole number/);
    assert.equal(sourcePath('text:r.tsv#label=Liked', '/base'), '/base/r.tsv');
  });
});
