import { InterviewNotes } from './notes.component.js';

export { InterviewNotes };

if (!customElements.get('interview-notes')) customElements.define('interview-notes', InterviewNotes);

declare global {
  interface HTMLElementTagNameMap {
    'interview-notes': InterviewNotes;
  }
}
