import { InterviewWhiteboard } from './whiteboard.component.js';

export { InterviewWhiteboard };

if (!customElements.get('interview-whiteboard')) customElements.define('interview-whiteboard', InterviewWhiteboard);

declare global {
  interface HTMLElementTagNameMap {
    'interview-whiteboard': InterviewWhiteboard;
  }
}
