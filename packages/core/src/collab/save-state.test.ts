import { expect } from '@esm-bundle/chai';
import { coalesced } from './coalesced.js';
import { refusalOfClose, SaveTracker, type SaveState } from './save-state.js';

/** A tracker that has synced with nothing pending, and the states it announces from then on. */
function syncedTracker() {
  const tracker = new SaveTracker();
  tracker.connection('connected');
  tracker.unsynced(1);
  tracker.connection('synced');
  tracker.unsynced(0);
  const seen: SaveState[] = [];
  tracker.subscribe((state) => seen.push(state));
  return { tracker, seen };
}

describe('SaveTracker', () => {
  it('says saved only once the server acknowledged the last local change', () => {
    const tracker = new SaveTracker();
    expect(tracker.value).to.deep.equal({ kind: 'saving' });
    tracker.connection('connected');
    tracker.unsynced(1);
    expect(tracker.value.kind).to.equal('saving');
    tracker.connection('synced');
    expect(tracker.value.kind, 'synced but the first sync is not acknowledged').to.equal('saving');
    tracker.unsynced(0);
    expect(tracker.value).to.deep.equal({ kind: 'saved' });
    tracker.unsynced(2);
    expect(tracker.value.kind).to.equal('saving');
    tracker.unsynced(1);
    expect(tracker.value.kind).to.equal('saving');
    tracker.unsynced(0);
    expect(tracker.value.kind).to.equal('saved');
  });

  it('says offline while the connection is lost, then saving until the reconnect is acknowledged', () => {
    const { tracker, seen } = syncedTracker();
    tracker.connection('offline');
    tracker.unsynced(1);
    expect(tracker.value.kind).to.equal('offline');
    tracker.connection('connected');
    tracker.connection('synced');
    expect(tracker.value.kind).to.equal('saving');
    tracker.unsynced(0);
    expect(seen.map((state) => state.kind)).to.deep.equal(['offline', 'saving', 'saved']);
  });

  it('turns a negative acknowledgement into "refused", and never "saved" while the change is unacknowledged', () => {
    const { tracker } = syncedTracker();
    tracker.unsynced(1);
    tracker.refused('read-only');
    expect(tracker.value).to.deep.equal({ kind: 'refused', reason: 'read-only' });
    tracker.connection('offline');
    tracker.connection('synced');
    expect(tracker.value).to.deep.equal({ kind: 'refused', reason: 'read-only' });
    // Learning that the interview ended names the real reason.
    tracker.readOnly('ended');
    expect(tracker.value).to.deep.equal({ kind: 'refused', reason: 'ended' });
  });

  it('reports edits tried while read-only, and forgets them once the participant may edit', () => {
    const { tracker } = syncedTracker();
    tracker.attempted();
    expect(tracker.value.kind, 'not read-only: nothing was refused').to.equal('saved');
    tracker.readOnly('ended');
    expect(tracker.value.kind, 'read-only alone refuses nothing').to.equal('saved');
    tracker.attempted();
    expect(tracker.value).to.deep.equal({ kind: 'refused', reason: 'ended' });
    tracker.readOnly(null);
    expect(tracker.value.kind).to.equal('saved');
  });

  it('reads a size-limit close as "quota", keeps it while the change is refused, and clears it once acknowledged', () => {
    const { tracker } = syncedTracker();
    tracker.closed(1008, 'document size limit reached: 1048576 bytes of edits (DOC_MAX_BYTES)');
    expect(tracker.value.kind, 'nothing was waiting: nothing refused').to.equal('saved');
    tracker.unsynced(1);
    tracker.closed(1008, 'document size limit reached: 1048576 bytes of edits (DOC_MAX_BYTES)');
    tracker.connection('offline');
    expect(tracker.value).to.deep.equal({ kind: 'refused', reason: 'quota' });
    tracker.connection('synced');
    tracker.unsynced(1);
    expect(tracker.value).to.deep.equal({ kind: 'refused', reason: 'quota' });
    tracker.unsynced(0);
    expect(tracker.value.kind).to.equal('saved');
  });

  it('announces only real changes', () => {
    const { tracker, seen } = syncedTracker();
    tracker.unsynced(0);
    tracker.connection('synced');
    tracker.unsynced(1);
    tracker.unsynced(2);
    expect(seen).to.deep.equal([{ kind: 'saving' }]);
  });
});

describe('refusalOfClose', () => {
  it('names the size limit, passes other refusals on in the server’s words, and ignores closes that refuse nothing', () => {
    expect(refusalOfClose(1008, 'document size limit reached: 10 bytes of edits (DOC_MAX_BYTES)')).to.equal('quota');
    expect(refusalOfClose(1008, 'only the server writes "session"')).to.equal('only the server writes "session"');
    expect(refusalOfClose(1009, '')).to.equal('refused by the server');
    expect(refusalOfClose(1000, 'bye')).to.equal(undefined);
    expect(refusalOfClose(1006, '')).to.equal(undefined);
    expect(refusalOfClose(1013, 'try again later')).to.equal(undefined);
  });
});

describe('coalesced', () => {
  it('runs one task at a time and queues at most one more, however many calls arrive', async () => {
    const finishers: (() => void)[] = [];
    let runs = 0;
    const run = coalesced(
      () =>
        new Promise<void>((resolve) => {
          runs += 1;
          finishers.push(resolve);
        }),
    );
    run();
    run();
    run();
    run();
    expect(runs).to.equal(1);
    finishers.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(runs).to.equal(2);
    finishers.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(runs).to.equal(2);
    run();
    expect(runs).to.equal(3);
  });

  it('keeps going after a failing run', async () => {
    let runs = 0;
    const run = coalesced(async () => {
      runs += 1;
      throw new Error('boom');
    });
    run();
    run();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(runs).to.equal(2);
  });
});
