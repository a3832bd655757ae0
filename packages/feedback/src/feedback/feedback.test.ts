import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { InterviewSession, type Feedback, type OwnFeedback, type Role } from '@interview-kit/core';
import { createSession, referenceServer, type ReferenceServer, type CreatedSession } from '../../../core/src/testing/reference-server.js';
import type { FeedbackSubmitEvent } from '../events.js';
import { axeViolations, deepActiveElement, until } from '../../../core/src/testing/helpers.js';
import type { InterviewFeedback } from './feedback.component.js';
import './feedback.js';

let server: ReferenceServer;
const mounted: Element[] = [];

before(async () => {
  server = await referenceServer({ liveKit: false });
});

afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
});

function sessionAs(created: CreatedSession, role: Role): InterviewSession {
  return new InterviewSession({ server: server.url, sessionId: created.id, tokenProvider: created.tokenFor(role) });
}

/** Adds a feedback form for `session` to the page and waits until it shows the rubric. */
async function mount(session: InterviewSession): Promise<InterviewFeedback> {
  const element = document.createElement('interview-feedback');
  element.autosaveDelay = 50;
  element.session = session;
  document.body.append(element);
  mounted.push(element);
  await until(() => element.shadowRoot?.querySelector('form'), 'the feedback form');
  return element;
}

const $ = <E extends Element = HTMLElement>(element: InterviewFeedback, selector: string) => {
  const found = element.shadowRoot!.querySelector<E>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
};
const $$ = <E extends Element = HTMLElement>(element: InterviewFeedback, selector: string) => [
  ...element.shadowRoot!.querySelectorAll<E>(selector),
];
const radio = (element: InterviewFeedback, name: string, value: string | number) =>
  $<HTMLInputElement>(element, `input[name="${name}"][value="${value}"]`);
const status = (element: InterviewFeedback) => $(element, '[part~="status"]').textContent!.trim();
const errorsShown = (element: InterviewFeedback) => $$(element, '[part~="error"]').map((p) => p.textContent!.trim());

/** Types into a text field as a user would: focus, then real key presses. */
async function typeInto(field: HTMLTextAreaElement, text: string): Promise<void> {
  field.focus();
  await sendKeys({ type: text });
}

async function fetchOwn(created: CreatedSession, role: Role): Promise<OwnFeedback> {
  return sessionAs(created, role).client.request<OwnFeedback>('GET', `/v1/sessions/${created.id}/feedback`);
}

/** Rates every competency and picks a recommendation, by clicking like a user. */
async function fillRequired(element: InterviewFeedback): Promise<void> {
  for (const name of ['rating-problem-solving', 'rating-code-quality', 'rating-verification', 'rating-communication']) {
    radio(element, name, 3).click();
  }
  radio(element, 'recommendation', 'yes').click();
  await element.updateComplete;
}

describe('<interview-feedback>', () => {
  it('shows the pinned rubric: a rating group with anchor texts per competency, a recommendation and a summary', async () => {
    const created = await createSession(server);
    const element = await mount(sessionAs(created, 'interviewer'));
    const legends = $$(element, 'fieldset[part~="competency"] legend').map((legend) => legend.textContent!.replace(/\s+/g, ' ').trim());
    expect(legends).to.deep.equal([
      'Problem solving (required)',
      'Code quality (required)',
      'Verification and testing (required)',
      'Communication (required)',
    ]);
    const firstGroup = $$(element, 'fieldset[part~="competency"]')[0]!;
    const options = [...firstGroup.querySelectorAll('[part~="option"]')].map((label) => label.textContent!.replace(/\s+/g, ' ').trim());
    expect(options).to.have.length(4);
    expect(options[0]).to.match(/^Rating 1 Could not make meaningful progress/);
    expect(options[3]).to.match(/^Rating 4 Reached an optimal solution/);
    expect($$(element, 'input[name="recommendation"]').map((input) => (input as HTMLInputElement).labels![0]!.textContent!.trim())).to.deep.equal([
      'Strong no',
      'No',
      'Yes',
      'Strong yes',
    ]);
    expect($<HTMLTextAreaElement>(element, '#summary').labels![0]!.textContent).to.contain('Summary');
  });

  it('restores a partly filled draft from the server after a reload', async () => {
    const created = await createSession(server);
    const first = await mount(sessionAs(created, 'interviewer'));
    radio(first, 'rating-problem-solving', 3).click();
    await typeInto($(first, '#evidence-problem-solving'), 'Spotted the two-pointer idea quickly.');
    radio(first, 'recommendation', 'strong_yes').click();
    await until(() => status(first) === 'Draft saved' && $<HTMLTextAreaElement>(first, '#evidence-problem-solving').value, 'the draft to be saved');
    await until(async () => (await fetchOwn(created, 'interviewer')).feedback?.recommendation === 'strong_yes', 'the server to hold the draft');
    first.remove();

    // A new page load: a new session object and a new element, with nothing kept in memory.
    const second = await mount(sessionAs(created, 'interviewer'));
    expect(radio(second, 'rating-problem-solving', 3).checked).to.equal(true);
    expect($<HTMLTextAreaElement>(second, '#evidence-problem-solving').value).to.equal('Spotted the two-pointer idea quickly.');
    expect(radio(second, 'recommendation', 'strong_yes').checked).to.equal(true);
    expect(radio(second, 'rating-code-quality', 3).checked).to.equal(false);
    expect(status(second)).to.equal('Draft saved');
  });

  it('keeps the draft through a server outage and stores it once the server answers again', async () => {
    const created = await createSession(server);
    let reachable = true;
    // The page's network path to the server goes down, as during a server restart.
    const flaky: typeof fetch = (input, init) => (reachable ? fetch(input, init) : Promise.reject(new TypeError('Failed to fetch')));
    const session = new InterviewSession({ server: server.url, sessionId: created.id, tokenProvider: created.tokenFor('interviewer'), fetch: flaky });
    const element = await mount(session);
    reachable = false;
    radio(element, 'rating-communication', 4).click();
    await until(() => status(element) === 'Draft not saved yet; retrying', 'the failed save to show');
    reachable = true;
    await until(() => status(element) === 'Draft saved', 'the retried save', 15_000);
    const own = await fetchOwn(created, 'interviewer');
    expect(own.feedback?.competencies['communication']?.rating).to.equal(4);
  });

  it('shows validation messages next to the missing fields and focuses the first one instead of submitting', async () => {
    const created = await createSession(server);
    const element = await mount(sessionAs(created, 'interviewer'));
    radio(element, 'rating-problem-solving', 2).click();
    $(element, '[part~="submit"]').click();
    await until(() => errorsShown(element).length === 4, 'the validation messages');

    expect(errorsShown(element)).to.deep.equal(['Choose a rating.', 'Choose a rating.', 'Choose a rating.', 'Choose a recommendation.']);
    const codeQuality = $$(element, 'fieldset[part~="competency"]')[1]!;
    expect(codeQuality.querySelector('[part~="error"]')!.textContent).to.equal('Choose a rating.');
    expect(codeQuality.getAttribute('aria-describedby')).to.contain('rating-error-code-quality');
    expect($(element, '[part~="form-error"]').textContent).to.equal('4 fields need attention.');
    expect(deepActiveElement()).to.equal(radio(element, 'rating-code-quality', 1));

    // Fixing a field clears its message.
    radio(element, 'rating-code-quality', 4).click();
    await element.updateComplete;
    expect(errorsShown(element)).to.have.length(3);
    expect((await fetchOwn(created, 'interviewer')).feedback?.status ?? 'none').to.not.equal('submitted');
  });

  it('submits, then shows the feedback read-only; the server refuses any later change', async () => {
    const created = await createSession(server);
    const session = sessionAs(created, 'interviewer');
    const element = await mount(session);
    await fillRequired(element);
    await typeInto($(element, '#summary'), 'Would hire.');
    const submitted = new Promise<FeedbackSubmitEvent>((resolve) => element.addEventListener('interview-feedback-submit', resolve, { once: true }));
    $(element, '[part~="submit"]').click();
    const event = await submitted;

    expect(event.detail.feedback.status).to.equal('submitted');
    expect(event.detail.feedback.summary).to.equal('Would hire.');
    await element.updateComplete;
    expect(element.submitted).to.equal(true);
    expect(status(element)).to.match(/^Submitted .*final/);
    expect(element.shadowRoot!.querySelector('[part~="submit"]')).to.equal(null);
    expect(element.shadowRoot!.querySelector('[part~="mark-moment"]')).to.equal(null);
    for (const control of $$<HTMLInputElement | HTMLTextAreaElement>(element, 'input, textarea')) {
      expect(control.matches(':disabled'), control.id || control.name).to.equal(true);
    }
    // Clicking a disabled choice changes nothing.
    radio(element, 'rating-problem-solving', 1).click();
    expect(radio(element, 'rating-problem-solving', 3).checked).to.equal(true);

    // Forged requests with the same token are refused too.
    const edit = await fetch(new URL(`/v1/sessions/${created.id}/feedback/draft`, server.url), {
      method: 'PUT',
      headers: { authorization: `Bearer ${created.tokenFor('interviewer')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ summary: 'Changed my mind' }),
    });
    expect(edit.status).to.equal(409);
    expect((await edit.json()).detail).to.match(/final/);

    // After a reload the form is still read-only with the submitted values.
    element.remove();
    const again = await mount(sessionAs(created, 'interviewer'));
    expect(again.submitted).to.equal(true);
    expect($<HTMLTextAreaElement>(again, '#summary').value).to.equal('Would hire.');
    expect($<HTMLTextAreaElement>(again, '#summary').matches(':disabled')).to.equal(true);
  });

  it('can be completed with the keyboard alone, and Tab leaves it at the end', async () => {
    const created = await createSession(server);
    const before = document.createElement('button');
    before.textContent = 'Before';
    const after = document.createElement('button');
    after.textContent = 'After';
    document.body.append(before);
    mounted.push(before);
    const element = await mount(sessionAs(created, 'interviewer'));
    document.body.append(after);
    mounted.push(after);
    const submitted = new Promise<FeedbackSubmitEvent>((resolve) => element.addEventListener('interview-feedback-submit', resolve, { once: true }));

    before.focus();
    const ids = ['problem-solving', 'code-quality', 'verification', 'communication'];
    for (const [index, id] of ids.entries()) {
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()).to.equal(radio(element, `rating-${id}`, 1));
      // Arrow keys move through the ratings and choose: 1 → 2 → 3.
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'Tab' }); // the "Mark moment" button
      expect(deepActiveElement()?.getAttribute('part')).to.equal('mark-moment');
      await sendKeys({ press: 'Tab' }); // the evidence field
      expect(deepActiveElement()).to.equal($(element, `#evidence-${id}`));
      await sendKeys({ type: `Evidence ${index + 1} ` });
      if (index === 0) await sendKeys({ press: 'Alt+KeyM' });
    }
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(radio(element, 'recommendation', 'strong_no'));
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Clear thinker.' });
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal($(element, '[part~="submit"]'));
    await sendKeys({ press: 'Enter' });

    const { detail } = await submitted;
    const feedback: Feedback = detail.feedback;
    expect(ids.map((id) => feedback.competencies[id]!.rating)).to.deep.equal([3, 3, 3, 3]);
    expect(feedback.recommendation).to.equal('yes');
    expect(feedback.summary).to.equal('Clear thinker.');
    expect(feedback.competencies['problem-solving']!.evidence).to.match(/^Evidence 1 \[\d+:\d\d\]\(#t=\d+\) $/);
    expect(feedback.competencies['communication']!.evidence).to.equal('Evidence 4 ');

    // Nothing traps focus: Tab leaves the element.
    await element.updateComplete;
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(after);
  });

  it('"Mark moment" inserts a link to the current session time at the caret', async () => {
    const created = await createSession(server);
    const element = await mount(sessionAs(created, 'interviewer'));
    const evidence = $<HTMLTextAreaElement>(element, '#evidence-verification');
    await typeInto(evidence, 'Tested the empty input');
    const button = $$(element, '[part~="mark-moment"]')[2]!;
    expect(button.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Mark moment in Verification and testing evidence');
    button.click();
    await element.updateComplete;
    expect(evidence.value).to.match(/^Tested the empty input \[0:\d\d\]\(#t=\d+\) $/);
    expect(deepActiveElement()).to.equal(evidence);
    expect(element.value!.competencies['verification']!.evidence).to.equal(evidence.value);
  });

  it('has no axe-core violations: empty, with validation messages, and read-only', async () => {
    const created = await createSession(server);
    const element = await mount(sessionAs(created, 'interviewer'));
    expect(await axeViolations(element)).to.deep.equal([]);

    $(element, '[part~="submit"]').click();
    await until(() => errorsShown(element).length > 0, 'validation messages');
    expect(await axeViolations(element)).to.deep.equal([]);

    await fillRequired(element);
    $(element, '[part~="submit"]').click();
    await until(() => element.submitted, 'the submission');
    await element.updateComplete;
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('lets an observer give feedback', async () => {
    const created = await createSession(server);
    const element = await mount(sessionAs(created, 'observer'));
    await fillRequired(element);
    expect(await element.submit()).to.include({ status: 'submitted', role: 'observer' });
  });

  it('shows nothing to a candidate', async () => {
    const created = await createSession(server);
    const session = sessionAs(created, 'candidate');
    const element = document.createElement('interview-feedback');
    element.session = session;
    document.body.append(element);
    mounted.push(element);
    await until(() => session.view, 'the session view');
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('form, input, textarea')).to.equal(null);
    expect(element.getBoundingClientRect().height).to.equal(0);
  });
});
