import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { SessionView, VisibleTestCase } from '@interview-kit/core';
import { renderMarkdown } from '@interview-kit/core';
import type { RoomStrings } from './room.strings.js';

/** The tests shown as examples under the prompt: the visible ones (a candidate's view holds no others). */
export function examplesOf(view: SessionView): VisibleTestCase[] {
  return view.question.tests.filter((test) => !test.hidden);
}

/** The question: its prompt (sanitized Markdown), then the visible tests as examples of input and expected output. */
export function renderQuestion(view: SessionView, t: RoomStrings): TemplateResult {
  const examples = examplesOf(view);
  return html`
    <div class="prompt markdown">${unsafeHTML(renderMarkdown(view.question.prompt))}</div>
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
