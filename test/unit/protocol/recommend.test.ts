import { strict as assert } from 'node:assert';
import { parseOverviewMessage } from '../../../src/protocol/overview';
import { parseRecommendMessage } from '../../../src/protocol/recommend';

describe('protocol: recommend and overview pages → host', () => {
  it('accepts the messages the pages send', () => {
    assert.deepEqual(parseRecommendMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseRecommendMessage({ type: 'recommend', user: '42', k: 10 }), {
      type: 'recommend',
      user: '42',
      k: 10,
    });
    assert.deepEqual(parseRecommendMessage({ type: 'predict', user: '42', item: '50' }), {
      type: 'predict',
      user: '42',
      item: '50',
    });
    assert.deepEqual(parseOverviewMessage({ type: 'pickData' }), { type: 'pickData' });
  });

  it('drops anything else: unknown types, extra fields, a k that is not a small positive whole number, empty ids', () => {
    const bad = [
      null,
      'ready',
      { type: 'exec', command: 'rm -rf /' },
      { type: 'recommend', user: '42', k: 0 },
      { type: 'recommend', user: '42', k: 2.5 },
      { type: 'recommend', user: '42', k: 1e6 },
      { type: 'recommend', user: '', k: 10 },
      { type: 'predict', user: '42' },
      { type: 'ready', extra: true },
    ];
    for (const raw of bad) assert.equal(parseRecommendMessage(raw), undefined, JSON.stringify(raw));
    assert.equal(parseOverviewMessage({ type: 'pickData', source: '/etc' }), undefined);
  });
});
