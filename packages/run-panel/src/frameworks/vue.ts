/**
 * Vue 3 `GlobalComponents` declarations of `<interview-run-panel>` and `<interview-tests>`, so that
 * `vue-tsc` checks their props and event handlers (`@interview-run-complete="…"` gets the typed
 * event). Load them once, in any file of the app: `import type {} from '@interview-kit/run-
 * panel/vue';`. Vue must treat the tags as custom elements (`compilerOptions.isCustomElement`),
 * and, with the element defined first (`import '@interview-kit/run-panel/define'`), sets bound
 * properties written in camelCase as properties.
 *
 * @module @interview-kit/run-panel/vue
 */
import type { VueElement } from '@interview-kit/core/vue';
import type { InterviewRunPanelApi, InterviewTestsApi } from './elements.js';

declare module 'vue' {
  interface GlobalComponents {
    'interview-run-panel': VueElement<InterviewRunPanelApi>;
    'interview-tests': VueElement<InterviewTestsApi>;
  }
}
