import { InterviewFeedback } from './feedback.component.js';

export { InterviewFeedback };

if (!customElements.get('interview-feedback')) customElements.define('interview-feedback', InterviewFeedback);

declare global {
  interface HTMLElementTagNameMap {
    'interview-feedback': InterviewFeedback;
  }
}
