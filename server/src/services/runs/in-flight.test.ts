import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RunsInFlight } from './in-flight.js';

const refused = (pattern: RegExp) => (error: { status?: number; message: string }) => {
  assert.equal(error.status, 409);
  assert.match(error.message, /^run in progress: /);
  assert.match(error.message, pattern);
  return true;
};

describe('runs in progress', () => {
  it('allows one run per participant at a time', () => {
    const inFlight = new RunsInFlight();
    const leave = inFlight.enter('s1', 'cam', false);
    assert.throws(() => inFlight.enter('s1', 'cam', false), refused(/you already have a run/));
    inFlight.enter('s2', 'cam', false)(); // the same id in another session is someone else
    leave();
    leave(); // releasing twice frees one place only
    inFlight.enter('s1', 'cam', false)();
  });

  it('allows two runs per session at a time, whoever starts them', () => {
    const inFlight = new RunsInFlight();
    const leaves = [inFlight.enter('s1', 'ivy', false), inFlight.enter('s1', 'cam', false)];
    assert.throws(() => inFlight.enter('s1', 'ian', false), refused(/this session already has 2 runs/));
    leaves[0]!();
    inFlight.enter('s1', 'ian', false)();
  });

  it("refuses a participant's hidden tests while their previous ones are pending, with Retry-After up to the given time", async () => {
    let now = 1_000_000;
    const inFlight = new RunsInFlight(() => now);
    let free!: () => void;
    inFlight.holdHidden('s1', 'cam', new Promise<void>((resolve) => (free = resolve)), now + 41_500);
    assert.throws(
      () => inFlight.enter('s1', 'cam', true),
      (error: { status: number; headers: Record<string, string>; message: string }) =>
        refused(/hidden tests of your previous run are still pending/)(error) && error.headers['Retry-After'] === '42',
    );
    inFlight.enter('s1', 'cam', false)(); // visible tests may run meanwhile
    inFlight.enter('s1', 'ivy', true)(); // others' hidden tests too
    free();
    await new Promise((resolve) => setImmediate(resolve));
    now += 1;
    inFlight.enter('s1', 'cam', true)();
  });
});
