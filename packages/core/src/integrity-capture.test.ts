import { expect } from '@esm-bundle/chai';
import { SIGNAL_BATCH_MAX, type ClientSignal } from './integrity.js';
import { FocusWatch, SignalQueue } from './integrity-capture.js';

const paste = (chars: number): ClientSignal => ({ kind: 'paste', chars, fromOutside: true });

describe('SignalQueue', () => {
  it('sends what it holds in batches no larger than the server takes', async () => {
    const sent: ClientSignal[][] = [];
    const queue = new SignalQueue({ send: async (batch) => void sent.push(batch) });
    for (let i = 1; i <= SIGNAL_BATCH_MAX + 3; i += 1) queue.add(paste(i));
    await queue.flush();
    expect(sent.map((b) => b.length)).to.deep.equal([SIGNAL_BATCH_MAX, 3]);
    expect(sent.flat().map((s) => (s as { chars: number }).chars)[SIGNAL_BATCH_MAX]).to.equal(SIGNAL_BATCH_MAX + 1);
    expect(queue.size).to.equal(0);
  });

  it('keeps a batch the server could not take, stays bounded meanwhile, and drops what the server refuses', async () => {
    let reachable = false;
    const sent: ClientSignal[][] = [];
    const refused = new Error('403');
    let refuse = false;
    const queue = new SignalQueue({
      maxQueued: 3,
      isFinal: (error) => error === refused,
      send: async (batch) => {
        if (refuse) throw refused;
        if (!reachable) throw new Error('offline');
        sent.push(batch);
      },
    });
    [1, 2, 3, 4, 5].forEach((n) => queue.add(paste(n)));
    await queue.flush();
    expect([queue.size, queue.dropped, sent.length]).to.deep.equal([3, 2, 0]);
    reachable = true;
    await queue.flush();
    expect(sent).to.deep.equal([[paste(1), paste(2), paste(3)]]);
    refuse = true;
    queue.add(paste(6));
    await queue.flush();
    expect([queue.size, queue.dropped]).to.deep.equal([0, 3]);
  });
});

describe('FocusWatch', () => {
  it('reports how long the window was without focus once it returns, and an open loss when stopped', () => {
    let now = 1_000;
    const lost: number[] = [];
    const target = new EventTarget() as unknown as Window;
    const watch = new FocusWatch(target, (ms) => lost.push(ms), () => now);
    target.dispatchEvent(new Event('blur'));
    now += 4_200;
    target.dispatchEvent(new Event('focus'));
    target.dispatchEvent(new Event('focus'));
    target.dispatchEvent(new Event('blur'));
    now += 300;
    watch.stop();
    target.dispatchEvent(new Event('blur'));
    now += 1_000;
    target.dispatchEvent(new Event('focus'));
    expect(lost).to.deep.equal([4_200, 300]);
  });
});
