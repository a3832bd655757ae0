import { InterviewEditor } from './editor.component.js';

export { InterviewEditor };

if (!customElements.get('interview-editor')) customElements.define('interview-editor', InterviewEditor);

declare global {
  interface HTMLElementTagNameMap {
    'interview-editor': InterviewEditor;
  }
}
