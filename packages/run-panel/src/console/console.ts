import { InterviewConsole } from './console.component.js';

export { InterviewConsole };

if (!customElements.get('interview-console')) customElements.define('interview-console', InterviewConsole);

declare global {
  interface HTMLElementTagNameMap {
    'interview-console': InterviewConsole;
  }
}
