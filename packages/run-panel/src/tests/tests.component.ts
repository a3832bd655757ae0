import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  CollabController,
  LocaleController,
  SessionController,
  collabOf,
  type CollabSession,
  type InterviewSession,
  type PartialStrings,
} from '@interview-kit/core';
import { INITIAL_TESTS_STATE, TestsModel, type TestResult, type TestRow, type TestsState } from '../run/tests-model.js';
import { TESTS_LOCALES, type TestsStrings } from './tests.strings.js';
import { testsStyles } from './tests.styles.js';

/**
 * @summary The question's tests, each with its input, expected output and result in the latest
 * run that ran it (passed, failed or error, and its time).
 *
 * Lists every test the viewer may see: interviewers all of them, hidden ones included (marked
 * "hidden"), as their session view lists them; candidates and observers the visible ones, and a
 * note with how many hidden tests are not listed. Results come from the run records of the
 * session's shared document (`collabOf(session)`, or the `collab` property) as they land, filled
 * in from the runs list as the viewer may see it: times and actual outputs, and hidden tests'
 * results for interviewers only (the server never gives candidates or observers hidden details,
 * and the shared records never carry them). A failed test's actual output is in a disclosure.
 *
 * The element needs an `InterviewSession` (the `session` property, or the session an
 * `<interview-room>` provides). All logic lives in a framework-free `TestsModel`.
 *
 * @csspart base - The element's box.
 * @csspart table - The table of tests.
 * @csspart row - One test's row (`data-index`, `data-hidden`, `data-outcome` of its latest result).
 * @csspart hidden-mark - The "hidden" mark of a hidden test.
 * @csspart input - A test's input.
 * @csspart expected - A test's expected output.
 * @csspart result - A test's latest result (passed, failed, error), or "Not run yet".
 * @csspart not-run - The result of a test no run ran yet.
 * @csspart actual - The disclosure with a failed test's actual output.
 * @csspart time - A test's time in its latest run.
 * @csspart note - Notes under the table: hidden tests not listed, no tests.
 *
 * @cssproperty --interview-font-family - Font of the list.
 * @cssproperty --interview-font-family-mono - Font of inputs and outputs.
 * @cssproperty --interview-font-size - Base font size.
 * @cssproperty --interview-color-text - Text colour.
 * @cssproperty --interview-color-muted - Headers, marks, times and notes.
 * @cssproperty --interview-color-surface - Background.
 * @cssproperty --interview-color-border - Row separators and the hidden mark.
 * @cssproperty --interview-color-accent - Focus rings.
 * @cssproperty --interview-color-success - Passed tests.
 * @cssproperty --interview-color-danger - Failed tests and errors.
 * @cssproperty --interview-radius - Corner radius of the hidden mark.
 * @cssproperty --interview-space - Spacing between parts.
 *
 * @attr theme - `light`, `dark` or `auto` (the reader's preference); without it the element follows the inherited `color-scheme`.
 */
export class InterviewTests extends LitElement {
  /** The element's shadow styles; theme it through its CSS custom properties and parts instead. */
  static override styles = testsStyles;

  /** The interview session; provided by `<interview-room>` through context when not set. */
  @property({ attribute: false })
  session: InterviewSession | undefined;

  /** The collaboration session whose document holds the run records; default `collabOf(session)`. */
  @property({ attribute: false })
  collab: CollabSession | undefined;

  /**
   * The host page's strings: any subset of {@link TestsStrings}, over the table of the element's
   * language (its `lang` attribute, else the nearest ancestor's or the document's).
   */
  @property({ attribute: false })
  strings: PartialStrings<TestsStrings> = {};

  readonly #locale = new LocaleController(this, TESTS_LOCALES, { strings: () => this.strings });

  @state() private testsState: TestsState = INITIAL_TESTS_STATE;

  readonly #tests = new TestsModel();

  constructor() {
    super();
    this.#tests.state.subscribe((next) => (this.testsState = next));
    new SessionController(this, { bind: (session, cleanup) => cleanup.add(this.#tests.attach(session)) });
    new CollabController(this, {
      collab: () => (this.session ? (this.collab ?? collabOf(this.session)) : undefined),
      bind: (collab, cleanup) => cleanup.add(this.#tests.follow(collab.doc)),
    });
  }

  /** The model behind the element. */
  get model(): TestsModel {
    return this.#tests;
  }

  protected override render(): TemplateResult {
    const s = this.#strings;
    const { rows, unseenHidden } = this.testsState;
    if (!this.session) return html`<div part="base"><p part="note">${s.noSession}</p></div>`;
    return html`
      <div part="base">
        ${rows.length
          ? html`<table part="table">
              <caption>${s.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">${s.testColumn}</th>
                  <th scope="col">${s.inputColumn}</th>
                  <th scope="col">${s.expectedColumn}</th>
                  <th scope="col">${s.resultColumn}</th>
                  <th scope="col">${s.timeColumn}</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map((row) => this.#renderRow(row))}
              </tbody>
            </table>`
          : unseenHidden
            ? nothing
            : html`<p part="note">${s.noTests}</p>`}
        ${unseenHidden ? html`<p part="note">${s.unseenHidden(unseenHidden)}</p>` : nothing}
      </div>
    `;
  }

  #renderRow(row: TestRow): TemplateResult {
    const s = this.#strings;
    const result = row.result;
    return html`
      <tr part="row" data-index=${row.index} data-hidden=${row.hidden} data-outcome=${result?.outcome ?? 'none'}>
        <th scope="row">${s.test(row.index)}${row.hidden ? html`<span part="hidden-mark">${s.hidden}</span>` : nothing}</th>
        <td><pre part="input">${row.stdin}</pre></td>
        <td><pre part="expected">${row.expected}</pre></td>
        <td>${this.#renderResult(result)}</td>
        <td part="time">${result?.wallMs === undefined ? '' : s.time(result.wallMs)}</td>
      </tr>
    `;
  }

  #renderResult(result: TestResult | undefined): TemplateResult {
    const s = this.#strings;
    if (!result) return html`<span part="result not-run">${s.notRun}</span>`;
    const label =
      result.outcome === 'passed' ? s.passed : result.outcome === 'failed' ? s.failed : s.error(s.verdicts[result.verdict] ?? result.verdict);
    return html`
      <span part="result" title=${s.ranBy(result.byName, this.#locale.format.time(result.at, 'medium'))}>${label}</span>
      ${result.outcome !== 'passed' && result.stdout !== undefined
        ? html`<details part="actual"><summary>${s.actual}</summary><pre>${result.stdout}</pre></details>`
        : nothing}
    `;
  }

  get #strings(): TestsStrings {
    return this.#locale.strings;
  }
}
