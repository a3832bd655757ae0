/**
 * Vue 3 `GlobalComponents` declarations of `<interview-feedback>`, `<interview-notes>` and `<interview-chat>`, so that
 * `vue-tsc` checks their props and event handlers (`@interview-feedback-submit="…"` gets the typed
 * event). Load them once, in any file of the app: `import type {} from
 * '@interview-kit/feedback/vue';`. Vue must treat the tags as custom elements
 * (`compilerOptions.isCustomElement`), and, with the element defined first (`import
 * '@interview-kit/feedback/define'`), sets bound properties written in camelCase as properties.
 *
 * @module @interview-kit/feedback/vue
 */
import type { VueElement } from '@interview-kit/core/vue';
import type { InterviewChatApi, InterviewFeedbackApi, InterviewNotesApi } from './elements.js';

declare module 'vue' {
  interface GlobalComponents {
    'interview-feedback': VueElement<InterviewFeedbackApi>;
    'interview-notes': VueElement<InterviewNotesApi>;
    'interview-chat': VueElement<InterviewChatApi>;
  }
}
