/**
 * JSX declarations of `<interview-feedback>`, `<interview-notes>` and `<interview-chat>` for React 19 TSX: typed
 * properties, attributes and listener props (`on` + the event name, e.g. `oninterview-feedback-
 * submit`). Load them once, in any file of the app: `import type {} from
 * '@interview-kit/feedback/react';`. The element must be defined (`import
 * '@interview-kit/feedback/define'`) before React renders it, so that React sets properties.
 *
 * @module @interview-kit/feedback/react
 */
import type { ReactProps } from '@interview-kit/core/react';
import type { InterviewChatApi, InterviewFeedbackApi, InterviewNotesApi } from './elements.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'interview-feedback': ReactProps<InterviewFeedbackApi>;
      'interview-notes': ReactProps<InterviewNotesApi>;
      'interview-chat': ReactProps<InterviewChatApi>;
    }
  }
}
