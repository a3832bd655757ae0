import { InterviewVideo } from './video.component.js';

export { InterviewVideo };

if (!customElements.get('interview-video')) customElements.define('interview-video', InterviewVideo);

declare global {
  interface HTMLElementTagNameMap {
    'interview-video': InterviewVideo;
  }
}
