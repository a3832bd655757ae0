import { expect } from '@esm-bundle/chai';
import { until } from '../../../core/src/testing/helpers.js';
import { DraftSaver, type DraftState } from './draft-saver.js';

/** A store whose saves can be held open or made to fail, recording what arrived. */
function store() {
  const saved: string[] = [];
  let failuresLeft = 0;
  let hold: Promise<void> | undefined;
  return {
    saved,
    failNext(count: number) {
      failuresLeft = count;
    },
    holdSaves(): () => void {
      let release!: () => void;
      hold = new Promise((resolve) => (release = resolve));
      return () => {
        hold = undefined;
        release();
      };
    },
    async save(value: string) {
      if (hold) await hold;
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new TypeError('Failed to fetch');
      }
      saved.push(value);
    },
  };
}

describe('DraftSaver', () => {
  it('saves once changes pause, only the latest value', async () => {
    const backend = store();
    const saver = new DraftSaver<string>({ save: (v) => backend.save(v), delayMs: 30 });
    saver.change('a');
    saver.change('ab');
    saver.change('abc');
    await until(() => saver.state === 'saved' && backend.saved.length, 'the save');
    expect(backend.saved).to.deep.equal(['abc']);
  });

  it('saves changes made during a save right after it, never two at once', async () => {
    const backend = store();
    const saver = new DraftSaver<string>({ save: (v) => backend.save(v), delayMs: 10 });
    const release = backend.holdSaves();
    saver.change('first');
    await until(() => saver.state === 'saving', 'the first save to start');
    saver.change('second');
    expect(saver.state).to.equal('saving');
    release();
    await until(() => backend.saved.length === 2 && saver.state === 'saved', 'both saves');
    expect(backend.saved).to.deep.equal(['first', 'second']);
  });

  it('keeps retrying while the server is unreachable and saves once it is back', async () => {
    const backend = store();
    const states: DraftState[] = [];
    const saver = new DraftSaver<string>({ save: (v) => backend.save(v), delayMs: 10, onStateChange: (s) => states.push(s) });
    backend.failNext(2);
    saver.change('keep me');
    await until(() => backend.saved.length === 1, 'the save after the outage');
    expect(backend.saved).to.deep.equal(['keep me']);
    expect(states.filter((s) => s === 'failed')).to.have.length(2);
    expect(saver.state).to.equal('saved');
  });

  it('does not retry errors that repeating cannot fix, and flush reports them', async () => {
    let attempts = 0;
    const saver = new DraftSaver<string>({
      save: async () => {
        attempts++;
        throw new Error('refused');
      },
      delayMs: 10,
      retryable: () => false,
    });
    saver.change('x');
    let error: unknown;
    await saver.flush().catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('refused');
    expect(saver.state).to.equal('failed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(attempts).to.equal(1);
  });

  it('discards pending changes on request', async () => {
    const backend = store();
    const saver = new DraftSaver<string>({ save: (v) => backend.save(v), delayMs: 20 });
    saver.change('never');
    saver.discard();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(backend.saved).to.deep.equal([]);
    expect(saver.state).to.equal('saved');
  });
});
