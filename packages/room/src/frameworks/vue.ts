/**
 * Vue 3 `GlobalComponents` declarations of `<interview-room>`, so that `vue-tsc` checks its props
 * and event handlers (`@interview-session-end="…"` gets the typed event). Load them once, in any
 * file of the app: `import type {} from '@interview-kit/room/vue';`. Vue must treat the tags as
 * custom elements (`compilerOptions.isCustomElement`), and, with the element defined first (`import
 * '@interview-kit/room/define'`), sets bound properties written in camelCase as properties.
 *
 * @module @interview-kit/room/vue
 */
import type { VueElement } from '@interview-kit/core/vue';
import type { InterviewRoomApi } from './elements.js';

declare module 'vue' {
  interface GlobalComponents {
    'interview-room': VueElement<InterviewRoomApi>;
  }
}
