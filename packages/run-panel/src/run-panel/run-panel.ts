import { InterviewRunPanel } from './run-panel.component.js';

export { InterviewRunPanel };

if (!customElements.get('interview-run-panel')) customElements.define('interview-run-panel', InterviewRunPanel);

declare global {
  interface HTMLElementTagNameMap {
    'interview-run-panel': InterviewRunPanel;
  }
}
