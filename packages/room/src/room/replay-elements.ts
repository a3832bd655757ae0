// Registers the room's own Replay parts: the recording with its timeline, captions and transcript,
// and the interviewers' Assistant tool.
import { InterviewAssistantDraft } from './assistant-draft.component.js';
import { InterviewReplayMedia } from './replay-media.component.js';

export { InterviewAssistantDraft, InterviewReplayMedia };

if (!customElements.get('interview-replay-media')) customElements.define('interview-replay-media', InterviewReplayMedia);
if (!customElements.get('interview-assistant-draft')) customElements.define('interview-assistant-draft', InterviewAssistantDraft);

declare global {
  interface HTMLElementTagNameMap {
    'interview-replay-media': InterviewReplayMedia;
    'interview-assistant-draft': InterviewAssistantDraft;
  }
}
