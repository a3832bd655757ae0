import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as Y from 'yjs';
import { codeEvolutionOf, type LoggedUpdate } from './code-evolution.js';

/** An update log of edits to one Y.Text `code`, each at the given minute after 10:00. */
function log(edits: [minute: number, edit: (text: Y.Text) => void][]): LoggedUpdate[] {
  const doc = new Y.Doc();
  const updates: LoggedUpdate[] = [];
  for (const [minute, edit] of edits) {
    const before = Y.encodeStateVector(doc);
    edit(doc.getText('code'));
    updates.push({ createdAt: at(minute), update: Y.encodeStateAsUpdate(doc, before) });
  }
  return updates;
}
const at = (minute: number) => new Date(Date.parse('2026-03-01T10:00:00Z') + minute * 60_000).toISOString();

describe('code evolution', () => {
  it("follows the code's size edit by edit, keeping only changes of size", () => {
    const updates = log([
      [1, (t) => t.insert(0, 'print(1)\n')],
      [2, (t) => t.insert(9, 'print(2)\n')],
      [3, (t) => t.format(0, 1, { bold: true })],
      [4, (t) => t.delete(0, 9)],
    ]);
    const evolution = codeEvolutionOf(updates, [], { startedAt: at(0), endedAt: at(5) });
    assert.deepEqual(evolution.points, [
      { at: at(1), chars: 9 },
      { at: at(2), chars: 18 },
      { at: at(4), chars: 9 },
    ]);
    assert.deepEqual([evolution.from, evolution.to], [at(0), at(5)]);
    assert.deepEqual(evolution.idle, [], 'no pause of two minutes');
  });

  it("measures one question's code: the slot given, not the first question's", () => {
    const doc = new Y.Doc();
    const updates: LoggedUpdate[] = [];
    const edit = (minute: number, change: () => void) => {
      const before = Y.encodeStateVector(doc);
      change();
      updates.push({ createdAt: at(minute), update: Y.encodeStateAsUpdate(doc, before) });
    };
    edit(1, () => doc.getText('code').insert(0, 'print(1)\n'));
    edit(2, () => doc.getText('code.2').insert(0, 'print(input())\n'));
    edit(3, () => doc.getText('code.2').insert(0, '# echo\n'));
    const window = { startedAt: at(0), endedAt: at(5) };
    assert.deepEqual(codeEvolutionOf(updates, [], window, 2).points, [
      { at: at(1), chars: 0 },
      { at: at(2), chars: 15 },
      { at: at(3), chars: 22 },
    ]);
    assert.deepEqual(codeEvolutionOf(updates, [], window).points, [{ at: at(1), chars: 9 }], 'the first question by default');
  });

  it('finds stretches of two minutes or more without edits or runs, the ends of the interview included', () => {
    const updates = log([
      [3, (t) => t.insert(0, 'a')],
      [4, (t) => t.insert(1, 'b')],
      [10, (t) => t.insert(2, 'c')],
    ]);
    const runs = [{ at: at(7), passed: true }];
    const evolution = codeEvolutionOf(updates, runs, { startedAt: at(0), endedAt: at(15) });
    assert.deepEqual(
      evolution.idle.map((s) => [s.from, s.to, s.seconds]),
      [
        [at(0), at(3), 180],
        [at(4), at(7), 180],
        [at(7), at(10), 180],
        [at(10), at(15), 300],
      ],
    );
    assert.deepEqual(evolution.runs, runs);
  });

  it('spans the activity when the interview has no start or end, and is empty without any', () => {
    const evolution = codeEvolutionOf(log([[2, (t) => t.insert(0, 'x')]]), [{ at: at(6), passed: null }], { startedAt: null, endedAt: null });
    assert.deepEqual([evolution.from, evolution.to], [at(2), at(6)]);
    assert.deepEqual(evolution.idle.map((s) => s.seconds), [240]);
    assert.deepEqual(codeEvolutionOf([], [], { startedAt: null, endedAt: null }), { from: null, to: null, points: [], runs: [], idle: [] });
  });
});
