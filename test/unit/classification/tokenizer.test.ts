import { strict as assert } from 'node:assert';
import { OOV_ID, PAD_ID, Tokenizer, standardize, words } from '../../../src/core/data/tokenizer';

const options = { lowercase: true, stripPunctuation: true, maxTokens: 100, length: 6 };

describe('Tokenizer (Keras TextVectorization-like)', () => {
  it('lower-cases and strips punctuation, splitting on whitespace', () => {
    assert.equal(standardize("Wow... Loved THIS place!! (Didn't you?)", options), 'wow loved this place didnt you');
    assert.deepEqual(words('  Crust   is not\tgood. ', options), ['crust', 'is', 'not', 'good']);
    assert.deepEqual(words('Good, GOOD', { lowercase: false, stripPunctuation: false }), ['Good,', 'GOOD']);
  });

  it('ranks words by frequency (ties alphabetically) after padding and OOV', () => {
    const t = Tokenizer.fit(['the food the place', 'The service, the food!', 'zebra apple'], options);
    assert.deepEqual(t.tokens, ['', '[UNK]', 'the', 'food', 'apple', 'place', 'service', 'zebra']);
  });

  it('keeps maxTokens − 2 words', () => {
    const t = Tokenizer.fit(['a a a b b c'], { ...options, maxTokens: 4 });
    assert.deepEqual(t.tokens, ['', '[UNK]', 'a', 'b']);
  });

  it('maps unknown words to the OOV id, pads with 0 at the end and cuts long sentences at the end', () => {
    const t = Tokenizer.fit(['good food', 'bad food'], options);
    const food = t.tokens.indexOf('food');
    const good = t.tokens.indexOf('good');
    assert.deepEqual(Array.from(t.encode('Good FOOD, terrible!')), [good, food, OOV_ID, PAD_ID, PAD_ID, PAD_ID]);
    assert.deepEqual(Array.from(t.encode('food food food food food food food food')), Array(6).fill(food));
    assert.deepEqual(Array.from(t.encode('')), Array(6).fill(PAD_ID));
  });

  it('comes back the same from what it saves', () => {
    const t = Tokenizer.fit(['one two three', 'two three', 'three'], options);
    const again = Tokenizer.load(JSON.parse(JSON.stringify(t.save())));
    assert.deepEqual(
      Array.from(again.encodeAll(['three two one four'])),
      Array.from(t.encodeAll(['three two one four'])),
    );
  });
});
