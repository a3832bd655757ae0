import { expect } from '@esm-bundle/chai';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { InterviewSession, rubricTemplate, type CreateSessionRequest, type Feedback, type OwnFeedback, type Role } from '@interview-kit/core';
import {
  changeSession,
  sampleSession,
  createSession,
  referenceServer,
  type ReferenceServer,
  type CreatedSession,
} from '../../../core/src/testing/reference-server.js';
import type { FeedbackSubmitEvent, MomentSelectEvent } from '../events.js';
import { axeViolations, deepActiveElement, until } from '../../../core/src/testing/helpers.js';
import { backgroundOf, isDark, textContrast } from '../../../core/src/testing/contrast.js';
import type { InterviewFeedback } from './feedback.component.js';
import './feedback.js';

let server: ReferenceServer;
const mounted: Element[] = [];

before(async () => {
  server = await referenceServer({ liveKit: false });
});

afterEach(async () => {
  for (const element of mounted.splice(0)) element.remove();
  await resetMouse();
});

function sessionAs(created: CreatedSession, role: Role): InterviewSession {
  return new InterviewSession({ server: server.url, sessionId: created.id, tokenProvider: created.tokenFor(role) });
}

/** Adds a feedback form for `session` to the page (or into `parent`) and waits until it shows the rubric. */
async function mount(session: InterviewSession, parent: HTMLElement = document.body): Promise<InterviewFeedback> {
  const element = document.createElement('interview-feedback');
  element.autosaveDelay = 50;
  element.session = session;
  parent.append(element);
  mounted.push(parent === document.body ? element : parent);
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

/** `promise`, or a failure naming `what` when it does not settle in time (instead of a hung run). */
function within<T>(promise: Promise<T>, what: string, timeoutMs = 15_000): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`Timed out waiting for ${what}`)), timeoutMs))]);
}

/** The next `type` event `target` dispatches. */
function next<E extends Event>(target: EventTarget, type: string): Promise<E> {
  return within(new Promise<E>((resolve) => target.addEventListener(type, (event) => resolve(event as E), { once: true })), type);
}

/** Fails unless `element` has focus; says what has it instead (comparing elements in \`expect\` stalls the test runner's report). */
function expectFocus(element: Element): void {
  const active = deepActiveElement();
  expect(active === element, `focus on ${element.outerHTML.slice(0, 80)}, not ${active?.outerHTML.slice(0, 80)}`).to.equal(true);
}

/** Fails unless nothing in `element` matches `selector`. */
function expectNone(element: InterviewFeedback, selector: string): void {
  expect(element.shadowRoot!.querySelector(selector)?.outerHTML.slice(0, 80) ?? 'nothing', selector).to.equal('nothing');
}

/** Moves the real mouse pointer to the middle of `element`. */
async function hover(element: Element): Promise<void> {
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'move', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/** A box 22rem wide and `height` tall, like the room's tool rail. */
function rail(height = '40rem'): HTMLElement {
  const box = document.createElement('div');
  box.style.cssText = `width: 22rem; height: ${height}; overflow: auto; display: flex; flex-direction: column;`;
  document.body.append(box);
  return box;
}

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
    // Each rating is a radio named by its number and short label, described by its anchor text.
    const ratings = $$<HTMLInputElement>(element, 'input[name="rating-problem-solving"]');
    expect(ratings.map((input) => input.labels![0]!.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      '1 Rating 1 Stuck',
      '2 Rating 2 Guided',
      '3 Rating 3 Solid',
      '4 Rating 4 Optimal',
    ]);
    const describedBy = (input: HTMLInputElement) => element.shadowRoot!.getElementById(input.getAttribute('aria-describedby')!)!.textContent;
    expect(describedBy(ratings[0]!)).to.match(/^Could not make meaningful progress/);
    expect(describedBy(ratings[3]!)).to.match(/^Reached an optimal solution/);
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
    await until(() => status(first).startsWith('Saved as draft at ') && $<HTMLTextAreaElement>(first, '#evidence-problem-solving').value, 'the draft to be saved');
    await until(async () => (await fetchOwn(created, 'interviewer')).feedback?.recommendation === 'strong_yes', 'the server to hold the draft');
    first.remove();

    // A new page load: a new session object and a new element, with nothing kept in memory.
    const second = await mount(sessionAs(created, 'interviewer'));
    expect(radio(second, 'rating-problem-solving', 3).checked).to.equal(true);
    expect($<HTMLTextAreaElement>(second, '#evidence-problem-solving').value).to.equal('Spotted the two-pointer idea quickly.');
    expect(radio(second, 'recommendation', 'strong_yes').checked).to.equal(true);
    expect(radio(second, 'rating-code-quality', 3).checked).to.equal(false);
    expect(status(second)).to.match(/^Saved as draft at \d{1,2}:\d\d/);
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
    await until(() => status(element).startsWith('Saved as draft at '), 'the retried save', 15_000);
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
    expectFocus(radio(element, 'rating-code-quality', 1));

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
    const submitted = next<FeedbackSubmitEvent>(element, 'interview-feedback-submit');
    $(element, '[part~="submit"]').click();
    const event = await submitted;

    expect(event.detail.feedback.status).to.equal('submitted');
    expect(event.detail.feedback.summary).to.equal('Would hire.');
    await element.updateComplete;
    expect(element.submitted).to.equal(true);
    expect(status(element)).to.match(/^Submitted .*final/);
    expectNone(element, '[part~="submit"]');
    expectNone(element, '[part~="mark-moment"]');
    // Submitted evidence is shown rendered, not as a field.
    expectNone(element, '#evidence-problem-solving');
    expect($$(element, '[part~="preview"]')).to.have.length(4);
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
    const submitted = next<FeedbackSubmitEvent>(element, 'interview-feedback-submit');

    before.focus();
    const ids = ['problem-solving', 'code-quality', 'verification', 'communication'];
    for (const [index, id] of ids.entries()) {
      await sendKeys({ press: 'Tab' });
      expectFocus(radio(element, `rating-${id}`, 1));
      // Arrow keys move through the ratings and choose: 1 → 2 → 3.
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'Tab' }); // the "Mark moment" button
      expect(deepActiveElement()?.getAttribute('part')).to.equal('mark-moment');
      await sendKeys({ press: 'Tab' }); // the "Preview" toggle
      expect(deepActiveElement()?.getAttribute('part')).to.equal('preview-toggle');
      await sendKeys({ press: 'Tab' }); // the evidence field
      expectFocus($(element, `#evidence-${id}`));
      await sendKeys({ type: `Evidence ${index + 1} ` });
      if (index === 0) await sendKeys({ press: 'Alt+KeyM' });
    }
    await sendKeys({ press: 'Tab' });
    expectFocus(radio(element, 'recommendation', 'strong_no'));
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Clear thinker.' });
    await sendKeys({ press: 'Tab' });
    expectFocus($(element, '[part~="submit"]'));
    await sendKeys({ press: 'Enter' });

    const { detail } = await submitted;
    const feedback: Feedback = detail.feedback;
    expect(ids.map((id) => feedback.competencies[id]!.rating)).to.deep.equal([3, 3, 3, 3]);
    expect(feedback.recommendation).to.equal('yes');
    expect(feedback.summary).to.equal('Clear thinker.');
    expect(feedback.competencies['problem-solving']!.evidence).to.match(/^Evidence 1 \[\d+:\d\d\]\(#t=\d+\) $/);
    expect(feedback.competencies['communication']!.evidence).to.equal('Evidence 4 ');

    // The submitted evidence's time chip is reachable, and nothing traps focus: Tab leaves the element.
    await element.updateComplete;
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.getAttribute('part')).to.equal('moment');
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement() === after, 'focus left the element').to.equal(true);
  });

  it('"Mark moment" inserts a link counted from the interview\'s start, whose time chip in the preview selects that moment', async () => {
    // Created, then started a few seconds later: moments count from the start, not the creation.
    const created = await createSession(server, undefined, { start: false });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await changeSession(server, created.id, 'start');
    const session = sessionAs(created, 'interviewer');
    const element = await mount(session);
    const startedAt = Date.parse(session.view!.startedAt!);

    const evidence = $<HTMLTextAreaElement>(element, '#evidence-verification');
    await typeInto(evidence, 'Tested the empty input');
    const button = $$(element, '[part~="mark-moment"]')[2]!;
    expect(button.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Mark moment in Verification and testing evidence');
    button.click();
    await element.updateComplete;
    expect(evidence.value).to.match(/^Tested the empty input \[0:0[01]\]\(#t=[01]\) $/);
    expectFocus(evidence);
    expect(element.value!.competencies['verification']!.evidence).to.equal(evidence.value);
    const seconds = Number(/#t=(\d+)/.exec(evidence.value)![1]);

    // In the preview the link is a visible time chip; clicking it selects the moment (epoch ms).
    const toggle = $$(element, '[part~="preview-toggle"]')[2]!;
    toggle.click();
    await element.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expectNone(element, '#evidence-verification');
    const chip = $(element, '[data-competency="verification"] [part~="moment"]');
    expect(chip.textContent!.trim()).to.equal(`0:0${seconds}`);
    expect(chip.querySelector('svg[aria-hidden="true"]') !== null, 'a stopwatch icon').to.equal(true);
    expect(chip.getBoundingClientRect().width).to.be.greaterThan(0);
    const selected = next<MomentSelectEvent>(document, 'interview-moment-select');
    const hashBefore = location.hash;
    await hover(chip);
    await sendMouse({ type: 'click', position: [Math.round(chip.getBoundingClientRect().x + 4), Math.round(chip.getBoundingClientRect().y + 4)] });
    const event = await selected;
    expect(event.detail.at).to.equal(startedAt + seconds * 1000);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(location.hash, 'the host page stays where it was').to.equal(hashBefore);

    // Marking a moment while previewing goes back to the text field and inserts there.
    await element.markMoment('verification');
    await element.updateComplete;
    expect($<HTMLTextAreaElement>(element, '#evidence-verification').value).to.match(/\(#t=\d+\) \[0:\d\d\]\(#t=\d+\) $/);
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
  });

  it('previews evidence as sanitised Markdown', async () => {
    const created = await createSession(server);
    const element = await mount(sessionAs(created, 'interviewer'));
    await typeInto($(element, '#evidence-code-quality'), '**Clear** names, `snake_case`\n\n- one\n- two <img src=x onerror="window.hacked=1">');
    $$(element, '[part~="preview-toggle"]')[1]!.click();
    await element.updateComplete;
    const preview = $(element, '[data-competency="code-quality"] [part~="preview"]');
    expect(preview.querySelector('strong')!.textContent).to.equal('Clear');
    expect(preview.querySelector('code')!.textContent).to.equal('snake_case');
    expect([...preview.querySelectorAll('li')].map((li) => li.textContent!.trim())).to.deep.equal(['one', 'two']);
    expect(preview.querySelector('img')!.hasAttribute('onerror')).to.equal(false);
    expect((window as { hacked?: number }).hacked).to.equal(undefined);

    // Back to writing: the text is as typed.
    $$(element, '[part~="preview-toggle"]')[1]!.click();
    await element.updateComplete;
    expect($<HTMLTextAreaElement>(element, '#evidence-code-quality').value).to.match(/^\*\*Clear\*\* names/);
  });

  it('rates with a compact segmented control in a 22rem rail: anchor text of the hovered, focused or chosen level under it', async () => {
    const created = await createSession(server);
    const element = await mount(sessionAs(created, 'interviewer'), rail());
    const anchors = rubricTemplate('coding-interview').competencies[0]!.anchors;
    const group = $(element, '[data-competency="problem-solving"]');
    const segments = [...group.querySelectorAll<HTMLElement>('[part~="segment"]')];
    const anchorLine = () => group.querySelector('[part~="anchor"]')!.textContent!.trim();

    // The four segments share one row, and nothing in the form overflows the rail.
    expect(segments).to.have.length(4);
    expect(new Set(segments.map((segment) => Math.round(segment.getBoundingClientRect().top))).size).to.equal(1);
    expect(segments.map((segment) => segment.querySelector('.short')!.textContent)).to.deep.equal(['Stuck', 'Guided', 'Solid', 'Optimal']);
    const form = $(element, 'form');
    expect(form.scrollWidth).to.be.at.most(form.clientWidth);
    expect(element.getBoundingClientRect().width).to.be.at.most(22 * 16);
    expect(group.querySelector('[part~="rating"]')!.getAttribute('role')).to.equal('radiogroup');

    expect(anchorLine()).to.equal('Not rated yet.');
    await hover(segments[2]!);
    await element.updateComplete;
    expect(anchorLine()).to.equal(anchors[2]);
    segments[1]!.click();
    await sendMouse({ type: 'move', position: [0, 0] });
    await element.updateComplete;
    expect(anchorLine(), 'the chosen level once the pointer left').to.equal(anchors[1]);

    // Keyboard: arrow keys choose, and the focused level's anchor shows.
    await sendKeys({ press: 'ArrowRight' });
    await element.updateComplete;
    expect(radio(element, 'rating-problem-solving', 3).checked).to.equal(true);
    expectFocus(radio(element, 'rating-problem-solving', 3));
    expect(anchorLine()).to.equal(anchors[2]);
    expect(element.value!.competencies['problem-solving']!.rating).to.equal(3);
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('says where the feedback stands beside the submit button, and claims "Submitted" only once the server stored it', async () => {
    const created = await createSession(server);
    let release: (() => void) | undefined;
    // The submission's answer is held back until the test lets it through.
    const slowSubmit: typeof fetch = async (input, init) => {
      if (init?.method === 'POST' && String(input instanceof Request ? input.url : input).endsWith('/feedback')) {
        await new Promise<void>((resolve) => (release = resolve));
      }
      return fetch(input, init);
    };
    const session = new InterviewSession({ server: server.url, sessionId: created.id, tokenProvider: created.tokenFor('interviewer'), fetch: slowSubmit });
    const element = await mount(session, rail('60rem'));
    const submit = $(element, '[part~="submit"]');
    const statusLine = $(element, '[part~="status"]');
    const refusal = $(element, '[part~="form-error"]');
    const besideSubmit = (line: HTMLElement) => {
      const button = submit.getBoundingClientRect();
      const box = line.getBoundingClientRect();
      // On the button's row, or wrapped right under it; below every field of the form.
      return box.top < button.bottom + 24 && box.bottom > button.top - 4 && box.top >= $(element, '#summary').getBoundingClientRect().bottom;
    };

    // A refusal (fields missing) shows beside the button.
    submit.click();
    await until(() => refusal.textContent === '5 fields need attention.', 'the refusal');
    expect(besideSubmit(refusal)).to.equal(true);

    await fillRequired(element);
    await until(() => status(element).startsWith('Saved as draft at '), 'the saved draft');
    expect(besideSubmit(statusLine)).to.equal(true);
    expect(refusal.textContent).to.equal('');

    submit.click();
    await until(() => release, 'the submission to be sent');
    await element.updateComplete;
    expect(status(element)).to.not.match(/Submitted/);
    expect(submit.textContent!.trim()).to.equal('Submitting…');
    expect(element.submitted).to.equal(false);

    const submitted = next<FeedbackSubmitEvent>(element, 'interview-feedback-submit');
    release!();
    await submitted;
    await element.updateComplete;
    const finalStatus = $(element, '[part~="status"]');
    expect(finalStatus.textContent!.trim()).to.match(/^Submitted .*final/);
    expect(finalStatus.getBoundingClientRect().top).to.be.greaterThan($(element, '#summary').getBoundingClientRect().bottom);
  });

  it('follows the dark colour scheme through the theme tokens, with readable text', async () => {
    const created = await createSession(server);
    const element = await mount(sessionAs(created, 'interviewer'));
    await typeInto($(element, '#evidence-problem-solving'), 'Asked early ');
    await element.markMoment('problem-solving');
    radio(element, 'rating-problem-solving', 3).click();
    $$(element, '[part~="preview-toggle"]')[0]!.click();
    await element.updateComplete;
    const form = $(element, 'form');
    const lightBackground = backgroundOf(form);
    expect(isDark(lightBackground)).to.equal(false);
    const accentOf = () => getComputedStyle($(element, '[part~="submit"]')).backgroundColor;
    const lightAccent = accentOf();

    element.setAttribute('theme', 'dark');
    await element.updateComplete;
    expect(isDark(backgroundOf(form))).to.equal(true);
    expect(accentOf(), 'the accent has its dark value').to.not.equal(lightAccent);
    const texts = {
      legend: $(element, 'legend'),
      anchor: $(element, '[part~="anchor"]'),
      description: $(element, '.description'),
      chosen: $(element, '[part~="segment"]:has(input:checked) .short'),
      chip: $(element, '[part~="moment"]'),
      evidence: $(element, '#evidence-code-quality'),
      submit: $(element, '[part~="submit"]'),
    };
    for (const [name, text] of Object.entries(texts)) expect(textContrast(text), name).to.be.at.least(4.5);
    expect(await axeViolations(element)).to.deep.equal([]);

    // A wrapping element's color-scheme works too (no attribute on the element).
    element.removeAttribute('theme');
    const wrapper = document.createElement('div');
    wrapper.style.colorScheme = 'dark';
    document.body.append(wrapper);
    mounted.push(wrapper);
    wrapper.append(element);
    await until(() => element.shadowRoot?.querySelector('form'), 'the form after the move');
    expect(isDark(backgroundOf($(element, 'form')))).to.equal(true);
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
    expectNone(element, 'form, input, textarea');
    expect(element.getBoundingClientRect().height).to.equal(0);
  });
  it('names beside each competency the structured questions of the session asked about it, once they are reached', async () => {
    const bank = async (path: string, body?: unknown) => {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
      const answer = await response.json();
      expect(response.ok, JSON.stringify(answer)).to.equal(true);
      return answer as { id: string };
    };
    const publish = async (question: Record<string, unknown>) => {
      const { id } = await bank('/v1/questions', { difficulty: 'easy', tags: [], estimatedMinutes: 5, ...question });
      await bank(`/v1/questions/${id}/publish`);
      return id;
    };
    const stamp = Date.now().toString(36);
    const coding = await publish({
      slug: `echo-${stamp}`,
      type: 'coding',
      title: 'Echo',
      prompt: 'Print your input.',
      starterCode: { python: 'print(input())\n' },
      tests: [{ stdin: 'x\n', expected: 'x\n' }],
      solutions: { python: 'print(input())\n' },
      guide: 'Ask about empty input.',
    });
    const structured = await publish({
      slug: `explain-${stamp}`,
      type: 'structured',
      title: 'Explain to a non-engineer',
      prompt: 'Explain a technical decision to someone outside engineering.',
      competency: 'communication',
      probes: ['What did they ask?'],
      positiveIndicators: ['Plain words'],
      negativeIndicators: ['Jargon'],
      anchors: ['Lost them', 'Partly clear', 'Clear', 'Clear and adapted'],
    });
    const { question: _inline, ...request } = sampleSession();
    const created = await createSession(server, { ...request, questions: [{ id: coding }, { id: structured }] } as unknown as CreateSessionRequest);
    const session = sessionAs(created, 'interviewer');
    const element = await mount(session);
    expectNone(element, '[part~="asked"]');

    // The interviewer moves to the structured question; the view (as the room reloads it) has it reached.
    await session.client.request('POST', `/v1/sessions/${created.id}/question`, { index: 1 });
    await session.load();
    await until(() => element.shadowRoot!.querySelector('[data-competency="communication"] [part~="asked"]'), 'the asked question');
    expect($(element, '[data-competency="communication"] [part~="asked"]').textContent!.trim()).to.equal('Asked: Q2 Explain to a non-engineer');
    expectNone(element, '[data-competency="problem-solving"] [part~="asked"]');
  });
});
