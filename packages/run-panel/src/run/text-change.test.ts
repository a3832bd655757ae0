import { expect } from '@esm-bundle/chai';
import * as Y from 'yjs';
import { caretAfter, setSharedText, textChange } from './text-change.js';

describe('text changes of the shared stdin', () => {
  it('finds the one edit between two texts', () => {
    expect(textChange('20 22', '20 23')).to.deep.equal({ from: 4, removed: 1, inserted: '3' });
    expect(textChange('abc', 'abc')).to.deep.equal({ from: 3, removed: 0, inserted: '' });
    expect(textChange('aaa', 'aaaa')).to.deep.equal({ from: 3, removed: 0, inserted: 'a' });
    expect(textChange('x\ny', '')).to.deep.equal({ from: 0, removed: 3, inserted: '' });
  });

  it("keeps what someone else typed elsewhere when it sets the shared text", () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    mine.getText('stdin').insert(0, '1 2\n3 4\n');
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    // Concurrently: they append a line, this side changes the first line.
    theirs.getText('stdin').insert(8, '5 6\n');
    expect(setSharedText(mine.getText('stdin'), '1 9\n3 4\n')).to.equal(true);
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
    expect(mine.getText('stdin').toString()).to.equal('1 9\n3 4\n5 6\n');
    expect(setSharedText(mine.getText('stdin'), '1 9\n3 4\n5 6\n'), 'no change, no update').to.equal(false);
  });

  it('moves a caret with the text changed before it, and leaves it before a change after it', () => {
    expect(caretAfter('abc', '>> abc', 1)).to.equal(4);
    expect(caretAfter('abc', 'abc!', 1)).to.equal(1);
    expect(caretAfter('abcdef', 'aXf', 3), 'inside a replaced part: its end').to.equal(2);
    expect(caretAfter('abc', 'bc', 3)).to.equal(2);
  });
});
