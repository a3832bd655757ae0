import { expect } from '@esm-bundle/chai';
import { render } from 'lit';
import { formatsFor, type SessionView } from '@interview-kit/core';
import { loadMarkdown } from './markdown-view.js';
import { renderQuestion } from './question-pane.js';
import { ROOM_STRINGS_EN } from './room.strings.js';
import { renderTool } from './tool-rail.js';

/** An interviewer's (or a candidate's) view of a plan: a structured warm-up, then two coding questions. */
function planView(role: 'interviewer' | 'candidate', current: number): SessionView {
  const warmUp = { index: 0, id: 'q0', version: 1, type: 'structured', title: 'Warm-up', prompt: 'Tell me about a **conflict**.', reached: true };
  const secrets = { competency: 'communication', probes: ['What then?'], positiveIndicators: ['Listens first'], negativeIndicators: ['Blames others'], anchors: ['No example', 'Vague', 'Clear', 'Clear and adapted'] };
  const coding = [
    { index: 1, id: 'q1', version: 1, type: 'coding', title: 'Sum', prompt: 'Sum two numbers.', reached: true, tests: [], hiddenTestCount: 0, slot: 0 },
    { index: 2, id: 'q2', version: 3, type: 'coding', title: 'Echo', prompt: 'Echo.', reached: false, tests: [], hiddenTestCount: 0, slot: 2 },
  ];
  return {
    status: 'live',
    viewer: { role, participantId: role },
    question: { prompt: 'Sum two numbers.', language: 'python', starterCode: '', tests: [], hiddenTestCount: 0, index: 1, slot: 0 },
    plan: { current, questions: role === 'interviewer' ? [{ ...warmUp, ...secrets }, ...coding] : [warmUp, coding[0]] },
  } as unknown as SessionView;
}

describe('the question pane and guide of a session with several questions', () => {
  // The room loads the Markdown renderer with the session's view; these render without a room.
  before(() => loadMarkdown());
  let container: HTMLElement;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => container.remove());

  it('gives interviewers "Question 2 of 3" with Previous, Next and every question, moving on click', () => {
    const moves: number[] = [];
    render(renderQuestion(planView('interviewer', 1), ROOM_STRINGS_EN, (index) => moves.push(index)), container);
    const select = container.querySelector<HTMLSelectElement>('[part="question-select"]')!;
    expect([...select.options].map((option) => option.textContent)).to.deep.equal(['Question 1 of 3: Warm-up', 'Question 2 of 3: Sum', 'Question 3 of 3: Echo']);
    expect(select.selectedIndex).to.equal(1);
    container.querySelector<HTMLButtonElement>('[part="question-next"]')!.click();
    container.querySelector<HTMLButtonElement>('[part="question-previous"]')!.click();
    select.value = '2';
    select.dispatchEvent(new Event('change'));
    expect(moves).to.deep.equal([2, 0, 2]);
  });

  it('shows everyone a structured question’s text, and interviewers its competency, probes, indicators and anchors in the Guide', () => {
    render(renderQuestion(planView('candidate', 0), ROOM_STRINGS_EN, () => {}), container);
    expect(container.querySelector('[part="question-switcher"]'), 'no switcher for candidates').to.equal(null);
    expect(container.querySelector('[part="question-title"]')!.textContent).to.equal('Warm-up');
    expect(container.querySelector('.prompt strong')!.textContent).to.equal('conflict');

    render(renderTool('guide', planView('interviewer', 0), ROOM_STRINGS_EN, { lang: 'en', format: formatsFor('en'), elements: {} }), container);
    expect(container.querySelector('[part="guide-competency"]')!.textContent).to.equal('Competency: communication');
    expect(container.querySelector('[part="guide-probes"]')!.textContent).to.contain('What then?');
    expect(container.querySelector('[part="guide-positive"]')!.textContent).to.contain('Listens first');
    expect(container.querySelector('[part="guide-negative"]')!.textContent).to.contain('Blames others');
    expect([...container.querySelectorAll('[part="guide-anchors"] li')].map((li) => li.textContent)).to.deep.equal(['No example', 'Vague', 'Clear', 'Clear and adapted']);
  });
});
