import { expect } from '@esm-bundle/chai';
import { PresenceChanges, type PresentUser } from './presence-changes.js';
import { TimeWarnings } from './time-warnings.js';
import { ToastQueue } from './toasts.js';

const remaining = (minutes: number) => ({ kind: 'remaining' as const, ms: minutes * 60_000, totalMs: 45 * 60_000 });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('TimeWarnings', () => {
  it('warns once at 5 and once at 1 minute left', () => {
    const warnings = new TimeWarnings();
    const said = [10, 6, 5, 4.9, 3, 1.01, 1, 0.5, 0].map((minutes) => warnings.check(remaining(minutes)));
    expect(said).to.deep.equal([undefined, undefined, 5, undefined, undefined, undefined, 1, undefined, undefined]);
  });

  it('warns again after added time lifts the remaining time over a threshold', () => {
    const warnings = new TimeWarnings();
    expect(warnings.check(remaining(4))).to.equal(5);
    expect(warnings.check(remaining(9))).to.equal(undefined);
    expect(warnings.check(remaining(5))).to.equal(5);
  });

  it('says only the smallest threshold when the room opens late, and nothing when not counting down', () => {
    const warnings = new TimeWarnings();
    expect(warnings.check({ kind: 'scheduled' })).to.equal(undefined);
    expect(warnings.check({ kind: 'elapsed', ms: 1 })).to.equal(undefined);
    expect(warnings.check(remaining(0.5))).to.equal(1);
    expect(warnings.check(remaining(0.4))).to.equal(undefined);
    expect(warnings.check({ kind: 'overtime', ms: 1 })).to.equal(undefined);
  });
});

describe('PresenceChanges', () => {
  const ivy: PresentUser = { id: 'ivy', name: 'Ivy' };
  const cam: PresentUser = { id: 'cam', name: 'Cam' };
  const oli: PresentUser = { id: 'oli', name: 'Oli' };

  function announcer(graceMs = 30) {
    const said: string[] = [];
    const changes = new PresenceChanges({
      selfId: () => 'ivy',
      graceMs,
      onJoin: (user) => said.push(`+${user.name}`),
      onLeave: (user) => said.push(`-${user.name}`),
    });
    return { said, changes };
  }

  it('announces arrivals after the first list, never the local participant', () => {
    const { said, changes } = announcer();
    changes.update([ivy, cam]);
    changes.update([ivy, cam, oli]);
    expect(said).to.deep.equal(['+Oli']);
  });

  it('announces a leave only when the participant stays away for the grace period', async () => {
    const { said, changes } = announcer();
    changes.update([ivy, cam, oli]);
    changes.update([ivy, oli]);
    changes.update([ivy, cam, oli]);
    changes.update([ivy, cam]);
    expect(said).to.deep.equal([]);
    await wait(60);
    expect(said).to.deep.equal(['-Oli']);
  });

  it('forgets pending leaves on reset', async () => {
    const { said, changes } = announcer();
    changes.update([ivy, cam]);
    changes.update([ivy]);
    changes.reset();
    await wait(60);
    expect(said).to.deep.equal([]);
  });
});

describe('ToastQueue', () => {
  it('keeps at most `max` toasts, dropping the oldest, and dismisses each after its time', async () => {
    let changes = 0;
    const queue = new ToastQueue({ durationMs: 30, max: 2, onChange: () => changes++ });
    queue.push('one');
    queue.push('two');
    queue.push('three', 'warning');
    expect(queue.toasts.map((toast) => toast.text)).to.deep.equal(['two', 'three']);
    await wait(45);
    // Info toasts go after `durationMs`, warnings stay twice as long.
    expect(queue.toasts.map((toast) => toast.text)).to.deep.equal(['three']);
    await wait(40);
    expect(queue.toasts).to.deep.equal([]);
    expect(changes).to.be.greaterThan(4);
  });

  it('dismisses one toast on request', () => {
    const queue = new ToastQueue({ onChange: () => {} });
    const first = queue.push('one');
    queue.push('two');
    queue.dismiss(first.id);
    expect(queue.toasts.map((toast) => toast.text)).to.deep.equal(['two']);
    queue.clear();
  });
});
