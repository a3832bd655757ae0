// The final code scoring reads: the code of the coding question in play, in its own slot.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as Y from 'yjs';
import { seedUpdate } from '../collab/extensions/persistence.js';
import { finalCodeOf } from './final-code.js';

describe('finalCodeOf', () => {
  it("reads the code of the question in play: question 1's slot, or question 2's after a move", () => {
    const first = { language: 'python', starterCode: 'print(1)\n' };
    const second = { language: 'javascript', starterCode: 'console.log(2)\n', slot: 2 };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, seedUpdate(first));
    Y.applyUpdate(doc, seedUpdate(second));
    doc.getText('code.2').insert(0, '// answer\n');
    const updates = [Y.encodeStateAsUpdate(doc)];
    assert.deepEqual(finalCodeOf(updates, first), { code: 'print(1)\n', language: 'python' });
    assert.deepEqual(finalCodeOf(updates, second), { code: '// answer\nconsole.log(2)\n', language: 'javascript' });
    assert.deepEqual(finalCodeOf([], second), { code: 'console.log(2)\n', language: 'javascript' }, 'a slot never opened: its starter code');
  });
});
