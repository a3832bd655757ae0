import { expect } from '@esm-bundle/chai';
import { insertMomentLink, momentAt, momentNow } from './moments.js';

const created = '2030-01-01T09:55:00.000Z';
const started = '2030-01-01T10:00:00.000Z';

describe('moments', () => {
  it("count from the interview's start, and from the creation before the start", () => {
    const now = Date.parse('2030-01-01T10:12:34.900Z');
    expect(momentNow({ createdAt: created, startedAt: started }, now)).to.equal(754);
    expect(momentNow({ createdAt: created, startedAt: null }, now)).to.equal(1054);
    expect(momentAt({ createdAt: created, startedAt: started }, 754)).to.equal(Date.parse('2030-01-01T10:12:34.000Z'));
  });

  it('insert a link in place of the selection, spaced from the words around it, caret after it', () => {
    const field = document.createElement('textarea');
    document.body.append(field);
    field.value = 'Asked well here';
    field.setSelectionRange(11, 15); // "here"
    expect(insertMomentLink(field, 754)).to.equal('12:34');
    expect(field.value).to.equal('Asked well [12:34](#t=754) ');
    expect(field.selectionStart).to.equal(field.value.length);
    field.value = 'Start';
    field.setSelectionRange(0, 0);
    insertMomentLink(field, 5);
    expect(field.value).to.equal('[0:05](#t=5) Start');
    field.remove();
  });
});
