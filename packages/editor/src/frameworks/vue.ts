/**
 * Vue 3 `GlobalComponents` declarations of `<interview-editor>`, so that `vue-tsc` checks its props
 * and event handlers (`@interview-language-change="…"` gets the typed event). Load them once, in
 * any file of the app: `import type {} from '@interview-kit/editor/vue';`. Vue must treat the tags
 * as custom elements (`compilerOptions.isCustomElement`), and, with the element defined first
 * (`import '@interview-kit/editor/define'`), sets bound properties written in camelCase as
 * properties.
 *
 * @module @interview-kit/editor/vue
 */
import type { VueElement } from '@interview-kit/core/vue';
import type { InterviewEditorApi } from './elements.js';

declare module 'vue' {
  interface GlobalComponents {
    'interview-editor': VueElement<InterviewEditorApi>;
  }
}
