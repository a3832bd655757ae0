import { expect } from '@esm-bundle/chai';
import type { PlannedQuestionView, SessionView } from '@interview-kit/core';
import { askedFor } from './asked-questions.js';

const question = (index: number, overrides: Partial<PlannedQuestionView>): PlannedQuestionView => ({
  index,
  id: `q${index}`,
  version: 1,
  type: 'structured',
  title: `Question ${index + 1}`,
  reached: true,
  prompt: '',
  ...overrides,
});

describe('askedFor', () => {
  it('names the structured questions asked about a competency, reached ones only, in plan order', () => {
    const view = {
      plan: {
        current: 2,
        questions: [
          question(0, { type: 'coding', title: 'Sum' }),
          question(1, { competency: 'communication', title: 'Explain to a non-engineer' }),
          question(2, { competency: 'problem-solving', title: 'An unfamiliar problem' }),
          question(3, { competency: 'communication', title: 'Disagreeing in review', reached: false }),
        ],
      },
    } as Pick<SessionView, 'plan'>;
    expect(askedFor(view, 'communication')).to.deep.equal([{ index: 1, title: 'Explain to a non-engineer' }]);
    expect(askedFor(view, 'problem-solving')).to.deep.equal([{ index: 2, title: 'An unfamiliar problem' }]);
    expect(askedFor(view, 'verification')).to.deep.equal([]);
    expect(askedFor(undefined, 'communication')).to.deep.equal([]);
  });
});
