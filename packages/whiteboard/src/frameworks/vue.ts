/**
 * Vue 3 `GlobalComponents` declarations of `<interview-whiteboard>`, so that `vue-tsc` checks its props.
 * Load them once, in any file of the app: `import type {} from '@interview-kit/whiteboard/vue';`. Vue must treat the tags
 * as custom elements (`compilerOptions.isCustomElement`), and, with the element defined first
 * (`import '@interview-kit/whiteboard/define'`), sets bound properties written in camelCase as
 * properties.
 *
 * @module @interview-kit/whiteboard/vue
 */
import type { VueElement } from '@interview-kit/core/vue';
import type { InterviewWhiteboardApi } from './elements.js';

declare module 'vue' {
  interface GlobalComponents {
    'interview-whiteboard': VueElement<InterviewWhiteboardApi>;
  }
}
