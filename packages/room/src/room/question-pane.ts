import { html, nothing, type TemplateResult } from 'lit';
import type { SessionView, VisibleTestCase } from '@interview-kit/core';
import { currentQuestionOf, switcherOf, type QuestionSwitcher } from './question-plan.js';
import type { RoomStrings } from './room.strings.js';
import { markdown } from './markdown-view.js';

/** The tests shown as examples under the prompt: the visible ones (a candidate's view holds no others). */
export function examplesOf(view: SessionView): VisibleTestCase[] {
  return view.question.tests.filter((test) => !test.hidden);
}

/**
 * The question: for interviewers, with `onMove`, the question switcher of a session with several
 * questions; then the current question: a structured question's text, or a coding question's
 * prompt (sanitized Markdown) and its visible tests as examples of input and expected output.
 */
export function renderQuestion(view: SessionView, t: RoomStrings, onMove?: (index: number) => void): TemplateResult {
  const switcher = onMove ? switcherOf(view) : undefined;
  const current = currentQuestionOf(view);
  return html`
    ${switcher && onMove ? renderSwitcher(switcher, t, onMove) : nothing}
    ${current?.type === 'structured'
      ? html`<h3 part="question-title" class="question-title" dir="auto">${current.title}</h3>
          <div class="prompt markdown" dir="auto">${markdown(current.prompt)}</div>`
      : renderCoding(view, t)}
  `;
}

/** "Question 2 of 3: title", with Previous and Next and a list of every question. */
function renderSwitcher(switcher: QuestionSwitcher, t: RoomStrings, onMove: (index: number) => void): TemplateResult {
  const move = (index: number | undefined) => () => index !== undefined && onMove(index);
  return html`<nav part="question-switcher" class="question-switcher" aria-label=${t.chooseQuestion}>
    <button part="question-previous" ?disabled=${switcher.previous === undefined} @click=${move(switcher.previous)}>${t.previousQuestion}</button>
    <select
      part="question-select"
      aria-label=${t.chooseQuestion}
      @change=${(event: Event) => onMove(Number((event.target as HTMLSelectElement).value))}
    >
      ${switcher.questions.map(
        (question, at) =>
          html`<option value=${question.index} ?selected=${at + 1 === switcher.position}>${t.questionOf(at + 1, switcher.total, question.title)}</option>`,
      )}
    </select>
    <button part="question-next" ?disabled=${switcher.next === undefined} @click=${move(switcher.next)}>${t.nextQuestion}</button>
  </nav>`;
}

/** A coding question: its prompt, then its visible tests as examples. */
function renderCoding(view: SessionView, t: RoomStrings): TemplateResult {
  const examples = examplesOf(view);
  return html`
    <div class="prompt markdown" dir="auto">${markdown(view.question.prompt)}</div>
    ${examples.length
      ? html`<section part="examples" class="examples" aria-labelledby="examples-heading">
          <h3 id="examples-heading">${t.examples}</h3>
          <ol>
            ${examples.map(
              (test, position) => html`<li part="example" class="example">
                <h4>${t.example(position + 1)}</h4>
                <dl>
                  <dt>${t.exampleInput}</dt>
                  <dd>${test.stdin ? html`<pre>${withoutFinalNewline(test.stdin)}</pre>` : html`<span class="muted">${t.noInput}</span>`}</dd>
                  <dt>${t.exampleExpected}</dt>
                  <dd><pre>${withoutFinalNewline(test.expected)}</pre></dd>
                </dl>
              </li>`,
            )}
          </ol>
        </section>`
      : nothing}
  `;
}

/** The text without its one final line break, which would show as an empty line. */
function withoutFinalNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}
