// The feedback form's state without the element, against the real reference server.
import { expect } from '@esm-bundle/chai';
import { InterviewSession, type Role } from '@interview-kit/core';
import { createSession, referenceServer, type ReferenceServer, type CreatedSession } from '../../../core/src/testing/reference-server.js';
import { until } from '../../../core/src/testing/helpers.js';
import { FeedbackForm, submitStatusOf, type SubmitStatus } from './feedback-form.js';

let server: ReferenceServer;
let created: CreatedSession;
const forms: FeedbackForm[] = [];

before(async () => {
  server = await referenceServer({ liveKit: false });
});
beforeEach(async () => {
  created = await createSession(server);
});
afterEach(() => forms.splice(0).forEach((form) => form.close()));

async function formFor(role: Role): Promise<FeedbackForm> {
  const session = new InterviewSession({ server: server.url, sessionId: created.id, tokenProvider: created.tokenFor(role) });
  const form = new FeedbackForm(session, { autosaveDelayMs: 20 });
  forms.push(form);
  await form.load();
  return form;
}

const COMPETENCIES = ['problem-solving', 'code-quality', 'verification', 'communication'];

describe('FeedbackForm', () => {
  it('loads the pinned rubric with an empty form for an interviewer, and nothing for a candidate', async () => {
    const form = await formFor('interviewer');
    const state = form.state.value;
    expect(state.phase).to.equal('ready');
    expect(state.rubric!.competencies.map((c) => c.id)).to.deep.equal(COMPETENCIES);
    expect(state.content!.competencies['problem-solving']).to.deep.equal({ rating: null, evidence: '' });
    expect(state.stored).to.equal(null);
    expect((await formFor('candidate')).state.value.phase).to.equal('hidden');
  });

  it('saves changes as a draft once they pause, and a new form loads them', async () => {
    const form = await formFor('interviewer');
    const drafts: string[] = [];
    form.state.subscribe((state) => drafts.push(state.draft));
    form.setRating('problem-solving', 3);
    form.setEvidence('problem-solving', 'Found the edge case');
    expect(form.state.value.draft).to.equal('pending');
    await until(() => form.state.value.stored, 'the stored draft');
    await until(() => form.state.value.draft === 'saved', 'the saved state');
    expect(drafts).to.include('saving');

    const again = await formFor('interviewer');
    expect(again.state.value.content!.competencies['problem-solving']).to.deep.equal({ rating: 3, evidence: 'Found the edge case' });
    expect(again.state.value.stored?.status).to.equal('draft');
  });

  it('refuses to submit an incomplete form: field errors and a notice, cleared field by field', async () => {
    const form = await formFor('interviewer');
    form.setRating('problem-solving', 2);
    const outcome = await form.submit();
    expect(outcome && 'invalid' in outcome).to.equal(true);
    const { errors, notice } = form.state.value;
    expect([...errors.keys()]).to.include.members(['competencies.code-quality.rating', 'recommendation']);
    expect(notice).to.deep.equal({ kind: 'fix-errors', count: errors.size });
    form.setRecommendation('yes');
    expect(form.state.value.errors.has('recommendation')).to.equal(false);
    expect(form.submitted).to.equal(false);
  });

  it('submits a complete form, which is final from then on', async () => {
    const form = await formFor('interviewer');
    for (const id of COMPETENCIES) form.setRating(id, 4);
    form.setRecommendation('strong_yes');
    const outcome = await form.submit();
    expect(outcome && 'feedback' in outcome && outcome.feedback.status).to.equal('submitted');
    expect(form.submitted).to.equal(true);
    form.setSummary('too late');
    expect(form.state.value.content!.summary).to.equal('');
    expect(await form.submit()).to.equal(undefined);
  });

  it('has a submit status that says "submitted" only once the server stored the submission', async () => {
    const form = await formFor('interviewer');
    const kinds: SubmitStatus['kind'][] = [];
    form.state.subscribe((state) => kinds.push(submitStatusOf(state).kind));
    expect(submitStatusOf(form.state.value)).to.deep.equal({ kind: 'none' });
    for (const id of COMPETENCIES) form.setRating(id, 2);
    form.setRecommendation('no');
    expect(submitStatusOf(form.state.value).kind).to.equal('unsaved');
    await until(() => submitStatusOf(form.state.value).kind === 'draft-saved', 'the saved draft');
    expect(submitStatusOf(form.state.value)).to.deep.equal({ kind: 'draft-saved', at: form.state.value.stored!.updatedAt });

    const submitting = form.submit();
    expect(submitStatusOf(form.state.value).kind).to.equal('submitting');
    await submitting;
    const status = submitStatusOf(form.state.value);
    expect(status).to.deep.equal({ kind: 'submitted', at: form.state.value.stored!.submittedAt });
    expect(kinds.indexOf('submitted')).to.be.greaterThan(kinds.lastIndexOf('submitting'));
  });

  it('reloads and says so when the feedback was submitted elsewhere meanwhile', async () => {
    const here = await formFor('interviewer');
    const elsewhere = await formFor('interviewer');
    for (const form of [here, elsewhere]) {
      for (const id of COMPETENCIES) form.setRating(id, 3);
    }
    here.setRecommendation('no');
    elsewhere.setRecommendation('yes');
    await elsewhere.submit();
    expect(await here.submit()).to.equal(undefined);
    expect(here.state.value.notice).to.deep.equal({ kind: 'already-submitted' });
    expect(here.submitted).to.equal(true);
    expect(here.state.value.content!.recommendation).to.equal('yes');
  });
});
