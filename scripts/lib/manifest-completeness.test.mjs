import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { manifestGaps, undocumentedParts } from './manifest-completeness.mjs';

/** A manifest with one element, `overrides` merged into its declaration. */
const manifestWith = (/** @type {Record<string, unknown>} */ overrides) => ({
  modules: [
    {
      path: 'src/thing/thing.component.ts',
      declarations: [
        {
          kind: 'class',
          name: 'InterviewThing',
          tagName: 'interview-thing',
          customElement: true,
          summary: 'A thing.',
          attributes: [{ name: 'label', description: 'Its label.' }],
          members: [
            { kind: 'field', name: 'label', description: 'Its label.' },
            { kind: 'field', name: 'state', privacy: 'private' },
          ],
          events: [{ name: 'interview-thing-change', type: { text: 'ThingChangeEvent' }, description: 'It changed.' }],
          slots: [{ name: 'extra', description: 'More.' }],
          cssParts: [{ name: 'base', description: 'The box.' }],
          cssProperties: [{ name: '--interview-thing-color', description: 'Its colour.' }],
          ...overrides,
        },
      ],
    },
    { path: 'src/index.ts', declarations: [{ kind: 'function', name: 'helper' }] },
  ],
});

describe('manifestGaps', () => {
  it('finds none in a complete manifest (private members and plain functions need no description)', () => {
    assert.deepEqual(manifestGaps(manifestWith({})), []);
  });

  it('names each element member, slot, part or property without a description and each event without a type', () => {
    const gaps = manifestGaps(
      manifestWith({
        summary: undefined,
        attributes: [{ name: 'label' }],
        members: [{ kind: 'method', name: 'reload', description: ' ' }],
        events: [{ name: 'interview-thing-change', description: 'It changed.' }, { type: { text: 'OtherEvent' } }],
        slots: [{ name: '', description: 'The default slot.' }, { name: '' }],
        cssParts: [{ name: 'base' }],
        cssProperties: [{ name: '--interview-thing-color' }],
      }),
    );
    assert.deepEqual(gaps, [
      '<interview-thing>: no summary or description',
      '<interview-thing>: attribute label has no description',
      '<interview-thing>: member reload has no description',
      '<interview-thing>: event interview-thing-change has no type',
      '<interview-thing>: event without a name',
      '<interview-thing>: event (unnamed) has no description',
      '<interview-thing>: slot (default) has no description',
      '<interview-thing>: CSS part base has no description',
      '<interview-thing>: CSS custom property --interview-thing-color has no description',
    ]);
  });

  it('names the parts a template renders that no element documents', () => {
    const sources = ['html`<div part="base">${x}</div><p part="hint extra">`', 'html`<b part=${\'dynamic\'}></b><i part="base"></i>`'];
    assert.deepEqual(undocumentedParts(manifestWith({}), sources), ['extra', 'hint']);
  });
});
