import { expect } from '@esm-bundle/chai';
import {
  emptyFeedback,
  formatSessionTime,
  momentLink,
  momentSeconds,
  resolveRubric,
  rubricTemplate,
  secondsSince,
  sessionClockStart,
  validateFeedback,
  type FeedbackContent,
} from './rubric.js';

describe('rubric templates', () => {
  it('offer a coding-interview rubric with four competencies, each with four anchors', () => {
    const rubric = rubricTemplate('coding-interview');
    expect(rubric.competencies.map((c) => c.id)).to.deep.equal(['problem-solving', 'code-quality', 'verification', 'communication']);
    for (const competency of rubric.competencies) {
      expect(competency.anchors).to.have.length(4);
      expect(competency.anchors.every((anchor) => anchor.length > 10)).to.equal(true);
      // One short word per rating, to fit a segment of the rating control.
      expect(competency.labels!.map((label) => /^\w{1,10}$/.test(label))).to.deep.equal([true, true, true, true]);
    }
    expect(rubric.requires).to.deep.equal({ recommendation: true, summary: false });
  });

  it('hand out copies, so changing one never changes the template', () => {
    const copy = rubricTemplate('coding-interview');
    copy.competencies[0]!.title = 'Changed';
    expect(rubricTemplate('coding-interview').competencies[0]!.title).to.equal('Problem solving');
  });

  it('resolve a missing choice to the default template and fill in a custom rubric', () => {
    expect(resolveRubric(undefined).id).to.equal('coding-interview');
    const custom = resolveRubric({ id: 'design', title: 'Design', competencies: [{ id: 'scope', title: 'Scope', anchors: ['1', '2', '3', '4'] }] });
    expect(custom).to.deep.equal({
      id: 'design',
      version: 1,
      title: 'Design',
      competencies: [{ id: 'scope', title: 'Scope', description: '', anchors: ['1', '2', '3', '4'], required: true }],
      requires: { recommendation: true, summary: false },
    });
  });
});

describe('validateFeedback', () => {
  const rubric = rubricTemplate('coding-interview');
  const complete = (): FeedbackContent => {
    const content = emptyFeedback(rubric);
    for (const assessment of Object.values(content.competencies)) assessment.rating = 3;
    content.recommendation = 'yes';
    return content;
  };

  it('lets an incomplete draft through', () => {
    expect(validateFeedback(rubric, emptyFeedback(rubric), 'draft')).to.deep.equal([]);
  });

  it('names every missing required field on submit', () => {
    const content = complete();
    content.competencies['verification']!.rating = null;
    content.recommendation = null;
    expect(validateFeedback(rubric, content, 'submit').map((e) => [e.path, e.code])).to.deep.equal([
      ['competencies.verification.rating', 'rating-required'],
      ['recommendation', 'recommendation-required'],
    ]);
    expect(validateFeedback(rubric, complete(), 'submit')).to.deep.equal([]);
  });

  it('refuses unknown competencies and ratings off the scale, even in drafts', () => {
    const content = complete();
    content.competencies['charisma'] = { rating: 4, evidence: '' };
    (content.competencies['code-quality'] as { rating: number }).rating = 7;
    expect(validateFeedback(rubric, content, 'draft').map((e) => e.path)).to.deep.equal([
      'competencies.code-quality.rating',
      'competencies.charisma',
    ]);
  });
});

describe('moment links', () => {
  it('format session time as m:ss, and h:mm:ss past the hour', () => {
    expect(formatSessionTime(0)).to.equal('0:00');
    expect(formatSessionTime(754)).to.equal('12:34');
    expect(formatSessionTime(3723)).to.equal('1:02:03');
  });

  it('link into the replay at the second, and read back the second from the link', () => {
    expect(momentLink(754.9)).to.equal('[12:34](#t=754)');
    expect(momentSeconds('#t=754')).to.equal(754);
    for (const other of ['#t=', '#t=-1', '#t=1.5', 'https://example.com/#t=754', '#top']) expect(momentSeconds(other), other).to.equal(undefined);
  });

  it("count from the interview's start, or from the creation before the start", () => {
    const created = '2030-01-01T09:55:00.000Z';
    expect(sessionClockStart({ createdAt: created, startedAt: null })).to.equal(created);
    expect(sessionClockStart({ createdAt: created, startedAt: '2030-01-01T10:00:00.000Z' })).to.equal('2030-01-01T10:00:00.000Z');
  });

  it('count seconds since the session started, never below zero', () => {
    const start = '2030-01-01T10:00:00.000Z';
    expect(secondsSince(start, Date.parse('2030-01-01T10:12:34.500Z'))).to.equal(754);
    expect(secondsSince(start, Date.parse('2030-01-01T09:00:00.000Z'))).to.equal(0);
  });
});
