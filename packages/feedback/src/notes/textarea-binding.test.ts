import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { bindTextarea } from './textarea-binding.js';

/** Two documents that exchange every update at once, like two connected interviewers. */
function linkedTexts(): [Y.Text, Y.Text] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, update, a));
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, update, b));
  return [a.getText('notes'), b.getText('notes')];
}

function textarea(): HTMLTextAreaElement {
  const field = document.createElement('textarea');
  field.setAttribute('aria-label', 'notes');
  document.body.append(field);
  return field;
}

describe('bindTextarea', () => {
  const fields: HTMLTextAreaElement[] = [];
  const field = () => {
    const created = textarea();
    fields.push(created);
    return created;
  };
  afterEach(() => fields.splice(0).forEach((f) => f.remove()));

  it('shows the existing text and sends typing to the other side', async () => {
    const [mine, theirs] = linkedTexts();
    mine.insert(0, 'Intro\n');
    const input = field();
    bindTextarea(input, mine);
    expect(input.value).to.equal('Intro\n');

    input.focus();
    input.setSelectionRange(6, 6);
    await sendKeys({ type: 'Asked about edge cases' });
    expect(theirs.toString()).to.equal('Intro\nAsked about edge cases');
  });

  it('applies edits from the other side without moving the local caret off its word', async () => {
    const [mine, theirs] = linkedTexts();
    const input = field();
    bindTextarea(input, mine);
    theirs.insert(0, 'alpha beta');
    expect(input.value).to.equal('alpha beta');

    input.focus();
    input.setSelectionRange(7, 9); // "et" of "beta"
    theirs.insert(0, '>> ');
    expect(input.value).to.equal('>> alpha beta');
    expect([input.selectionStart, input.selectionEnd]).to.deep.equal([10, 12]);
    theirs.delete(3, 6); // "alpha "
    expect(input.value).to.equal('>> beta');
    expect([input.selectionStart, input.selectionEnd]).to.deep.equal([4, 6]);
    theirs.insert(theirs.length, ' gamma'); // after the caret: it stays
    expect([input.selectionStart, input.selectionEnd]).to.deep.equal([4, 6]);
  });

  it('turns a replacement in the middle into one small edit, keeping concurrent edits elsewhere', () => {
    const [mine, theirs] = linkedTexts();
    const input = field();
    bindTextarea(input, mine);
    theirs.insert(0, 'one two three');
    const deltas: unknown[] = [];
    theirs.observe((event) => deltas.push(event.delta));
    input.value = 'one 2 three';
    input.dispatchEvent(new Event('input'));
    expect(theirs.toString()).to.equal('one 2 three');
    expect(deltas).to.deep.equal([[{ retain: 4 }, { delete: 3 }, { insert: '2' }]]);
  });

  it('never splits an emoji', () => {
    const [mine, theirs] = linkedTexts();
    const input = field();
    bindTextarea(input, mine);
    theirs.insert(0, 'ok 😀');
    input.value = 'ok 😃';
    input.dispatchEvent(new Event('input'));
    expect(theirs.toString()).to.equal('ok 😃');
    expect(mine.toString()).to.equal('ok 😃');
  });

  it('stops syncing once unbound', () => {
    const [mine, theirs] = linkedTexts();
    const input = field();
    const unbind = bindTextarea(input, mine);
    unbind();
    theirs.insert(0, 'later');
    expect(input.value).to.equal('');
    input.value = 'local only';
    input.dispatchEvent(new Event('input'));
    expect(theirs.toString()).to.equal('later');
  });
});
