import { InterviewChat } from './chat.component.js';

export { InterviewChat };

if (!customElements.get('interview-chat')) customElements.define('interview-chat', InterviewChat);

declare global {
  interface HTMLElementTagNameMap {
    'interview-chat': InterviewChat;
  }
}
