import { InterviewRoom } from './room.component.js';

export { InterviewRoom };

if (!customElements.get('interview-room')) customElements.define('interview-room', InterviewRoom);

declare global {
  interface HTMLElementTagNameMap {
    'interview-room': InterviewRoom;
  }
}
