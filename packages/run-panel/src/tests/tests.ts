import { InterviewTests } from './tests.component.js';

export { InterviewTests };

if (!customElements.get('interview-tests')) customElements.define('interview-tests', InterviewTests);

declare global {
  interface HTMLElementTagNameMap {
    'interview-tests': InterviewTests;
  }
}
