import { expect } from '@esm-bundle/chai';
import * as Y from 'yjs';
import { boardShapes, boardToSvg, boardUsage } from './board.js';

/** Writes one shape's fields as a client (honest or not) would. */
function put(doc: Y.Doc, id: string, fields: Record<string, unknown>): void {
  const shape = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) shape.set(key, value);
  doc.getMap('board').set(id, shape);
}

describe('the board structure', () => {
  it('draws a forged board harmlessly: unknown kinds skipped, colours and numbers sanitised, text escaped', () => {
    const doc = new Y.Doc();
    put(doc, 'ok', { kind: 'rect', x: 10, y: 10, w: 50, h: 20, colour: '#123456', z: 2 });
    put(doc, 'evil"><script>', { kind: 'ellipse', x: Number.NaN, y: 'a', w: -5, h: 10, colour: 'red" onload="alert(1)', z: 1 });
    put(doc, 'script', { kind: 'script', text: 'never shown' });
    put(doc, 'note', { kind: 'note', x: 0, y: 100, w: 100, h: 60, text: '</text><script>alert(1)</script>', z: 3 });
    const shapes = boardShapes(doc);
    expect(shapes.map((s) => s.id)).to.deep.equal(['evil"><script>', 'ok', 'note']);
    expect(shapes[0]).to.deep.include({ x: 0, y: 0, w: 0, colour: 'ink' });

    const svg = boardToSvg(doc);
    const picture = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(picture.querySelector('parsererror')).to.equal(null);
    expect(picture.querySelectorAll('script').length).to.equal(0);
    expect([...picture.querySelectorAll('[onload]')].length).to.equal(0);
    expect(picture.querySelectorAll('g[data-id]').length).to.equal(3);
    expect(picture.querySelector('g[data-kind="note"] text')!.textContent).to.equal('</text><script>alert(1)</script>');
    expect(svg).to.not.include('never shown');
    expect(boardUsage(doc)).to.deep.equal({ shapes: 4, longestStroke: 0 });
  });

  it('is empty without shapes', () => {
    expect(boardToSvg(new Y.Doc())).to.equal('');
  });
});
